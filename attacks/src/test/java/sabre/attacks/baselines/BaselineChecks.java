package sabre.attacks.baselines;

import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Flatten;
import sabre.nn.layers.Linear;
import sabre.nn.layers.Tanh;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks every sparse baseline's result must pass, recomputed here from the arrays: values in [0, 1] and (when
 * bounded) within ε, masks binary with no change outside them, L0 in pixels and elements, L1, L2 and L∞ as reported,
 * success and predictions as a fresh forward pass of the returned images says; and bit-identical results for an
 * image alone and inside a batch. Also a seeded 3-channel model for the colour-image cases.
 */
final class BaselineChecks {
    private BaselineChecks() {
    }

    /** Asserts the invariants of {@code r} on images {@code x}; {@code eps} ≤ 0 skips the ball check. */
    static void assertHonest(String name, AttackResult r, Classifier f, Tensor x, double eps) {
        int n = x.shape(0);
        int c = x.shape(1);
        int plane = x.shape(2) * x.shape(3);
        float[] a = x.toFloatArray();
        float[] b = r.adversarial().toFloatArray();
        float[] m = r.masks().toFloatArray();
        int per = a.length / n;
        for (int i = 0; i < n; i++) {
            int l0e = 0;
            double l1 = 0;
            double l2sq = 0;
            double linf = 0;
            boolean[] pix = new boolean[plane];
            for (int k = i * per; k < (i + 1) * per; k++) {
                assertTrue(b[k] >= 0 && b[k] <= 1, name + ": value outside [0, 1]: " + b[k]);
                assertTrue(m[k] == 0 || m[k] == 1, name + ": mask not binary: " + m[k]);
                if (m[k] == 0) {
                    assertEquals(a[k], b[k], 0.0, name + ": element " + k + " changed outside the mask");
                }
                double d = Math.abs((double) b[k] - a[k]);
                if (d > 0) {
                    l0e++;
                    pix[(k - i * per) % plane] = true;
                }
                l1 += d;
                l2sq += d * d;
                linf = Math.max(linf, d);
            }
            int l0p = 0;
            for (boolean p : pix) {
                l0p += p ? 1 : 0;
            }
            if (eps > 0) {
                assertTrue(linf <= eps + 1e-6, name + ": Linf " + linf + " > eps " + eps);
            }
            assertEquals(l0e, r.distances().l0Elements()[i], name + " L0 elements of " + i);
            assertEquals(l0p, r.distances().l0Pixels()[i], name + " L0 pixels of " + i);
            assertTrue(l0p <= l0e && l0e <= c * l0p, name + " pixels vs elements");
            assertEquals(l1, r.distances().l1()[i], 1e-9 * Math.max(1, l1), name + " L1");
            assertEquals(Math.sqrt(l2sq), r.distances().l2()[i], 1e-9, name + " L2");
            assertEquals(linf, r.distances().linf()[i], 1e-12, name + " Linf");
        }
        int[] predicted = f.predict(r.adversarial()).toIntArray();
        for (int i = 0; i < n; i++) {
            assertEquals(predicted[i], r.predicted()[i], name + " predicted class of " + i);
            boolean fooled = r.targeted() ? predicted[i] == r.aimedAt()[i] : predicted[i] != r.labels()[i];
            assertEquals(fooled, r.success()[i], name + " success flag of " + i);
        }
    }

    /** Number of images fooled according to a fresh forward pass. */
    static int fooled(AttackResult r, Classifier f) {
        int[] predicted = f.predict(r.adversarial()).toIntArray();
        int count = 0;
        for (int i = 0; i < predicted.length; i++) {
            count += (r.targeted() ? predicted[i] == r.aimedAt()[i] : predicted[i] != r.labels()[i]) ? 1 : 0;
        }
        return count;
    }

    /** Image 2 alone, first in a pair with image 0, and inside the whole batch: identical bits and verdicts. */
    static void assertBatchIndependent(String name, Supplier<Attack> attack, Classifier f, Tensor x, Tensor y) {
        AttackResult all = attack.get().run(f, x, y);
        AttackResult alone = attack.get().run(f, x.narrow(0, 2, 1), y.narrow(0, 2, 1));
        AttackResult pair = attack.get().run(f, Tensor.cat(List.of(x.narrow(0, 2, 1), x.narrow(0, 0, 1)), 0),
                Tensor.cat(List.of(y.narrow(0, 2, 1), y.narrow(0, 0, 1)), 0));
        float[] inBatch = all.adversarial().select(0, 2).toFloatArray();
        assertArrayEquals(inBatch, alone.adversarial().select(0, 0).toFloatArray(), name + ": alone differs");
        assertArrayEquals(inBatch, pair.adversarial().select(0, 0).toFloatArray(), name + ": in a pair differs");
        assertArrayEquals(all.adversarial().select(0, 0).toFloatArray(), pair.adversarial().select(0, 1)
                .toFloatArray(), name + ": image 0 differs");
        assertEquals(all.success()[2], alone.success()[0], name);
        assertEquals(all.iterations()[2], pair.iterations()[0], name + " iterations");
        assertTrue(!java.util.Arrays.equals(inBatch, x.select(0, 2).toFloatArray()), name + ": image 2 unchanged, "
                + "so the comparison proves nothing");
    }

    /** A seeded 3-channel model (conv 3→4, tanh, linear to 4 classes) on 6×6 images. */
    static Classifier colourModel() {
        Generator g = new Generator(21);
        Module m = new Sequential().add(new Conv2d(3, 4, 3, 1, 1, true, g)).add(new Tanh()).add(new Flatten())
                .add(new Linear(4 * 6 * 6, 4, true, g)).eval();
        return Classifier.of(m);
    }

    /** {@code n} seeded 3×6×6 images on the 8-bit grid. */
    static Tensor colourImages(int n) {
        return Tensor.uniform(new Generator(22), Device.defaultDevice(), DType.FLOAT32, 0, 1, n, 3, 6, 6).mul(255)
                .floor().div(255);
    }
}
