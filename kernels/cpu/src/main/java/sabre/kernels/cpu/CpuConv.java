package sabre.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.ref.RefConv;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.ConvOps;

/**
 * FLOAT32 convolution (any stride, padding, dilation, groups) as SGEMM over im2col matrices that are never stored
 * whole: {@link ImageCols} packs GEMM panels straight from the image.
 * <ul>
 *   <li>forward, per image and group: {@code Y[og × OH·OW] = b + W_g[og × K] · col[K × OH·OW]},
 *       {@code K = C/groups·kH·kW};</li>
 *   <li>input gradient: {@code dcol = W_gᵀ · G} in column chunks (a bounded per-thread buffer), scattered back
 *       with col2im;</li>
 *   <li>weight gradient: {@code dW_g[og × K] += G · colᵀ} or {@code dW_gᵀ[K × og] += col · Gᵀ}, whichever wastes
 *       less of the register tiles; images split into a fixed number of chunks (it depends on the shapes only)
 *       whose partial sums are added in chunk order;</li>
 *   <li>1×1 kernels with stride 1 and no padding use the image itself as the GEMM operand (plain GEMM, no col2im).</li>
 *   <li>3×3 kernels with stride 1 and pad 1, 64+ channels, planes 8+ wide: {@link Winograd} F(2×2, 3×3), when
 *       every operand is finite (see {@link Winograd#applies} for the shapes and the measurements behind them);</li>
 *   <li>larger kernels with stride 1, dilation 1 and one group skip im2col altogether: {@link ShiftConv};</li>
 *   <li>small output planes with many channels (forward and input gradient): {@link SmallPlaneConv}, one GEMM over
 *       a batch of images.</li>
 * </ul>
 * Images (or chunks) run in parallel with sequential GEMMs, or — when there are few — one after another with
 * parallel GEMMs; every output element is summed in the same order either way, so the bits do not depend on the
 * thread count. FLOAT64 uses the reference implementation.
 */
final class CpuConv implements ConvOps {
    /** Bound on the per-thread column-gradient buffer, in floats. */
    private static final int DCOL_FLOATS = 1 << 18;
    /** Bound on the weight-gradient partial sums of all chunks together, in floats. */
    private static final int PARTIAL_FLOATS = 1 << 23;
    private static final int MAX_CHUNKS = 16;

    private final Backend backend;
    private final RefConv ref;

    CpuConv(Backend backend) {
        this.backend = backend;
        this.ref = new RefConv(backend);
    }

    /** Sizes of one convolution: input [n, c, h, w], weight [o, cg, kh, kw], output [n, o, oh, ow]. */
    record Geometry(int n, int c, int h, int w, int o, int cg, int kh, int kw, int oh, int ow, int groups,
                    int sh, int sw, int ph, int pw, int dh, int dw) {
        static Geometry of(int[] in, int[] wt, Conv2dParams p) {
            return new Geometry(in[0], in[1], in[2], in[3], wt[0], wt[1], wt[2], wt[3],
                    p.outH(in[2], wt[2]), p.outW(in[3], wt[3]), p.groups(), p.strideH(), p.strideW(),
                    p.padH(), p.padW(), p.dilationH(), p.dilationW());
        }

        int og() {
            return o / groups;
        }

        /** Rows of the im2col matrix: cg·kh·kw. */
        int k() {
            return cg * kh * kw;
        }

        /** Columns of the im2col matrix: oh·ow. */
        int q() {
            return oh * ow;
        }

        boolean pointwise() {
            return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0;
        }

        /** Start of image {@code img}'s channels of group {@code g} in a dense NCHW input. */
        int xBase(int img, int g) {
            return (img * c + g * cg) * h * w;
        }

        long flopsPerImage() {
            return 2L * o * k() * q();
        }
    }

    private static final Scratch DCOL = new Scratch(1);

    /** Images in parallel (sequential GEMMs inside) when there are enough of them. */
    private static boolean perImage(int images, long flopsPerImage) {
        return images > 1 && (images >= 2 * Parallel.threads() || flopsPerImage < (1L << 22));
    }

    /*
     * NON_FINITE: the reference skips zero padding (a padded tap has no term), while the fast paths multiply padding
     * zeros, and the shift kernel's padded grid pairs the zero gradient of its dead positions with real inputs; with
     * finite operands both give the same sums, but 0·±Inf and 0·NaN are NaN. So a non-finite operand that can meet
     * such a zero (the weights forward and for ∂x, the output gradient or the input for ∂w) sends the call to the
     * reference, which puts NaN and ±Inf exactly where the convolution's terms do. A non-finite input forward (or
     * output gradient for ∂x) meets only real terms and stays on the fast paths.
     */

