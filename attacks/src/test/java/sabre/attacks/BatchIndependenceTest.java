package sabre.attacks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.attacks.sparse.AutoAdversary;
import sabre.tensor.Tensor;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An image attacked alone, or inside a batch at another position next to other images, gets bit-identical results
 * with the same seed: random starts, random targets and encoder weights are drawn per image, losses are summed (not
 * averaged) over the batch, and AutoAdversary's encoders have separate weights per image.
 */
class BatchIndependenceTest {
    private static final double EPS = 8 / 255.0;

    static Stream<Arguments> attacks() {
        return Stream.of(
                Arguments.of("pgd random start", (Supplier<Attack>) () -> new Pgd().eps(EPS).seed(9)),
                Arguments.of("pgd random target", (Supplier<Attack>) () -> new Pgd().eps(EPS).goal(Goal.random(3))),
                Arguments.of("mifgsm early stop", (Supplier<Attack>) () -> new MiFgsm().eps(EPS).earlyStop(true)),
                Arguments.of("autoadversary fc", (Supplier<Attack>) () -> new AutoAdversary()
                        .base(new Pgd().eps(EPS).seed(5)).seed(11).steps(12)),
                Arguments.of("autoadversary u-net", (Supplier<Attack>) () -> new AutoAdversary()
                        .base(new IFgsm().eps(EPS)).encoder(AutoAdversary.Encoder.UNET).seed(2).steps(8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aloneEqualsInsideABatch(String name, Supplier<Attack> attack) {
        Classifier f = Classifier.of(Fixtures.model(3, 6, 3));
        Tensor x = Fixtures.images(5, 3, 6, 4);
        Tensor y = Fixtures.predictedLabels(f, x);
        AttackResult batch = attack.get().run(f, x, y);
        // image 3 alone, and images 3, 0 as a batch of two (image 3 now first)
        AttackResult alone = attack.get().run(f, x.narrow(0, 3, 1), y.narrow(0, 3, 1));
        Tensor pair = Tensor.cat(List.of(x.narrow(0, 3, 1), x.narrow(0, 0, 1)), 0);
        Tensor pairLabels = Tensor.cat(List.of(y.narrow(0, 3, 1), y.narrow(0, 0, 1)), 0);
        AttackResult two = attack.get().run(f, pair, pairLabels);

        float[] inBatch = batch.adversarial().select(0, 3).toFloatArray();
        assertArrayEquals(inBatch, alone.adversarial().select(0, 0).toFloatArray(), name + ": alone differs");
        assertArrayEquals(inBatch, two.adversarial().select(0, 0).toFloatArray(), name + ": in a pair differs");
        assertEquals(batch.success()[3], alone.success()[0], name);
        assertEquals(batch.aimedAt()[3], two.aimedAt()[0], name);
        assertArrayEquals(batch.adversarial().select(0, 0).toFloatArray(), two.adversarial().select(0, 1)
                .toFloatArray(), name + ": image 0 differs between batches");
    }
}
