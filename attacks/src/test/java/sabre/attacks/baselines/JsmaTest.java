package sabre.attacks.baselines;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.FooledFixture;
import sabre.attacks.Goal;
import sabre.attacks.registry.AttackContext;
import sabre.attacks.registry.Attacks;
import sabre.nn.Sequential;
import sabre.nn.layers.Flatten;
import sabre.nn.layers.Linear;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsmaTest {
    private static final Classifier F = FooledFixture.classifier();

    /**
     * A linear model z = Wx + b on 4 features (a 1×2×2 image), 2 classes. With label 0 the target is 1, so
     * α = W₁ and β = W₀. Increasing (x = 0.2): α = (3, 1, 2, −1), β = (−1, 2, −2, 1); the pairs with α_p + α_q > 0
     * and β_p + β_q < 0 are (0, 2): 5·3 = 15 and (2, 3): 1·1 = 1, so features 0 and 2 go to 1, and then
     * z = (−2.4 + 2, 5) fools. Decreasing (x = 0.8, W negated, b = 0): the same pair goes to 0, z = (−2.4, 0).
     */
    @ParameterizedTest(name = "theta {0}")
    @CsvSource({"1, 0.2, 1, 2", "-1, 0.8, -1, 0"})
    void handComputedPairOnALinearModel(double theta, float start, float wSign, float bias0) {
        float s = wSign;
        Linear lin = new Linear(4, 2, true, new Generator(1));
        lin.loadStateDict(Map.of("weight", Tensor.of(new float[] {-s, 2 * s, -2 * s, s, 3 * s, s, 2 * s, -s}, 2, 4),
                "bias", Tensor.of(new float[] {bias0, 0}, 2)), true);
        Classifier f = Classifier.of(new Sequential().add(new Flatten()).add(lin).eval());
        Tensor x = Tensor.of(new float[] {start, start, start, start}, 1, 1, 2, 2);
        Tensor y = Tensor.ofInts(new int[] {0}, 1);
        assertEquals(0, f.predict(x).toIntArray()[0], "the clean image must be class 0");

        AttackResult r = new Jsma().eps(1).theta(theta).gamma(1).candidates(2).run(f, x, y);
        float end = theta > 0 ? 1 : 0;
        assertArrayEquals(new float[] {end, start, end, start}, r.adversarial().toFloatArray());
        assertArrayEquals(new float[] {1, 0, 1, 0}, r.masks().toFloatArray());
        assertEquals(1, r.iterations()[0]);
        assertTrue(r.success()[0]);
    }

    @Test
    void foolsMostFixtureImagesWithFewFeaturesAndReportsHonestly() {
        Tensor x = FooledFixture.images(16);
        AttackResult r = new Jsma().eps(1).run(F, x, FooledFixture.labels(16));
        BaselineChecks.assertHonest("jsma", r, F, x, 1);
        assertTrue(BaselineChecks.fooled(r, F) >= 8, "fooled " + BaselineChecks.fooled(r, F) + " of 16");
        for (int i = 0; i < 16; i++) {
            assertTrue(r.distances().l0Elements()[i] <= Math.floor(0.145 * 784), "gamma budget exceeded");
        }
    }

    @Test
    void boundedRunStaysInTheBallAndDecreasingOnlyLowersFeatures() {
        Tensor x = FooledFixture.images(8);
        Tensor y = FooledFixture.labels(8);
        double eps = 0.3;
        AttackResult up = new Jsma().eps(eps).run(F, x, y);
        BaselineChecks.assertHonest("jsma eps", up, F, x, eps);
        AttackResult down = new Jsma().eps(eps).theta(-0.1).gamma(0.05).run(F, x, y);
        BaselineChecks.assertHonest("jsma down", down, F, x, eps);
        float[] a = x.toFloatArray();
        float[] b = down.adversarial().toFloatArray();
        int lowered = 0;
        for (int k = 0; k < a.length; k++) {
            assertTrue(b[k] <= a[k], "theta < 0 raised element " + k);
            lowered += b[k] < a[k] ? 1 : 0;
        }
        assertTrue(lowered > 0, "the decreasing variant changed nothing");
    }

    @Test
    void targetedReachesTheTargetClass() {
        Tensor x = FooledFixture.images(8);
        AttackResult r = new Jsma().eps(1).gamma(0.3).goal(Goal.nextClass()).run(F, x, FooledFixture.labels(8));
        BaselineChecks.assertHonest("jsma targeted", r, F, x, 1);
        assertTrue(r.targeted());
        assertTrue(BaselineChecks.fooled(r, F) >= 2, "reached the target on " + BaselineChecks.fooled(r, F) + " of 8");
    }

    @Test
    void colourImagesCountPixelsAndElements() {
        Classifier f = BaselineChecks.colourModel();
        Tensor x = BaselineChecks.colourImages(4);
        AttackResult r = new Jsma().eps(1).gamma(0.5).run(f, x, f.predict(x));
        BaselineChecks.assertHonest("jsma colour", r, f, x, 1);
        assertTrue(BaselineChecks.fooled(r, f) >= 2, "fooled " + BaselineChecks.fooled(r, f) + " of 4");
    }

    @Test
    void anImageAloneEqualsTheSameImageInABatch() {
        BaselineChecks.assertBatchIndependent("jsma", () -> new Jsma().eps(1), F, FooledFixture.images(4),
                FooledFixture.labels(4));
    }

    @Test
    void badSettingsAreRefusedAndTheRegistryBuildsTheConfiguredAttack() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Jsma().theta(0)).getMessage()
                .contains("theta"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Jsma().gamma(1.5)).getMessage()
                .contains("gamma"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Jsma().candidates(1)).getMessage()
                .contains("candidates"));
        assertThrows(IllegalArgumentException.class, () -> new Jsma().eps(0));
        AttackContext ctx = new AttackContext(1, Goal.untargeted(), 0);
        assertInstanceOf(Jsma.class, Attacks.create("jsma", ctx, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Attacks.create("jsma", ctx, Map.of("untargeted", "next")));
        Tensor x = FooledFixture.images(2);
        Tensor y = FooledFixture.labels(2);
        AttackResult viaRegistry = Attacks.create("jsma", ctx, Map.of("theta", "0.5", "gamma", "0.05",
                "candidates", "8", "untargeted", "clean-runner-up")).run(F, x, y);
        AttackResult fluent = new Jsma().eps(1).theta(0.5).gamma(0.05).candidates(8)
                .untargeted(Jsma.Untargeted.CLEAN_RUNNER_UP).run(F, x, y);
        assertArrayEquals(fluent.adversarial().toFloatArray(), viaRegistry.adversarial().toFloatArray());
    }
}
