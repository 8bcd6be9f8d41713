package sabre.kernels.cpu;

import jdk.incubator.vector.FloatVector;

import java.util.Arrays;

/**
 * Stride-1, dilation-1, ungrouped convolution without im2col. The image is zero-padded once into a buffer of
 * {@code Hp × Wp} planes; output pixel {@code (oh, ow)} is then computed on the padded grid at position
 * {@code p = oh·Wp + ow}, where row {@code (c, i, j)} of the im2col matrix is simply the padded buffer read from
 * {@code c·Hp·Wp + i·Wp + j + p}: a contiguous run. So
 * <ul>
 *   <li>forward: {@code Y[o × P] = W[o × K] · Shifted[K × P]}, the GEMM's right operand a {@link Sgemm.Rows}
 *       (packed by plain vector copies, or read in place when there are few output channels), the {@code Wp − OW}
 *       extra columns per row dropped afterwards;</li>
 *   <li>input gradient: the same correlation of the output gradient, zero-padded by {@code k − 1 − pad}, with the
 *       weights flipped and their channel axes swapped: {@code dX[c × P'] = W'[c × O·kh·kw] · ShiftedG};</li>
 *   <li>weight gradient: {@code dW[o, (c,i,j)] = Σ_images Σ_p G[o, p]·Xpad[c·Hp·Wp + i·Wp + j + p]} with G laid on
 *       the padded grid (zero elsewhere): dot products of contiguous runs in a 4×4 register block, over image
 *       groups laid out channel-major ({@link #weightGrad}). Images are split into fixed chunks ({@link #chunks}),
 *       each chunk's sums kept in vector lanes and reduced in lane order, chunk partials added in chunk order.</li>
 * </ul>
 * Every sum's order depends on the shapes only, never on the thread count.
 */
final class ShiftConv {
    private static final int L = Host.L;

    private ShiftConv() {
    }

    /** True when this path applies: stride 1, dilation 1, one group, a kernel larger than 1×1, pad &lt; kernel. */
    static boolean applies(CpuConv.Geometry d) {
        return d.sh() == 1 && d.sw() == 1 && d.dh() == 1 && d.dw() == 1 && d.groups() == 1
                && (d.kh() > 1 || d.kw() > 1) && d.ph() <= d.kh() - 1 && d.pw() <= d.kw() - 1 && d.oh() > 0
                && d.ow() > 0;
    }

    /** Per-thread scratch buffers (slot 0: padded image, 1: padded-grid output, 2: lane accumulators). */
    private static final Scratch SCRATCH = new Scratch(3);

