package sabre.apps.cam;

import org.junit.jupiter.api.Test;
import sabre.apps.report.Canvas;
import sabre.apps.report.Ink;
import sabre.tensor.Tensor;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figure of {@code sabre cam}: captions, the overlay, and a colour bar that runs from blue (0) to red (1). */
class CamFigureTest {
    private static final int ZOOM = 5;

    private static BufferedImage figure(List<String> captions) {
        float[] image = new float[8 * 8];
        float[] heat = new float[8 * 8];
        for (int i = 0; i < heat.length; i++) {
            image[i] = (i % 8) / 7f;
            heat[i] = (i / 8) / 7f;
        }
        return CamFigure.render(Tensor.of(image, 1, 8, 8), Tensor.of(heat, 8, 8), ZOOM, captions);
    }

    @Test
    void colourBarRunsMonotonicallyFromBlueAtZeroToRedAtOne() {
        BufferedImage img = figure(List.of("predicted: Sneaker (97.21%)", "true: Sneaker"));
        Rectangle bar = CamFigure.layout(Overlay.render(Tensor.of(new float[64], 1, 8, 8), Tensor.of(new float[64],
                8, 8), ZOOM), 2).bar();
        assertTrue(bar.height >= 8 * ZOOM - 1, "the bar is as tall as the image");
        float previous = Float.POSITIVE_INFINITY;
        for (int y = bar.y + bar.height - 1; y >= bar.y; y--) { // bottom (0) to top (1)
            int rgb = img.getRGB(bar.x + bar.width / 2, y);
            assertEquals(rgb, img.getRGB(bar.x, y), "a bar row is not one colour");
            assertEquals(rgb, img.getRGB(bar.x + bar.width - 1, y), "a bar row is not one colour");
            float hue = hue(rgb);
            assertTrue(hue <= previous + 1e-6f, "hue rises again at row " + y + ": " + hue + " after " + previous);
            previous = hue;
        }
        assertTrue(hue(img.getRGB(bar.x, bar.y + bar.height - 1)) > 0.6f, "the bottom (0) is not blue");
        assertTrue(hue(img.getRGB(bar.x, bar.y)) < 0.05f, "the top (1) is not red");
        Font small = Canvas.font(Font.PLAIN, 11);
        Rectangle right = new Rectangle(bar.x + bar.width, bar.y - 10, 40, bar.height + 20);
        assertNotNull(Ink.find(img, right, "0.5", small, Color.BLACK), "the bar's scale");
        assertNotNull(Ink.find(img, right, "0.75", small, Color.BLACK), "the bar's scale");
    }

    @Test
    void captionsNameTheClassAndScore() {
        BufferedImage img = figure(List.of("predicted: Ankle boot (51.96%)", "true: Sneaker (test image 0)"));
        assertNotNull(Ink.find(img, "predicted: Ankle boot (51.96%)", Canvas.font(Font.BOLD, 13), Color.BLACK));
        assertNotNull(Ink.find(img, "true: Sneaker (test image 0)", Canvas.font(Font.PLAIN, 12), Color.BLACK));
        assertNull(Ink.find(img, "predicted: Sneaker (51.96%)", Canvas.font(Font.BOLD, 13), Color.BLACK));
    }

    @Test
    void overlayIsDrawnUnderTheCaptions() {
        BufferedImage img = figure(List.of("a", "b"));
        Tensor image = Tensor.of(new float[64], 1, 8, 8);
        Rectangle at = CamFigure.layout(Overlay.render(image, Tensor.of(new float[64], 8, 8), ZOOM), 2).overlay();
        float[] px = new float[64];
        float[] heat = new float[64];
        for (int i = 0; i < 64; i++) {
            px[i] = (i % 8) / 7f;
            heat[i] = (i / 8) / 7f;
        }
        BufferedImage expected = Overlay.render(Tensor.of(px, 1, 8, 8), Tensor.of(heat, 8, 8), ZOOM);
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y), img.getRGB(at.x + x, at.y + y), "overlay pixel " + x + "," + y);
            }
        }
    }

    private static float hue(int rgb) {
        return Color.RGBtoHSB((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, null)[0];
    }
}
