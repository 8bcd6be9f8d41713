package sabre.attacks.baselines;

/**
 * JSMA's pair choice (Papernot et al. 2016, the pairwise saliency map) without the O(N²) table of all pairs. With
 * {@code α = ∂z_t/∂x} and {@code β = Σ_{j≠t} ∂z_j/∂x}, a pair (p, q) has {@code A = α_p + α_q}, {@code B = β_p + β_q}
 * and the saliency {@code S = −A·B} when {@code s·A > 0} and {@code s·B < 0} (s = sign θ: +1 increases the
 * features, −1 decreases them), else 0. Because {@code S ≤ ((d_p + d_q)/2)²} with {@code d = s·(α − β)} (AM–GM on
 * s·A and −s·B), only the k features with the largest d are paired, k² pairs per step, O(N·k) time and O(k) memory;
 * the choice is the exact maximum over all pairs whenever the best score found is at least
 * {@code ((d_(1) + d_(k+1))/2)²} ({@link Choice#exact()}).
 *
 * <pre>{@code SaliencyPairs.Choice c = SaliencyPairs.best(alpha, beta, domain, 1, 32);}</pre>
 */
final class SaliencyPairs {
    private SaliencyPairs() {
    }

    /**
     * The chosen pair (p < q), its saliency (0 for the fallback pair) and whether the top-k bound certifies it as the
     * best of all pairs (false for the fallback).
     */
    record Choice(int p, int q, double score, boolean exact) {
    }

    /**
     * The most salient pair of the search domain among the {@code k} candidates with the largest d. When no candidate
     * pair has a positive saliency: null if {@code strict}, else the two features with the largest d (the pair that
     * raises {@code s·(z_t − Σ_{j≠t} z_j)} most to first order). Null also when fewer than two features are left.
     */
    static Choice best(double[] alpha, double[] beta, boolean[] domain, int sign, int k, boolean strict) {
        int[] top = new int[k + 1]; // the k + 1 largest d, descending (the last one only bounds the rest)
        int size = 0;
        for (int i = 0; i < alpha.length; i++) {
            if (!domain[i]) {
                continue;
            }
            double d = sign * (alpha[i] - beta[i]);
            if (size == top.length && d <= sign * (alpha[top[size - 1]] - beta[top[size - 1]])) {
                continue; // ties keep the lower index
            }
            int at = Math.min(size, top.length - 1);
            while (at > 0 && sign * (alpha[top[at - 1]] - beta[top[at - 1]]) < d) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = i;
            size = Math.min(size + 1, top.length);
        }
        int candidates = Math.min(size, k);
        int bestP = -1;
        int bestQ = -1;
        double best = 0;
        for (int a = 0; a < candidates; a++) {
            for (int b = a + 1; b < candidates; b++) {
                int p = top[a];
                int q = top[b];
                double sa = sign * (alpha[p] + alpha[q]);
                double sb = sign * (beta[p] + beta[q]);
                double score = sa * -sb; // = −A·B
                if (sa > 0 && sb < 0 && score > best) {
                    best = score;
                    bestP = Math.min(p, q);
                    bestQ = Math.max(p, q);
                }
            }
        }
        if (bestP < 0) {
            return strict || size < 2 ? null : new Choice(Math.min(top[0], top[1]), Math.max(top[0], top[1]), 0, false);
        }
        boolean exact = size <= k;
        if (!exact) {
            double bound = (sign * (alpha[top[0]] - beta[top[0]]) + sign * (alpha[top[k]] - beta[top[k]])) / 2;
            exact = bound <= 0 || best >= bound * bound;
        }
        return new Choice(bestP, bestQ, best, exact);
    }
}