    @Override
    public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
        if (!Host.allF32(input, weight, bias)) {
            return ref.conv2d(input, weight, bias, p);
        }
        Geometry d = Geometry.of(input.shape(), weight.shape(), p);
        float[] x = Host.dense(input);
        float[] wt = Host.dense(weight);
        float[] b = bias == null ? null : bias.toFloatArray();
        if (!Host.allFinite(wt)) {
            return ref.conv2d(input, weight, bias, p); // see NON_FINITE
        }
        int q = d.q();
        int kk = d.k();
        int og = d.og();
        boolean par = perImage(d.n(), d.flopsPerImage());
        if (Winograd.applies(d) && Host.allFinite(x)) {
            return Host.wrap(backend, Winograd.forward(x, wt, b, d.n(), d.c(), d.h(), d.w(), d.o()),
                    new int[] {d.n(), d.o(), d.oh(), d.ow()});
        }
        if (SmallPlaneConv.applies(d, d.o())) {
            return Host.wrap(backend, SmallPlaneConv.forward(x, wt, b, d), new int[] {d.n(), d.o(), d.oh(), d.ow()});
        }
        if (ShiftConv.applies(d)) {
            return Host.wrap(backend, ShiftConv.forward(x, wt, b, d, par), new int[] {d.n(), d.o(), d.oh(), d.ow()});
        }
        float[] y = new float[d.n() * d.o() * q];
        Sgemm.Operand[] wg = new Sgemm.Operand[d.groups()]; // each group's weights, packed once for all images
        for (int g = 0; g < d.groups(); g++) {
            wg[g] = Sgemm.prepackA(og, kk, Sgemm.mat(wt, g * og * kk, kk, 1));
        }
        Parallel.Task image = img -> {
            if (b != null) {
                for (int o = 0; o < d.o(); o++) {
                    java.util.Arrays.fill(y, (img * d.o() + o) * q, (img * d.o() + o + 1) * q, b[o]);
                }
            }
            for (int g = 0; g < d.groups(); g++) {
                Sgemm.Operand cols = d.pointwise() ? Sgemm.mat(x, d.xBase(img, g), q, 1)
                        : new ImageCols(x, d.xBase(img, g), d);
                Sgemm.gemm(og, q, kk, wg[g], cols, y, (img * d.o() + g * og) * q, q,
                        !par);
            }
        };
        run(d.n(), par, image);
        return Host.wrap(backend, y, new int[] {d.n(), d.o(), d.oh(), d.ow()});
    }

    /** Runs {@code task} for every image (or chunk) index, on the pool when {@code par}, else in order. */
    static void run(int images, boolean par, Parallel.Task task) {
        if (par) {
            Parallel.run(images, task);
        } else {
            for (int i = 0; i < images; i++) {
                task.run(i);
            }
        }
    }

    @Override
    public Tensor conv2dInputGrad(Tensor gradOutput, Tensor weight, int[] inputShape, Conv2dParams p) {
        if (!Host.allF32(gradOutput, weight)) {
            return ref.conv2dInputGrad(gradOutput, weight, inputShape, p);
        }
        Geometry d = Geometry.of(inputShape, weight.shape(), p);
        float[] g = Host.dense(gradOutput);
        float[] wt = Host.dense(weight);
        if (!Host.allFinite(wt)) {
            return ref.conv2dInputGrad(gradOutput, weight, inputShape, p); // see NON_FINITE
        }
        int q = d.q();
        int kk = d.k();
        int og = d.og();
        boolean par = perImage(d.n(), d.flopsPerImage());
        if (Winograd.applies(d) && Host.allFinite(g)) {
            return Host.wrap(backend, Winograd.inputGrad(g, wt, d.n(), d.c(), d.h(), d.w(), d.o()), inputShape);
        }
        if (SmallPlaneConv.applies(d, d.c())) {
            return Host.wrap(backend, SmallPlaneConv.inputGrad(g, wt, d), inputShape);
        }
        if (ShiftConv.applies(d)) {
            return Host.wrap(backend, ShiftConv.inputGrad(g, wt, d, par), inputShape);
        }
        float[] dx = new float[d.n() * d.c() * d.h() * d.w()];
        int chunk = Math.min(q, Math.max(Sgemm.NR, DCOL_FLOATS / Math.max(1, kk) / Sgemm.NR * Sgemm.NR));
        Sgemm.Operand[] wTg = new Sgemm.Operand[d.groups()]; // W_gᵀ [K × og], packed once for all images
        for (int gr = 0; gr < d.groups(); gr++) {
            wTg[gr] = Sgemm.prepackA(kk, og, Sgemm.mat(wt, gr * og * kk, 1, kk));
        }
        Parallel.Task image = img -> {
            for (int gr = 0; gr < d.groups(); gr++) {
                Sgemm.Operand wT = wTg[gr];
                int gBase = (img * d.o() + gr * og) * q;
                if (d.pointwise()) {
                    Sgemm.gemm(kk, q, og, wT, Sgemm.mat(g, gBase, q, 1), dx, d.xBase(img, gr), q, !par);
                    continue;
                }
                float[] dcol = DCOL.get(0, kk * chunk);
                for (int q0 = 0; q0 < q; q0 += chunk) {
                    int qc = Math.min(chunk, q - q0);
                    Sgemm.gemm(kk, qc, og, wT, Sgemm.mat(g, gBase + q0, q, 1), dcol, 0, qc, !par, false);
                    col2im(dcol, 0, qc, q0, qc, dx, d.xBase(img, gr), d);
                }
            }
        };
        run(d.n(), par, image);
        return Host.wrap(backend, dx, inputShape);
    }

    /**
     * {@code dx[c, ih, iw] += dcol[dOff + (c,i,j)·ld + q − q0]} for the output pixels {@code [q0, q0 + qc)} of one
     * image.
     */
    static void col2im(float[] dcol, int dOff, int ld, int q0, int qc, float[] dx, int xBase, Geometry d) {
        int khw = d.kh() * d.kw();
        int plane = d.h() * d.w();
        for (int row = 0; row < d.k(); row++) {
            int c = row / khw;
            int i = row % khw / d.kw();
            int j = row % d.kw();
            int chan = xBase + c * plane;
            int ihOff = i * d.dh() - d.ph();
            int iwOff = j * d.dw() - d.pw();
            int src = dOff + row * ld;
            int col = q0;
            int end = q0 + qc;
            while (col < end) {
                int oh = col / d.ow();
                int ow = col % d.ow();
                int len = Math.min(d.ow() - ow, end - col);
                int ih = oh * d.sh() + ihOff;
                if (ih >= 0 && ih < d.h()) {
                    int rowBase = chan + ih * d.w();
                    int s = src + col - q0;
                    if (d.sw() == 1) {
                        int iw0 = ow + iwOff;
                        int t0 = Math.max(0, -iw0);
                        int t1 = Math.min(len, d.w() - iw0);
                        for (int t = t0; t < t1; t++) {
                            dx[rowBase + iw0 + t] += dcol[s + t];
                        }
                    } else {
                        for (int t = 0; t < len; t++) {
                            int iw = (ow + t) * d.sw() + iwOff;
                            if (iw >= 0 && iw < d.w()) {
                                dx[rowBase + iw] += dcol[s + t];
                            }
                        }
                    }
                }
                col += len;
            }
        }
    }

    @Override
    public Tensor conv2dWeightGrad(Tensor gradOutput, Tensor input, int[] weightShape, Conv2dParams p) {
        if (!Host.allF32(gradOutput, input)) {
            return ref.conv2dWeightGrad(gradOutput, input, weightShape, p);
        }
        Geometry d = Geometry.of(input.shape(), weightShape, p);
        float[] g = Host.dense(gradOutput);
        float[] x = Host.dense(input);
        if (!Host.allFinite(g) || !Host.allFinite(x)) {
            return ref.conv2dWeightGrad(gradOutput, input, weightShape, p); // see NON_FINITE
        }
        if (Winograd.applies(d)) {
            return Host.wrap(backend, Winograd.weightGrad(g, x, d.n(), d.c(), d.h(), d.w(), d.o()), weightShape);
        }
        int q = d.q();
        int kk = d.k();
        int og = d.og();
        int per = d.o() * kk; // one chunk's partial: groups × [og × K] (or its transpose)
        int chunks = Math.max(1, Math.min(Math.min(d.n(), MAX_CHUNKS), PARTIAL_FLOATS / Math.max(1, per)));
        if (SmallPlaneConv.applies(d, d.o())) {
            return Host.wrap(backend, SmallPlaneConv.weightGrad(g, x, d, chunks), weightShape);
        }
        if (ShiftConv.applies(d)) {
            return Host.wrap(backend, ShiftConv.weightGrad(g, x, d), weightShape);
        }
        // dW_g = G·colᵀ ([og × K]) or dW_gᵀ = col·Gᵀ ([K × og]): whichever pads fewer rows and columns to whole
        // MR×NR tiles (16 output channels fill only half a 32-column panel)
        long padNatural = (long) Sgemm.roundUp(og, Sgemm.MR) * Sgemm.roundUp(kk, Sgemm.NR);
        long padTransposed = (long) Sgemm.roundUp(kk, Sgemm.MR) * Sgemm.roundUp(og, Sgemm.NR);
        boolean natural = padNatural < padTransposed;
        float[][] partial = new float[chunks][];
        boolean par = chunks > 1;
        Parallel.Task chunk = ch -> {
            float[] acc = new float[per];
            int i0 = d.n() * ch / chunks;
            int i1 = d.n() * (ch + 1) / chunks;
            for (int img = i0; img < i1; img++) {
                for (int gr = 0; gr < d.groups(); gr++) {
                    int gBase = (img * d.o() + gr * og) * q;
                    if (natural) {
                        Sgemm.Operand colsT = d.pointwise() ? Sgemm.mat(x, d.xBase(img, gr), 1, q)
                                : new ImageCols(x, d.xBase(img, gr), d).transposed();
                        Sgemm.gemm(og, kk, q, Sgemm.mat(g, gBase, q, 1), colsT, acc, gr * og * kk, kk, !par);
                    } else {
                        Sgemm.Operand cols = d.pointwise() ? Sgemm.mat(x, d.xBase(img, gr), q, 1)
                                : new ImageCols(x, d.xBase(img, gr), d);
                        Sgemm.gemm(kk, og, q, cols, Sgemm.mat(g, gBase, 1, q), acc, gr * kk * og, og, !par);
                    }
                }
            }
            partial[ch] = acc;
        };
        run(chunks, par, chunk);
        float[] dw = new float[per];
        // dW[g·og + o, r] = Σ_chunks partial, chunks in order
        Parallel.range(d.groups() * og, (long) kk * chunks, 1 << 14, (lo, hi) -> {
            for (int go = lo; go < hi; go++) {
                int gr = go / og;
                int o = go % og;
                for (int r = 0; r < kk; r++) {
                    int src = natural ? go * kk + r : gr * kk * og + r * og + o;
                    float s = partial[0][src];
                    for (int ch = 1; ch < chunks; ch++) {
                        s += partial[ch][src];
                    }
                    dw[go * kk + r] = s;
                }
            }
        });
        return Host.wrap(backend, dw, weightShape);
    }

    /**
     * The im2col matrix of one image and group, {@code col[(c,i,j), (oh,ow)] = x[c, oh·sh + i·dh − ph,
     * ow·sw + j·dw − pw]} (zero in the padding), packed into GEMM panels on demand: as the right operand (forward)
     * rows are (c,i,j) and columns output pixels; as the left operand (weight gradient) the same matrix with rows
     * (c,i,j) and the depth running over output pixels.
     */
    static final class ImageCols implements Sgemm.Operand {
        /** A per-thread scratch row (packing may run on several threads at once). */
        private static final Scratch SCRATCH = new Scratch(1);
        private final float[] x;
        private final int base;
        private final Geometry d;

        /**
         * Columns past {@code OH·OW} continue with the next images' matrices side by side (column
         * {@code img·OH·OW + (oh,ow)} reads the input at {@code base + img·C·H·W}): several images as one GEMM
         * operand, for ungrouped convolutions.
         */
        ImageCols(float[] x, int base, Geometry d) {
            this.x = x;
            this.base = base;
            this.d = d;
        }

        /**
         * Copies {@code len} consecutive im2col entries of row {@code row} starting at column {@code col} into
         * {@code dst} at positions {@code o, o + step, ...}.
         */
        private void rowSpan(int row, int col, int len, float[] dst, int o, int step) {
            int khw = d.kh() * d.kw();
            int c = row / khw;
            int i = row % khw / d.kw();
            int j = row % d.kw();
            int plane = d.h() * d.w();
            int q = d.q();
            int ihOff = i * d.dh() - d.ph();
            int iwOff = j * d.dw() - d.pw();
            int end = col + len;
            while (col < end) {
                int img = col / q; // runs end at output rows, so a run never crosses into the next image
                int chan = base + (img * d.c() + c) * plane;
                int oh = col % q / d.ow();
                int ow = col % d.ow();
                int n = Math.min(d.ow() - ow, end - col);
                int ih = oh * d.sh() + ihOff;
                if (ih < 0 || ih >= d.h()) {
                    for (int t = 0; t < n; t++) {
                        dst[o + t * step] = 0;
                    }
                } else {
                    int rowBase = chan + ih * d.w();
                    if (d.sw() == 1) {
                        int iw0 = ow + iwOff;
                        int t0 = Math.min(n, Math.max(0, -iw0));
                        int t1 = Math.max(t0, Math.min(n, d.w() - iw0));
                        for (int t = 0; t < t0; t++) {
                            dst[o + t * step] = 0;
                        }
                        if (step == 1) {
                            System.arraycopy(x, rowBase + iw0 + t0, dst, o + t0, t1 - t0);
                        } else {
                            for (int t = t0; t < t1; t++) {
                                dst[o + t * step] = x[rowBase + iw0 + t];
                            }
                        }
                        for (int t = t1; t < n; t++) {
                            dst[o + t * step] = 0;
                        }
                    } else {
                        for (int t = 0; t < n; t++) {
                            int iw = (ow + t) * d.sw() + iwOff;
                            dst[o + t * step] = iw >= 0 && iw < d.w() ? x[rowBase + iw] : 0;
                        }
                    }
                }
                o += n * step;
                col += n;
            }
        }

        /** The transpose {@code colᵀ[(oh,ow), (c,i,j)]}, usable as the right operand (depth over output pixels). */
        Sgemm.Operand transposed() {
            return new Sgemm.Operand() {
                @Override
                public void packA(int i0, int rows, int p0, int kc, float[] dst, int dOff) {
                    throw new UnsupportedOperationException("colᵀ is only used as the right operand");
                }

                @Override
                public void packB(int q0, int kc, int j0, int cols, float[] dst, int dOff) {
                    int nr = Sgemm.NR;
                    float[] tmp = SCRATCH.get(0, nr * kc);
                    for (int qj = 0; qj < cols; qj += nr) {
                        int cc = Math.min(nr, cols - qj);
                        for (int t = 0; t < cc; t++) {
                            rowSpan(j0 + qj + t, q0, kc, tmp, t * kc, 1);
                        }
                        if (cc < nr) {
                            java.util.Arrays.fill(tmp, cc * kc, nr * kc, 0f);
                        }
                        int pb = dOff + qj * kc;
                        for (int p = 0; p < kc; p++) { // dst[p·NR + t] = column t at depth p
                            int o = pb + p * nr;
                            for (int t = 0; t < nr; t++) {
                                dst[o + t] = tmp[t * kc + p];
                            }
                        }
                    }
                }
            };
        }

        @Override
        public void packB(int p0, int kc, int j0, int cols, float[] dst, int dOff) {
            int nr = Sgemm.NR;
            int padded = Sgemm.roundUp(cols, nr);
            float[] row = SCRATCH.get(0, padded);
            for (int t = cols; t < padded; t++) {
                row[t] = 0;
            }
            for (int p = 0; p < kc; p++) {
                rowSpan(p0 + p, j0, cols, row, 0, 1); // one im2col row, contiguous
                int o = dOff + p * nr;
                for (int qj = 0; qj < padded; qj += nr, o += kc * nr) {
                    FloatVector.fromArray(Sgemm.S, row, qj).intoArray(dst, o);
                    FloatVector.fromArray(Sgemm.S, row, qj + Sgemm.L).intoArray(dst, o + Sgemm.L);
                }
            }
        }

        @Override
        public void packA(int i0, int rows, int p0, int kc, float[] dst, int dOff) {
            int mr = Sgemm.MR;
            float[] tmp = SCRATCH.get(0, mr * kc);
            for (int pi = 0; pi < rows; pi += mr) {
                int rr = Math.min(mr, rows - pi);
                for (int r = 0; r < rr; r++) {
                    rowSpan(i0 + pi + r, p0, kc, tmp, r * kc, 1);
                }
                if (rr < mr) {
                    java.util.Arrays.fill(tmp, rr * kc, mr * kc, 0f);
                }
                int pb = dOff + pi * kc;
                for (int p = 0; p < kc; p++) { // interleave the MR rows: dst[p·MR + r] = row r at p
                    int o = pb + p * mr;
                    dst[o] = tmp[p];
                    dst[o + 1] = tmp[kc + p];
                    dst[o + 2] = tmp[2 * kc + p];
                    dst[o + 3] = tmp[3 * kc + p];
                    dst[o + 4] = tmp[4 * kc + p];
                    dst[o + 5] = tmp[5 * kc + p];
                    dst[o + 6] = tmp[6 * kc + p];
                    dst[o + 7] = tmp[7 * kc + p];
                }
            }
        }
    }
}
