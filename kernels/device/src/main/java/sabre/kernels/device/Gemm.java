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

    private Gemm() {
    }

    /** The {@code Mat} struct of {@code gemm.cl}. */
    record Mat(int off, int s1, int s2, int rs, int cs) {
        int[] packed() {
            return new int[] {off, s1, s2, rs, cs};
        }
    }

    /** Enqueues {@code C = A·B} (or {@code C += A·B} when {@code accumulate}) for every batch. */
    static void run(DeviceRuntime rt, DType t, int m, int n, int k, int nb1, int nb2, Mat a, DevStorage as, Mat b,
                    DevStorage bs, Mat c, DevStorage cs, boolean accumulate) {
        Launch.of(rt, "gemm", Types.of(t), "gemm").i(m).i(n).i(k).i(nb2)
                .ints(a.packed()).buf(as).ints(b.packed()).buf(bs).ints(c.packed()).buf(cs).i(accumulate ? 1 : 0)
                .run(new long[] {Launch.roundUp(n, TILE) / TILE * WG, Launch.roundUp(m, TILE) / TILE * WG,
                        (long) nb1 * nb2}, new long[] {WG, WG, 1});
    }

}
