package sabre.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

import java.util.Arrays;

/**
 * 3×3, stride-1, pad-1 convolutions (ungrouped, undilated) by Winograd's minimal filtering F(2×2, 3×3) (Lavin &amp;
 * Gray 2016): each 2×2 block of outputs is {@code Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A} for the 4×4 input window d, i.e.
 * 16 multiplies per channel pair where direct convolution does 36 (2.25× fewer). Over C input and O output channels
 * the element-wise products become, for each of the 16 positions ξ of the 4×4 transformed tile, one GEMM
 * {@code M_ξ[O × T] = U_ξ[O × C] · V_ξ[C × T]} over a block of T tiles, run on {@link Sgemm#kernel} with V read in
 * place (rows {@code c·T} apart, no packing). Tiles are taken in blocks of whole tile rows across the batch, small
 * enough that a block's V and M stay in L2; blocks run in parallel.
 * <ul>
 *   <li>forward: input transform Bᵀ d B, 16 GEMMs, output transform Aᵀ M A (+ bias), fused per block;</li>
 *   <li>input gradient: the same forward of the output gradient with the filter rotated by 180° and its channel
 *       axes swapped ({@code W'[c, o, i, j] = W[o, c, 2 − i, 2 − j]});</li>
 *   <li>weight gradient: the bilinear form {@code dW = Gᵀ[Σ_tiles (A ∂y A ᵀ) ⊙ (Bᵀ d B)]G} (the forward's transforms
 *       read backwards: each 2×2 tile of ∂y against its 4×4 input window), i.e. 16 GEMMs
 *       {@code M_ξ[O × C] += (A∂yAᵀ)_ξ[O × T] · (BᵀdB)_ξ[T × C]} whose depth runs over the tiles, summed over a
 *       fixed split of the blocks into chunks (added in chunk order), then transformed once.</li>
 * </ul>
 * Every sum's order depends on the shapes only, so the bits do not depend on the thread count. The transforms mix
 * the inputs of a tile, so a non-finite operand must not come here (∞ − ∞ would spread NaN to the tile's other
 * outputs): {@link CpuConv} routes those to its other paths. The rounding error is larger than a direct sum's (the
 * transforms add up to nine terms per value): measured against the float64 reference in {@code WinogradTest}.
 */
final class Winograd {
    private static final int MR = Sgemm.MR;
    private static final int NR = Sgemm.NR;
    private static final int L = Host.L;
    /*
     * Even/odd lanes of two vectors and their interleave, as one-vector shuffles and a blend (JDK 17 compiles the
     * two-vector rearrange to a slow path that rebuilds its shuffle on every call): EVEN[l] = 2l mod L, so
     * lo.rearrange(EVEN) has lo's even lanes in its lower half and hi.rearrange(EVEN) hi's in its upper half.
     */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(Host.S, l -> 2 * l % L);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(Host.S, l -> (2 * l + 1) % L);
    private static final VectorShuffle<Float> SPREAD_LO = VectorShuffle.fromOp(Host.S, l -> l / 2);
    private static final VectorShuffle<Float> SPREAD_HI = VectorShuffle.fromOp(Host.S, l -> L / 2 + l / 2);
    private static final VectorMask<Float> UPPER = VectorMask.fromLong(Host.S, -1L << (L / 2));
    private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(Host.S, 0xAAAA_AAAA_AAAA_AAAAL);
    /** Bound on one block's transformed tiles (both GEMM operands and the products), in floats: 1 MiB. */
    private static final int BLOCK_FLOATS = 1 << 18;
    /** Number of image-block chunks of the weight gradient (at most): a constant, so the sums do not move. */
    private static final int MAX_CHUNKS = 8;

    private static final Scratch SCRATCH = new Scratch(6);

    private Winograd() {
    }


