package sabre.attacks.sparse;

import sabre.tensor.Check;

/**
 * The binarizer's sharpness α at each pruning step: {@link AlphaSchedule} grows it geometrically (the default),
 * {@link #linear} linearly (AdvMask's 0.1 → 100).
 *
 * <pre>{@code double a = AlphaRamp.linear(0.1, 100, 100).at(99); // 100}</pre>
 */
@FunctionalInterface
public interface AlphaRamp {
    /** α at step t (0-based). */
    double at(int t);

    /** {@code α_t = start + (end − start)·t/(steps − 1)}. */
    static AlphaRamp linear(double start, double end, int steps) {
        Check.arg(start > 0 && end >= start && Double.isFinite(end), "alpha ramp",
                "need 0 < start <= end < inf, found %s -> %s", start, end);
        Check.positive("alpha ramp", "steps", steps);
        return t -> steps == 1 ? end : start + (end - start) * t / (steps - 1);
    }
}
