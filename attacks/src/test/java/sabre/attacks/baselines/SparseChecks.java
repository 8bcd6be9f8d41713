package sabre.attacks.baselines;

import sabre.attacks.ThreatModelCheck;

import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promises every sparse baseline keeps on the fooled fixture, each recomputed here from the returned arrays:
 * success by a fresh forward pass, the norms from the pixels, the box, the ε bound, no change outside the mask.
 *
 * <pre>{@code SparseChecks.keepsPromises(r, f, x, y, 8 / 255.0, 4);}</pre>
 */
final class SparseChecks {
    private SparseChecks() {
    }

    /**
     * Checks {@code r}, the result of attacking {@code x} (labels {@code y}); {@code eps} is the L∞ bound or NaN
     * for an unbounded attack; at least {@code minFooled} images must be fooled.
     */
    static void keepsPromises(AttackResult r, Classifier f, Tensor x, Tensor y, double eps, int minFooled) {
        assertArrayEquals(x.shape(), r.masks().shape(), "masks [N, C, H, W]");
        assertArrayEquals(y.toIntArray(), r.labels(), "the labels attacked");
        ThreatModelCheck.verify(r.method(), f, x, r, Double.isNaN(eps) ? ThreatModelCheck.unbounded()
                : ThreatModelCheck.linf(eps), minFooled / (double) x.shape(0));
    }

    /** Image {@code i} of {@code x} attacked alone and inside the batch gives the same bits and iterations. */
    static void batchIndependent(Attack attack, Classifier f, Tensor x, Tensor y, int i) {
        AttackResult all = attack.run(f, x, y);
        AttackResult alone = attack.run(f, x.narrow(0, i, 1), y.narrow(0, i, 1));
        assertArrayEquals(all.adversarial().narrow(0, i, 1).toFloatArray(), alone.adversarial().toFloatArray(),
                "image " + i + " alone vs in its batch");
        assertEquals(all.iterations()[i], alone.iterations()[0], "iterations of image " + i);
        assertEquals(all.success()[i], alone.success()[0]);
    }

    /** Number of mask pixels (H·W positions with any channel 1) of image {@code i}. */
    static int maskPixels(AttackResult r, int i) {
        Tensor m = r.masks().narrow(0, i, 1).amax(new int[] {1}, false);
        return (int) Math.round(m.sum().item());
    }
}
