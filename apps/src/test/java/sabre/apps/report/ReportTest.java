package sabre.apps.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics files, the confusion matrix arithmetic and the PNG charts. */
class ReportTest {
    @Test
    void confusionMatrixCountsAccuracyAndRecall(@TempDir Path tmp) throws Exception {
        ConfusionMatrix cm = new ConfusionMatrix(List.of("a", "b", "c"));
        int[][] pairs = {{0, 0}, {0, 1}, {1, 1}, {1, 1}, {2, 0}};
        for (int[] p : pairs) {
            cm.add(p[0], p[1]);
        }
        assertEquals(3.0 / 5, cm.accuracy(), 1e-15);
        double[] recall = cm.perClassAccuracy();
        assertEquals(0.5, recall[0], 1e-15);
        assertEquals(1.0, recall[1], 1e-15);
        assertEquals(0.0, recall[2], 1e-15);
        cm.writeCsv(tmp.resolve("cm.csv"));
        assertEquals(List.of("true\\predicted,a,b,c", "a,1,1,0", "b,0,2,0", "c,1,0,0"),
                Files.readAllLines(tmp.resolve("cm.csv")));
        cm.writePng(tmp.resolve("cm.png"));
        assertTrue(ImageIO.read(tmp.resolve("cm.png").toFile()).getWidth() > 100);
        assertThrows(IllegalArgumentException.class, () -> cm.add(3, 0));
    }

    @Test
    void metricsRoundTripThroughJsonAndCsv(@TempDir Path tmp) throws Exception {
        MetricsLog log = new MetricsLog();
        for (int e = 1; e <= 3; e++) {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("epoch", (double) e);
            row.put("loss", 1.0 / e);
            log.add(row);
        }
        log.write(tmp);
        assertEquals("epoch,loss", Files.readAllLines(tmp.resolve("metrics.csv")).get(0));
        assertEquals("2,0.500000", Files.readAllLines(tmp.resolve("metrics.csv")).get(2));
        MetricsLog back = MetricsLog.read(tmp.resolve("metrics.json"));
        assertArrayEquals(log.column("loss"), back.column("loss"), 0);
        assertThrows(IllegalArgumentException.class, () -> log.add(Map.of("epoch", 4.0)));
    }

    @Test
    void linePlotDrawsEachSeriesInItsColour() {
        LinePlot plot = new LinePlot("t", "x", "y").series("up", new double[] {0, 1, 2}, new double[] {0, 1, 2})
                .series("down", new double[] {0, 1, 2}, new double[] {2, 1, 0});
        BufferedImage img = plot.render();
        LinePlot.Layout l = plot.layout();
        Rectangle p = l.plot();
        // x and y are padded by a few per cent: the data corners lie just inside the plot's corners
        assertTrue(l.px(0) > p.x && l.px(0) < p.x + 0.05 * p.width && l.px(2) < p.x + p.width
                && l.px(2) > p.x + 0.95 * p.width, "x = 0..2 does not span the plot");
        assertTrue(l.py(0) < p.y + p.height && l.py(0) > p.y + 0.9 * p.height && l.py(2) > p.y
                && l.py(2) < p.y + 0.1 * p.height, "y = 0..2 does not span the plot");
        int blue = new java.awt.Color(31, 119, 180).getRGB();
        int orange = new java.awt.Color(255, 127, 14).getRGB();
        assertTrue(near(img, (int) l.px(0), (int) l.py(0), blue) && near(img, (int) l.px(2), (int) l.py(2), blue),
                "rising series not at its corners");
        assertTrue(near(img, (int) l.px(0), (int) l.py(2), orange) && near(img, (int) l.px(2), (int) l.py(0), orange),
                "falling series not at its corners");
        assertNotEquals(blue, orange);
        assertThrows(IllegalArgumentException.class, () -> new LinePlot("t", "x", "y").series("bad", new double[1],
                new double[2]));
    }

    /** True when a pixel of exactly {@code rgb} lies within 4 px of (x, y). */
    private static boolean near(BufferedImage img, int x, int y, int rgb) {
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                int px = x + dx;
                int py = y + dy;
                if (px >= 0 && py >= 0 && px < img.getWidth() && py < img.getHeight() && img.getRGB(px, py) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
