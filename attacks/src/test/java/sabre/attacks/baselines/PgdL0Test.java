package sabre.attacks.baselines;

import org.junit.jupiter.api.Test;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.FooledFixture;
import sabre.attacks.Goal;
import sabre.attacks.registry.AttackContext;
import sabre.attacks.registry.Attacks;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PGD-L0+L∞ on the fooled fixture, its exact projection against brute force, and its k search. */
class PgdL0Test {
    private static final double EPS = 64 / 255.0;
    private final Classifier f = FooledFixture.classifier();
    private final Tensor x = FooledFixture.images(8);
    private final Tensor y = FooledFixture.labels(8);

    private static PgdL0 quick() {
        return new PgdL0().eps(EPS).steps(10).restarts(1).seed(5);
    }

    @Test
    void searchFoolsTheFixtureInsideTheBoxWithFewPixels() {
        long t0 = System.nanoTime();
        AttackResult r = quick().run(f, x, y);
        System.out.printf("pgd-l0 search: %.3f s/image, summary %s%n", (System.nanoTime() - t0) / 1e9 / 8,
                r.summary());
        SparseChecks.keepsPromises(r, f, x, y, EPS, 4);
        for (int i = 0; i < 8; i++) {
            if (r.success()[i]) {
                assertTrue(r.distances().l0Pixels()[i] < 28 * 28 / 2, "image " + i + " needed "
                        + r.distances().l0Pixels()[i] + " pixels: the search did not shrink k");
                assertTrue(SparseChecks.maskPixels(r, i) < 28 * 28, "a partial mask for image " + i);
            }
        }
    }

    @Test
    void fixedKChangesAtMostKPixelsAndTheMaskHasKPixels() {
        AttackResult r = quick().k(150).run(f, x, y);
        SparseChecks.keepsPromises(r, f, x, y, EPS, 4);
        for (int i = 0; i < 8; i++) {
            assertTrue(r.distances().l0Pixels()[i] <= 150, "image " + i);
            assertEquals(150, SparseChecks.maskPixels(r, i), "image " + i);
        }
    }

    @Test
    void targetedReachesTheTarget() {
        AttackResult r = quick().goal(Goal.nextClass()).run(f, x, y);
        assertTrue(r.targeted());
        SparseChecks.keepsPromises(r, f, x, y, EPS, 4);
    }

    @Test
    void anImageGetsTheSameBitsAloneAndInItsBatch() {
        SparseChecks.batchIndependent(quick(), f, x.narrow(0, 0, 4), y.narrow(0, 0, 4), 2);
    }

    @Test
    void projectionIsExactAgainstBruteForceOverAllPixelSubsets() {
        Generator g = new Generator(11);
        int c = 2;
        int side = 3;
        Tensor yv = Tensor.uniform(g, Tensor.zeros(1).device(), DType.FLOAT64, -1, 1, 1, c, side, side);
        Tensor lb = Tensor.uniform(g, yv.device(), DType.FLOAT64, -0.5, 0, 1, c, side, side);
        Tensor ub = Tensor.uniform(g, yv.device(), DType.FLOAT64, 0, 0.5, 1, c, side, side);
        double[] yy = yv.toDoubleArray();
        double[] lo = lb.toDoubleArray();
        double[] hi = ub.toDoubleArray();
        int plane = side * side;
        for (int k = 1; k <= 4; k++) {
            double[] got = PgdL0.project(yv, lb, ub, new int[] {k})[0].toDoubleArray();
            double best = Double.POSITIVE_INFINITY;
            for (int set = 0; set < 1 << plane; set++) {
                if (Integer.bitCount(set) > k) {
                    continue;
                }
                double dist = 0; // best point with exactly this support: clip inside, 0 outside
                for (int ch = 0; ch < c; ch++) {
                    for (int p = 0; p < plane; p++) {
                        int e = ch * plane + p;
                        double v = (set >> p & 1) == 1 ? Math.min(hi[e], Math.max(lo[e], yy[e])) : 0;
                        dist += (yy[e] - v) * (yy[e] - v);
                    }
                }
                best = Math.min(best, dist);
            }
            double d = 0;
            int support = 0;
            for (int p = 0; p < plane; p++) {
                boolean any = false;
                for (int ch = 0; ch < c; ch++) {
                    int e = ch * plane + p;
                    assertTrue(got[e] >= lo[e] - 1e-15 && got[e] <= hi[e] + 1e-15, "inside the box");
                    any |= got[e] != 0;
                }
                support += any ? 1 : 0;
            }
            for (int e = 0; e < got.length; e++) {
                d += (yy[e] - got[e]) * (yy[e] - got[e]);
            }
            assertTrue(support <= k, "support " + support + " > k " + k);
            assertEquals(best, d, 1e-12, "projection distance at k = " + k);
        }
    }

    @Test
    void registryBuildsItAndBadSettingsAreRefused() {
        AttackContext ctx = new AttackContext(EPS, Goal.untargeted(), 5);
        AttackResult viaRegistry = Attacks.create("pgd-l0", ctx, Map.of("steps", "10", "restarts", "1", "k", "40"))
                .run(f, x.narrow(0, 0, 2), y.narrow(0, 0, 2));
        AttackResult fluent = quick().k(40).run(f, x.narrow(0, 0, 2), y.narrow(0, 0, 2));
        assertArrayEquals(fluent.adversarial().toFloatArray(), viaRegistry.adversarial().toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> new PgdL0().k(-1));
        assertThrows(IllegalArgumentException.class, () -> new PgdL0().steps(0));
        assertThrows(IllegalArgumentException.class, () -> new PgdL0().eps(0));
        assertThrows(IllegalArgumentException.class, () -> new PgdL0().stepSize(Double.NaN));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new PgdL0().k(785).run(f, x, y));
        assertTrue(big.getMessage().contains("785"), big.getMessage());
    }
}
