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

import java.util.ArrayDeque;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SAPF on the fooled fixture, its ADMM projections, and the SLIC superpixels. */
class SapfTest {
    private final Classifier f = FooledFixture.classifier();
    private final Tensor x = FooledFixture.images(4);
    private final Tensor y = FooledFixture.labels(4);

    private static Sapf quick() {
        return new Sapf().eSteps(40).gSteps(40).searches(3).initLambda1(1);
    }

    @Test
    void foolsTheFixtureThroughASparseBinaryMask() {
        long t0 = System.nanoTime();
        AttackResult r = quick().run(f, x, y);
        System.out.printf("sapf: %.3f s/image, summary %s%n", (System.nanoTime() - t0) / 1e9 / 4, r.summary());
        SparseChecks.keepsPromises(r, f, x, y, Double.NaN, 2);
        for (int i = 0; i < 4; i++) {
            int ones = (int) Math.round(r.masks().narrow(0, i, 1).sum().item());
            assertTrue(ones < 200, "image " + i + ": G kept " + ones + " of 784 elements");
            assertTrue(r.distances().l0Elements()[i] <= ones, "image " + i);
        }
    }

    @Test
    void targetedReachesTheTarget() {
        AttackResult r = quick().goal(Goal.nextClass()).run(f, x.narrow(0, 0, 2), y.narrow(0, 0, 2));
        assertTrue(r.targeted());
        SparseChecks.keepsPromises(r, f, x.narrow(0, 0, 2), y.narrow(0, 0, 2), Double.NaN, 1);
    }

    @Test
    void anImageGetsTheSameBitsAloneAndInItsBatch() {
        SparseChecks.batchIndependent(new Sapf().eSteps(10).gSteps(10).searches(2).initLambda1(1), f,
                x.narrow(0, 0, 3), y.narrow(0, 0, 3), 2);
    }

    @Test
    void sphereProjectionLandsOnTheSphereAlongTheSameRay() {
        Tensor v = Tensor.uniform(new Generator(2), x.device(), DType.FLOAT64, -2, 3, 2, 1, 3, 4);
        Tensor p = Sapf.sphere(v, 12);
        double[] a = v.toDoubleArray();
        double[] b = p.toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double norm = 0;
            double va = 0;
            for (int e = i * 12; e < (i + 1) * 12; e++) {
                norm += (b[e] - 0.5) * (b[e] - 0.5);
                va += (a[e] - 0.5) * (a[e] - 0.5);
            }
            assertEquals(12 / 4.0, norm, 1e-9, "||y - 1/2||^2 = n/4");
            double scale = Math.sqrt(norm / va);
            for (int e = i * 12; e < (i + 1) * 12; e++) {
                assertEquals((a[e] - 0.5) * scale, b[e] - 0.5, 1e-9, "same direction from 1/2");
            }
        }
    }

    @Test
    void groupShrinkZeroesSmallGroupsAndScalesTheOthers() {
        // one image, 2 channels, 2x2 pixels; groups: pixels {0, 1} and {2, 3}
        Tensor v = Tensor.of(new double[] {0.1, 0.1, 3, 0, /* channel 2 */ 0.1, 0.1, 0, 4}, 1, 2, 2, 2);
        Tensor groups = Tensor.ofInts(new int[] {0, 0, 1, 1}, 1, 4);
        double[] out = Sapf.groupShrink(v, groups, 2, 1.0).toDoubleArray();
        // group 0 has norm 0.2 <= 1: zero; group 1 has norm 5: scaled by 1 - 1/5
        assertArrayEquals(new double[] {0, 0, 2.4, 0, 0, 0, 0, 3.2}, out, 1e-12);
    }

    @Test
    void slicFollowsAnEdgeAndGivesConnectedSegmentsNearTheAskedCount() {
        int h = 24;
        int w = 24;
        float[] img = new float[h * w];
        for (int p = 0; p < h * w; p++) {
            img[p] = p % w < 10 ? 0.1f : 0.9f; // a vertical edge between columns 9 and 10
        }
        int[] labels = Superpixels.slic(img, 1, h, w, 36, 10);
        int count = Superpixels.count(labels);
        assertTrue(count >= 18 && count <= 72, "asked 36 segments, found " + count);
        for (int p = 0; p < h * w; p++) {
            if (p % w == 9) {
                assertTrue(labels[p] != labels[p + 1], "segment " + labels[p] + " crosses the edge at row " + p / w);
            }
        }
        assertConnected(labels, h, w, count);
        int[] rgb = Superpixels.slic(new float[3 * h * w], 3, h, w, 16, 10);
        assertConnected(rgb, h, w, Superpixels.count(rgb));
        int[] grid = Superpixels.grid(4, 6, 6);
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 3, 3, 4, 4, 5, 5}, grid);
    }

    @Test
    void registryBuildsItAndBadSettingsAreRefused() {
        AttackContext ctx = new AttackContext(8 / 255.0, Goal.untargeted(), 0);
        Tensor x1 = x.narrow(0, 0, 1);
        Tensor y1 = y.narrow(0, 0, 1);
        AttackResult viaRegistry = Attacks.create("sapf", ctx, Map.of("e-steps", "10", "g-steps", "10",
                "searches", "2", "init-lambda1", "1", "groups", "grid")).run(f, x1, y1);
        Sapf fluent = new Sapf().eSteps(10).gSteps(10).searches(2).initLambda1(1).grouping(Sapf.Grouping.GRID);
        assertArrayEquals(fluent.run(f, x1, y1).adversarial().toFloatArray(),
                viaRegistry.adversarial().toFloatArray());
        assertFalse(Attacks.entry("sapf").bounded());
        assertThrows(IllegalArgumentException.class, () -> new Sapf().k(-1));
        assertThrows(IllegalArgumentException.class, () -> new Sapf().initLambda1(0));
        assertThrows(IllegalArgumentException.class, () -> new Sapf().lambda2(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Sapf().segments(0));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new Sapf().k(10_000).run(f, x1, y1));
        assertTrue(big.getMessage().contains("10000"), big.getMessage());
    }

    private static void assertConnected(int[] labels, int h, int w, int count) {
        for (int s = 0; s < count; s++) {
            int start = -1;
            int size = 0;
            for (int p = 0; p < labels.length; p++) {
                if (labels[p] == s) {
                    size++;
                    start = start < 0 ? p : start;
                }
            }
            assertTrue(size > 0, "label " + s + " is unused");
            boolean[] seen = new boolean[labels.length];
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(start);
            seen[start] = true;
            int reached = 0;
            while (!q.isEmpty()) {
                int p = q.poll();
                reached++;
                int[] nb = {p - w, p + w, p % w > 0 ? p - 1 : -1, p % w < w - 1 ? p + 1 : -1};
                for (int o : nb) {
                    if (o >= 0 && o < labels.length && !seen[o] && labels[o] == s) {
                        seen[o] = true;
                        q.add(o);
                    }
                }
            }
            assertEquals(size, reached, "segment " + s + " is not connected");
        }
    }
}