    /**
     * True when a convolution takes this path: 3×3 pad 1 stride 1 with at least 64 input and output channels on
     * planes at least 8 wide. Measured (batch 128, the old path and this one alternately in one JVM, 2 threads,
     * 70–90 % of the CPUs busy with other jobs; min of 5 runs, ms, forward / ∂x / ∂w): 64 channels at 32×32
     * 660 / 758 / 743 → 369 / 424 / 505; 128 at 16×16 433 / 463 / 511 → 251 / 243 / 401; 256 at 8×8 (batched
     * small-plane GEMM) 435 / 528 / 530 → 389 / 316 / 481; 64 at 8×8 36 / 36 / 48 → 27 / 22 / 27. Not taken: with 16
     * or 32 channels the 16 GEMMs are only 16–32 deep and the transforms do not pay (16 at 32×32: 23 / 24 / 30 →
     * 31 / 32 / 47; 32 at 16×16 mixed: 64 / 92 / 118 → 73 / 97 / 37), nor on 4-wide planes (one or two tiles a row).
     * One thread and medians: bench/README.md. The weight gradient gathers whole tiles of MR channels into
     * vectors, hence vectors of a multiple of MR lanes.
     */
    static boolean applies(CpuConv.Geometry d) {
        return fits(d) && L % MR == 0 && Math.min(d.c(), d.o()) >= 64 && d.w() >= 8;
    }

    /** True for a 3×3, stride-1, pad-1, dilation-1, ungrouped convolution. */
    static boolean fits(CpuConv.Geometry d) {
        return d.kh() == 3 && d.kw() == 3 && d.sh() == 1 && d.sw() == 1 && d.ph() == 1 && d.pw() == 1
                && d.dh() == 1 && d.dw() == 1 && d.groups() == 1;
    }

    /**
     * Tiles of a batch of {@code n} planes of {@code h × w}: {@code th × tw} per plane, taken {@code per} tile rows
     * at a time ({@code blocks} blocks, the last maybe shorter), so that a block's {@code floatsPerTile} floats per
     * tile stay within {@link #BLOCK_FLOATS}; {@code cols} = a full block's tiles, rounded up to whole register
     * tiles.
     */
    record Tiling(int th, int tw, int rows, int per, int blocks, int cols) {
        static Tiling of(int n, int h, int w, int floatsPerTile) {
            int th = (h + 1) / 2;
            int tw = (w + 1) / 2;
            int rows = n * th;
            int per = Math.min(rows, Math.max(1, BLOCK_FLOATS / floatsPerTile / tw));
            // cols: the last tile row's output transform reads up to a whole vector past its tiles
            return new Tiling(th, tw, rows, per, (rows + per - 1) / per, Sgemm.roundUp(per * tw + L, NR));
        }
    }

    /**
     * {@code y = conv(x, wt) + bias} for 3×3 filters with pad 1: x is {@code [n, c, h, w]}, wt {@code [o, c, 3, 3]},
     * the result {@code [n, o, h, w]}.
     */
    static float[] forward(float[] x, float[] wt, float[] bias, int n, int c, int h, int w, int o) {
        Tiling t = Tiling.of(n, h, w, 16 * (c + o));
        int opan = Sgemm.roundUp(o, MR);
        float[] u = filterTransform(wt, o, c, opan);
        float[] y = new float[n * o * h * w];
        int cols = t.cols();
        int[] offs = new int[c]; // V_ξ row c starts at ξ·C·T + c·T
        for (int ci = 0; ci < c; ci++) {
            offs[ci] = ci * cols;
        }
        int plane = h * w;
        Parallel.run(t.blocks(), b -> {
            float[] v = SCRATCH.get(0, 16 * c * cols);
            float[] m = SCRATCH.get(1, 16 * o * cols);
            float[] rowBuf = SCRATCH.get(2, rowScratch(t.tw()));
            float[] tile = SCRATCH.get(3, MR * NR);
            float[] tail = SCRATCH.get(4, 2 * L);
            int r0 = b * t.per();
            int r1 = Math.min(t.rows(), r0 + t.per());
            for (int r = r0; r < r1; r++) {
                int img = r / t.th();
                for (int ci = 0; ci < c; ci++) {
                    inputTiles(x, (img * c + ci) * plane, h, w, r % t.th(), t.tw(), v, ci * cols + (r - r0) * t.tw(),
                            c * cols, rowBuf);
                }
            }
            int used = (r1 - r0) * t.tw();
            for (int xi = 0; xi < 16; xi++) {
                for (int i = 0; i < o; i += MR) {
                    for (int j = 0; j < used; j += NR) { // columns past `used` hold stale tiles: never read back
                        Sgemm.kernel(c, u, (xi * opan + i) * c, v, offs, 0, xi * c * cols + j, m,
                                (xi * o + i) * cols + j, cols, Math.min(MR, o - i), NR, false, tile);
                    }
                }
            }
            for (int r = r0; r < r1; r++) {
                int img = r / t.th();
                for (int oi = 0; oi < o; oi++) {
                    outputTiles(m, oi * cols + (r - r0) * t.tw(), o * cols, y, (img * o + oi) * plane, h, w,
                            r % t.th(), t.tw(), bias == null ? 0f : bias[oi], tail);
                }
            }
        });
        return y;
    }

