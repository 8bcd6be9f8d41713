package sabre.attacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import sabre.attacks.sparse.AutoAdversary;
import sabre.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is refused with a message that names the problem, before any work is done. */
class BadInputTest {
    private final Classifier f = Classifier.of(Fixtures.model(1, 5, 1));
    private final Tensor x = Fixtures.images(3, 1, 5, 2);
    private final Tensor y = Tensor.ofInts(new int[] {0, 1, 2}, 3);

    private static void fails(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void labelOutOfRange() {
        fails(() -> new Pgd().run(f, x, Tensor.ofInts(new int[] {0, 7, 1}, 3)), "label 7 of sample 1",
                "[0, 4)");
        fails(() -> new Fgsm().run(f, x, Tensor.ofInts(new int[] {0, -1, 1}, 3)), "label -1 of sample 1");
    }

    @Test
    void imagesOutsideTheUnitBox() {
        Tensor bad = x.mul(2);
        fails(() -> new IFgsm().run(f, bad, y), "[0, 1]", "sample");
        Tensor nan = Tensor.where(x.gt(0.5), Tensor.fullLike(x, Double.NaN), x);
        fails(() -> new IFgsm().run(f, nan, y), "[0, 1]", "NaN");
    }

    @Test
    void shapeMismatches() {
        fails(() -> new Pgd().run(f, x, Tensor.ofInts(new int[] {0, 1}, 2)), "2 labels for 3 images");
        fails(() -> new Pgd().run(f, x.reshape(3, 5, 5), y), "images [N, C, H, W]");
        fails(() -> new Pgd().run(f, x, y.to(sabre.tensor.DType.FLOAT32)), "labels must be INT32");
        fails(() -> Classifier.of(Fixtures.model(1, 5, 1)).normalized(new double[] {0.5, 0.5},
                new double[] {0.2, 0.2}).logits(x, 3), "normalization has 2 channels, images have 1");
    }

    @Test
    void negativeOrNonFiniteEps() {
        fails(() -> new Pgd().eps(-0.1), "eps must be finite and >= 0", "-0.1");
        fails(() -> new MiFgsm().run(f, x, y, 0.1, Double.NaN), "eps must be finite and >= 0");
        fails(() -> new AutoAdversary().base(new Pgd().eps(0)).run(f, x, y), "eps must be positive");
    }

    @Test
    void givenTargetsAreChecked() {
        int[] labels = y.toIntArray();
        int[] outside = {(labels[0] + 1) % Fixtures.CLASSES, 9, (labels[2] + 1) % Fixtures.CLASSES};
        fails(() -> new Pgd().goal(Goal.given(Tensor.ofInts(outside, 3))).run(f, x, y), "target 9 of sample 1");
        fails(() -> Goal.parse("sideways", 0), "unknown targeting mode 'sideways'");
        int[] same = {(labels[0] + 1) % Fixtures.CLASSES, labels[1], (labels[2] + 1) % Fixtures.CLASSES};
        fails(() -> new Pgd().goal(Goal.given(Tensor.ofInts(same, 3))).run(f, x, y),
                "target of sample 1 equals its label");
    }
}
