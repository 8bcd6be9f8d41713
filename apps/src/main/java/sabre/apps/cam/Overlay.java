package sabre.apps.cam;

import sabre.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws a heatmap over an image as PNG: the image in gray (or colour), blended with a blue→red "jet" colour map
 * of the heatmap, next to the original.
 *
 * <pre>{@code Overlay.write(image, heat, 4, Path.of("cam_0.png"));}</pre>
 */
public final class Overlay {
    private Overlay() {
    }

    /** Writes original | overlay side by side, each pixel scaled up {@code zoom} times. */
    public static void write(Tensor chw, Tensor heat, int zoom, Path file) throws IOException {
        ImageIO.write(render(chw, heat, zoom), "png", file.toFile());
    }

    /** Original | overlay side by side, each pixel scaled up {@code zoom} times. */
    public static BufferedImage render(Tensor chw, Tensor heat, int zoom) {
        int c = chw.shape(0);
        int h = chw.shape(1);
        int w = chw.shape(2);
        float[] px = chw.toFloatArray();
        float[] hm = heat.toFloatArray();
        BufferedImage img = new BufferedImage(2 * w * zoom + zoom, h * zoom, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    rgb[k] = channel(px[(c == 3 ? k : 0) * h * w + y * w + x]);
                }
                int[] jet = jet(hm[y * w + x]);
                int[] mix = new int[3];
                for (int k = 0; k < 3; k++) {
                    mix[k] = (int) (0.5 * rgb[k] + 0.5 * jet[k]);
                }
                fill(img, x * zoom, y * zoom, zoom, rgb);
                fill(img, (w + 1 + x) * zoom, y * zoom, zoom, mix);
            }
        }
        return img;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    /** The jet colour map: 0 → dark blue, 0.5 → green, 1 → dark red. */
    static int[] jet(float v) {
        float t = Math.max(0, Math.min(1, v));
        float r = Math.max(0, Math.min(1, 1.5f - Math.abs(4 * t - 3)));
        float g = Math.max(0, Math.min(1, 1.5f - Math.abs(4 * t - 2)));
        float b = Math.max(0, Math.min(1, 1.5f - Math.abs(4 * t - 1)));
        return new int[] {channel(r), channel(g), channel(b)};
    }

    private static void fill(BufferedImage img, int x0, int y0, int zoom, int[] rgb) {
        int value = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
        for (int dy = 0; dy < zoom; dy++) {
            for (int dx = 0; dx < zoom; dx++) {
                img.setRGB(x0 + dx, y0 + dy, value);
            }
        }
    }
}
