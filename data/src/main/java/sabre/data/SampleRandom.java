package sabre.data;

import sabre.tensor.Generator;
import sabre.tensor.Philox;

/**
 * Scalar draws from a {@link Generator} for per-sample transforms, with Sabre's Philox convention: each draw takes
 * the generator's next counter and uses lanes 0–1 as 53 random bits, so a draw equals element 0 of
 * {@code Tensor.uniform(g, device, FLOAT64, 0, 1, 1)} made at the same offset.
 *
 * <pre>{@code boolean flip = SampleRandom.uniform(g) < 0.5; int dx = SampleRandom.below(g, 9);}</pre>
 */
public final class SampleRandom {
    private SampleRandom() {
    }

    /** A uniform double in [0, 1); advances {@code g} by one. */
    public static double uniform(Generator g) {
        int[] lanes = Philox.block(g.seed(), g.advance(1));
        return Philox.unitDouble(lanes[0], lanes[1]);
    }

    /** A uniform integer in {@code 0 .. n-1}; advances {@code g} by one. */
    public static int below(Generator g, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("sample random: bound must be positive, found " + n);
        }
        return (int) (uniform(g) * n);
    }
}
