package sabre.apps.cam;

import sabre.apps.report.Canvas;
import sabre.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The picture {@code sabre cam} writes per image: caption lines (the explained class with its score, the true class)
 * above the {@link Overlay} (input | heatmap blended over it), and a colour bar with its scale: 0 at the bottom, 1 at
 * the top, where 1 is the image's own largest Grad-CAM value (each map is scaled to its maximum).
 *
 * <pre>{@code CamFigure.write(image, heat, 6, List.of("predicted: Sneaker (97.21%)", "true: Sneaker"), file);}</pre>
 */
public final class CamFigure {
    private static final int MARGIN = 10;
    private static final int LINE = 17;
    private static final int BAR_GAP = 12;
    private static final int BAR_WIDTH = 14;
    private static final double[] BAR_TICKS = {0, 0.25, 0.5, 0.75, 1};
    private static final String[] NOTES = {"heatmap: Grad-CAM of the predicted class, scaled to",
            "this image's maximum (1); blended 50 % over the input"};

    /** Where the parts lie: the caption band, the overlay, the colour bar. */
    record Layout(Rectangle captions, Rectangle overlay, Rectangle bar) {
    }

    private CamFigure() {
    }

    /** The figure of a [C, H, W] image in [0, 1] and its [H, W] heatmap in [0, 1], pixels {@code zoom} times. */
    public static BufferedImage render(Tensor chw, Tensor heat, int zoom, List<String> captions) {
        BufferedImage overlay = Overlay.render(chw, heat, zoom);
        Layout l = layout(overlay, captions.size());
        FontMetrics plain = Canvas.metrics(Canvas.font(Font.PLAIN, 11));
        FontMetrics bold = Canvas.metrics(Canvas.font(Font.BOLD, 13));
        int width = l.bar().x + l.bar().width + 6 + plain.stringWidth("0.75") + MARGIN;
        FontMetrics caption = Canvas.metrics(Canvas.font(Font.PLAIN, 12));
        for (int k = 0; k < captions.size(); k++) {
            width = Math.max(width, 2 * MARGIN + (k == 0 ? bold : caption).stringWidth(captions.get(k)));
        }
        for (String note : NOTES) {
            width = Math.max(width, 2 * MARGIN + plain.stringWidth(note));
        }
        int height = l.overlay().y + l.overlay().height + 6 + LINE + NOTES.length * 14 + MARGIN;

        BufferedImage img = Canvas.blank(width, height);
        Graphics2D g = Canvas.graphics(img);
        for (int k = 0; k < captions.size(); k++) {
            g.setFont(k == 0 ? Canvas.font(Font.BOLD, 13) : Canvas.font(Font.PLAIN, 12));
            g.drawString(captions.get(k), MARGIN, l.captions().y + (k + 1) * LINE - 4);
        }
        g.drawImage(overlay, l.overlay().x, l.overlay().y, null);
        drawBar(img, l.bar());
        g.setFont(Canvas.font(Font.PLAIN, 11));
        g.setColor(Color.BLACK);
        Rectangle b = l.bar();
        g.drawRect(b.x - 1, b.y - 1, b.width + 1, b.height + 1);
        for (double t : BAR_TICKS) {
            int y = b.y + b.height - 1 - (int) Math.round(t * (b.height - 1));
            g.drawLine(b.x + b.width, y, b.x + b.width + 3, y);
            g.drawString(String.format(Locale.ROOT, t == 0 || t == 1 ? "%.0f" : "%s", t), b.x + b.width + 6,
                    y + g.getFontMetrics().getAscent() / 2 - 1);
        }
        int below = l.overlay().y + l.overlay().height + LINE;
        int panel = (overlay.getWidth() - zoom) / 2;
        Canvas.centred(g, "input", l.overlay().x + panel / 2, below);
        Canvas.centred(g, "Grad-CAM", l.overlay().x + overlay.getWidth() - panel / 2, below);
        g.setColor(new Color(90, 90, 90));
        for (int k = 0; k < NOTES.length; k++) {
            g.drawString(NOTES[k], MARGIN, below + 6 + (k + 1) * 14);
        }
        g.dispose();
        return img;
    }

    /** Renders and writes the figure as PNG. */
    public static void write(Tensor chw, Tensor heat, int zoom, List<String> captions, Path file) throws IOException {
        ImageIO.write(render(chw, heat, zoom, captions), "png", file.toFile());
    }

    static Layout layout(BufferedImage overlay, int captionLines) {
        Rectangle captions = new Rectangle(MARGIN, MARGIN, 0, captionLines * LINE);
        Rectangle panels = new Rectangle(MARGIN, captions.y + captions.height + 6, overlay.getWidth(),
                overlay.getHeight());
        Rectangle bar = new Rectangle(panels.x + panels.width + BAR_GAP, panels.y, BAR_WIDTH, panels.height);
        return new Layout(captions, panels, bar);
    }

    /** The colour map from 0 (bottom row) to 1 (top row), each row one colour. */
    private static void drawBar(BufferedImage img, Rectangle b) {
        for (int y = 0; y < b.height; y++) {
            int[] c = Overlay.jet((float) (b.height - 1 - y) / Math.max(1, b.height - 1));
            for (int x = 0; x < b.width; x++) {
                img.setRGB(b.x + x, b.y + y, (c[0] << 16) | (c[1] << 8) | c[2]);
            }
        }
    }
}
