package sabre.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM {@code C += A·B} in the Goto/BLIS style: operands are packed block by block into panels
 * ({@link Operand}: a strided matrix, or an implicit im2col matrix that packs straight from an image), and a
 * register-blocked {@value #MR}×NR micro-kernel (NR = two vectors of {@link FloatVector#SPECIES_PREFERRED}: 32 lanes on
 * AVX-512) runs over the packed panels with fused multiply-adds.
 *
 * <p>Blocking: k in blocks of at most {@code KC} (sizes depend on k only), n in blocks of {@code NC}, m in blocks of
 * {@code MB}; within one (n, k, m) block the output tiles are split into tasks of {@code MC} rows × {@code NT}
 * columns, run on {@link Parallel}. Every output element is summed in the same order whatever the thread count or
 * task split: for each k block in ascending order, {@code C ← C + Σ_{p in block} a·b} with the in-block sum
 * accumulated in p order in one register lane. Results are therefore bit-identical for any number of threads, and
 * the same with {@code parallel} on or off.
 *
 * <pre>{@code Sgemm.gemm(m, n, k, Sgemm.mat(a, 0, k, 1), Sgemm.mat(b, 0, n, 1), c, 0, n, true);}</pre>
 */
public final class Sgemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the micro-tile. */
    public static final int MR = 8;
    /** Columns of the micro-tile (two vectors). */
    public static final int NR = 2 * L;
    static final int KC = Integer.getInteger("sabre.gemm.kc", 256);
    static final int NC = roundUp(Integer.getInteger("sabre.gemm.nc", 2048), NR);
    static final int MB = roundUp(Integer.getInteger("sabre.gemm.mb", 1024), MR);
    static final int MC = roundUp(Integer.getInteger("sabre.gemm.mc", 128), MR);
    static final int NT = roundUp(Integer.getInteger("sabre.gemm.nt", 256), NR);
    /**
     * Largest m for which a {@link Rows} operand is read in place: a packed B panel serves m/MR micro-kernel calls,
     * so with few rows packing costs about as many loads and stores as the kernel has multiply-adds.
     */
    static final int DIRECT_MAX_M = Integer.getInteger("sabre.gemm.directm", 32);

    private Sgemm() {
    }

    static int roundUp(int v, int to) {
        return (v + to - 1) / to * to;
    }

    /**
     * A GEMM operand that packs itself. As the left operand (m×k) it packs MR-row panels, as the right operand
     * (k×n) NR-column panels; padding rows or columns of the last panel must be written as zeros.
     */
    public interface Operand {
        /**
         * Packs rows {@code [i0, i0+rows)} and columns {@code [p0, p0+kc)} of this m×k matrix:
         * {@code dst[d + (r/MR)·kc·MR + p·MR + r%MR] = A[i0 + r, p0 + p]}, zero for {@code r ≥ rows} up to the
         * panel's end.
         */
        void packA(int i0, int rows, int p0, int kc, float[] dst, int d);

        /**
         * Packs rows {@code [p0, p0+kc)} and columns {@code [j0, j0+cols)} of this k×n matrix:
         * {@code dst[d + (q/NR)·kc·NR + p·NR + q%NR] = B[p0 + p, j0 + q]}, zero for {@code q ≥ cols} up to the
         * panel's end.
         */
        void packB(int p0, int kc, int j0, int cols, float[] dst, int d);
    }

    /** A strided matrix {@code M[i, j] = data[off + i·rs + j·cs]} (a transposed view is just other strides). */
    public static Operand mat(float[] data, int off, int rs, int cs) {
        return new Mat(data, off, rs, cs);
    }

    /** A strided matrix operand. */
    record Mat(float[] data, int off, int rs, int cs) implements Operand {
        @Override
        public void packA(int i0, int rows, int p0, int kc, float[] dst, int d) {
            for (int pi = 0; pi < rows; pi += MR) {
                int rr = Math.min(MR, rows - pi);
                int base = d + pi * kc;
                int src0 = off + (i0 + pi) * rs + p0 * cs;
                if (cs == 1) {
                    for (int r = 0; r < rr; r++) {
                        int s = src0 + r * rs;
                        int o = base + r;
                        for (int p = 0; p < kc; p++) {
                            dst[o + p * MR] = data[s + p];
                        }
                    }
                } else if (rs == 1) {
                    for (int p = 0; p < kc; p++) {
                        int s = src0 + p * cs;
                        int o = base + p * MR;
                        for (int r = 0; r < rr; r++) {
                            dst[o + r] = data[s + r];
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int o = base + p * MR;
                        for (int r = 0; r < rr; r++) {
                            dst[o + r] = data[src0 + r * rs + p * cs];
                        }
                    }
                }
                if (rr < MR) {
                    for (int p = 0; p < kc; p++) {
                        for (int r = rr; r < MR; r++) {
                            dst[base + p * MR + r] = 0;
                        }
                    }
                }
            }
        }

        @Override
        public void packB(int p0, int kc, int j0, int cols, float[] dst, int d) {
            for (int qj = 0; qj < cols; qj += NR) {
                int cc = Math.min(NR, cols - qj);
                int base = d + qj * kc;
                int src0 = off + p0 * rs + (j0 + qj) * cs;
                if (cs == 1) {
                    if (cc == NR) {
                        for (int p = 0; p < kc; p++) {
                            int s = src0 + p * rs;
                            int o = base + p * NR;
                            FloatVector.fromArray(S, data, s).intoArray(dst, o);
                            FloatVector.fromArray(S, data, s + L).intoArray(dst, o + L);
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            int s = src0 + p * rs;
                            int o = base + p * NR;
                            for (int q = 0; q < cc; q++) {
                                dst[o + q] = data[s + q];
                            }
                        }
                    }
                } else if (rs == 1) {
                    for (int q = 0; q < cc; q++) {
                        int s = src0 + q * cs;
                        int o = base + q;
                        for (int p = 0; p < kc; p++) {
                            dst[o + p * NR] = data[s + p];
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int o = base + p * NR;
                        for (int q = 0; q < cc; q++) {
                            dst[o + q] = data[src0 + p * rs + q * cs];
                        }
                    }
                }
                if (cc < NR) {
                    for (int p = 0; p < kc; p++) {
                        for (int q = cc; q < NR; q++) {
                            dst[base + p * NR + q] = 0;
                        }
                    }
                }
            }
        }
    }

    /**
     * The k×n matrix {@code B[r, j] = buf[offs[r] + j]}: rows that are contiguous runs of one buffer at arbitrary
     * offsets (a convolution's shifted views of a padded image). Only a right operand. A GEMM with few rows of A
     * reads it in place instead of packing it ({@link #DIRECT_MAX_M}), so {@code buf} must hold {@code NR} readable
     * floats beyond the last column (their values only reach columns that are never stored).
     *
     * <pre>{@code Sgemm.gemm(m, n, k, a, new Sgemm.Rows(padded, offsets), c, 0, n, false);}</pre>
     */
    public record Rows(float[] buf, int[] offs) implements Operand {
        @Override
        public void packA(int i0, int rows, int p0, int kc, float[] dst, int d) {
            throw new UnsupportedOperationException("shifted rows are only a right operand");
        }

        @Override
        public void packB(int p0, int kc, int j0, int cols, float[] dst, int d) {
            for (int qj = 0; qj < cols; qj += NR) {
                int cc = Math.min(NR, cols - qj);
                int base = d + qj * kc;
                for (int p = 0; p < kc; p++) {
                    int s = offs[p0 + p] + j0 + qj;
                    int o = base + p * NR;
                    if (cc == NR) {
                        FloatVector.fromArray(S, buf, s).intoArray(dst, o);
                        FloatVector.fromArray(S, buf, s + L).intoArray(dst, o + L);
                    } else {
                        System.arraycopy(buf, s, dst, o, cc);
                        java.util.Arrays.fill(dst, o + cc, o + NR, 0f);
                    }
                }
            }
        }
    }

    /**
     * {@code a} (m×k) packed once into the left panels of every k block that {@code gemm(m, ·, k, …)} asks for, so
     * that operand's {@code packA} is a plain copy: for a left operand shared by many GEMMs (a convolution's
     * weights, one GEMM per image). Only valid for GEMMs with this m and k.
     */
    public static Operand prepackA(int m, int k, Operand a) {
        int kcs = kcStep(k);
        int mPad = roundUp(m, MR);
        float[] pre = new float[mPad * k];
        for (int pc = 0; pc < k; pc += kcs) {
            a.packA(0, m, pc, Math.min(kcs, k - pc), pre, pc * mPad);
        }
        return new PackedA(pre, mPad);
    }

    /** A prepacked left operand: k block {@code pc} at {@code pc·mPad}, row panel {@code i0} at {@code i0·kc}. */
    private record PackedA(float[] pre, int mPad) implements Operand {
        @Override
        public void packA(int i0, int rows, int p0, int kc, float[] dst, int d) {
            System.arraycopy(pre, p0 * mPad + i0 * kc, dst, d, roundUp(rows, MR) * kc);
        }

        @Override
        public void packB(int p0, int kc, int j0, int cols, float[] dst, int d) {
            throw new UnsupportedOperationException("a prepacked left operand");
        }
    }

    /** Per-thread pack buffers, grown on demand. */
    private static final class Workspace {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] a(int n) {
            if (a.length < n) {
                a = new float[n];
            }
            return a;
        }

        float[] b(int n) {
            if (b.length < n) {
                b = new float[n];
            }
            return b;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** The k-block size used for depth {@code k}: blocks of equal size, at most {@code KC}. */
    static int kcStep(int k) {
        int blocks = (k + KC - 1) / KC;
        return (k + blocks - 1) / blocks;
    }

    /**
     * {@code C[m×n] += A[m×k]·B[k×n]} with C row-major at {@code c[cOff + i·ldc + j]}. With {@code parallel} the
     * tiles are spread over {@link Parallel}; the result is the same bits either way.
     */
    public static void gemm(int m, int n, int k, Operand a, Operand b, float[] c, int cOff, int ldc,
                            boolean parallel) {
        gemm(m, n, k, a, b, c, cOff, ldc, parallel, true);
    }

    /**
     * {@code C = A·B} ({@code accumulate} false: C's previous contents are overwritten, not read) or
     * {@code C += A·B}. With k = 0 and {@code accumulate} false, C is left untouched.
     */
    public static void gemm(int m, int n, int k, Operand a, Operand b, float[] c, int cOff, int ldc,
                            boolean parallel, boolean accumulate) {
        if (m <= 0 || n <= 0 || k <= 0) {
            return;
        }
        boolean par = parallel && Parallel.threads() > 1 && !Parallel.inside()
                && (long) m * n * k >= 64L * 64 * 64;
        Workspace ws = WORKSPACE.get();
        Rows direct = b instanceof Rows rows && m <= DIRECT_MAX_M ? rows : null;
        int kcs = kcStep(k);
        int ncMax = Math.min(NC, roundUp(n, NR));
        int mbMax = Math.min(MB, roundUp(m, MR));
        float[] bp = ws.b(kcs * ncMax);
        float[] ap = ws.a(mbMax * kcs);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int ncPanels = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += kcs) {
                int kc = Math.min(kcs, k - pc);
                boolean add = accumulate || pc > 0;
                int jcf = jc;
                int pcf = pc;
                // pack B[pc:pc+kc, jc:jc+nc] as NR-column panels, unless it is read in place
                if (direct == null && par) {
                    int groups = Math.min(ncPanels, 4 * Parallel.threads());
                    Parallel.run(groups, g -> {
                        int q0 = ncPanels * g / groups * NR;
                        int q1 = Math.min(nc, ncPanels * (g + 1) / groups * NR);
                        if (q0 < q1) {
                            b.packB(pcf, kc, jcf + q0, q1 - q0, bp, q0 * kc);
                        }
                    });
                } else if (direct == null) {
                    b.packB(pc, kc, jc, nc, bp, 0);
                }
                Panels bs = direct == null ? new Panels(bp, null, 0, 0) : new Panels(direct.buf(), direct.offs(), pc, jc);
                for (int ib = 0; ib < m; ib += MB) {
                    int mb = Math.min(MB, m - ib);
                    int mbPanels = (mb + MR - 1) / MR;
                    int ibf = ib;
                    if (par) {
                        int groups = Math.min(mbPanels, 4 * Parallel.threads());
                        Parallel.run(groups, g -> {
                            int r0 = mbPanels * g / groups * MR;
                            int r1 = Math.min(mb, mbPanels * (g + 1) / groups * MR);
                            if (r0 < r1) {
                                a.packA(ibf + r0, r1 - r0, pcf, kc, ap, r0 * kc);
                            }
                        });
                    } else {
                        a.packA(ib, mb, pc, kc, ap, 0);
                    }
                    int mTasks = (mb + MC - 1) / MC;
                    int nTasks = (nc + NT - 1) / NT;
                    int cBase = cOff + ib * ldc + jc;
                    if (par) {
                        Parallel.run(mTasks * nTasks, t -> {
                            int tm = t / nTasks;
                            int tn = t % nTasks;
                            int i0 = tm * MC;
                            int j0 = tn * NT;
                            block(ap, i0, Math.min(MC, mb - i0), bs, j0, Math.min(NT, nc - j0), kc, c,
                                    cBase, ldc, add, WORKSPACE.get().tile);
                        });
                    } else {
                        for (int t = 0; t < mTasks * nTasks; t++) {
                            int i0 = t / nTasks * MC;
                            int j0 = t % nTasks * NT;
                            block(ap, i0, Math.min(MC, mb - i0), bs, j0, Math.min(NT, nc - j0), kc, c, cBase,
                                    ldc, add, ws.tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * Where the micro-kernel reads B: packed panels ({@code offs} null: panel column {@code j} at {@code j·kc}), or
     * a {@link Rows} operand in place (row {@code p} of the k block at {@code offs[p0 + p] + j0 + j}).
     */
    private record Panels(float[] data, int[] offs, int p0, int j0) {
    }

    /** Runs the micro-kernel over rows [i0, i0+rows) and columns [j0, j0+cols) of the block. */
    private static void block(float[] ap, int i0, int rows, Panels bs, int j0, int cols, int kc, float[] c,
                              int cBase, int ldc, boolean add, float[] tile) {
        for (int jr = 0; jr < cols; jr += NR) {
            int nr = Math.min(NR, cols - jr);
            int bOff = bs.offs() == null ? (j0 + jr) * kc : bs.j0() + j0 + jr;
            for (int ir = 0; ir < rows; ir += MR) {
                int mr = Math.min(MR, rows - ir);
                kernel(kc, ap, (i0 + ir) * kc, bs.data(), bs.offs(), bs.p0(), bOff, c,
                        cBase + (i0 + ir) * ldc + j0 + jr, ldc, mr, nr, add, tile);
            }
        }
    }

    /**
     * The MR×NR micro-kernel: {@code C[tile] += Apanel · Bpanel} (or {@code =} without {@code add}). Row p of B
     * starts at {@code bo + p·NR} (a packed panel) or, with {@code offs}, at {@code offs[p0 + p] + bo}.
     */
    static void kernel(int kc, float[] a, int ao, float[] b, int[] offs, int p0, int bo, float[] c, int co, int ldc,
                       int mr, int nr, boolean add, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        FloatVector c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR;
            int bi = offs == null ? bo + p * NR : offs[p0 + p] + bo;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
        if (add) {
            addTile(tile, c, co, ldc, mr, nr);
        } else {
            for (int r = 0; r < mr; r++) {
                System.arraycopy(tile, r * NR, c, co + r * ldc, nr);
            }
        }
    }

    /** {@code C[tile] += tile} for the valid {@code mr × nr} corner. */
    private static void addTile(float[] tile, float[] c, int co, int ldc, int mr, int nr) {
        if (nr == NR) {
            for (int r = 0; r < mr; r++) {
                int o = co + r * ldc;
                FloatVector.fromArray(S, c, o).add(FloatVector.fromArray(S, tile, r * NR)).intoArray(c, o);
                FloatVector.fromArray(S, c, o + L).add(FloatVector.fromArray(S, tile, r * NR + L))
                        .intoArray(c, o + L);
            }
        } else {
            for (int r = 0; r < mr; r++) {
                int o = co + r * ldc;
                for (int q = 0; q < nr; q++) {
                    c[o + q] += tile[r * NR + q];
                }
            }
        }
    }
}
