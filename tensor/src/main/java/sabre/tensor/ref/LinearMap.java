package sabre.tensor.ref;

/**
 * A linear map {@code y = A·x} described once, by its non-zero entries {@code A[out, in] = weight}. The forward
 * gathers and the backward scatters with the very same entries, so a backward built on it is the exact adjoint
 * ({@code Aᵀ}) of its forward — pooling and resampling are written this way.
 */
@FunctionalInterface
interface LinearMap {
    /** Receives one non-zero entry {@code A[out, in] = weight}. */
    @FunctionalInterface
    interface Entry {
        void accept(int out, int in, double weight);
    }

    /** Visits every non-zero entry (for each output, always in the same order). */
    void forEach(Entry entry);

    /** {@code y = A·x}. */
    default double[] apply(double[] x, int outSize) {
        double[] y = new double[outSize];
        forEach((out, in, weight) -> y[out] += weight * x[in]);
        return y;
    }

    /** {@code dx = Aᵀ·g}. */
    default double[] applyTransposed(double[] g, int inSize) {
        double[] dx = new double[inSize];
        forEach((out, in, weight) -> dx[in] += weight * g[out]);
        return dx;
    }
}
