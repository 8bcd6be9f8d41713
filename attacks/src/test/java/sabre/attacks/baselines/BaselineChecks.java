package sabre.attacks.baselines;

import sabre.attacks.ThreatModelCheck;

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

    /** Asserts the invariants of {@code r} on images {@code x} ({@link ThreatModelCheck}); {@code eps} ≤ 0: unbounded. */
    static void assertHonest(String name, AttackResult r, Classifier f, Tensor x, double eps) {
        ThreatModelCheck.verify(name, f, x, r, eps > 0 ? ThreatModelCheck.linf(eps) : ThreatModelCheck.unbounded(), 0);
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
