package sabre.apps.report;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) with accuracy, per-class accuracy (recall), and CSV/PNG output.
 *
 * <pre>{@code ConfusionMatrix cm = new ConfusionMatrix(names); cm.add(label, predicted); cm.writeCsv(file);}</pre>
 */
public final class ConfusionMatrix {
    private final List<String> classes;
    private final long[][] counts;

    public ConfusionMatrix(List<String> classes) {
        this.classes = List.copyOf(classes);
        this.counts = new long[classes.size()][classes.size()];
    }

    /** Records one prediction. */
    public void add(int truth, int predicted) {
        if (truth < 0 || truth >= counts.length || predicted < 0 || predicted >= counts.length) {
            throw new IllegalArgumentException("confusion matrix: class " + truth + " / " + predicted + " outside [0, "
                    + counts.length + ")");
        }
        counts[truth][predicted]++;
    }

    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** Fraction of correct predictions. */
    public double accuracy() {
        long right = 0;
        long all = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                all += counts[i][j];
                right += i == j ? counts[i][j] : 0;
            }
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }

    /** Recall of each class: correct / true count (NaN for a class never seen). */
    public double[] perClassAccuracy() {
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            long row = 0;
            for (long c : counts[i]) {
                row += c;
            }
            out[i] = row == 0 ? Double.NaN : (double) counts[i][i] / row;
        }
        return out;
    }

    /** Rows are true classes, columns predictions, with a header of class names. */
    public void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("true\\predicted");
        classes.forEach(c -> sb.append(',').append(c));
        sb.append('\n');
        for (int i = 0; i < counts.length; i++) {
            sb.append(classes.get(i));
            for (long c : counts[i]) {
                sb.append(',').append(c);
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
    }

    /** A heatmap with counts in each cell, rows normalised for the colour. */
    public void writePng(Path file) throws IOException {
        int n = counts.length;
        int cell = Math.max(24, 480 / Math.max(n, 1));
        int margin = 110;
        BufferedImage img = new BufferedImage(margin + n * cell + 10, margin + n * cell + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.min(12, cell / 2)));
        for (int i = 0; i < n; i++) {
            long row = 0;
            for (long c : counts[i]) {
                row += c;
            }
            for (int j = 0; j < n; j++) {
                float share = row == 0 ? 0 : (float) counts[i][j] / row;
                g.setColor(new Color(1 - share, 1 - 0.6f * share, 1f));
                g.fillRect(margin + j * cell, margin + i * cell, cell, cell);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                g.drawString(Long.toString(counts[i][j]), margin + j * cell + 3, margin + i * cell + cell / 2 + 4);
            }
            g.setColor(Color.BLACK);
            g.drawString(shorten(classes.get(i)), 4, margin + i * cell + cell / 2 + 4);
        }
        for (int j = 0; j < n; j++) {
            Graphics2D r = (Graphics2D) g.create();
            r.rotate(-Math.PI / 2, margin + j * cell + cell / 2.0 + 4, margin - 4);
            r.drawString(shorten(classes.get(j)), margin + j * cell + cell / 2 + 4, margin - 4);
            r.dispose();
        }
        g.drawString(String.format(Locale.ROOT, "accuracy %.2f%% (rows: true, columns: predicted)", 100 * accuracy()),
                4, 14);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static String shorten(String s) {
        return s.length() > 14 ? s.substring(0, 13) + "…" : s;
    }
}