    /** ∂x of the 3×3 pad-1 convolution: the forward of g with W rotated by 180° and its channel axes swapped. */
    static float[] inputGrad(float[] g, float[] wt, int n, int c, int h, int w, int o) {
        float[] wf = new float[c * o * 9];
        for (int oi = 0; oi < o; oi++) {
            for (int ci = 0; ci < c; ci++) {
                for (int k = 0; k < 9; k++) {
                    wf[(ci * o + oi) * 9 + k] = wt[(oi * c + ci) * 9 + 8 - k];
                }
            }
        }
        return forward(g, wf, null, n, o, h, w, c);
    }

    /**
     * ∂w of the 3×3 pad-1 convolution: g is {@code [n, o, h, w]}, x {@code [n, c, h, w]}, the result
     * {@code [o, c, 3, 3]}. Blocks of tiles split into at most {@link #MAX_CHUNKS} contiguous chunks; each chunk's
     * 16 products accumulate block by block, chunk partials are added in chunk order, then {@code Gᵀ M G}.
     */
    static float[] weightGrad(float[] g, float[] x, int n, int c, int h, int w, int o) {
        int opan = Sgemm.roundUp(o, MR);
        int cpad = Sgemm.roundUp(c, NR);
        Tiling t = Tiling.of(n, h, w, 16 * (opan + cpad));
        int depth = t.per() * t.tw(); // tiles of a full block: the GEMMs' depth
        int perGather = L / MR; // tiles per gathered vector of the left operand
        int aDepth = depth + perGather; // its panels' depth, with room for the last gather's whole vector
        int[] offs = new int[depth]; // (BᵀdB)_ξ row t (one tile, C columns) at ξ·T·Cpad + t·Cpad
        for (int k = 0; k < depth; k++) {
            offs[k] = k * cpad;
        }
        int chunks = Math.min(MAX_CHUNKS, t.blocks());
        int per = 16 * o * cpad;
        int twp = Sgemm.roundUp(t.tw(), L); // the transforms' tile rows, in whole vectors
        int[] vMap = new int[L]; // lane k: channel k of a group
        int[] gMap = new int[L]; // lane l: output channel l % MR of tile l / MR
        for (int l = 0; l < L; l++) {
            vMap[l] = l * 16 * twp;
            gMap[l] = l % MR * 16 * twp + l / MR;
        }
        float[][] partial = new float[chunks][];
        int plane = h * w;
        Parallel.run(chunks, ch -> {
            float[] acc = new float[per];
            float[] a = SCRATCH.get(0, 16 * opan * aDepth);
            float[] v = SCRATCH.get(1, 16 * depth * cpad);
            float[] rowBuf = SCRATCH.get(2, rowScratch(t.tw()));
            float[] tile = SCRATCH.get(3, MR * NR);
            float[] tv = SCRATCH.get(4, L * 16 * twp);
            float[] tg = SCRATCH.get(5, MR * 16 * twp);
            for (int b = t.blocks() * ch / chunks; b < t.blocks() * (ch + 1) / chunks; b++) {
                int r0 = b * t.per();
                int r1 = Math.min(t.rows(), r0 + t.per());
                for (int r = r0; r < r1; r++) {
                    int img = r / t.th();
                    int ty = r % t.th();
                    int col = (r - r0) * t.tw();
                    // L channels' tiles transformed along the tile row (tv[k][ξ][tx]), then gathered per tile into
                    // rows of channels: v[ξ][col + tx][c0 + k] (lanes past C land in unread columns)
                    for (int c0 = 0; c0 < c; c0 += L) {
                        for (int k = 0; k < Math.min(L, c - c0); k++) {
                            inputTiles(x, (img * c + c0 + k) * plane, h, w, ty, t.tw(), tv, k * 16 * twp, twp, rowBuf);
                        }
                        for (int xi = 0; xi < 16; xi++) {
                            int dst = xi * depth * cpad + col * cpad + c0;
                            for (int tx = 0; tx < t.tw(); tx++) {
                                FloatVector.fromArray(Host.S, tv, xi * twp + tx, vMap, 0)
                                        .intoArray(v, dst + tx * cpad);
                            }
                        }
                    }
                    // MR output channels' gradient tiles (tg[k][ξ][tx]), gathered L/MR tiles at a time into the
                    // micro-kernel's packed left operand a[ξ][o0 .. o0 + MR)[col + tx][k]
                    for (int o0 = 0; o0 < o; o0 += MR) {
                        for (int k = 0; k < Math.min(MR, o - o0); k++) {
                            gradTiles(g, (img * o + o0 + k) * plane, h, w, ty, t.tw(), tg, k * 16 * twp, twp);
                        }
                        for (int xi = 0; xi < 16; xi++) {
                            int dst = (xi * opan + o0) * aDepth + col * MR;
                            for (int tx = 0; tx < t.tw(); tx += perGather) { // past tw: later tiles or the slack
                                FloatVector.fromArray(Host.S, tg, xi * twp + tx, gMap, 0).intoArray(a, dst + tx * MR);
                            }
                        }
                    }
                }
                int used = (r1 - r0) * t.tw();
                for (int xi = 0; xi < 16; xi++) {
                    for (int i = 0; i < o; i += MR) {
                        for (int j = 0; j < c; j += NR) {
                            Sgemm.kernel(used, a, (xi * opan + i) * aDepth, v, offs, 0, xi * depth * cpad + j, acc,
                                    (xi * o + i) * cpad + j, cpad, Math.min(MR, o - i), Math.min(NR, c - j), true,
                                    tile);
                        }
                    }
                }
            }
            partial[ch] = acc;
        });
        float[] m = partial[0];
        for (int ch = 1; ch < chunks; ch++) {
            float[] p = partial[ch];
            for (int e = 0; e < per; e++) {
                m[e] += p[e];
            }
        }
        float[] dw = new float[o * c * 9];
        float[] s = new float[16];
        for (int oi = 0; oi < o; oi++) {
            for (int ci = 0; ci < c; ci++) {
                for (int xi = 0; xi < 16; xi++) {
                    s[xi] = m[(xi * o + oi) * cpad + ci];
                }
                weightTransform(s, dw, (oi * c + ci) * 9);
            }
        }
        return dw;
    }

