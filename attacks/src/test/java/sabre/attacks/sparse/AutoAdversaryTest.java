package sabre.attacks.sparse;

import org.junit.jupiter.api.Test;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.Pgd;
import sabre.nn.Sequential;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Flatten;
import sabre.nn.layers.Linear;
import sabre.nn.layers.Tanh;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AutoAdversary keeps its promises: never worse than its dense start, sparser when it can be, ablation wiring. */
class AutoAdversaryTest {
    private static final double EPS = 16 / 255.0;
    private final Classifier f = Classifier.of(new Sequential()
            .add(new Conv2d(1, 4, 3, 1, 1, true, new Generator(3))).add(new Tanh()).add(new Flatten())
            .add(new Linear(4 * 8 * 8, 3, true, new Generator(4))).eval());
    private final Tensor x = Tensor.uniform(new Generator(5), Device.defaultDevice(), DType.FLOAT32, 0, 1, 6, 1, 8, 8)
            .mul(255).floor().div(255);
    private final Tensor y = f.predict(x);

    @Test
    void neverWorseThanTheDenseAttackAndSparserOnAverage() {
        AttackResult dense = new Pgd().eps(EPS).seed(3).run(f, x, y);
        AttackResult sparse = new AutoAdversary().base(new Pgd().eps(EPS).seed(3)).steps(60).run(f, x, y);
        double denseL0 = 0;
        double sparseL0 = 0;
        for (int i = 0; i < x.shape(0); i++) {
            assertTrue(!dense.success()[i] || sparse.success()[i], "image " + i + " lost by pruning");
            if (dense.success()[i]) {
                assertTrue(sparse.distances().l0Elements()[i] <= dense.distances().l0Elements()[i], "image " + i);
                denseL0 += dense.distances().l0Elements()[i];
                sparseL0 += sparse.distances().l0Elements()[i];
            }
        }
        assertTrue(denseL0 > 0, "the dense attack fooled nothing: the fixture is too robust to test pruning");
        assertTrue(sparseL0 < 0.8 * denseL0, "pruning kept " + sparseL0 + " of " + denseL0 + " changed elements");
        assertEquals(60 + 10, sparse.iterations()[0], "base steps + pruning steps");
    }

    @Test
    void alphaScheduleIsGeometric() {
        AlphaSchedule s = new AlphaSchedule(1, 200, 5);
        assertEquals(1, s.at(0), 1e-12);
        assertEquals(200, s.at(4), 1e-9);
        assertEquals(s.at(1) / s.at(0), s.at(3) / s.at(2), 1e-12);
    }

    @Test
    void ablationRowsShareTheDensePerturbationAndTheRandomMaskMatchesFullL0() {
        AutoAdversary full = new AutoAdversary().base(new Pgd().eps(EPS).seed(3)).steps(30);
        Map<Ablation.Variant, AttackResult> rows = new Ablation(full).run(f, x, y);
        assertEquals(5, rows.size());
        AttackResult dense = new Pgd().eps(EPS).seed(3).run(f, x, y);
        assertArrayEquals(dense.adversarial().toFloatArray(), rows.get(Ablation.Variant.DENSE).adversarial()
                .toFloatArray(), "the Dense row is the base attack");
        int[] fullL0 = rows.get(Ablation.Variant.FULL).distances().l0Elements();
        float[] randomMask = rows.get(Ablation.Variant.DENSE_RANDOM).masks().toFloatArray();
        for (int i = 0; i < fullL0.length; i++) {
            int ones = 0;
            for (int k = i * 64; k < (i + 1) * 64; k++) {
                ones += randomMask[k] == 1 ? 1 : 0;
            }
            assertEquals(fullL0[i], ones, "random mask size of image " + i);
        }
        rows.values().forEach(r -> assertTrue(r.summary().linf() <= EPS + 1e-7, r.method()));
    }
}
