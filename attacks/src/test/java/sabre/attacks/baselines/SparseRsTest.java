package sabre.attacks.baselines;

import org.junit.jupiter.api.Test;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.FooledFixture;
import sabre.attacks.Goal;
import sabre.attacks.registry.AttackContext;
import sabre.attacks.registry.Attacks;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.Tensor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sparse-RS on the fooled fixture: k pixels at corners, the query budget, the schedule. */
class SparseRsTest {
    private final Classifier f = FooledFixture.classifier();
    private final Tensor x = FooledFixture.images(6);
    private final Tensor y = FooledFixture.labels(6);

    @Test
    void foolsTheFixtureWithKPixelsAtCornersOfTheBox() {
        long t0 = System.nanoTime();
        AttackResult r = new SparseRs().queries(1000).seed(1).run(f, x, y);
        System.out.printf("sparse-rs: %.3f s/image, summary %s%n", (System.nanoTime() - t0) / 1e9 / 6, r.summary());
        SparseChecks.keepsPromises(r, f, x, y, Double.NaN, 3);
        float[] a = x.toFloatArray();
        float[] b = r.adversarial().toFloatArray();
        for (int i = 0; i < 6; i++) {
            assertTrue(r.distances().l0Pixels()[i] <= 24, "image " + i);
            assertEquals(24, SparseChecks.maskPixels(r, i), "the set M of image " + i + " has k pixels");
            assertTrue(r.iterations()[i] >= 1 && r.iterations()[i] <= 1000, "queries of image " + i);
            for (int e = i * 784; e < (i + 1) * 784; e++) {
                assertTrue(a[e] == b[e] || b[e] == 0 || b[e] == 1, "a changed value is a corner, found " + b[e]);
            }
        }
    }

    @Test
    void anUnfooledImageSpendsExactlyItsBudget() {
        AttackResult r = new SparseRs().k(1).queries(7).seed(1).run(f, x, y);
        for (int i = 0; i < 6; i++) {
            if (!r.success()[i]) {
                assertEquals(7, r.iterations()[i], "queries of unfooled image " + i);
            }
        }
        assertFalse(r.success()[1] && r.success()[2] && r.success()[3], "one pixel should not fool all");
    }

    @Test
    void usesOnlyLogitsAndCountsEveryQuery() {
        Module inner = FooledFixture.classifier().module();
        int[] forwarded = {0};
        Module blackBox = new Module() {
            @Override
            public Var forward(Var input) {
                assertFalse(input.requiresGrad(), "a black-box attack asked for a gradient");
                forwarded[0] += input.shape()[0];
                return inner.forward(input);
            }
        };
        AttackResult r = new SparseRs().k(10).queries(200).seed(3).run(Classifier.of(blackBox), x, y);
        int queries = java.util.Arrays.stream(r.iterations()).sum();
        // the clean evaluation and the result's fresh evaluation add one pass per image each
        assertEquals(queries + 2 * 6, forwarded[0], "images forwarded vs queries reported");
        assertTrue(queries > 6, "the search made queries beyond the first evaluation");
    }

    @Test
    void targetedReachesTheTarget() {
        AttackResult r = new SparseRs().k(60).queries(1000).goal(Goal.nextClass()).seed(1)
                .run(f, x.narrow(0, 0, 2), y.narrow(0, 0, 2));
        assertTrue(r.targeted());
        SparseChecks.keepsPromises(r, f, x.narrow(0, 0, 2), y.narrow(0, 0, 2), Double.NaN, 1);
    }

    @Test
    void anImageGetsTheSameBitsAloneAndInItsBatch() {
        SparseChecks.batchIndependent(new SparseRs().k(10).queries(300).seed(4), f, x.narrow(0, 0, 4),
                y.narrow(0, 0, 4), 2);
    }

    @Test
    void theResampledFractionFollowsThePapersScheduleRescaledToTheBudget() {
        assertEquals(0.3, SparseRs.alpha(0.3, 0, 10000), 1e-15);
        assertEquals(0.15, SparseRs.alpha(0.3, 1, 10000), 1e-15);
        assertEquals(0.15, SparseRs.alpha(0.3, 50, 10000), 1e-15);
        assertEquals(0.075, SparseRs.alpha(0.3, 51, 10000), 1e-15);
        assertEquals(0.06, SparseRs.alpha(0.3, 500, 10000), 1e-15);
        assertEquals(0.3 / 15, SparseRs.alpha(0.3, 8000, 10000), 1e-15);
        assertEquals(0.3 / 20, SparseRs.alpha(0.3, 9999, 10000), 1e-15);
        assertEquals(0.15, SparseRs.alpha(0.3, 25, 5000), 1e-15); // query 25 of 5000 = 50 of 10000
        assertEquals(0.075, SparseRs.alpha(0.3, 26, 5000), 1e-15);
    }

    @Test
    void registryBuildsItAndBadSettingsAreRefused() {
        AttackContext ctx = new AttackContext(8 / 255.0, Goal.untargeted(), 9);
        AttackResult viaRegistry = Attacks.create("sparse-rs", ctx, Map.of("k", "10", "queries", "50")).run(f, x, y);
        assertArrayEquals(new SparseRs().k(10).queries(50).seed(9).run(f, x, y).adversarial().toFloatArray(),
                viaRegistry.adversarial().toFloatArray());
        assertFalse(Attacks.entry("sparse-rs").bounded());
        assertThrows(IllegalArgumentException.class, () -> new SparseRs().k(0));
        assertThrows(IllegalArgumentException.class, () -> new SparseRs().queries(0));
        assertThrows(IllegalArgumentException.class, () -> new SparseRs().alphaInit(1.5));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new SparseRs().k(784).run(f, x, y));
        assertTrue(big.getMessage().contains("784"), big.getMessage());
    }
}
