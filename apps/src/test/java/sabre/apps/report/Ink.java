package sabre.apps.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * Finds drawn text in a figure: the expected text is rendered on its own (same font, colour and hints as the figures,
 * see {@link Canvas}), cropped to its ink, and searched pixel for pixel in the figure. A figure that draws other text,
 * another font or a clipped caption does not match.
 */
public final class Ink {
    private static final int WHITE = 0xFFFFFF;

    private Ink() {
    }

    /** The top-left of the first place in {@code region} of {@code img} where {@code text} is drawn, or null. */
    public static Point find(BufferedImage img, Rectangle region, String text, Font font, Color color) {
        BufferedImage want = crop(rendered(text, font, color));
        Rectangle r = region.intersection(new Rectangle(0, 0, img.getWidth(), img.getHeight()));
        for (int y = r.y; y + want.getHeight() <= r.y + r.height; y++) {
            for (int x = r.x; x + want.getWidth() <= r.x + r.width; x++) {
                if (matches(img, x, y, want)) {
                    return new Point(x, y);
                }
            }
        }
        return null;
    }

    /** Like {@link #find(BufferedImage, Rectangle, String, Font, Color)} over the whole image. */
    public static Point find(BufferedImage img, String text, Font font, Color color) {
        return find(img, new Rectangle(0, 0, img.getWidth(), img.getHeight()), text, font, color);
    }

    private static BufferedImage rendered(String text, Font font, Color color) {
        BufferedImage img = Canvas.blank(40 + 2 * text.length() * font.getSize(), 4 * font.getSize());
        Graphics2D g = Canvas.graphics(img);
        g.setFont(font);
        g.setColor(color);
        g.drawString(text, 20, 2 * font.getSize());
        g.dispose();
        return img;
    }

    /** The smallest sub-image holding every non-white pixel. */
    static BufferedImage crop(BufferedImage img) {
        int x0 = img.getWidth();
        int y0 = img.getHeight();
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & WHITE) != WHITE) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            throw new IllegalStateException("no ink: the text rendered as nothing (no font installed?)");
        }
        return img.getSubimage(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    private static boolean matches(BufferedImage img, int x0, int y0, BufferedImage want) {
        for (int y = 0; y < want.getHeight(); y++) {
            for (int x = 0; x < want.getWidth(); x++) {
                if ((img.getRGB(x0 + x, y0 + y) & WHITE) != (want.getRGB(x, y) & WHITE)) {
                    return false;
                }
            }
        }
        return true;
    }
}
