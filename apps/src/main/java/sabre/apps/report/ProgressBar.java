package sabre.apps.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for an epoch: {@code epoch 3/30 [=====>    ] 120/469 loss 0.412 acc 86.1% 1830 img/s
 * ETA 0:12}. On a terminal the line is redrawn in place; otherwise (CI logs, pipes) only the final line of each
 * epoch is printed.
 *
 * <pre>{@code ProgressBar bar = new ProgressBar(System.err, "epoch 1/2", batches); bar.update(i, loss, acc, seen);}</pre>
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final String label;
    private final int total;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastDraw;

    public ProgressBar(PrintStream out, String label, int total) {
        this(out, label, total, System.console() != null);
    }

    /** With an explicit choice between in-place redraws and a single final line. */
    public ProgressBar(PrintStream out, String label, int total, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = Math.max(total, 1);
        this.interactive = interactive;
    }

    /** Reports {@code done} of {@code total} steps with running loss, accuracy and images seen. */
    public void update(int done, double loss, double accuracy, long images) {
        update(done, lossAccuracy(loss, accuracy), images);
    }

    /** Reports {@code done} of {@code total} steps with a caller's statistics text (e.g. {@code ASR 93.0%}). */
    public void update(int done, String stats, long images) {
        long now = System.nanoTime();
        if (interactive && (now - lastDraw > 100_000_000L || done == total)) {
            out.print("\r" + line(done, stats, images, now));
            out.flush();
            lastDraw = now;
        }
    }

    /** Ends the epoch's line. */
    public void finish(int done, double loss, double accuracy, long images) {
        finish(done, lossAccuracy(loss, accuracy), images);
    }

    /** Ends the line, with a caller's statistics text. */
    public void finish(int done, String stats, long images) {
        String text = line(done, stats, images, System.nanoTime());
        out.println(interactive ? "\r" + text : text);
    }

    String line(int done, double loss, double accuracy, long images, long now) {
        return line(done, lossAccuracy(loss, accuracy), images, now);
    }

    private static String lossAccuracy(double loss, double accuracy) {
        return "loss " + loss(loss) + " acc " + percent(accuracy);
    }

    /** A loss as the console prints it: {@code 0.4123}. */
    public static String loss(double loss) {
        return String.format(Locale.ROOT, "%.4f", loss);
    }

    /** A rate in [0, 1] as the console prints it: {@code 86.12%}. */
    public static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * rate);
    }

    private String line(int done, String stats, long images, long now) {
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        int filled = (int) ((long) WIDTH * done / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        long eta = done == 0 ? 0 : Math.round(seconds / done * (total - done));
        return String.format(Locale.ROOT, "%s [%s] %d/%d %s %.0f img/s ETA %d:%02d", label, bar, done, total, stats,
                images / seconds, eta / 60, eta % 60);
    }
}
