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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C&W-L0 on the fooled fixture and its pixel-removal rule on hand-computed scores. */
class CwL0Test {
    private final Classifier f = FooledFixture.classifier();
    private final Tensor x = FooledFixture.images(4);
    private final Tensor y = FooledFixture.labels(4);

    private static CwL0 quick() {
        return new CwL0().steps(30).maxConst(16);
    }

    @Test
    void foolsTheFixtureWithFewPixelsAndKeepsItsMask() {
        long t0 = System.nanoTime();
        AttackResult r = quick().run(f, x, y);
        System.out.printf("cw-l0: %.3f s/image, summary %s%n", (System.nanoTime() - t0) / 1e9 / 4, r.summary());
        SparseChecks.keepsPromises(r, f, x, y, Double.NaN, 2);
        for (int i = 0; i < 4; i++) {
            if (r.success()[i]) {
                int mask = SparseChecks.maskPixels(r, i);
                assertTrue(mask < 100, "image " + i + " kept " + mask + " allowed pixels: the set did not shrink");
                assertTrue(r.distances().l0Pixels()[i] <= mask, "image " + i);
            }
        }
        assertTrue(r.summary().linf() > 8 / 255.0, "unbounded: the measured Linf is not held to eps");
    }

    @Test
    void targetedReachesTheTarget() {
        AttackResult r = new CwL0().maxConst(64).goal(Goal.nextClass()).run(f, x.narrow(0, 0, 2), y.narrow(0, 0, 2));
        assertTrue(r.targeted());
        SparseChecks.keepsPromises(r, f, x.narrow(0, 0, 2), y.narrow(0, 0, 2), Double.NaN, 1);
    }

    @Test
    void anImageGetsTheSameBitsAloneAndInItsBatch() {
        SparseChecks.batchIndependent(quick().maxSolves(40), f, x.narrow(0, 0, 3), y.narrow(0, 0, 3), 1);
    }

    @Test
    void removalTakesTheSmallestScoresUpToThePapersCount() {
        // 100 changed pixels: at most 0.3·√100 = 3 removed, the smallest |δ|·|g| first
        float[] valid = ones(100);
        float[] delta = new float[100];
        float[] grad = new float[100];
        for (int p = 0; p < 100; p++) {
            delta[p] = 1e-3f;
            grad[p] = (100 - p) / 1000f; // pixel 99 has the smallest score
        }
        CwL0.shrink(valid, delta, grad, 0, 1, 100);
        assertRemoved(valid, 97, 98, 99);
        // a score above 0.01 is removed and ends the round
        float[] v2 = ones(100);
        float[] d2 = new float[100];
        float[] g2 = new float[100];
        java.util.Arrays.fill(d2, 0.5f);
        java.util.Arrays.fill(g2, 1f);
        g2[5] = 0.001f; // score 0.0005
        g2[9] = 0.03f; // score 0.015 > 0.01
        CwL0.shrink(v2, d2, g2, 0, 1, 100);
        assertRemoved(v2, 5, 9);
        // channels are tied and δ summed before |.|: opposite channels cancel; removed pixels are skipped
        float[] v3 = ones(4);
        v3[1] = 0;
        float[] d3 = {0.2f, 0.0f, 0.5f, 0.3f, /* channel 2 */ 0.2f, 0.0f, -0.5f, 0.3f};
        float[] g3 = {1, 1, 1, 1, 1, 1, 1, 1};
        CwL0.shrink(v3, d3, g3, 0, 2, 4);
        assertRemoved(v3, 1, 2);
    }

    @Test
    void registryBuildsItAndBadSettingsAreRefused() {
        AttackContext ctx = new AttackContext(8 / 255.0, Goal.untargeted(), 0);
        Tensor x2 = x.narrow(0, 0, 2);
        Tensor y2 = y.narrow(0, 0, 2);
        AttackResult viaRegistry = Attacks.create("cw-l0", ctx, Map.of("steps", "30", "max-const", "16",
                "max-solves", "20")).run(f, x2, y2);
        assertArrayEquals(quick().maxSolves(20).run(f, x2, y2).adversarial().toFloatArray(),
                viaRegistry.adversarial().toFloatArray());
        assertFalse(Attacks.entry("cw-l0").bounded());
        assertThrows(IllegalArgumentException.class, () -> new CwL0().steps(0));
        assertThrows(IllegalArgumentException.class, () -> new CwL0().lr(-1));
        assertThrows(IllegalArgumentException.class, () -> new CwL0().constFactor(1));
        assertThrows(IllegalArgumentException.class, () -> new CwL0().kappa(Double.POSITIVE_INFINITY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CwL0().initialConst(100).maxConst(10).run(f, x2, y2));
        assertTrue(e.getMessage().contains("initial const"), e.getMessage());
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    private static void assertRemoved(float[] valid, int... removed) {
        java.util.Set<Integer> expected = new java.util.HashSet<>();
        for (int p : removed) {
            expected.add(p);
        }
        for (int p = 0; p < valid.length; p++) {
            assertTrue(valid[p] == (expected.contains(p) ? 0 : 1), "pixel " + p + " valid = " + valid[p]);
        }
    }
}