    /**
     * Copies {@code planes} planes of {@code h × w} from {@code src} at {@code off} into {@code dst} as
     * {@code (h + 2ph) × (w + 2pw)} planes with zero borders; {@code dst}'s first {@code len} floats are written
     * (zero beyond the planes).
     */
    private static void padInto(float[] src, int off, int planes, int h, int w, int ph, int pw, float[] dst,
                                int len) {
        int hp = h + 2 * ph;
        int wp = w + 2 * pw;
        Arrays.fill(dst, 0, len, 0f);
        for (int c = 0; c < planes; c++) {
            int s = off + c * h * w;
            int o = c * hp * wp + ph * wp + pw;
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, s + y * w, dst, o + y * wp, w);
            }
        }
    }

    /** Row offsets {@code c·planeStride + i·wp + j} for rows {@code (c, i, j)} in that order. */
    private static int[] offsets(int planes, int kh, int kw, int planeStride, int wp) {
        int[] offs = new int[planes * kh * kw];
        int r = 0;
        for (int c = 0; c < planes; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    offs[r++] = c * planeStride + i * wp + j;
                }
            }
        }
        return offs;
    }

    /**
     * One correlation on the padded grid: {@code out[img] = bias + wmat[m × K] · Shifted(pad(src[img]))}, cropped
     * to {@code oh × ow}. {@code src} holds {@code n} images of {@code planes × h × w}.
     */
    private static void correlate(float[] src, int n, int planes, int h, int w, int ph, int pw, int kh, int kw,
                                  float[] wmat, int m, float[] bias, float[] out, boolean perImage) {
        int hp = h + 2 * ph;
        int wp = w + 2 * pw;
        int oh = hp - kh + 1;
        int ow = wp - kw + 1;
        int cols = (oh - 1) * wp + ow; // the last grid row needs only its valid columns
        int k = planes * kh * kw;
        int[] offs = offsets(planes, kh, kw, hp * wp, wp);
        int padLen = planes * hp * wp + Sgemm.NR; // zero slack: GEMMs with few rows read the rows in place
        Sgemm.Operand a = Sgemm.prepackA(m, k, Sgemm.mat(wmat, 0, k, 1)); // packed once, not per image
        Parallel.Task image = img -> {
            float[] xp = SCRATCH.get(0, padLen);
            padInto(src, img * planes * h * w, planes, h, w, ph, pw, xp, padLen);
            float[] y = SCRATCH.get(1, m * cols);
            if (bias != null) {
                for (int o = 0; o < m; o++) {
                    Arrays.fill(y, o * cols, (o + 1) * cols, bias[o]);
                }
            }
            Sgemm.gemm(m, cols, k, a, new Sgemm.Rows(xp, offs), y, 0, cols, !perImage, bias != null);
            int q = oh * ow;
            for (int o = 0; o < m; o++) {
                int dst = (img * m + o) * q;
                int s = o * cols;
                for (int r = 0; r < oh; r++) {
                    System.arraycopy(y, s + r * wp, out, dst + r * ow, ow);
                }
            }
        };
        if (perImage) {
            Parallel.run(n, image);
        } else {
            for (int i = 0; i < n; i++) {
                image.run(i);
            }
        }
    }

    static float[] forward(float[] x, float[] wt, float[] bias, CpuConv.Geometry d, boolean perImage) {
        float[] y = new float[d.n() * d.o() * d.q()];
        correlate(x, d.n(), d.c(), d.h(), d.w(), d.ph(), d.pw(), d.kh(), d.kw(), wt, d.o(), bias, y, perImage);
        return y;
    }

    static float[] inputGrad(float[] g, float[] wt, CpuConv.Geometry d, boolean perImage) {
        int kh = d.kh();
        int kw = d.kw();
        int o = d.o();
        int c = d.c();
        // W'[c, (o, i', j')] = W[o, c, kh − 1 − i', kw − 1 − j']
        int k2 = o * kh * kw;
        float[] wf = new float[c * k2];
        for (int ci = 0; ci < c; ci++) {
            for (int oi = 0; oi < o; oi++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        wf[ci * k2 + (oi * kh + i) * kw + j] =
                                wt[((oi * c + ci) * kh + (kh - 1 - i)) * kw + (kw - 1 - j)];
                    }
                }
            }
        }
        float[] dx = new float[d.n() * c * d.h() * d.w()];
        correlate(g, d.n(), o, d.oh(), d.ow(), kh - 1 - d.ph(), kw - 1 - d.pw(), kh, kw, wf, c, null, dx, perImage);
        return dx;
    }

    /** Bound on one image group's padded inputs and gradients, in floats (8 MiB; see {@link #weightGrad}). */
    private static final int GROUP_FLOATS = 1 << 21;

    /**
     * The number of image chunks of {@link #weightGrad}: at most 16, but each at least {@code MIN_VECTORS} vector
     * steps long, so reducing a chunk's lane accumulators (16 scalar adds per weight) stays small beside its
     * multiply-adds (small images: 7×7 planes are 4 vectors each). A function of the shapes only.
     */
    static int chunks(CpuConv.Geometry d) {
        int plane = (d.h() + 2 * d.ph()) * (d.w() + 2 * d.pw());
        int vectors = Sgemm.roundUp(plane, L) / L;
        int perChunk = Math.max(1, (MIN_VECTORS + vectors - 1) / vectors);
        return Math.max(1, Math.min(16, d.n() / perChunk));
    }

    private static final int MIN_VECTORS = 128;

    /**
     * ∂w of one image group at a time, laid out so every dot product is one contiguous run: the padded inputs
     * channel-major over the group ({@code X[c][img·P + p]}, P = Hp·Wp) and the gradients on the same padded grid
     * ({@code G[o][img·P + oh·Wp + ow]}, zero elsewhere), so {@code dW[o, (c,i,j)] = Σ_t G[o][t]·X[c][t + i·Wp + j]}
     * over all positions t of the group. The loop over t is affine, so the JIT hoists the bounds checks (with the
     * images stepped separately they cost a compare per load: 17 % of ResNet-20's step samples). Large groups: each
     * flushes every 4×4 block's accumulators into the lane buffer ({@code o·K·L} floats, 2.4 MB at 64 channels,
     * past L2), so an 8 MiB group (a whole chunk here) beat a 512 KiB one by 14 % on ResNet-18's 64×32×32 layer.
     */
    static float[] weightGrad(float[] g, float[] x, CpuConv.Geometry d) {
        int chunks = chunks(d);
        int n = d.n();
        int c = d.c();
        int o = d.o();
        int hp = d.h() + 2 * d.ph();
        int wp = d.w() + 2 * d.pw();
        int plane = hp * wp;
        int k = c * d.kh() * d.kw();
        int per = o * k;
        float[][] partial = new float[chunks][];
        int group = Math.max(1, GROUP_FLOATS / ((c + o) * plane));
        Parallel.Task chunk = ch -> {
            int i0 = n * ch / chunks;
            int i1 = n * (ch + 1) / chunks;
            float[] lanes = SCRATCH.get(2, per * L);
            Arrays.fill(lanes, 0, per * L, 0f);
            for (int b0 = i0; b0 < i1; b0 += group) {
                int images = Math.min(group, i1 - b0);
                int span = images * plane;
                int steps = Sgemm.roundUp(span, L); // positions computed: whole vectors
                int xLen = c * span + (d.kh() - 1) * wp + d.kw() - 1 + steps - span; // last row's reach
                float[] buf = SCRATCH.get(0, xLen + o * steps);
                Arrays.fill(buf, 0, xLen + o * steps, 0f);
                for (int img = 0; img < images; img++) {
                    for (int ci = 0; ci < c; ci++) {
                        int src = ((b0 + img) * c + ci) * d.h() * d.w();
                        int dst = ci * span + img * plane + d.ph() * wp + d.pw();
                        for (int y = 0; y < d.h(); y++) {
                            System.arraycopy(x, src + y * d.w(), buf, dst + y * wp, d.w());
                        }
                    }
                    for (int oi = 0; oi < o; oi++) {
                        int src = ((b0 + img) * o + oi) * d.oh() * d.ow();
                        int dst = xLen + oi * steps + img * plane;
                        for (int y = 0; y < d.oh(); y++) {
                            System.arraycopy(g, src + y * d.ow(), buf, dst + y * wp, d.ow());
                        }
                    }
                }
                int[] offs = offsets(c, d.kh(), d.kw(), span, wp);
                accumulate(buf, steps, xLen, offs, o, k, lanes);
            }
            float[] acc = new float[per];
            for (int e = 0; e < per; e++) {
                double sum = 0;
                for (int l = 0; l < L; l++) {
                    sum += lanes[e * L + l];
                }
                acc[e] = (float) sum;
            }
            partial[ch] = acc;
        };
        Parallel.run(chunks, chunk);
        float[] dw = partial[0];
        for (int ch = 1; ch < chunks; ch++) {
            float[] p = partial[ch];
            for (int e = 0; e < per; e++) {
                dw[e] += p[e];
            }
        }
        return dw;
    }

    /**
     * {@code lanes[(oi·K + r)·L + l] += Σ_v G[oi][v·L + l]·X[offs[r] + v·L + l]} over the {@code steps} positions of
     * one group (G's rows at {@code gBase + oi·steps}).
     */
    private static void accumulate(float[] buf, int steps, int gBase, int[] offs, int o, int k, float[] lanes) {
        int o4 = o / 4 * 4;
        int k4 = k / 4 * 4;
        for (int ob = 0; ob < o; ob += 4) {
            for (int rb = 0; rb < k; rb += 4) {
                if (ob < o4 && rb < k4) {
                    block(buf, steps, gBase + ob * steps, offs, rb, (ob * k + rb) * L, k, lanes);
                } else {
                    for (int oi = ob; oi < Math.min(o, ob + 4); oi++) {
                        for (int r = rb; r < Math.min(k, rb + 4); r++) {
                            int li = (oi * k + r) * L;
                            int xr = offs[r];
                            int gr = gBase + oi * steps;
                            FloatVector a = FloatVector.fromArray(Host.S, lanes, li);
                            for (int v = 0; v < steps; v += L) {
                                a = FloatVector.fromArray(Host.S, buf, gr + v)
                                        .fma(FloatVector.fromArray(Host.S, buf, xr + v), a);
                            }
                            a.intoArray(lanes, li);
                        }
                    }
                }
            }
        }
    }

    /**
     * The 4×4 block of output channels (G rows at {@code g0 + i·steps}) × rows {@code rb..} of {@link #accumulate},
     * added into the lane buffer at {@code l0}.
     */
    private static void block(float[] buf, int steps, int g0, int[] offs, int rb, int l0, int k, float[] lanes) {
        FloatVector a00 = FloatVector.zero(Host.S);
        FloatVector a01 = FloatVector.zero(Host.S);
        FloatVector a02 = FloatVector.zero(Host.S);
        FloatVector a03 = FloatVector.zero(Host.S);
        FloatVector a10 = FloatVector.zero(Host.S);
        FloatVector a11 = FloatVector.zero(Host.S);
        FloatVector a12 = FloatVector.zero(Host.S);
        FloatVector a13 = FloatVector.zero(Host.S);
        FloatVector a20 = FloatVector.zero(Host.S);
        FloatVector a21 = FloatVector.zero(Host.S);
        FloatVector a22 = FloatVector.zero(Host.S);
        FloatVector a23 = FloatVector.zero(Host.S);
        FloatVector a30 = FloatVector.zero(Host.S);
        FloatVector a31 = FloatVector.zero(Host.S);
        FloatVector a32 = FloatVector.zero(Host.S);
        FloatVector a33 = FloatVector.zero(Host.S);
        int x0 = offs[rb];
        int x1 = offs[rb + 1];
        int x2 = offs[rb + 2];
        int x3 = offs[rb + 3];
        int g1 = g0 + steps;
        int g2 = g1 + steps;
        int g3 = g2 + steps;
        for (int v = 0; v < steps; v += L) {
            FloatVector y0 = FloatVector.fromArray(Host.S, buf, x0 + v);
            FloatVector y1 = FloatVector.fromArray(Host.S, buf, x1 + v);
            FloatVector y2 = FloatVector.fromArray(Host.S, buf, x2 + v);
            FloatVector y3 = FloatVector.fromArray(Host.S, buf, x3 + v);
            FloatVector w0 = FloatVector.fromArray(Host.S, buf, g0 + v);
            a00 = w0.fma(y0, a00);
            a01 = w0.fma(y1, a01);
            a02 = w0.fma(y2, a02);
            a03 = w0.fma(y3, a03);
            FloatVector w1 = FloatVector.fromArray(Host.S, buf, g1 + v);
            a10 = w1.fma(y0, a10);
            a11 = w1.fma(y1, a11);
            a12 = w1.fma(y2, a12);
            a13 = w1.fma(y3, a13);
            FloatVector w2 = FloatVector.fromArray(Host.S, buf, g2 + v);
            a20 = w2.fma(y0, a20);
            a21 = w2.fma(y1, a21);
            a22 = w2.fma(y2, a22);
            a23 = w2.fma(y3, a23);
            FloatVector w3 = FloatVector.fromArray(Host.S, buf, g3 + v);
            a30 = w3.fma(y0, a30);
            a31 = w3.fma(y1, a31);
            a32 = w3.fma(y2, a32);
            a33 = w3.fma(y3, a33);
        }
        int r0 = l0;
        int r1 = r0 + k * L;
        int r2 = r1 + k * L;
        int r3 = r2 + k * L;
        // written out, not a helper call: C2 did not inline one here and boxed every vector (heap allocations)
        FloatVector.fromArray(Host.S, lanes, r0).add(a00).intoArray(lanes, r0);
        FloatVector.fromArray(Host.S, lanes, r0 + L).add(a01).intoArray(lanes, r0 + L);
        FloatVector.fromArray(Host.S, lanes, r0 + 2 * L).add(a02).intoArray(lanes, r0 + 2 * L);
        FloatVector.fromArray(Host.S, lanes, r0 + 3 * L).add(a03).intoArray(lanes, r0 + 3 * L);
        FloatVector.fromArray(Host.S, lanes, r1).add(a10).intoArray(lanes, r1);
        FloatVector.fromArray(Host.S, lanes, r1 + L).add(a11).intoArray(lanes, r1 + L);
        FloatVector.fromArray(Host.S, lanes, r1 + 2 * L).add(a12).intoArray(lanes, r1 + 2 * L);
        FloatVector.fromArray(Host.S, lanes, r1 + 3 * L).add(a13).intoArray(lanes, r1 + 3 * L);
        FloatVector.fromArray(Host.S, lanes, r2).add(a20).intoArray(lanes, r2);
        FloatVector.fromArray(Host.S, lanes, r2 + L).add(a21).intoArray(lanes, r2 + L);
        FloatVector.fromArray(Host.S, lanes, r2 + 2 * L).add(a22).intoArray(lanes, r2 + 2 * L);
        FloatVector.fromArray(Host.S, lanes, r2 + 3 * L).add(a23).intoArray(lanes, r2 + 3 * L);
        FloatVector.fromArray(Host.S, lanes, r3).add(a30).intoArray(lanes, r3);
        FloatVector.fromArray(Host.S, lanes, r3 + L).add(a31).intoArray(lanes, r3 + L);
        FloatVector.fromArray(Host.S, lanes, r3 + 2 * L).add(a32).intoArray(lanes, r3 + 2 * L);
        FloatVector.fromArray(Host.S, lanes, r3 + 3 * L).add(a33).intoArray(lanes, r3 + 3 * L);
    }
}
