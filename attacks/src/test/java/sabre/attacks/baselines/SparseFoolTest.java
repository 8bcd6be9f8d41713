package sabre.attacks.baselines;

import org.junit.jupiter.api.Test;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.FooledFixture;
import sabre.attacks.Goal;
import sabre.attacks.registry.AttackContext;
import sabre.attacks.registry.Attacks;
import sabre.tensor.Tensor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparseFoolTest {
    private static final Classifier F = FooledFixture.classifier();

    @Test
    void foolsTheFixtureWithFewCoordinatesAndReportsItsOwnLinf() {
        Tensor x = FooledFixture.images(8);
        AttackResult r = new SparseFool().run(F, x, FooledFixture.labels(8));
        BaselineChecks.assertHonest("sparsefool", r, F, x, 0);
        assertTrue(BaselineChecks.fooled(r, F) >= 4, "fooled " + BaselineChecks.fooled(r, F) + " of 8");
        assertEquals(1, r.eps(), "unbounded: the result's radius is the whole box");
        for (int i = 0; i < 8; i++) {
            assertTrue(r.iterations()[i] >= 1 && r.iterations()[i] <= 20, "iterations " + r.iterations()[i]);
            if (r.success()[i]) {
                assertTrue(r.distances().l0Elements()[i] < 784 / 4, "not sparse: " + r.distances().l0Elements()[i]);
            }
        }
    }

    @Test
    void theOptionalClipKeepsTheBall() {
        Tensor x = FooledFixture.images(4);
        double eps = 32 / 255.0;
        AttackResult r = new SparseFool().eps(eps).maxIterations(5).run(F, x, FooledFixture.labels(4));
        BaselineChecks.assertHonest("sparsefool clipped", r, F, x, eps);
        assertTrue(r.summary().linf() > 0, "nothing changed");
    }

    @Test
    void colourImages() {
        Classifier f = BaselineChecks.colourModel();
        Tensor x = BaselineChecks.colourImages(4);
        AttackResult r = new SparseFool().run(f, x, f.predict(x));
        BaselineChecks.assertHonest("sparsefool colour", r, f, x, 0);
        assertTrue(BaselineChecks.fooled(r, f) >= 2, "fooled " + BaselineChecks.fooled(r, f) + " of 4");
    }

    @Test
    void anImageAloneEqualsTheSameImageInABatch() {
        BaselineChecks.assertBatchIndependent("sparsefool", SparseFool::new, F, FooledFixture.images(4),
                FooledFixture.labels(4));
    }

    @Test
    void badSettingsAndTargetingAreRefusedAndTheRegistryBuildsTheConfiguredAttack() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SparseFool().lambda(0.5)).getMessage()
                .contains("lambda"));
        assertThrows(IllegalArgumentException.class, () -> new SparseFool().maxIterations(0));
        assertThrows(IllegalArgumentException.class, () -> new SparseFool().deepFoolSteps(0));
        assertThrows(IllegalArgumentException.class, () -> new SparseFool().overshoot(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new SparseFool().eps(0));
        assertThrows(IllegalArgumentException.class, () -> new SparseFool().goal(Goal.nextClass()));
        IllegalArgumentException targeted = assertThrows(IllegalArgumentException.class, () -> Attacks.create(
                "sparsefool", new AttackContext(8 / 255.0, Goal.nextClass(), 0), Map.of()));
        assertTrue(targeted.getMessage().contains("untargeted"), targeted.getMessage());
        assertTrue(!Attacks.entry("sparsefool").bounded());
        AttackContext ctx = new AttackContext(16 / 255.0, Goal.untargeted(), 0);
        assertInstanceOf(SparseFool.class, Attacks.create("sparsefool", ctx, Map.of()));
        Tensor x = FooledFixture.images(2);
        Tensor y = FooledFixture.labels(2);
        AttackResult viaRegistry = Attacks.create("sparsefool", ctx, Map.of("lambda", "2", "max-iterations", "3",
                "deepfool-steps", "5", "overshoot", "0.05", "eps-clip", "true")).run(F, x, y);
        AttackResult fluent = new SparseFool().lambda(2).maxIterations(3).deepFoolSteps(5).overshoot(0.05)
                .eps(16 / 255.0).run(F, x, y);
        assertArrayEquals(fluent.adversarial().toFloatArray(), viaRegistry.adversarial().toFloatArray());
        assertEquals(16 / 255.0, viaRegistry.eps());
    }
}
