package sabre.apps.attack;

import sabre.apps.report.ProgressBar;
import sabre.attacks.AttackResult;
import sabre.tensor.Tensor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an attack over many images a batch at a time, with a progress bar, and joins each output's batch results with
 * {@link AttackResult#concat} (attacks treat every image on its own, so batching changes nothing but memory).
 *
 * <pre>{@code List<AttackResult> perEps = Batches.run(x, y, 100, "pgd", System.err, (s, bx, by) -> List.of(...));}</pre>
 */
public final class Batches {
    /** One batch's results: one per output (e.g. per ε), in the same order for every batch. */
    public interface Step {
        List<AttackResult> run(int start, Tensor images, Tensor labels);
    }

    private Batches() {
    }

    /** Attacks {@code images} in batches of {@code batch}; returns one joined result per output. */
    public static List<AttackResult> run(Tensor images, Tensor labels, int batch, String label, PrintStream log,
                                         Step step) {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, found " + batch);
        }
        int n = images.shape(0);
        int count = (n + batch - 1) / batch;
        ProgressBar bar = new ProgressBar(log, label, count);
        List<List<AttackResult>> parts = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            int start = b * batch;
            int len = Math.min(batch, n - start);
            List<AttackResult> out = step.run(start, images.narrow(0, start, len), labels.narrow(0, start, len));
            for (int k = 0; k < out.size(); k++) {
                if (b == 0) {
                    parts.add(new ArrayList<>());
                }
                parts.get(k).add(out.get(k));
            }
            bar.update(b + 1, asr(parts), start + len);
        }
        bar.finish(count, asr(parts), n);
        return parts.stream().map(AttackResult::concat).toList();
    }

    /**
     * The running ASR of each output so far: {@code ASR 40.0%} for one, {@code ASR 2/255 10.0% | 8/255 40.0%} for
     * several (named by radius, or by method where the radii are the same).
     */
    static String asr(List<List<AttackResult>> parts) {
        boolean byRadius = parts.stream().map(p -> p.get(0).eps()).distinct().count() == parts.size();
        List<String> cells = new ArrayList<>();
        for (List<AttackResult> output : parts) {
            int fooled = 0;
            int correct = 0;
            for (AttackResult r : output) {
                for (int i = 0; i < r.size(); i++) {
                    correct += r.cleanCorrect()[i] ? 1 : 0;
                    fooled += r.cleanCorrect()[i] && r.success()[i] ? 1 : 0;
                }
            }
            String name = parts.size() == 1 ? "" : (byRadius ? Eps.of(output.get(0).eps()).text()
                    : output.get(0).method()) + " ";
            cells.add(name + Cells.percent(correct == 0 ? Double.NaN : (double) fooled / correct));
        }
        return "ASR " + String.join(" | ", cells);
    }
}
