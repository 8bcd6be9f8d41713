package sabre.attacks;

import org.junit.jupiter.api.Test;
import sabre.tensor.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relations between the dense attacks that must hold exactly, and the summary's definitions. */
class AttackPropertyTest {
    private final Classifier f = Classifier.of(Fixtures.model(3, 6, 7));
    private final Tensor x = Fixtures.images(6, 3, 6, 8);
    private final Tensor y = Fixtures.predictedLabels(f, x);

    @Test
    void pgdWithoutRandomStartIsIFgsm() {
        assertArrayEquals(new IFgsm().steps(7).run(f, x, y).adversarial().toFloatArray(),
                new Pgd().randomStart(false).steps(7).run(f, x, y).adversarial().toFloatArray());
    }

    @Test
    void miFgsmWithoutMomentumIsIFgsm() {
        assertArrayEquals(new IFgsm().run(f, x, y).adversarial().toFloatArray(),
                new MiFgsm().decay(0).run(f, x, y).adversarial().toFloatArray());
    }

    @Test
    void severalEpsInOneCallEqualSeparateRuns() {
        List<AttackResult> both = new MiFgsm().run(f, x, y, 2 / 255.0, 8 / 255.0);
        assertEquals(2, both.size());
        assertArrayEquals(new MiFgsm().eps(2 / 255.0).run(f, x, y).adversarial().toFloatArray(),
                both.get(0).adversarial().toFloatArray());
        assertArrayEquals(new MiFgsm().eps(8 / 255.0).run(f, x, y).adversarial().toFloatArray(),
                both.get(1).adversarial().toFloatArray());
        assertEquals(8 / 255.0, both.get(1).eps());
    }

    @Test
    void zeroEpsChangesNothing() {
        AttackResult r = new Fgsm().eps(0).run(f, x, y);
        assertArrayEquals(x.toFloatArray(), r.adversarial().toFloatArray());
        assertEquals(0, r.summary().asr());
    }

    @Test
    void fgsmIsOneFullStep() {
        AttackResult r = new Fgsm().eps(4 / 255.0).run(f, x, y);
        float[] a = x.toFloatArray();
        float[] b = r.adversarial().toFloatArray();
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) b[i] - a[i]);
            boolean clipped = b[i] == 0 || b[i] == 1;
            assertTrue(clipped || Math.abs(d - 4 / 255.0) < 1e-6, "element " + i + " moved " + d);
        }
    }

    @Test
    void summaryCountsOnlyCorrectlyClassifiedImages() {
        int[] wrong = y.toIntArray().clone();
        wrong[0] = (wrong[0] + 1) % Fixtures.CLASSES; // image 0 now misclassified: excluded from ASR
        AttackResult r = new IFgsm().eps(0.2).run(f, x, Tensor.ofInts(wrong, wrong.length));
        AttackResult.Summary s = r.summary();
        int correct = 0;
        int fooled = 0;
        double l0 = 0;
        for (int i = 0; i < r.size(); i++) {
            if (r.cleanCorrect()[i]) {
                correct++;
                if (r.success()[i]) {
                    fooled++;
                    l0 += r.distances().l0Elements()[i];
                }
            }
        }
        assertEquals(5, correct);
        assertEquals(5 / 6.0, s.cleanAccuracy(), 1e-12);
        assertEquals(fooled / 5.0, s.asr(), 1e-12);
        assertEquals(l0 / Math.max(1, fooled), s.l0Elements(), 1e-9);
    }

    @Test
    void quantizedImagesLieOnTheGridInsideTheBall() {
        AttackResult r = new Pgd().eps(8 / 255.0).run(f, x, y);
        AttackResult q = Quantize.to8Bit(f, x, r);
        float[] a = x.toFloatArray();
        float[] b = q.adversarial().toFloatArray();
        for (int i = 0; i < a.length; i++) {
            double level = b[i] * 255.0;
            assertEquals(Math.rint(level), level, 1e-3, "off the 8-bit grid at " + i);
            assertTrue(Math.abs((double) b[i] - a[i]) <= 8 / 255.0 + 1e-6, "outside the ball at " + i);
        }
        int[] predicted = f.predict(q.adversarial()).toIntArray();
        assertArrayEquals(predicted, q.predicted());
    }
}
