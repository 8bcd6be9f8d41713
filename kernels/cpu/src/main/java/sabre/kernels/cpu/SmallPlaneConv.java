package sabre.kernels.cpu;

import java.util.Arrays;

/**
 * Convolutions with small output planes and many channels (ResNet-18's 8×8 and 4×4 stages, ungrouped), as one GEMM
 * over a batch of images instead of one per image. Per image the GEMM would be only {@code OH·OW} columns wide (16 at
 * 4×4: half of a 32-column register tile) or, for ∂w, only that deep, and {@link ShiftConv}'s padded grid computes
 * {@code (OH+2)·(OW+2)} positions for {@code OH·OW} useful ones; with the images side by side every tile is full.
 * The im2col packing this needs costs about one copy per 16 rows of A per multiply-add, hence the channel floor.
 * Measured (CPU time per call, batch 128, 3×3): 256 channels at 8×8 forward 152 → 118 ms, ∂x 155 → 121 ms, ∂w
 * 180 → 153 ms; 512 at 4×4 forward 260 → 119 ms, ∂w 218 → 137 ms; at 64 channels the shift kernel stays faster.
 * <ul>
 *   <li>forward: {@code Ytmp[O × B·Q] = W[O × K] · col(images)[K × B·Q]}, then scattered to {@code y[img, o, q]};</li>
 *   <li>input gradient: {@code dcol[K × B·Q] = Wᵀ · G[O × B·Q]} (G gathered from {@code g[img, o, q]}), then col2im
 *       per image;</li>
 *   <li>weight gradient: {@link #weightGrad}, the GEMM's depth running over a whole batch's pixels.</li>
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

    private static final Scratch SCRATCH = new Scratch(2);

    private SmallPlaneConv() {
    }


    /** True when this path applies to a GEMM with {@code rows} rows of A over this geometry. */
    static boolean applies(CpuConv.Geometry d, int rows) {
        return d.groups() == 1 && !d.pointwise() && d.q() <= MAX_PIXELS && rows >= MIN_ROWS && d.n() > 1;
    }

    /**
     * How the images split: {@code per} images per batch (enough for {@link #TARGET_COLUMNS} columns, within
     * {@link #BATCH_FLOATS}; a function of the shapes), {@code count} batches, run in parallel when there are
     * enough of them (else each GEMM is parallel).
     */
    private record Batches(int per, int count, boolean parallel) {
        static Batches of(CpuConv.Geometry d) {
            int want = Math.max(1, (TARGET_COLUMNS + d.q() - 1) / d.q());
            int fit = Math.max(1, BATCH_FLOATS / (Math.max(d.k(), d.o()) * d.q()));
            int per = Math.min(d.n(), Math.min(want, fit));
            int count = (d.n() + per - 1) / per;
            return new Batches(per, count, count >= 2 * Parallel.threads());
        }
    }

    static float[] forward(float[] x, float[] wt, float[] bias, CpuConv.Geometry d) {
        int q = d.q();
        int k = d.k();
        int o = d.o();
        Batches b = Batches.of(d);
        Sgemm.Operand a = Sgemm.prepackA(o, k, Sgemm.mat(wt, 0, k, 1));
        float[] y = new float[d.n() * o * q];
        Parallel.Task batch = bi -> {
            int i0 = bi * b.per();
            int count = Math.min(b.per(), d.n() - i0);
            int cols = count * q;
            float[] tmp = SCRATCH.get(0, o * cols);
            for (int oc = 0; oc < o; oc++) {
                Arrays.fill(tmp, oc * cols, (oc + 1) * cols, bias == null ? 0f : bias[oc]);
            }
            Sgemm.gemm(o, cols, k, a, new CpuConv.ImageCols(x, d.xBase(i0, 0), d), tmp, 0, cols, !b.parallel());
            for (int img = 0; img < count; img++) {
                for (int oc = 0; oc < o; oc++) {
                    System.arraycopy(tmp, oc * cols + img * q, y, ((i0 + img) * o + oc) * q, q);
                }
            }
        };
        CpuConv.run(b.count(), b.parallel(), batch);
        return y;
    }

    static float[] inputGrad(float[] g, float[] wt, CpuConv.Geometry d) {
        int q = d.q();
        int k = d.k();
        int o = d.o();
        Batches b = Batches.of(d);
        Sgemm.Operand wT = Sgemm.prepackA(k, o, Sgemm.mat(wt, 0, 1, k)); // Wᵀ [K × O]
        float[] dx = new float[d.n() * d.c() * d.h() * d.w()];
        Parallel.Task batch = bi -> {
            int i0 = bi * b.per();
            int count = Math.min(b.per(), d.n() - i0);
            int cols = count * q;
            float[] gm = SCRATCH.get(0, o * cols);
            gather(g, i0, count, o, q, gm);
            float[] dcol = SCRATCH.get(1, k * cols);
            Sgemm.gemm(k, cols, o, wT, Sgemm.mat(gm, 0, cols, 1), dcol, 0, cols, !b.parallel(), false);
            for (int img = 0; img < count; img++) {
                CpuConv.col2im(dcol, img * q, cols, 0, q, dx, d.xBase(i0 + img, 0), d);
            }
        };
        CpuConv.run(b.count(), b.parallel(), batch);
        return dx;
    }

    /**
     * {@code dW[O × K] = Σ_batches G_batch[O × B·Q] · col(batch)ᵀ[B·Q × K]}: the depth runs over every output pixel
     * of a batch (a per-image GEMM here would have a depth of only Q = 16 or 64). Batches split into at most
     * {@code chunks} contiguous runs (a function of the shapes), whose partial sums are added in chunk order.
     */
    static float[] weightGrad(float[] g, float[] x, CpuConv.Geometry d, int chunks) {
        int q = d.q();
        int k = d.k();
        int o = d.o();
        Batches b = Batches.of(d);
        int per = b.per();
        int batches = b.count();
        int runs = Math.min(chunks, batches);
        // runs in parallel only when there are enough to share evenly (3 runs on 2 threads used 1.5 cores);
        // otherwise one after another with parallel GEMMs: the same sums either way
        boolean parallelRuns = runs >= 2 * Parallel.threads();
        float[][] partial = new float[runs][];
        CpuConv.run(runs, parallelRuns, ch -> {
            float[] acc = new float[o * k];
            for (int bi = batches * ch / runs; bi < batches * (ch + 1) / runs; bi++) {
                int i0 = bi * per;
                int count = Math.min(per, d.n() - i0);
                int cols = count * q;
                float[] gm = SCRATCH.get(0, o * cols);
                gather(g, i0, count, o, q, gm);
                Sgemm.gemm(o, k, cols, Sgemm.mat(gm, 0, cols, 1),
                        new CpuConv.ImageCols(x, d.xBase(i0, 0), d).transposed(), acc, 0, k, !parallelRuns);
            }
            partial[ch] = acc;
        });
        float[] dw = partial[0];
        for (int ch = 1; ch < runs; ch++) {
            float[] p = partial[ch];
            for (int e = 0; e < dw.length; e++) {
                dw[e] += p[e];
            }
        }
        return dw;
    }

    /** {@code gm[oc, img·q + p] = g[i0 + img, oc, p]}: a batch's output gradients side by side. */
    private static void gather(float[] g, int i0, int count, int o, int q, float[] gm) {
        int cols = count * q;
        for (int img = 0; img < count; img++) {
            for (int oc = 0; oc < o; oc++) {
                System.arraycopy(g, ((i0 + img) * o + oc) * q, gm, oc * cols + img * q, q);
            }
        }
    }
}
