package sabre.attacks.baselines;

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
        int n = x.shape(0);
        int c = x.shape(1);
        int plane = x.shape(2) * x.shape(3);
        float[] a = x.toFloatArray();
        float[] b = r.adversarial().toFloatArray();
        float[] m = r.masks().toFloatArray();
        assertArrayEquals(x.shape(), r.masks().shape(), "masks [N, C, H, W]");
        int[] pred = f.predict(r.adversarial()).toIntArray();
        int[] labels = y.toIntArray();
        int fooled = 0;
        for (int i = 0; i < n; i++) {
            boolean hit = r.targeted() ? pred[i] == r.aimedAt()[i] : pred[i] != labels[i];
            assertEquals(hit, r.success()[i], "success of image " + i + " by a fresh forward pass");
            assertEquals(pred[i], r.predicted()[i], "predicted class of image " + i);
            fooled += hit ? 1 : 0;
            int l0e = 0;
            double l1 = 0;
            double l2 = 0;
            double li = 0;
            boolean[] changedPixel = new boolean[plane];
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    int e = (i * c + ch) * plane + p;
                    assertTrue(b[e] >= 0 && b[e] <= 1, "image " + i + " element " + e + " = " + b[e]);
                    assertTrue(m[e] == 0 || m[e] == 1, "mask is 0/1, found " + m[e]);
                    double d = Math.abs((double) b[e] - a[e]);
                    if (m[e] == 0) {
                        assertEquals(a[e], b[e], "image " + i + " changed outside its mask at element " + e);
                    }
                    if (!Double.isNaN(eps)) {
                        assertTrue(d <= eps + 1e-6, "image " + i + " |delta| " + d + " > eps " + eps);
                    }
                    if (d > 0) {
                        l0e++;
                        changedPixel[p] = true;
                        l1 += d;
                        l2 += d * d;
                        li = Math.max(li, d);
                    }
                }
            }
            int l0p = 0;
            for (boolean ch : changedPixel) {
                l0p += ch ? 1 : 0;
            }
            assertEquals(l0p, r.distances().l0Pixels()[i], "L0 pixels of image " + i);
            assertEquals(l0e, r.distances().l0Elements()[i], "L0 elements of image " + i);
            assertEquals(l1, r.distances().l1()[i], 1e-9 * (1 + l1), "L1 of image " + i);
            assertEquals(Math.sqrt(l2), r.distances().l2()[i], 1e-9, "L2 of image " + i);
            assertEquals(li, r.distances().linf()[i], 1e-9, "Linf of image " + i);
        }
        assertTrue(fooled >= minFooled, r.method() + " fooled " + fooled + " of " + n + " images, expected >= "
                + minFooled);
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