    /**
     * {@code U = G g Gᵀ} for every filter, G = [[1, 0, 0], [½, ½, ½], [½, −½, ½], [0, 0, 1]], stored as the
     * micro-kernel's packed left operand: {@code u[(ξ·Opan + o − o%MR)·C + c·MR + o%MR]}, rows past O zero.
     */
    private static float[] filterTransform(float[] wt, int o, int c, int opan) {
        float[] u = new float[16 * opan * c];
        float[] q = new float[12];
        for (int oi = 0; oi < o; oi++) {
            for (int ci = 0; ci < c; ci++) {
                int f = (oi * c + ci) * 9;
                for (int j = 0; j < 3; j++) { // q = G g: rows of the 4×3 half-transform
                    float g0 = wt[f + j];
                    float g1 = wt[f + 3 + j];
                    float g2 = wt[f + 6 + j];
                    q[j] = g0;
                    q[3 + j] = 0.5f * (g0 + g1 + g2);
                    q[6 + j] = 0.5f * (g0 - g1 + g2);
                    q[9 + j] = g2;
                }
                int base = (oi - oi % MR) * c + ci * MR + oi % MR;
                for (int a = 0; a < 4; a++) { // U = q Gᵀ
                    float g0 = q[3 * a];
                    float g1 = q[3 * a + 1];
                    float g2 = q[3 * a + 2];
                    int xi = 4 * a;
                    u[base + xi * opan * c] = g0;
                    u[base + (xi + 1) * opan * c] = 0.5f * (g0 + g1 + g2);
                    u[base + (xi + 2) * opan * c] = 0.5f * (g0 - g1 + g2);
                    u[base + (xi + 3) * opan * c] = g2;
                }
            }
        }
        return u;
    }

