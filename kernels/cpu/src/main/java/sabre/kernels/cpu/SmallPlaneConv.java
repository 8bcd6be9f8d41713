package sabre.kernels.cpu;

import java.util.Arrays;

/**
 * Forward and input gradient of ungrouped convolutions with small output planes and many channels (ResNet-18's
 * 8×8 and 4×4 stages), as one GEMM over a batch of images instead of one per image. Per image the GEMM would be
 * only {@code OH·OW} columns wide (16 at 4×4: half of a 32-column register tile), and {@link ShiftConv}'s padded
 * grid computes {@code (OH+2)·(OW+2)}-ish positions for {@code OH·OW} useful ones; with the images side by side
 * every tile is full. The im2col packing this needs costs about one copy per multiply-add per 16 rows of A, hence
 * the channel floor. Measured (2 threads, CPU time per call, batch 128): 256 channels at 8×8 forward 152 → 123 ms;
 * at 64 channels the shift kernel stays faster (11 vs 13 ms).
 * <ul>
 *   <li>forward: {@code Ytmp[O × B·Q] = W[O × K] · col(images)[K × B·Q]}, then scattered to {@code y[img, o, q]};</li>
 *   <li>input gradient: {@code dcol[K × B·Q] = Wᵀ · G[O × B·Q]} (G gathered from {@code g[img, o, q]}), then col2im
 *       per image.</li>
 * </ul>
 * The batch split depends on the shapes only and a GEMM's sums do not depend on its column position, so the bits
 * do not depend on the thread count.
 */
final class SmallPlaneConv {
    /** Output planes below this many pixels qualify. */
    static final int MAX_PIXELS = 16 * 16 - 1;
    /** Fewest GEMM rows (output channels forward, input channels for ∂x) for which batching pays. */
    static final int MIN_ROWS = 128;
    /** Bound on one batch's column matrix (im2col or dcol), in floats. */
    private static final int BATCH_FLOATS = 1 << 20;
    /** Columns a batch aims for: eight 32-column tiles. */
    private static final int TARGET_COLUMNS = 256;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private SmallPlaneConv() {
    }

    private static float[] scratch(int slot, int n) {
        float[][] h = SCRATCH.get();
        if (h[slot].length < n) {
            h[slot] = new float[n];
        }
        return h[slot];
    }

    /** True when this path applies to a GEMM with {@code rows} rows of A over this geometry. */
    static boolean applies(CpuConv.Geometry d, int rows) {
        return d.groups() == 1 && !d.pointwise() && d.q() <= MAX_PIXELS && rows >= MIN_ROWS && d.n() > 1;
    }

    /** Images per batch: enough for {@link #TARGET_COLUMNS} columns, within {@link #BATCH_FLOATS}; shapes only. */
    static int imagesPerBatch(CpuConv.Geometry d) {
        int want = Math.max(1, (TARGET_COLUMNS + d.q() - 1) / d.q());
        int fit = Math.max(1, BATCH_FLOATS / (Math.max(d.k(), d.o()) * d.q()));
        return Math.min(d.n(), Math.min(want, fit));
    }

    static float[] forward(float[] x, float[] wt, float[] bias, CpuConv.Geometry d) {
        int q = d.q();
        int k = d.k();
        int o = d.o();
        int per = imagesPerBatch(d);
        int batches = (d.n() + per - 1) / per;
        boolean parallelBatches = batches >= 2 * Parallel.threads();
        Sgemm.Operand a = Sgemm.prepackA(o, k, Sgemm.mat(wt, 0, k, 1));
        float[] y = new float[d.n() * o * q];
        Parallel.Task batch = bi -> {
            int i0 = bi * per;
            int count = Math.min(per, d.n() - i0);
            int cols = count * q;
            float[] tmp = scratch(0, o * cols);
            for (int oc = 0; oc < o; oc++) {
                Arrays.fill(tmp, oc * cols, (oc + 1) * cols, bias == null ? 0f : bias[oc]);
            }
            Sgemm.gemm(o, cols, k, a, new CpuConv.ImageCols(x, d.xBase(i0, 0), d), tmp, 0, cols, !parallelBatches);
            for (int img = 0; img < count; img++) {
                for (int oc = 0; oc < o; oc++) {
                    System.arraycopy(tmp, oc * cols + img * q, y, ((i0 + img) * o + oc) * q, q);
                }
            }
        };
        CpuConv.run(batches, parallelBatches, batch);
        return y;
    }

    static float[] inputGrad(float[] g, float[] wt, CpuConv.Geometry d) {
        int q = d.q();
        int k = d.k();
        int o = d.o();
        int per = imagesPerBatch(d);
        int batches = (d.n() + per - 1) / per;
        boolean parallelBatches = batches >= 2 * Parallel.threads();
        Sgemm.Operand wT = Sgemm.prepackA(k, o, Sgemm.mat(wt, 0, 1, k)); // Wᵀ [K × O]
        float[] dx = new float[d.n() * d.c() * d.h() * d.w()];
        Parallel.Task batch = bi -> {
            int i0 = bi * per;
            int count = Math.min(per, d.n() - i0);
            int cols = count * q;
            float[] gm = scratch(0, o * cols);
            for (int img = 0; img < count; img++) {
                for (int oc = 0; oc < o; oc++) {
                    System.arraycopy(g, ((i0 + img) * o + oc) * q, gm, oc * cols + img * q, q);
                }
            }
            float[] dcol = scratch(1, k * cols);
            Sgemm.gemm(k, cols, o, wT, Sgemm.mat(gm, 0, cols, 1), dcol, 0, cols, !parallelBatches, false);
            for (int img = 0; img < count; img++) {
                CpuConv.col2im(dcol, img * q, cols, 0, q, dx, d.xBase(i0 + img, 0), d);
            }
        };
        CpuConv.run(batches, parallelBatches, batch);
        return dx;
    }
}
