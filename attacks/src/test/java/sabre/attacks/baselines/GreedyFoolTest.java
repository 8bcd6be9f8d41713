package sabre.attacks.baselines;

import org.junit.jupiter.api.Test;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.FooledFixture;
import sabre.attacks.Goal;
import sabre.attacks.registry.AttackContext;
import sabre.attacks.registry.Attacks;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GreedyFoolTest {
    private static final Classifier F = FooledFixture.classifier();

    @Test
    void foolsTheFixtureAndTheReduceStageOnlyRemovesPixels() {
        Tensor x = FooledFixture.images(8);
        Tensor y = FooledFixture.labels(8);
        AttackResult r = new GreedyFool().eps(1).run(F, x, y);
        BaselineChecks.assertHonest("greedyfool", r, F, x, 1);
        assertTrue(BaselineChecks.fooled(r, F) >= 4, "fooled " + BaselineChecks.fooled(r, F) + " of 8");
        AttackResult grown = new GreedyFool().eps(1).reduce(false).run(F, x, y);
        BaselineChecks.assertHonest("greedyfool increase only", grown, F, x, 1);
        int before = 0;
        int after = 0;
        float[] reduced = r.masks().toFloatArray();
        float[] increased = grown.masks().toFloatArray();
        for (int k = 0; k < reduced.length; k++) {
            assertTrue(reduced[k] <= increased[k], "the reduce stage added element " + k);
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(grown.success()[i], r.success()[i], "reduce changed the verdict of image " + i);
            before += grown.distances().l0Pixels()[i];
            after += r.distances().l0Pixels()[i];
        }
        assertTrue(after < before, "the reduce stage removed nothing: " + after + " of " + before);
    }

    @Test
    void boundedRunStaysInTheBall() {
        Tensor x = FooledFixture.images(4);
        double eps = 32 / 255.0;
        AttackResult r = new GreedyFool().eps(eps).maxSteps(60).pixelsPerStep(8).run(F, x, FooledFixture.labels(4));
        BaselineChecks.assertHonest("greedyfool 32/255", r, F, x, eps);
        assertTrue(BaselineChecks.fooled(r, F) >= 1, "fooled nothing at 32/255");
    }

    @Test
    void targetedReachesTheTargetClass() {
        Tensor x = FooledFixture.images(8);
        AttackResult r = new GreedyFool().eps(1).goal(Goal.nextClass()).run(F, x, FooledFixture.labels(8));
        BaselineChecks.assertHonest("greedyfool targeted", r, F, x, 1);
        assertTrue(BaselineChecks.fooled(r, F) >= 4, "reached the target on " + BaselineChecks.fooled(r, F) + " of 8");
    }

    @Test
    void colourImagesChangeWholePixelsOnly() {
        Classifier f = BaselineChecks.colourModel();
        Tensor x = BaselineChecks.colourImages(4);
        AttackResult r = new GreedyFool().eps(1).pixelsPerStep(1).run(f, x, f.predict(x));
        BaselineChecks.assertHonest("greedyfool colour", r, f, x, 1);
        assertTrue(BaselineChecks.fooled(r, f) >= 2, "fooled " + BaselineChecks.fooled(r, f) + " of 4");
        float[] m = r.masks().toFloatArray();
        for (int i = 0; i < 4; i++) {
            for (int p = 0; p < 36; p++) {
                int base = i * 108 + p;
                assertEquals(m[base], m[base + 36], "channels of pixel " + p + " not tied");
                assertEquals(m[base], m[base + 72], "channels of pixel " + p + " not tied");
            }
        }
    }

    @Test
    void theDistortionMapChangesWhichPixelsAreChosen() {
        Tensor x = FooledFixture.images(4);
        Tensor y = FooledFixture.labels(4);
        AttackResult texture = new GreedyFool().eps(1).run(F, x, y);
        AttackResult uniform = new GreedyFool().eps(1).distortion(GreedyFool.Distortion.UNIFORM).run(F, x, y);
        assertFalse(Arrays.equals(texture.masks().toFloatArray(), uniform.masks().toFloatArray()));
    }

    @Test
    void anImageAloneEqualsTheSameImageInABatch() {
        BaselineChecks.assertBatchIndependent("greedyfool", () -> new GreedyFool().eps(1), F, FooledFixture.images(4),
                FooledFixture.labels(4));
    }

    @Test
    void badSettingsAreRefusedAndTheRegistryBuildsTheConfiguredAttack() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GreedyFool().pixelsPerStep(0))
                .getMessage().contains("pixels per step"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GreedyFool().step(1.5)).getMessage()
                .contains("step"));
        assertThrows(IllegalArgumentException.class, () -> new GreedyFool().maxSteps(0));
        assertThrows(IllegalArgumentException.class, () -> new GreedyFool().distortionFloor(0));
        assertThrows(IllegalArgumentException.class, () -> new GreedyFool().eps(-1));
        AttackContext ctx = new AttackContext(1, Goal.untargeted(), 0);
        assertInstanceOf(GreedyFool.class, Attacks.create("greedyfool", ctx, Map.of()));
        Tensor x = FooledFixture.images(2);
        Tensor y = FooledFixture.labels(2);
        AttackResult viaRegistry = Attacks.create("greedyfool", ctx, Map.of("pixels-per-step", "3", "step", "0.25",
                "distortion", "uniform", "max-steps", "5")).run(F, x, y);
        AttackResult fluent = new GreedyFool().eps(1).pixelsPerStep(3).step(0.25)
                .distortion(GreedyFool.Distortion.UNIFORM).maxSteps(5).run(F, x, y);
        assertArrayEquals(fluent.adversarial().toFloatArray(), viaRegistry.adversarial().toFloatArray());
    }
}
