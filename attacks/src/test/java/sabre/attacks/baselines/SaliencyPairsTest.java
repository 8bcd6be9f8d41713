package sabre.attacks.baselines;

import org.junit.jupiter.api.Test;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The top-k pair search against the O(N²) search over every pair of the domain, computed here. */
class SaliencyPairsTest {
    private static final int N = 120;

    /** Brute force: the best −A·B over valid pairs (s·A > 0, s·B < 0) of the domain; {p, q, score·1e6}. */
    private static double[] bruteForce(double[] alpha, double[] beta, boolean[] domain, int sign) {
        double[] best = {-1, -1, 0};
        for (int p = 0; p < alpha.length; p++) {
            for (int q = p + 1; q < alpha.length; q++) {
                double a = alpha[p] + alpha[q];
                double b = beta[p] + beta[q];
                if (domain[p] && domain[q] && sign * a > 0 && sign * b < 0 && -a * b > best[2]) {
                    best = new double[] {p, q, -a * b};
                }
            }
        }
        return best;
    }

    private static double[] draw(Generator g, double scale) {
        return Tensor.normal(g, sabre.tensor.Device.defaultDevice(), sabre.tensor.DType.FLOAT64, 0, scale, N)
                .toDoubleArray();
    }

    @Test
    void allCandidatesGiveTheExhaustiveBestAndCertifiedTopKChoicesAgreeWithIt() {
        Generator g = new Generator(5);
        int certified = 0;
        for (int trial = 0; trial < 40; trial++) {
            double[] alpha = draw(g, 1);
            double[] beta = draw(g, 2);
            boolean[] domain = new boolean[N];
            for (int i = 0; i < N; i++) {
                domain[i] = (i * 7 + trial) % 5 != 0;
            }
            int sign = trial % 2 == 0 ? 1 : -1;
            double[] truth = bruteForce(alpha, beta, domain, sign);
            SaliencyPairs.Choice all = SaliencyPairs.best(alpha, beta, domain, sign, N, true);
            assertNotNull(all);
            assertEquals(truth[0], all.p());
            assertEquals(truth[1], all.q());
            assertEquals(truth[2], all.score(), 1e-12);
            assertTrue(all.exact());
            SaliencyPairs.Choice top = SaliencyPairs.best(alpha, beta, domain, sign, 8, true);
            assertNotNull(top);
            assertTrue(top.score() <= truth[2] + 1e-12);
            assertTrue(domain[top.p()] && domain[top.q()], "a pair outside the domain");
            if (top.exact()) {
                certified++;
                assertEquals(truth[2], top.score(), 1e-12, "certified choice is not the best, trial " + trial);
            }
        }
        assertTrue(certified > 0, "no top-8 choice was certified: the bound was never exercised");
    }

    @Test
    void decreasingIsIncreasingOnNegatedGradients() {
        Generator g = new Generator(6);
        double[] alpha = draw(g, 1);
        double[] beta = draw(g, 1);
        boolean[] domain = new boolean[N];
        java.util.Arrays.fill(domain, true);
        double[] na = alpha.clone();
        double[] nb = beta.clone();
        for (int i = 0; i < N; i++) {
            na[i] = -na[i];
            nb[i] = -nb[i];
        }
        SaliencyPairs.Choice dec = SaliencyPairs.best(alpha, beta, domain, -1, 16, false);
        SaliencyPairs.Choice inc = SaliencyPairs.best(na, nb, domain, 1, 16, false);
        assertEquals(inc, dec);
    }

    @Test
    void withoutAValidPairStrictStopsAndTheFallbackTakesTheTwoLargestBounds() {
        double[] alpha = {-1, -2, -0.5, -3};
        double[] beta = {1, 1, 1, 1};
        boolean[] domain = {true, true, true, true};
        assertNull(SaliencyPairs.best(alpha, beta, domain, 1, 4, true));
        SaliencyPairs.Choice c = SaliencyPairs.best(alpha, beta, domain, 1, 4, false);
        assertEquals(0, c.p()); // d = α − β = {−2, −3, −1.5, −4}: the two largest are features 2 and 0
        assertEquals(2, c.q());
        assertEquals(0, c.score());
        assertNull(SaliencyPairs.best(alpha, beta, new boolean[] {false, false, true, false}, 1, 4, false),
                "one feature left: no pair");
    }
}
