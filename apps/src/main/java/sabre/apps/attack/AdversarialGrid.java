package sabre.apps.attack;

import sabre.attacks.AttackResult;
import sabre.nn.io.AtomicFiles;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A PNG of the first images of an attack: one column per image, rows original / adversarial / mask (white where the
 * perturbation touches any channel), magnified; above each column {@code label → prediction}, red when the attack
 * succeeded.
 *
 * <pre>{@code AdversarialGrid.write(dir.resolve("grid.png"), images, result, classNames, 8, 4);}</pre>
 */
public final class AdversarialGrid {
    private static final int GAP = 4;
    private static final int HEADER = 18;
    private static final int ROW_LABELS = 84;
    private static final String[] ROWS = {"original", "adversarial", "mask"};

    private AdversarialGrid() {
    }

    /**
     * Draws up to {@code columns} images, each pixel {@code zoom} times magnified.
     *
     * @param classNames class names for the captions, or empty for class numbers
     */
    public static BufferedImage render(Tensor originals, AttackResult r, List<String> classNames, int columns,
                                       int zoom) {
        int n = Math.min(columns, r.size());
        Tensor x = originals.narrow(0, 0, n).to(Device.CPU);
        Tensor adv = r.adversarial().narrow(0, 0, n).to(Device.CPU);
        Tensor mask = r.masks().narrow(0, 0, n).to(Device.CPU).amax(new int[] {1}, true);
        int h = x.shape(2);
        int w = x.shape(3);
        int cellW = Math.max(w * zoom, 72);
        BufferedImage img = new BufferedImage(ROW_LABELS + n * (cellW + GAP), HEADER + 3 * (h * zoom + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 11));
        Tensor[] rows = {x, adv, mask};
        for (int row = 0; row < 3; row++) {
            int y0 = HEADER + row * (h * zoom + GAP);
            g.setColor(Color.BLACK);
            g.drawString(ROWS[row], 4, y0 + h * zoom / 2 + 4);
            for (int i = 0; i < n; i++) {
                drawImage(img, rows[row].select(0, i), ROW_LABELS + i * (cellW + GAP), y0, zoom);
            }
        }
        for (int i = 0; i < n; i++) {
            g.setColor(r.success()[i] ? new Color(200, 0, 0) : Color.BLACK);
            String caption = name(classNames, r.labels()[i]) + " \u2192 " + name(classNames, r.predicted()[i]);
            g.drawString(caption, ROW_LABELS + i * (cellW + GAP), HEADER - 5);
        }
        g.dispose();
        return img;
    }

    /** Renders and writes the grid atomically as PNG. */
    public static void write(Path file, Tensor originals, AttackResult r, List<String> classNames, int columns,
                             int zoom) throws IOException {
        BufferedImage img = render(originals, r, classNames, columns, zoom);
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }

    private static String name(List<String> classNames, int c) {
        if (c < 0 || c >= classNames.size()) {
            return Integer.toString(c);
        }
        String s = classNames.get(c);
        return s.length() > 7 ? s.substring(0, 6).strip() + "." : s;
    }

    /** Draws a [C, H, W] image in [0, 1] (gray for one channel, RGB for three) at (x0, y0), magnified by zoom. */
    public static void drawImage(BufferedImage img, Tensor chw, int x0, int y0, int zoom) {
        int c = chw.shape(0);
        int h = chw.shape(1);
        int w = chw.shape(2);
        float[] px = chw.toFloatArray();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int k = 0; k < 3; k++) {
                    float v = px[(c == 3 ? k : 0) * h * w + y * w + x];
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, Math.round(v * 255)));
                }
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        img.setRGB(x0 + x * zoom + dx, y0 + y * zoom + dy, rgb);
                    }
                }
            }
        }
    }
}
