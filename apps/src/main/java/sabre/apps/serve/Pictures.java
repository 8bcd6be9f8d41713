package sabre.apps.serve;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * PNG bytes for the pages and the database: CHW unsigned bytes (grey or RGB) or a rendered image encoded in memory,
 * and {@code data:} URIs to show them inline.
 *
 * <pre>{@code String src = Pictures.dataUri(Pictures.png(chw, 1, 28, 28));}</pre>
 */
public final class Pictures {
    private Pictures() {
    }

    /** {@code channels}×{@code height}×{@code width} unsigned bytes (1 = grey, 3 = RGB) as PNG. */
    public static byte[] png(byte[] chw, int channels, int height, int width) {
        int plane = height * width;
        if (chw.length != channels * plane || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("pictures: " + chw.length + " bytes for " + channels + "×" + height
                    + "×" + width);
        }
        BufferedImage img = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < plane; i++) {
            int x = i % width;
            int y = i / width;
            if (channels == 1) {
                img.getRaster().setSample(x, y, 0, chw[i] & 0xFF);
            } else {
                int r = chw[i] & 0xFF;
                int g = chw[plane + i] & 0xFF;
                int b = chw[2 * plane + i] & 0xFF;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return png(img);
    }

    /** {@code img} as PNG. */
    public static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("pictures: PNG encoding failed in memory", e);
        }
        return out.toByteArray();
    }

    /** A {@code data:image/png;base64,…} URI of {@code png}. */
    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
