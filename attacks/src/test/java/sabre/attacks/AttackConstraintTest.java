package sabre.attacks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.attacks.sparse.AutoAdversary;
import sabre.tensor.Tensor;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every attack's output obeys its threat model and reports what it did: images in [0, 1], the ε-ball (L∞ or L2),
 * entries outside the mask unchanged, success flags equal to the model's verdict on the returned images, and norms
 * equal to norms recomputed here from the two arrays.
 */
class AttackConstraintTest {
    private static final double EPS = 8 / 255.0;

    static Stream<Arguments> attacks() {
        return Stream.of(
                Arguments.of("fgsm", (Supplier<Attack>) () -> new Fgsm().eps(EPS), false),
                Arguments.of("ifgsm", (Supplier<Attack>) () -> new IFgsm().eps(EPS), false),
                Arguments.of("pgd x3 restarts", (Supplier<Attack>) () -> new Pgd().eps(EPS).restarts(3).seed(4), false),
                Arguments.of("pgd early stop", (Supplier<Attack>) () -> new Pgd().eps(EPS).earlyStop(true), false),
                Arguments.of("pgd-l2", (Supplier<Attack>) () -> new Pgd().norm(Norm.L2).eps(0.3), true),
                Arguments.of("mifgsm", (Supplier<Attack>) () -> new MiFgsm().eps(EPS), false),
                Arguments.of("targeted pgd", (Supplier<Attack>) () -> new Pgd().eps(EPS).goal(Goal.nextClass()), false),
                Arguments.of("autoadversary fc", (Supplier<Attack>) () -> new AutoAdversary()
                        .base(new Pgd().eps(EPS)).steps(15), false),
                Arguments.of("autoadversary u-net per pixel", (Supplier<Attack>) () -> new AutoAdversary()
                        .base(new IFgsm().eps(EPS)).encoder(AutoAdversary.Encoder.UNET)
                        .maskUnit(AutoAdversary.MaskUnit.PIXEL).steps(10), false),
                Arguments.of("free mask logits", (Supplier<Attack>) () -> new AutoAdversary()
                        .base(new MiFgsm().eps(EPS)).encoder(AutoAdversary.Encoder.NONE).encoderLr(0.05).steps(15),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void outputObeysTheThreatModelAndReportsItsNorms(String name, Supplier<Attack> attack, boolean l2) {
        Classifier f = Classifier.of(Fixtures.model(3, 6, 1));
        Tensor x = Fixtures.images(6, 3, 6, 2);
        Tensor y = Fixtures.predictedLabels(f, x);
        AttackResult r = attack.get().run(f, x, y);

        float[] a = x.toFloatArray();
        float[] b = r.adversarial().toFloatArray();
        float[] m = r.masks().toFloatArray();
        int n = 6;
        int per = a.length / n;
        int plane = 36;
        for (int i = 0; i < n; i++) {
            int l0e = 0;
            int l0p = 0;
            double l1 = 0;
            double l2sq = 0;
            double linf = 0;
            boolean[] pix = new boolean[plane];
            for (int k = i * per; k < (i + 1) * per; k++) {
                assertTrue(b[k] >= 0 && b[k] <= 1, name + ": pixel outside [0, 1]: " + b[k]);
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
            for (boolean p : pix) {
                l0p += p ? 1 : 0;
            }
            if (l2) {
                assertTrue(Math.sqrt(l2sq) <= 0.3 + 1e-6, name + ": L2 " + Math.sqrt(l2sq) + " > eps");
            } else {
                assertTrue(linf <= EPS + 1e-7, name + ": Linf " + linf + " > eps " + EPS);
            }
            Distances d = r.distances();
            assertEquals(l0e, d.l0Elements()[i], name + " L0 elements");
            assertEquals(l0p, d.l0Pixels()[i], name + " L0 pixels");
            assertEquals(l1, d.l1()[i], 1e-9 * Math.max(1, l1), name + " L1");
            assertEquals(Math.sqrt(l2sq), d.l2()[i], 1e-9, name + " L2");
            assertEquals(linf, d.linf()[i], 1e-12, name + " Linf");
        }
        int[] predicted = f.predict(r.adversarial()).toIntArray();
        for (int i = 0; i < n; i++) {
            assertEquals(predicted[i], r.predicted()[i], name + " predicted");
            boolean fooled = r.targeted() ? predicted[i] == r.aimedAt()[i] : predicted[i] != r.labels()[i];
            assertEquals(fooled, r.success()[i], name + " success flag of sample " + i);
        }
    }
}
