package sabre.apps.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The drawing set-up every PNG figure shares: a white RGB image, one font family (DejaVu Sans, which {@code .ci/run}
 * installs; Java2D falls back to its logical font without it) and fixed text rendering hints, so that a test can draw
 * an expected caption the same way and compare pixels.
 *
 * <pre>{@code BufferedImage img = Canvas.blank(640, 400); Graphics2D g = Canvas.graphics(img);}</pre>
 */
public final class Canvas {
    /** The font family of every figure. */
    public static final String FAMILY = "DejaVu Sans";

    private Canvas() {
    }

    /** A white image of {@code width} × {@code height} pixels. */
    public static BufferedImage blank(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** A graphics context on {@code img} with the figures' rendering hints, black, in the plain 12-point font. */
    public static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setColor(Color.BLACK);
        g.setFont(font(Font.PLAIN, 12));
        return g;
    }

    /** The figures' font in {@code style} ({@link Font#PLAIN}, {@link Font#BOLD}) and {@code size} points. */
    public static Font font(int style, int size) {
        return new Font(FAMILY, style, size);
    }

    /** The metrics of {@code font} under the figures' hints, to size a figure before drawing it. */
    public static FontMetrics metrics(Font font) {
        Graphics2D g = graphics(blank(1, 1));
        FontMetrics m = g.getFontMetrics(font);
        g.dispose();
        return m;
    }

    /** {@code text}, cut at the end with "…" where it is wider than {@code maxWidth} pixels in {@code metrics}. */
    public static String fit(String text, FontMetrics metrics, int maxWidth) {
        if (metrics.stringWidth(text) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "…";
    }

    /** Draws {@code text} centred on {@code centreX} with its baseline at {@code baseline}. */
    public static void centred(Graphics2D g, String text, int centreX, int baseline) {
        g.drawString(text, centreX - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }
}
