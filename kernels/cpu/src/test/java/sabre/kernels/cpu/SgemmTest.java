package sabre.kernels.cpu;

import org.junit.jupiter.api.Test;
import sabre.tensor.Tensor;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** SGEMM against a triple loop in double, for odd sizes, strided and transposed operands, and batched matmul. */
class SgemmTest {
    /** A matrix stored in {@code data} with arbitrary strides, values set from a generator. */
    private record Strided(float[] data, int off, int rs, int cs) {
        float get(int i, int j) {
            return data[off + i * rs + j * cs];
        }

        /** rows×cols with row stride, column stride and an offset of 3; {@code layout} 0 row-major, 1 column-major, 2 gapped. */
        static Strided random(Random rnd, int rows, int cols, int layout) {
            int off = 3;
            int rs;
            int cs;
            int size;
            switch (layout) {
                case 0 -> {
                    rs = cols;
                    cs = 1;
                    size = rows * cols;
                }
                case 1 -> {
                    rs = 1;
                    cs = rows;
                    size = rows * cols;
                }
                default -> {
                    rs = 2 * cols + 1;
                    cs = 2;
                    size = rows * rs;
                }
            }
            float[] data = new float[off + size + 1];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) rnd.nextGaussian();
            }
            return new Strided(data, off, rs, cs);
        }
    }

    private static void check(Random rnd, int m, int n, int k, int layoutA, int layoutB, boolean parallel) {
        Strided a = Strided.random(rnd, m, k, layoutA);
        Strided b = Strided.random(rnd, k, n, layoutB);
        int ldc = n + 2;
        float[] c = new float[3 + m * ldc];
        float[] c0 = c.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = c0[i] = (float) rnd.nextGaussian(); // C += A·B accumulates onto what is there
        }
        Sgemm.gemm(m, n, k, Sgemm.mat(a.data(), a.off(), a.rs(), a.cs()), Sgemm.mat(b.data(), b.off(), b.rs(), b.cs()),
                c, 3, ldc, parallel);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = c0[3 + i * ldc + j];
                double abs = Math.abs(exact);
                for (int p = 0; p < k; p++) {
                    exact += (double) a.get(i, p) * b.get(p, j);
                    abs += Math.abs((double) a.get(i, p) * b.get(p, j));
                }
                double got = c[3 + i * ldc + j];
                // float accumulation: error ≤ (k + 2)·2^-24·Σ|terms|, with room
                if (Math.abs(got - exact) > 1e-6 * (k + 2) * abs + 1e-30) {
                    fail(String.format("m=%d n=%d k=%d layouts %d/%d: C[%d,%d] = %s, exact %s", m, n, k, layoutA,
                            layoutB, i, j, got, exact));
                }
            }
        }
        // padding columns of C are untouched
        for (int i = 0; i < m; i++) {
            for (int j = n; j < ldc; j++) {
                assertTrue(c[3 + i * ldc + j] == c0[3 + i * ldc + j], "wrote outside the matrix");
            }
        }
    }

    @Test
    void everySizeFrom1To70InEachDimension() {
        Random rnd = new Random(1);
        for (int s = 1; s <= 70; s++) {
            check(rnd, s, 1 + rnd.nextInt(70), 1 + rnd.nextInt(70), 0, 0, false);
            check(rnd, 1 + rnd.nextInt(70), s, 1 + rnd.nextInt(70), 0, 0, true);
            check(rnd, 1 + rnd.nextInt(70), 1 + rnd.nextInt(70), s, 0, 0, s % 2 == 0);
        }
    }

    @Test
    void depthOneAndDegenerateShapes() {
        Random rnd = new Random(2);
        for (int m : new int[] {1, 7, 8, 9, 33}) {
            for (int n : new int[] {1, 15, 16, 31, 32, 33, 65}) {
                check(rnd, m, n, 1, 0, 0, true);
            }
        }
        check(rnd, 1, 1, 1, 0, 0, false);
        check(rnd, 1, 70, 70, 0, 0, false);
        check(rnd, 70, 1, 70, 0, 0, false);
    }

    @Test
    void transposedAndGappedOperands() {
        Random rnd = new Random(3);
        int[][] sizes = {{5, 7, 9}, {17, 33, 20}, {64, 64, 64}, {9, 70, 3}, {70, 9, 41}};
        for (int[] s : sizes) {
            for (int la = 0; la < 3; la++) {
                for (int lb = 0; lb < 3; lb++) {
                    check(rnd, s[0], s[1], s[2], la, lb, (la + lb) % 2 == 0);
                }
            }
        }
    }

    @Test
    void sizesAcrossTheCacheBlocks() {
        Random rnd = new Random(4);
        check(rnd, 130, 300, 513, 0, 0, true); // k spans 3 blocks, m and n span several tasks
        check(rnd, 257, 45, 700, 1, 0, true);
        check(rnd, 3, 2100, 40, 0, 1, true); // n spans two NC blocks
        check(rnd, 1030, 20, 17, 0, 0, true); // m spans two MB blocks
    }

    @Test
    void parallelAndSequentialGiveTheSameBits() {
        Random rnd = new Random(5);
        int m = 150;
        int n = 270;
        int k = 600;
        Strided a = Strided.random(rnd, m, k, 0);
        Strided b = Strided.random(rnd, k, n, 1);
        float[] c1 = new float[m * n];
        float[] c2 = new float[m * n];
        float[] c3 = new float[m * n];
        Sgemm.gemm(m, n, k, Sgemm.mat(a.data(), a.off(), a.rs(), a.cs()), Sgemm.mat(b.data(), b.off(), b.rs(), b.cs()),
                c1, 0, n, false);
        Fixtures.withThreads(2, () -> {
            Sgemm.gemm(m, n, k, Sgemm.mat(a.data(), a.off(), a.rs(), a.cs()),
                    Sgemm.mat(b.data(), b.off(), b.rs(), b.cs()), c2, 0, n, true);
            return null;
        });
        Fixtures.withThreads(3, () -> {
            Sgemm.gemm(m, n, k, Sgemm.mat(a.data(), a.off(), a.rs(), a.cs()),
                    Sgemm.mat(b.data(), b.off(), b.rs(), b.cs()), c3, 0, n, true);
            return null;
        });
        assertArrayEquals(c1, c2);
        assertArrayEquals(c1, c3);
    }

    @Test
    void overwriteModeIgnoresWhatCHolds() {
        Random rnd = new Random(6);
        for (int[] s : new int[][] {{9, 33, 5}, {70, 70, 600}, {1, 1, 1}}) {
            Strided a = Strided.random(rnd, s[0], s[2], 0);
            Strided b = Strided.random(rnd, s[2], s[1], 1);
            float[] zero = new float[s[0] * s[1]];
            float[] junk = new float[s[0] * s[1]];
            java.util.Arrays.fill(junk, Float.NaN);
            Sgemm.gemm(s[0], s[1], s[2], Sgemm.mat(a.data(), a.off(), a.rs(), a.cs()),
                    Sgemm.mat(b.data(), b.off(), b.rs(), b.cs()), zero, 0, s[1], true, true);
            Sgemm.gemm(s[0], s[1], s[2], Sgemm.mat(a.data(), a.off(), a.rs(), a.cs()),
                    Sgemm.mat(b.data(), b.off(), b.rs(), b.cs()), junk, 0, s[1], true, false);
            assertArrayEquals(zero, junk);
        }
    }

    @Test
    void batchedMatmulWithBroadcastAndTransposedViewsMatchesTheReference() {
        int[][][] cases = {
            {{2, 1, 5, 7}, {3, 7, 9}},
            {{4, 33, 17}, {17, 40}},
            {{1, 1}, {1, 1}},
            {{2, 3, 1, 70}, {3, 70, 1}},
            {{6, 20, 30}, {6, 30, 50}},
        };
        long seed = 10;
        for (int[][] c : cases) {
            Tensor a = Fixtures.randn(Fixtures.CPU, seed, c[0]);
            Tensor b = Fixtures.randn(Fixtures.CPU, seed + 1, c[1]);
            Tensor ra = Fixtures.randn(Fixtures.REF, seed, c[0]);
            Tensor rb = Fixtures.randn(Fixtures.REF, seed + 1, c[1]);
            Fixtures.assertClose("matmul", ra.matmul(rb), a.matmul(b), 1e-5);
            // transposed views: (bᵀ)ᵀ etc.
            Fixtures.assertClose("matmul of transposed views", rb.mT().matmul(ra.mT()), b.mT().matmul(a.mT()), 1e-5);
            seed += 2;
        }
        // a 1-D operand and an expanded (stride-0) batch
        Tensor v = Fixtures.randn(Fixtures.CPU, 50, 30);
        Tensor m = Fixtures.randn(Fixtures.CPU, 51, 30, 45);
        Tensor rv = Fixtures.randn(Fixtures.REF, 50, 30);
        Tensor rm = Fixtures.randn(Fixtures.REF, 51, 30, 45);
        Fixtures.assertClose("vector @ matrix", rv.matmul(rm), v.matmul(m), 1e-5);
        Fixtures.assertClose("expanded batch", rm.expand(4, 30, 45).mT().matmul(rv.reshape(30, 1)),
                m.expand(4, 30, 45).mT().matmul(v.reshape(30, 1)), 1e-5);
    }

    /**
     * A {@link Sgemm.Rows} operand (rows at scattered offsets of one buffer) gives the same bits as the same matrix
     * packed from a dense copy: read in place for few rows of A ({@code m ≤ DIRECT_MAX_M}), packed above, with
     * column tails, several k blocks and several column blocks.
     */
    @Test
    void shiftedRowsEqualTheDenseMatrixBitForBit() {
        Random rnd = new Random(11);
        int[][] sizes = {{8, 45, 20}, {16, 1000, 300}, {32, 2100, 9}, {13, 77, 600}, {40, 70, 150}, {96, 33, 144}};
        for (int[] s : sizes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int[] offs = new int[k];
            for (int r = 0; r < k; r++) {
                offs[r] = rnd.nextInt(3 * n); // rows overlap and repeat, as shifted views of an image do
            }
            float[] buf = new float[4 * n + Sgemm.NR];
            for (int i = 0; i < 4 * n; i++) {
                buf[i] = (float) rnd.nextGaussian();
            }
            float[] dense = new float[k * n];
            for (int r = 0; r < k; r++) {
                System.arraycopy(buf, offs[r], dense, r * n, n);
            }
            float[] a = new float[m * k];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rnd.nextGaussian();
            }
            for (boolean parallel : new boolean[] {false, true}) {
                float[] viaRows = new float[m * n];
                float[] viaDense = new float[m * n];
                Sgemm.gemm(m, n, k, Sgemm.mat(a, 0, k, 1), new Sgemm.Rows(buf, offs), viaRows, 0, n, parallel);
                Sgemm.gemm(m, n, k, Sgemm.mat(a, 0, k, 1), Sgemm.mat(dense, 0, n, 1), viaDense, 0, n, parallel);
                assertArrayEquals(viaDense, viaRows, "m=" + m + " n=" + n + " k=" + k + " parallel=" + parallel);
            }
        }
    }
}
