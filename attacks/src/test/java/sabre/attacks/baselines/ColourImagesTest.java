package sabre.attacks.baselines;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.Fixtures;
import sabre.tensor.Tensor;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every baseline on 3-channel images: L0 in pixels and elements both exercised, pixel masks tied across channels. */
class ColourImagesTest {
    private static final double EPS = 16 / 255.0;
    private final Classifier f = Classifier.of(Fixtures.model(3, 8, 3));
    private final Tensor x = Fixtures.images(4, 3, 8, 5);
    private final Tensor y = Fixtures.predictedLabels(f, x);

    static Stream<Arguments> attacks() {
        return Stream.of(
                Arguments.of(new PgdL0().eps(EPS).steps(10).restarts(1).seed(2), EPS, true),
                Arguments.of(new CwL0().steps(30).maxConst(16), Double.NaN, true),
                Arguments.of(new Sapf().segments(16), Double.NaN, false),
                Arguments.of(new SparseRs().k(4).queries(300).seed(2), Double.NaN, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void foolsColourImagesAndCountsBothUnits(Attack attack, double eps, boolean pixelMask) {
        AttackResult r = attack.run(f, x, y);
        SparseChecks.keepsPromises(r, f, x, y, eps, 2);
        float[] m = r.masks().toFloatArray();
        boolean multiChannel = false;
        for (int i = 0; i < 4; i++) {
            multiChannel |= r.success()[i] && r.distances().l0Elements()[i] > r.distances().l0Pixels()[i];
            for (int p = 0; p < 64 && pixelMask; p++) {
                int base = i * 3 * 64 + p;
                assertEquals(m[base], m[base + 64], "mask channels of pixel " + p + " tied");
                assertEquals(m[base], m[base + 128], "mask channels of pixel " + p + " tied");
            }
        }
        assertTrue(multiChannel, attack.name() + ": no fooled image changed more than one channel of a pixel");
    }
}
