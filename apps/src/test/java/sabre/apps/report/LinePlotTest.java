package sabre.apps.report;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Font;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training curves: whole-epoch ticks, a legend clear of the lines, console-formatted values, the title. */
class LinePlotTest {
    private static final double[] EPOCHS = {1, 2, 3, 4};

    @Test
    void epochTicksAreWholeNumbersAtANiceStep() {
        assertArrayEquals(new double[] {1}, Ticks.whole(0.5, 1.5, 8));
        assertArrayEquals(new double[] {1, 2, 3, 4}, Ticks.whole(0.91, 4.09, 8));
        assertArrayEquals(new double[] {5, 10, 15, 20, 25, 30}, Ticks.whole(0.13, 30.87, 8));
        assertArrayEquals(new double[] {20, 40, 60, 80, 100}, Ticks.whole(0.5, 100.5, 8)); // step 10 gives 10 ticks
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, Ticks.whole(1, 12, 8));
        double[] fine = Ticks.nice(0.4, 0.85, 8); // 0.05 would give 10 ticks, so 0.1
        assertEquals(5, fine.length);
        for (int i = 0; i < fine.length; i++) {
            assertEquals(0.4 + 0.1 * i, fine[i], 1e-12);
        }
        assertEquals(2, Ticks.decimals(0.05));
        assertEquals(1, Ticks.decimals(0.5));
        assertEquals(0, Ticks.decimals(20));
        assertThrows(IllegalArgumentException.class, () -> Ticks.whole(2, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> Ticks.nice(0, Double.NaN, 8));
    }

    @Test
    void epochAxisIsLabelledAtWholeEpochsOnly() {
        LinePlot plot = new LinePlot("loss", "epoch", "loss").wholeX()
                .series("train", EPOCHS, new double[] {1.2, 0.7, 0.55, 0.47});
        BufferedImage img = plot.render();
        LinePlot.Layout l = plot.layout();
        Rectangle below = new Rectangle(l.plot().x - 20, l.plot().y + l.plot().height + 2, l.plot().width + 40, 22);
        Font font = Canvas.font(Font.PLAIN, 12);
        for (int e = 1; e <= 4; e++) {
            Point at = Ink.find(img, below, Integer.toString(e), font, Color.BLACK);
            assertNotNull(at, "no tick label " + e);
            assertEquals(l.px(e), at.x + 3.5, 5, "tick label " + e + " not under epoch " + e);
        }
        assertNull(Ink.find(img, below, "1.5", font, Color.BLACK), "a tick between two epochs");
        assertNull(Ink.find(img, below, "2.5", font, Color.BLACK), "a tick between two epochs");
    }

    @Test
    void legendGoesToACornerNoLineCrosses() {
        double[] falling = {1.2, 0.7, 0.55, 0.47};
        double[] rising = {0.41, 0.64, 0.72, 0.75};
        for (double[] y : new double[][] {falling, rising}) {
            LinePlot plot = new LinePlot("t", "epoch", "y").wholeX().series("train", EPOCHS, y)
                    .series("test", EPOCHS, y.clone());
            LinePlot.Layout l = plot.layout();
            assertFalse(l.legendOutside(), "a free corner exists");
            assertTrue(l.plot().contains(l.legend()), "the legend lies inside the plot");
            assertClear(l, y);
        }
    }

    @Test
    void legendGoesOutsideWhenEveryCornerIsCrossed() {
        // an X: the rising line crosses two corners, the falling one the other two
        LinePlot plot = new LinePlot("t", "epoch", "y").wholeX().series("up", EPOCHS, new double[] {0, 1, 2, 3})
                .series("down", EPOCHS, new double[] {3, 2, 1, 0});
        LinePlot.Layout l = plot.layout();
        assertTrue(l.legendOutside());
        assertFalse(l.legend().intersects(l.plot()), "the legend overlaps the plot");
        assertTrue(l.legend().x + l.legend().width <= plot.render().getWidth(), "the legend is cut off");
    }

    @Test
    void percentagesPrintAsTheConsolePrintsThem() {
        LinePlot plot = new LinePlot("accuracy: resnet20 on fashion-mnist-subset", "epoch", "accuracy").wholeX()
                .percent().series("train", EPOCHS, new double[] {0.55, 0.73, 0.8, 0.83})
                .series("test", EPOCHS, new double[] {0.68, 0.76, 0.78, 0.8123});
        BufferedImage img = plot.render();
        Font font = Canvas.font(Font.PLAIN, 12);
        // the console: "test loss 0.5952 acc 81.23%"
        assertNotNull(Ink.find(img, "test (last: 81.23%)", font, Color.BLACK), "legend value as the console prints");
        assertNotNull(Ink.find(img, "train (last: 83.00%)", font, Color.BLACK));
        LinePlot.Layout l = plot.layout();
        Rectangle left = new Rectangle(0, l.plot().y - 10, l.plot().x, l.plot().height + 20);
        assertNotNull(Ink.find(img, left, "80%", font, Color.BLACK), "y ticks as percentages");
        assertNull(Ink.find(img, left, "0.8", font, Color.BLACK), "y ticks as fractions");
        BufferedImage loss = new LinePlot("loss", "epoch", "loss").series("test", EPOCHS,
                new double[] {1, 0.8, 0.7, 0.59521}).render();
        assertNotNull(Ink.find(loss, "test (last: 0.5952)", font, Color.BLACK), "loss as the console prints it");
    }

    @Test
    void titleNamesModelAndData() {
        String title = "accuracy: resnet20 on fashion-mnist-subset";
        BufferedImage img = new LinePlot(title, "epoch", "accuracy").series("train", EPOCHS, EPOCHS).render();
        Point at = Ink.find(img, new Rectangle(0, 0, img.getWidth(), 40), title, Canvas.font(Font.BOLD, 15),
                Color.BLACK);
        assertNotNull(at, "title not drawn");
        assertNull(Ink.find(img, new Rectangle(0, 0, img.getWidth(), 40), "accuracy: resnet20 on cifar10",
                Canvas.font(Font.BOLD, 15), Color.BLACK), "the search finds text that is not there");
    }

    /** Samples every segment each pixel; none may come within 3 pixels of the legend box. */
    private static void assertClear(LinePlot.Layout l, double[] y) {
        Rectangle grown = new Rectangle(l.legend().x - 3, l.legend().y - 3, l.legend().width + 6,
                l.legend().height + 6);
        for (int i = 1; i < EPOCHS.length; i++) {
            for (int k = 0; k <= 200; k++) {
                double t = k / 200.0;
                double px = l.px(EPOCHS[i - 1] + t * (EPOCHS[i] - EPOCHS[i - 1]));
                double py = l.py(y[i - 1] + t * (y[i] - y[i - 1]));
                assertFalse(grown.contains(px, py), "the line crosses the legend at (" + px + ", " + py + ")");
            }
        }
    }
}