    /** Floats of scratch that {@link #inputTiles} needs for {@code tw} tiles a row. */
    static int rowScratch(int tw) {
        return 4 * (2 * Sgemm.roundUp(tw, L) + 2 * L);
    }

    /**
     * {@code V = Bᵀ d B} for the {@code tw} tiles of tile row {@code ty} of the {@code h × w} plane at {@code src}:
     * d is the 4×4 window at rows {@code 2ty − 1 … 2ty + 2}, columns {@code 2tx − 1 … 2tx + 2} (zero outside), Bᵀ =
     * [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]]; {@code V[ξ]} of tile tx goes to
     * {@code v[dst + ξ·xiStride + tx]}, in whole vectors: up to {@code L − 1} floats past the last tile are
     * overwritten too (the caller's slack, or the columns of tiles it transforms later). {@code s} holds
     * {@link #rowScratch} floats.
     */
    static void inputTiles(float[] x, int src, int h, int w, int ty, int tw, float[] v, int dst, int xiStride,
                           float[] s) {
        int zw = 2 * Sgemm.roundUp(tw, L) + 2 * L;
        // z_i[k] = window row i at column k − 1: zero-padded copies of the four input rows
        for (int i = 0; i < 4; i++) {
            int ih = 2 * ty - 1 + i;
            Arrays.fill(s, i * zw, (i + 1) * zw, 0f);
            if (ih >= 0 && ih < h) {
                System.arraycopy(x, src + ih * w, s, i * zw + 1, w);
            }
        }
        // rows: Bᵀ d in place (r0 = d0 − d2, r1 = d1 + d2, r2 = d2 − d1, r3 = d1 − d3)
        for (int k = 0; k < zw; k += L) {
            FloatVector d0 = FloatVector.fromArray(Host.S, s, k);
            FloatVector d1 = FloatVector.fromArray(Host.S, s, zw + k);
            FloatVector d2 = FloatVector.fromArray(Host.S, s, 2 * zw + k);
            FloatVector d3 = FloatVector.fromArray(Host.S, s, 3 * zw + k);
            d0.sub(d2).intoArray(s, k);
            d1.add(d2).intoArray(s, zw + k);
            d2.sub(d1).intoArray(s, 2 * zw + k);
            d1.sub(d3).intoArray(s, 3 * zw + k);
        }
        // columns: tile tx reads u0..u3 = row[2tx … 2tx + 3]; even/odd lanes of two vectors give L tiles at once
        for (int a = 0; a < 4; a++) {
            int row = a * zw;
            int o0 = dst + 4 * a * xiStride;
            for (int tx = 0; tx < tw; tx += L) {
                FloatVector lo = FloatVector.fromArray(Host.S, s, row + 2 * tx);
                FloatVector hi = FloatVector.fromArray(Host.S, s, row + 2 * tx + L);
                FloatVector lo2 = FloatVector.fromArray(Host.S, s, row + 2 * tx + 2);
                FloatVector hi2 = FloatVector.fromArray(Host.S, s, row + 2 * tx + 2 + L);
                FloatVector u0 = lo.rearrange(EVEN).blend(hi.rearrange(EVEN), UPPER);
                FloatVector u1 = lo.rearrange(ODD).blend(hi.rearrange(ODD), UPPER);
                FloatVector u2 = lo2.rearrange(EVEN).blend(hi2.rearrange(EVEN), UPPER);
                FloatVector u3 = lo2.rearrange(ODD).blend(hi2.rearrange(ODD), UPPER);
                int p = o0 + tx; // whole vectors: the lanes past tw land in the caller's slack
                u0.sub(u2).intoArray(v, p);
                u1.add(u2).intoArray(v, p + xiStride);
                u2.sub(u1).intoArray(v, p + 2 * xiStride);
                u1.sub(u3).intoArray(v, p + 3 * xiStride);
            }
        }
    }

