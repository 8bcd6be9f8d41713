package sabre.attacks;

import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an attack returns for a batch: the adversarial images, per sample whether the attack succeeded, the class it
 * aimed at (the label when untargeted), the perturbation's L0 (pixels and elements), L1, L2 and L∞, the iterations it
 * took and the wall time of the whole batch. {@link #summary()} gives the thesis's table row: ASR over the samples
 * the model classified correctly, norms averaged over the successful ones among them.
 *
 * <pre>{@code AttackResult r = new Pgd().eps(8 / 255.0).run(f, x, y); double asr = r.summary().asr();}</pre>
 *
 * @param masks 0/1 [N, C, H, W]: the sparse attacks' final binary mask (the image is unchanged where it is 0), or
 *              for dense attacks 1 where the adversarial image differs from the original
 * @param cleanCorrect whether the model classified the clean image correctly
 * @param predicted the model's class for the adversarial image
 */
public record AttackResult(String method, double eps, boolean targeted, Tensor adversarial, Tensor masks,
                           int[] labels, int[] aimedAt, int[] predicted, boolean[] cleanCorrect, boolean[] success,
                           Distances distances, int[] iterations, double seconds) {

    /** Number of samples. */
    public int size() {
        return success.length;
    }

    /** The means the thesis tables report. */
    public Summary summary() {
        int n = size();
        int correct = 0;
        int fooled = 0;
        double[] sums = new double[5];
        for (int i = 0; i < n; i++) {
            if (!cleanCorrect[i]) {
                continue;
            }
            correct++;
            if (success[i]) {
                fooled++;
                sums[0] += distances.l0Pixels()[i];
                sums[1] += distances.l0Elements()[i];
                sums[2] += distances.l1()[i];
                sums[3] += distances.l2()[i];
                sums[4] += distances.linf()[i];
            }
        }
        double k = Math.max(1, fooled);
        return new Summary(method, eps, n, correct, fooled, n == 0 ? 0 : correct / (double) n,
                correct == 0 ? 0 : fooled / (double) correct, sums[0] / k, sums[1] / k, sums[2] / k, sums[3] / k,
                sums[4] / k, n == 0 ? 0 : seconds / n);
    }

    /**
     * Table row of one attack run: {@code asr} = fooled / correct (the correctly classified samples); norms are
     * means over the fooled correctly classified samples.
     */
    public record Summary(String method, double eps, int attacked, int correct, int fooled, double cleanAccuracy,
                          double asr, double l0Pixels,
                          double l0Elements, double l1, double l2, double linf, double secondsPerImage) {
    }

    /** Several batch results of the same attack as one (in order). */
    public static AttackResult concat(List<AttackResult> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        AttackResult first = parts.get(0);
        List<Tensor> adv = new ArrayList<>();
        List<Tensor> masks = new ArrayList<>();
        double seconds = 0;
        for (AttackResult r : parts) {
            adv.add(r.adversarial);
            masks.add(r.masks);
            seconds += r.seconds;
        }
        return new AttackResult(first.method, first.eps, first.targeted, Tensor.cat(adv, 0), Tensor.cat(masks, 0),
                ints(parts, AttackResult::labels), ints(parts, AttackResult::aimedAt),
                ints(parts, AttackResult::predicted), bools(parts, AttackResult::cleanCorrect),
                bools(parts, AttackResult::success),
                new Distances(ints(parts, r -> r.distances.l0Pixels()), ints(parts, r -> r.distances.l0Elements()),
                        doubles(parts, r -> r.distances.l1()), doubles(parts, r -> r.distances.l2()),
                        doubles(parts, r -> r.distances.linf())),
                ints(parts, AttackResult::iterations), seconds);
    }

    private static int[] ints(List<AttackResult> parts, java.util.function.Function<AttackResult, int[]> f) {
        return parts.stream().map(f).flatMapToInt(Arrays::stream).toArray();
    }

    private static double[] doubles(List<AttackResult> parts, java.util.function.Function<AttackResult, double[]> f) {
        return parts.stream().map(f).flatMapToDouble(Arrays::stream).toArray();
    }

    private static boolean[] bools(List<AttackResult> parts, java.util.function.Function<AttackResult, boolean[]> f) {
        int total = parts.stream().mapToInt(p -> f.apply(p).length).sum();
        boolean[] out = new boolean[total];
        int at = 0;
        for (AttackResult p : parts) {
            boolean[] b = f.apply(p);
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }
}
