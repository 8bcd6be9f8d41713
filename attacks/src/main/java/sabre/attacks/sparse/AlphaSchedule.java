package sabre.attacks.sparse;

import sabre.tensor.Check;

/**
 * The binarizer's sharpness over the pruning steps, growing geometrically from α₀ to α₁ (as Continuous
 * Sparsification anneals its temperature): {@code α_t = α₀·(α₁/α₀)^(t/(T−1))}, so {@code sigmoid(α·z)} moves from a
 * soft gate to a 0/1 step.
 *
 * <pre>{@code double a = new AlphaSchedule(1, 200, 100).at(99); // 200}</pre>
 */
public record AlphaSchedule(double start, double end, int steps) implements AlphaRamp {
    public AlphaSchedule {
        Check.arg(start > 0 && end >= start && Double.isFinite(end), "alpha schedule",
                "need 0 < start <= end < inf, found %s -> %s", start, end);
        Check.positive("alpha schedule", "steps", steps);
    }

    /** α at step t (0-based). */
    @Override
    public double at(int t) {
        return steps == 1 ? end : start * Math.pow(end / start, t / (double) (steps - 1));
    }
}
