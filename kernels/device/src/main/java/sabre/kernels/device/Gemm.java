package sabre.kernels.device;

import sabre.tensor.DType;

/**
 * Host side of {@code gemm.cl}: {@code C (+)= A·B} over a grid of {@code nb1 × nb2} batches, every operand
 * addressed by a {@link Mat} (offset, two batch strides, row and column stride). Conv and matmul both call it.
 *
 * <pre>{@code
 * // c = a·b for row-major a [m, k] and b [k, n]; a transposed operand swaps its row and column strides
 * Gemm.run(rt, DType.FLOAT32, m, n, k, 1, 1, new Mat(0, 0, 0, k, 1), a, new Mat(0, 0, 0, n, 1), b,
 *         new Mat(0, 0, 0, n, 1), c, false);
 * }</pre>
 */
final class Gemm {
    private static final int TILE = 64;
    private static final int WG = 16;
    /** Batches per launch: CUDA's grid limit along z (the batch axis); larger batch counts take several launches. */
    static final int MAX_BATCHES = 65535;

    private Gemm() {
    }

    /** The {@code Mat} struct of {@code gemm.cl}. */
    record Mat(int off, int s1, int s2, int rs, int cs) {
        int[] packed() {
            return new int[] {off, s1, s2, rs, cs};
        }

        /** The same matrix from outer batch {@code b1} on. */
        Mat from(int b1) {
            return new Mat(off + b1 * s1, s1, s2, rs, cs);
        }
    }

    /** Enqueues {@code C = A·B} (or {@code C += A·B} when {@code accumulate}) for every batch. */
    static void run(DeviceRuntime rt, DType t, int m, int n, int k, int nb1, int nb2, Mat a, DevStorage as, Mat b,
                    DevStorage bs, Mat c, DevStorage cs, boolean accumulate) {
        int per = Math.max(1, MAX_BATCHES / nb2); // outer batches per launch
        for (int b1 = 0; b1 < nb1; b1 += per) {
            int count = Math.min(per, nb1 - b1);
            Launch.of(rt, "gemm", Types.of(t), "gemm").i(m).i(n).i(k).i(nb2).ints(a.from(b1).packed()).buf(as)
                    .ints(b.from(b1).packed()).buf(bs).ints(c.from(b1).packed()).buf(cs).i(accumulate ? 1 : 0)
                    .run(new long[] {Launch.roundUp(n, TILE) / TILE * WG, Launch.roundUp(m, TILE) / TILE * WG,
                            (long) count * nb2}, new long[] {WG, WG, 1});
        }
    }

}