    /**
     * {@code Y = Aᵀ M A + bias}, Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]], for the {@code tw} tiles of tile row
     * {@code ty} ({@code M[ξ]} of tile tx at {@code m[src + ξ·xiStride + tx]}, readable up to whole vectors), written
     * into the {@code h × w} plane at {@code dst} where it lies inside ({@code tail}: 2L floats of scratch).
     */
    private static void outputTiles(float[] m, int src, int xiStride, float[] y, int dst, int h, int w, int ty,
                                    int tw, float bias, float[] tail) {
        int y0 = 2 * ty;
        boolean second = y0 + 1 < h;
        FloatVector b = FloatVector.broadcast(Host.S, bias);
        for (int tx = 0; tx < tw; tx += L) {
            int p = src + tx;
            FloatVector m4 = FloatVector.fromArray(Host.S, m, p + 4 * xiStride);
            FloatVector m5 = FloatVector.fromArray(Host.S, m, p + 5 * xiStride);
            FloatVector m6 = FloatVector.fromArray(Host.S, m, p + 6 * xiStride);
            FloatVector m7 = FloatVector.fromArray(Host.S, m, p + 7 * xiStride);
            FloatVector m8 = FloatVector.fromArray(Host.S, m, p + 8 * xiStride);
            FloatVector m9 = FloatVector.fromArray(Host.S, m, p + 9 * xiStride);
            FloatVector m10 = FloatVector.fromArray(Host.S, m, p + 10 * xiStride);
            FloatVector m11 = FloatVector.fromArray(Host.S, m, p + 11 * xiStride);
            // rows: s = m0 + m1 + m2, d = m1 − m2 − m3 (per column of the 4×4 tile)
            FloatVector s0 = FloatVector.fromArray(Host.S, m, p).add(m4).add(m8);
            FloatVector s1 = FloatVector.fromArray(Host.S, m, p + xiStride).add(m5).add(m9);
            FloatVector s2 = FloatVector.fromArray(Host.S, m, p + 2 * xiStride).add(m6).add(m10);
            FloatVector s3 = FloatVector.fromArray(Host.S, m, p + 3 * xiStride).add(m7).add(m11);
            FloatVector y00 = s0.add(s1).add(s2).add(b);
            FloatVector y01 = s1.sub(s2).sub(s3).add(b);
            store(y00, y01, y, dst + y0 * w, 2 * tx, w, tail);
            if (second) {
                FloatVector d0 = m4.sub(m8).sub(FloatVector.fromArray(Host.S, m, p + 12 * xiStride));
                FloatVector d1 = m5.sub(m9).sub(FloatVector.fromArray(Host.S, m, p + 13 * xiStride));
                FloatVector d2 = m6.sub(m10).sub(FloatVector.fromArray(Host.S, m, p + 14 * xiStride));
                FloatVector d3 = m7.sub(m11).sub(FloatVector.fromArray(Host.S, m, p + 15 * xiStride));
                store(d0.add(d1).add(d2).add(b), d1.sub(d2).sub(d3).add(b), y, dst + (y0 + 1) * w, 2 * tx, w,
                        tail);
            }
        }
    }

