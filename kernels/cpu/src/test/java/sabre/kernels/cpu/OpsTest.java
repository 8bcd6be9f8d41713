package sabre.kernels.cpu;

import org.junit.jupiter.api.Test;
import sabre.tensor.BatchNormGrads;
import sabre.tensor.BatchNormResult;
import sabre.tensor.BinaryOp;
import sabre.tensor.CompareOp;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;
import sabre.tensor.ValuesIndices;
import sabre.tensor.spi.Backends;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accelerated non-GEMM ops against the reference backend, on contiguous, strided and broadcast inputs. */
class OpsTest {
    private static final double[] SPECIAL = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e-40, -3.5, 2.25};

    /** Applies {@code f} to the same inputs on both backends and compares. */
    private static void both(String what, double tol, Function<Device, Tensor> f) {
        Fixtures.assertClose(what, f.apply(Fixtures.REF), f.apply(Fixtures.CPU), tol);
    }

    /** Random normals with special values (NaN, ±0, ±∞, a subnormal) sprinkled in. */
    private static Tensor special(Device d, long seed, int... shape) {
        double[] v = Fixtures.randn(Fixtures.REF, DType.FLOAT64, seed, shape).mul(3).toDoubleArray();
        for (int i = 0; i < v.length; i += 7) {
            v[i] = SPECIAL[(i / 7) % SPECIAL.length];
        }
        return Tensor.fromDoubles(d, DType.FLOAT32, v, shape);
    }

    @Test
    void providerServesCpu() {
        assertEquals("cpu", Backends.get(Device.CPU).name());
        assertTrue(Backends.get(Device.CPU) instanceof CpuBackend);
        assertEquals("reference", Backends.get(Device.REFERENCE).name());
    }

    @Test
    void unaryOpsOnEveryLayout() {
        for (UnaryOp op : UnaryOp.values()) {
            // exact everywhere but rsqrt (1/sqrt in float: two roundings)
            double tol = op == UnaryOp.RSQRT ? 1e-6 : 0;
            both(op + " contiguous", tol, d -> special(d, 1, 5, 37).apply(op));
            both(op + " strided", tol, d -> special(d, 2, 37, 5).transpose(0, 1).apply(op));
            both(op + " narrowed", tol, d -> special(d, 3, 9, 40).narrow(1, 3, 33).apply(op));
            both(op + " wide range", tol, d -> Fixtures.randn(d, 4, 3, 1001).mul(op == UnaryOp.EXP ? 30 : 60)
                    .apply(op));
        }
        both("clamp", 0, d -> special(d, 4, 100).clamp(-0.5, 0.7));
        both("clamp one side, strided", 0, d -> special(d, 5, 20, 7).transpose(0, 1)
                .clamp(0.1, Double.POSITIVE_INFINITY));
        both("clamp unrepresentable bounds", 0, d -> special(d, 6, 100).clamp(-0.3, 1.1));
    }

    @Test
    void binaryOpsWithBroadcastAndScalars() {
        for (BinaryOp op : BinaryOp.values()) {
            Function<Device, Tensor> lhs = op == BinaryOp.POW ? d -> special(d, 7, 4, 3, 37).abs() : d -> special(d, 7, 4, 3, 37);
            both(op + " same shape", 0, d -> lhs.apply(d).apply(op, special(d, 8, 4, 3, 37)));
            both(op + " per-channel", 0, d -> lhs.apply(d).apply(op, special(d, 9, 3, 1)));
            both(op + " row vector", 0, d -> lhs.apply(d).apply(op, special(d, 10, 37)));
            both(op + " scalar", 0, d -> lhs.apply(d).apply(op, 1.75));
            both(op + " scalar on the left", 0, d -> Tensor.full(d, DType.FLOAT32, 0.5).apply(op, lhs.apply(d)));
            both(op + " strided", 0, d -> lhs.apply(d).transpose(0, 2).apply(op, special(d, 11, 37, 3, 4)));
        }
    }

    @Test
    void comparisonsAndWhere() {
        for (CompareOp op : CompareOp.values()) {
            both(op + "", 0, d -> special(d, 12, 6, 35).floor().compare(op, special(d, 13, 35).floor())
                    .to(DType.FLOAT32));
            both(op + " scalar", 0, d -> special(d, 14, 70).compare(op, 0.0).to(DType.FLOAT32));
        }
        both("where", 0, d -> Tensor.where(special(d, 15, 5, 40).gt(0), special(d, 16, 5, 40), special(d, 17, 40)));
        both("where broadcast condition", 0, d -> Tensor.where(special(d, 18, 5, 1).gt(0), special(d, 19, 5, 40),
                special(d, 20, 5, 40).transpose(0, 1).transpose(0, 1)));
    }

    @Test
    void reductions() {
        int[][] axesList = {null, {0}, {1}, {2}, {0, 2}, {1, 2}, {0, 1}};
        for (int[] axes : axesList) {
            for (boolean keep : new boolean[] {false, true}) {
                String a = java.util.Arrays.toString(axes) + " keep=" + keep;
                both("sum " + a, 1e-5, d -> Fixtures.randn(d, 21, 6, 7, 45).sum(axes, keep));
                both("mean " + a, 1e-5, d -> Fixtures.randn(d, 22, 6, 7, 45).mean(axes, keep));
                both("amax " + a, 0, d -> special(d, 23, 6, 7, 45).amax(axes, keep));
                both("amin " + a, 0, d -> special(d, 24, 6, 7, 45).amin(axes, keep));
                both("sum strided " + a, 1e-5, d -> Fixtures.randn(d, 25, 45, 7, 6).permute(2, 1, 0).sum(axes, keep));
            }
        }
        both("deep sum", 1e-6, d -> Fixtures.randn(d, 26, 1 << 21).add(1).sum());
        both("deep mean over last", 1e-6, d -> Fixtures.randn(d, 27, 3, 100_000).add(1).mean(new int[] {1}, false));
        both("sum over a broadcast", 1e-6, d -> Fixtures.randn(d, 28, 5, 1).expand(5, 9).sum(new int[] {1}, false));
        both("sum of nothing", 0, d -> Tensor.zeros(DType.FLOAT32, 3, 0).to(d).sum(new int[] {1}, false));
        both("mean of nothing", 0, d -> Tensor.zeros(DType.FLOAT32, 3, 0).to(d).mean(new int[] {1}, false));
    }

    @Test
    void softmaxFamily() {
        for (int axis = 0; axis < 3; axis++) {
            int ax = axis;
            both("softmax axis " + axis, 0, d -> Fixtures.randn(d, 30, 4, 5, 6).mul(4).softmax(ax));
            both("log_softmax axis " + axis, 0, d -> Fixtures.randn(d, 31, 4, 5, 6).mul(40).logSoftmax(ax));
        }
        both("softmax strided", 0, d -> Fixtures.randn(d, 32, 10, 7).transpose(0, 1).softmax(-1));
        int[] targets = {0, 9, 3, 3, 7, 1, 2};
        for (double eps : new double[] {0, 0.1}) {
            both("cross_entropy eps=" + eps, 0, d -> Functional.crossEntropy(Fixtures.randn(d, 33, 7, 10).mul(3),
                    Tensor.ofInts(targets, 7).to(d), eps));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Functional.crossEntropy(
                Fixtures.randn(Fixtures.CPU, 34, 2, 3), Tensor.ofInts(new int[] {0, 3}, 2).to(Fixtures.CPU), 0));
        assertTrue(e.getMessage().startsWith("cross_entropy"), e.getMessage());
    }

    @Test
    void batchNormForwardAndBackward() {
        for (int[] shape : new int[][] {{8, 3, 5, 7}, {16, 4}, {3, 5, 33, 17}, {2, 2, 3, 4, 5}}) {
            int c = shape[1];
            for (boolean affine : new boolean[] {false, true}) {
                for (boolean training : new boolean[] {true, false}) {
                    String what = java.util.Arrays.toString(shape) + " affine=" + affine + " training=" + training;
                    Function<Device, BatchNormResult> fwd = d -> Functional.batchNorm(
                            Fixtures.randn(d, 40, shape).mul(2).add(5), affine ? Fixtures.randn(d, 41, c) : null,
                            affine ? Fixtures.randn(d, 42, c) : null, training ? null : Fixtures.randn(d, 43, c),
                            training ? null : Fixtures.randn(d, 44, c).abs().add(0.5), training, 1e-5);
                    BatchNormResult r = fwd.apply(Fixtures.REF);
                    BatchNormResult a = fwd.apply(Fixtures.CPU);
                    Fixtures.assertClose(what + " output", r.output(), a.output(), 1e-5);
                    Fixtures.assertClose(what + " mean", r.mean(), a.mean(), 1e-6);
                    Fixtures.assertClose(what + " invStd", r.invStd(), a.invStd(), 1e-5);
                    Function<Device, BatchNormGrads> bwd = d -> {
                        BatchNormResult f = fwd.apply(d);
                        return Functional.batchNormBackward(Fixtures.randn(d, 45, shape),
                                Fixtures.randn(d, 40, shape).mul(2).add(5), affine ? Fixtures.randn(d, 41, c) : null,
                                f.mean(), f.invStd(), training);
                    };
                    BatchNormGrads gr = bwd.apply(Fixtures.REF);
                    BatchNormGrads ga = bwd.apply(Fixtures.CPU);
                    Fixtures.assertClose(what + " dx", gr.input(), ga.input(), 1e-5);
                    if (affine) {
                        Fixtures.assertClose(what + " dweight", gr.weight(), ga.weight(), 1e-5);
                        Fixtures.assertClose(what + " dbias", gr.bias(), ga.bias(), 1e-5);
                    }
                }
            }
        }
        both("batch norm strided", 1e-5, d -> Functional.batchNorm(Fixtures.randn(d, 46, 4, 3, 6, 5).transpose(2, 3),
                null, null, null, null, true, 1e-3).output());
    }

    @Test
    void pooling() {
        Pool2dParams[] params = {Pool2dParams.of(2, 2, 0), Pool2dParams.of(3, 2, 1),
            new Pool2dParams(3, 3, 2, 2, 1, 1, 1, 1, true), new Pool2dParams(2, 3, 1, 2, 0, 1, 2, 1, false)};
        for (Pool2dParams p : params) {
            both("max_pool2d " + p, 0, d -> Functional.maxPool2d(special(d, 50, 2, 3, 9, 11), p).values());
            both("max_pool2d indices " + p, 0, d -> Functional.maxPool2d(special(d, 50, 2, 3, 9, 11), p).indices());
            both("max_pool2d backward " + p, 1e-6, d -> {
                Tensor x = Fixtures.randn(d, 51, 2, 3, 9, 11);
                ValuesIndices vi = Functional.maxPool2d(x, p);
                return Functional.maxPool2dBackward(Fixtures.randn(d, 52, vi.values().shape()), vi.indices(),
                        x.shape());
            });
            if (p.dilationH() == 1 && p.dilationW() == 1) {
                for (boolean cip : new boolean[] {true, false}) {
                    both("avg_pool2d " + p + " " + cip, 1e-6, d -> Functional.avgPool2d(
                            Fixtures.randn(d, 53, 2, 3, 9, 11).transpose(2, 3), p, cip));
                    both("avg_pool2d backward " + p + " " + cip, 1e-6, d -> Functional.avgPool2dBackward(
                            Fixtures.randn(d, 54, 2, 3, p.outH(9), p.outW(11)), new int[] {2, 3, 9, 11}, p, cip));
                }
            }
        }
        for (int[] o : new int[][] {{1, 1}, {3, 4}, {7, 10}, {5, 3}}) {
            both("adaptive " + o[0] + "x" + o[1], 1e-6, d -> Functional.adaptiveAvgPool2d(
                    Fixtures.randn(d, 55, 2, 3, 7, 10), o[0], o[1]));
            both("adaptive backward " + o[0] + "x" + o[1], 1e-6, d -> Functional.adaptiveAvgPool2dBackward(
                    Fixtures.randn(d, 56, 2, 3, o[0], o[1]), new int[] {2, 3, 7, 10}));
        }
    }

    @Test
    void memoryOps() {
        both("contiguous of a permuted view", 0, d -> Fixtures.randn(d, 60, 3, 4, 5).permute(2, 0, 1).contiguous());
        both("cast to float64", 0, d -> Fixtures.randn(d, 61, 3, 4).transpose(0, 1).to(DType.FLOAT64));
        both("full", 0, d -> Tensor.full(d, DType.FLOAT32, -0.1, 4, 5));
        assertEquals(java.util.Arrays.toString(Fixtures.randn(Fixtures.REF, 62, 7, 3).transpose(0, 1).toFloatArray()),
                java.util.Arrays.toString(Fixtures.randn(Fixtures.CPU, 62, 7, 3).transpose(0, 1).toFloatArray()));
    }
}
