package sabre.attacks.baselines;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.nn.Sequential;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Flatten;
import sabre.nn.layers.Linear;
import sabre.nn.layers.Tanh;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every baseline on 3-channel images: L0 in pixels and elements both exercised, pixel masks tied across channels. */
class ColourImagesTest {
    private static final double EPS = 16 / 255.0;
    private final Classifier f = Classifier.of(new Sequential()
            .add(new Conv2d(3, 4, 3, 1, 1, true, new Generator(3))).add(new Tanh()).add(new Flatten())
            .add(new Linear(4 * 8 * 8, 3, true, new Generator(4))).eval());
    private final Tensor x = Tensor.uniform(new Generator(5), Device.defaultDevice(), DType.FLOAT32, 0, 1, 4, 3, 8, 8)
            .mul(255).floor().div(255);
    private final Tensor y = f.predict(x);

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