    /**
     * {@code y[row + x0 + 2l] = even[l], y[row + x0 + 2l + 1] = odd[l]} for the columns below {@code w}; a partial
     * run goes through {@code tail} (2L floats; JDK 17 runs masked stores lane by lane).
     */
    private static void store(FloatVector even, FloatVector odd, float[] y, int row, int x0, int w, float[] tail) {
        FloatVector lo = even.rearrange(SPREAD_LO).blend(odd.rearrange(SPREAD_LO), ODD_LANES);
        FloatVector hi = even.rearrange(SPREAD_HI).blend(odd.rearrange(SPREAD_HI), ODD_LANES);
        if (x0 + 2 * L <= w) {
            lo.intoArray(y, row + x0);
            hi.intoArray(y, row + x0 + L);
        } else {
            lo.intoArray(tail, 0);
            hi.intoArray(tail, L);
            System.arraycopy(tail, 0, y, row + x0, w - x0);
        }
    }

    /**
     * {@code A ∂y Aᵀ}, A = [[1, 0], [1, 1], [1, −1], [0, −1]], for the {@code tw} 2×2 tiles of tile row {@code ty}
     * of the {@code h × w} gradient plane at {@code src} (zero outside); {@code [ξ]} of tile tx goes to
     * {@code a[dst + ξ·xiStride + tx]}.
     */
    private static void gradTiles(float[] g, int src, int h, int w, int ty, int tw, float[] a, int dst,
                                  int xiStride) {
        int r0 = src + 2 * ty * w;
        boolean second = 2 * ty + 1 < h;
        for (int tx = 0; tx < tw; tx++) {
            int x0 = 2 * tx;
            boolean right = x0 + 1 < w;
            float g00 = g[r0 + x0];
            float g01 = right ? g[r0 + x0 + 1] : 0f;
            float g10 = second ? g[r0 + w + x0] : 0f;
            float g11 = second && right ? g[r0 + w + x0 + 1] : 0f;
            int p = dst + tx;
            // rows of A g: q0 = g0, q1 = g0 + g1, q2 = g0 − g1, q3 = −g1; then the same on each row's columns
            tileRow(g00, g01, a, p, xiStride);
            tileRow(g00 + g10, g01 + g11, a, p + 4 * xiStride, xiStride);
            tileRow(g00 - g10, g01 - g11, a, p + 8 * xiStride, xiStride);
            tileRow(-g10, -g11, a, p + 12 * xiStride, xiStride);
        }
    }

    /** One row of {@code (A g) Aᵀ} from its two columns: {@code c0, c0 + c1, c0 − c1, −c1}. */
    private static void tileRow(float c0, float c1, float[] a, int p, int xiStride) {
        a[p] = c0;
        a[p + xiStride] = c0 + c1;
        a[p + 2 * xiStride] = c0 - c1;
        a[p + 3 * xiStride] = -c1;
    }

    /** {@code dW = Gᵀ S G} for one 4×4 sum S (row-major in {@code s}) into {@code dw[off …]}, 3×3 row-major. */
    private static void weightTransform(float[] s, float[] dw, int off) {
        float[] p = new float[12]; // p[i][η] = (Gᵀ S)[i][η]: Gᵀ = [[1, ½, ½, 0], [0, ½, −½, 0], [0, ½, ½, 1]]
        for (int e = 0; e < 4; e++) {
            float m0 = s[e];
            float m1 = s[4 + e];
            float m2 = s[8 + e];
            float m3 = s[12 + e];
            p[e] = m0 + 0.5f * (m1 + m2);
            p[4 + e] = 0.5f * (m1 - m2);
            p[8 + e] = 0.5f * (m1 + m2) + m3;
        }
        for (int i = 0; i < 3; i++) {
            float m0 = p[4 * i];
            float m1 = p[4 * i + 1];
            float m2 = p[4 * i + 2];
            float m3 = p[4 * i + 3];
            dw[off + 3 * i] = m0 + 0.5f * (m1 + m2);
            dw[off + 3 * i + 1] = 0.5f * (m1 - m2);
            dw[off + 3 * i + 2] = 0.5f * (m1 + m2) + m3;
        }
    }
}
