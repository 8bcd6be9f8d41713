package sabre.apps.report;

import sabre.nn.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A bar chart of how many values fall into each of {@code bins} equal-width bins between 0 and the largest value,
 * written as PNG (e.g. sensitive pixels per image).
 *
 * <pre>{@code new Histogram("points per image", "pixels", "images", counts, 30).write(Path.of("hist.png"));}</pre>
 */
public final class Histogram {
    private static final int W = 720;
    private static final int H = 420;
    private static final int PAD = 60;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int[] values;
    private final int bins;

    public Histogram(String title, String xLabel, String yLabel, int[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("histogram: bins must be positive, found " + bins);
        }
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.values = values.clone();
        this.bins = bins;
    }

    /** The count per bin; bin k holds values in {@code [k·w, (k+1)·w)} with {@code w = ⌈(max + 1)/bins⌉}. */
    public int[] counts() {
        int[] c = new int[bins];
        int w = binWidth();
        for (int v : values) {
            c[Math.min(bins - 1, Math.max(0, v) / w)]++;
        }
        return c;
    }

    private int binWidth() {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return Math.max(1, (max + bins) / bins);
    }

    public void write(Path file) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        int[] c = counts();
        int top = 1;
        for (int v : c) {
            top = Math.max(top, v);
        }
        int plotW = W - 2 * PAD;
        int plotH = H - 2 * PAD;
        g.setColor(new Color(70, 110, 180));
        for (int k = 0; k < bins; k++) {
            int x0 = PAD + k * plotW / bins;
            int x1 = PAD + (k + 1) * plotW / bins;
            int h = (int) Math.round((double) c[k] * plotH / top);
            g.fillRect(x0 + 1, H - PAD - h, Math.max(1, x1 - x0 - 2), h);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(PAD, H - PAD, W - PAD, H - PAD);
        g.drawLine(PAD, PAD, PAD, H - PAD);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("0", PAD - 4, H - PAD + 16);
        g.drawString(Integer.toString(binWidth() * bins), W - PAD - 20, H - PAD + 16);
        g.drawString(Integer.toString(top), 8, PAD + 4);
        g.drawString(xLabel, W / 2 - 30, H - 18);
        g.drawString(yLabel, 8, PAD - 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(String.format(Locale.ROOT, "%s (n = %d)", title, values.length), PAD, 30);
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
