package sabre.attacks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.attacks.sparse.AutoAdversary;
import sabre.tensor.Tensor;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every attack, on a model it really fools ({@link FooledFixture}), obeys its threat model and reports what it did
 * ({@link ThreatModelCheck}): at least half of the images fooled, images in [0, 1] and inside the ball, entries
 * outside the mask unchanged, success flags equal to a fresh forward pass, norms equal to a recomputation; the
 * masked attacks leave at least one image with a partial mask. The same attacks on a 3-channel view of the fixture
 * count pixels and elements apart. A no-op attack fails every case.
 */
class AttackConstraintTest {
    private static final double EPS = 8 / 255.0;
    private static final int N = 8;

    record Case(Supplier<Attack> attack, ThreatModelCheck.Ball ball, boolean masked) {
    }

    static Stream<Arguments> attacks() {
        ThreatModelCheck.Ball linf = ThreatModelCheck.linf(EPS);
        return Stream.of(
                Arguments.of("fgsm", new Case(() -> new Fgsm().eps(EPS), linf, false)),
                Arguments.of("ifgsm", new Case(() -> new IFgsm().eps(EPS), linf, false)),
                Arguments.of("pgd x3 restarts", new Case(() -> new Pgd().eps(EPS).restarts(3).seed(4), linf, false)),
                Arguments.of("pgd early stop", new Case(() -> new Pgd().eps(EPS).earlyStop(true), linf, false)),
                Arguments.of("pgd-l2", new Case(() -> new Pgd().norm(Norm.L2).eps(1.5), ThreatModelCheck.l2(1.5),
                        false)),
                Arguments.of("mifgsm", new Case(() -> new MiFgsm().eps(EPS), linf, false)),
                Arguments.of("targeted pgd", new Case(() -> new Pgd().eps(4 * EPS).steps(20).goal(Goal.nextClass()),
                        ThreatModelCheck.linf(4 * EPS), false)),
                Arguments.of("autoadversary fc", new Case(() -> new AutoAdversary().base(new Pgd().eps(EPS)).steps(15),
                        linf, true)),
                Arguments.of("autoadversary u-net per pixel", new Case(() -> new AutoAdversary()
                        .base(new IFgsm().eps(EPS)).encoder(AutoAdversary.Encoder.UNET)
                        .maskUnit(AutoAdversary.MaskUnit.PIXEL).steps(10), linf, true)),
                Arguments.of("free mask logits", new Case(() -> new AutoAdversary().base(new MiFgsm().eps(EPS))
                        .encoder(AutoAdversary.Encoder.NONE).encoderLr(0.05).steps(60), linf, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void outputObeysTheThreatModelAndFoolsTheModel(String name, Case c) {
        Classifier f = FooledFixture.classifier();
        Tensor x = FooledFixture.images(N);
        AttackResult r = c.attack().get().run(f, x, FooledFixture.labels(N));
        int partial = ThreatModelCheck.verify(name, f, x, r, c.ball(), 0.5);
        if (c.masked()) {
            assertTrue(partial >= 1, name + ": no image with a partial mask");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void onThreeChannelsPixelsAndElementsAreCountedApart(String name, Case c) {
        Classifier f = FooledFixture.colourClassifier();
        Tensor x = FooledFixture.colourImages(4);
        AttackResult r = c.attack().get().run(f, x, FooledFixture.labels(4));
        ThreatModelCheck.verify(name + " (3 channels)", f, x, r, c.ball(), 0.5);
        int[] px = r.distances().l0Pixels();
        int[] el = r.distances().l0Elements();
        boolean apart = false;
        for (int i = 0; i < px.length; i++) {
            assertTrue(px[i] <= el[i] && el[i] <= 3 * px[i], name + ": pixels " + px[i] + ", elements " + el[i]);
            apart |= el[i] > px[i];
        }
        assertTrue(apart, name + ": some image changes several channels of a pixel");
    }

    @Test
    void aNoOpAttackFailsTheCheck() {
        Classifier f = FooledFixture.classifier();
        Tensor x = FooledFixture.images(N);
        Tensor y = FooledFixture.labels(N);
        AttackResult noOp = Batch.of(f, x, y, Goal.untargeted()).result("no-op", EPS, x, new int[N], 0);
        AssertionErrorCatcher.assertFails(() -> ThreatModelCheck.verify("no-op", f, x, noOp,
                ThreatModelCheck.linf(EPS), 0.5));
    }
}
