package sabre.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import sabre.tensor.ReduceOp;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;
import sabre.tensor.ref.RefReduction;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.ReductionOps;

/**
 * FLOAT32 sum, mean, amax and amin over any axes of any layout. The kept and the reduced axes are each collapsed;
 * then
 * <ul>
 *   <li>when the innermost reduced run is contiguous (reducing the last axes, or everything), each output reduces
 *       runs cut at fixed {@value #UNIT}-element boundaries: vector lanes in float over at most
 *       {@value Host#SUM_CHUNK} elements, partials added in double in a fixed order (so deep sums stay accurate
 *       and the bits do not depend on the thread count); few outputs spread their units over the threads;</li>
 *   <li>otherwise (e.g. summing over the batch axis) each output accumulates in double, scalar, outputs in
 *       parallel.</li>
 * </ul>
 * Max and min are exact. Mean is the double sum divided by the count, rounded once. argmax/argmin, variance, norm
 * and FLOAT64 use the reference implementation.
 */
final class CpuReduction implements ReductionOps {
    /** Largest run reduced as one unit. */
    static final int UNIT = 1 << 15;

    private final Backend backend;
    private final RefReduction ref;

    CpuReduction(Backend backend) {
        this.backend = backend;
        this.ref = new RefReduction(backend);
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDim) {
        if (!Host.isF32(x)) {
            return ref.reduce(op, x, axes, keepDim);
        }
        int[] shape = x.shape();
        int[] strides = x.strides();
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            reduced[a] = true;
        }
        int kr = 0;
        int rr = 0;
        for (boolean r : reduced) {
            if (r) {
                rr++;
            } else {
                kr++;
            }
        }
        int[] kShape = new int[kr];
        int[] kStr = new int[kr];
        int[] rShape = new int[rr];
        int[] rStr = new int[rr];
        kr = 0;
        rr = 0;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                rShape[rr] = shape[d];
                rStr[rr++] = strides[d];
            } else {
                kShape[kr] = shape[d];
                kStr[kr++] = strides[d];
            }
        }
        Host.Layout kept = Host.collapse(kShape, kStr);
        Host.Layout red = Host.collapse(rShape, rStr);
        int outputs = Host.numel(kShape);
        int m = Host.numel(rShape);
        float[] out = new float[outputs];
        float[] src = Host.data(x);
        int base = x.offset();
        int[] outShape = Shape.reduced(shape, axes, keepDim);
        if (outputs == 0) {
            return Host.wrap(backend, out, outShape);
        }
        if (m == 0) {
            // only sum/mean reach here (max/min of nothing is refused by the caller)
            java.util.Arrays.fill(out, op == ReduceOp.MEAN ? Float.NaN : 0f);
            return Host.wrap(backend, out, outShape);
        }
        int runLen = red.inner();
        if (red.innerStride(0) == 1 && runLen > 1) {
            byRuns(op, src, base, kept, red, outputs, m, out);
        } else {
            scalar(op, src, base, kept, red, outputs, m, out);
        }
        return Host.wrap(backend, out, outShape);
    }

    /** Offset of kept-index {@code o} (row-major over the collapsed kept dims). */
    private static int keptOffset(Host.Layout kept, int o) {
        int off = 0;
        int[] s = kept.shape();
        int[] st = kept.strides()[0];
        for (int d = s.length - 1; d >= 0 && o > 0; d--) {
            off += (o % s[d]) * st[d];
            o /= s[d];
        }
        return off;
    }

    private static void byRuns(ReduceOp op, float[] src, int base, Host.Layout kept, Host.Layout red, int outputs,
                               int m, float[] out) {
        int runLen = red.inner();
        int runs = red.rows();
        int piecesPerRun = (runLen + UNIT - 1) / UNIT;
        int units = runs * piecesPerRun;
        boolean sum = op == ReduceOp.SUM || op == ReduceOp.MEAN;
        boolean max = op == ReduceOp.MAX;
        if (outputs >= 4 * Parallel.threads() || units == 1) {
            Parallel.range(outputs, m, 1 << 14, (lo, hi) -> {
                for (int o = lo; o < hi; o++) {
                    int ob = base + keptOffset(kept, o);
                    double acc = sum ? 0 : (max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                    for (int u = 0; u < units; u++) {
                        acc = combine(op, acc, unit(op, src, ob, red, u, piecesPerRun, runLen));
                    }
                    out[o] = (float) (op == ReduceOp.MEAN ? acc / m : acc);
                }
            });
            return;
        }
        double[] partial = new double[outputs * units];
        Parallel.range(outputs * units, UNIT, UNIT, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int o = i / units;
                partial[i] = unit(op, src, base + keptOffset(kept, o), red, i % units, piecesPerRun, runLen);
            }
        });
        for (int o = 0; o < outputs; o++) {
            double acc = sum ? 0 : (max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            for (int u = 0; u < units; u++) {
                acc = combine(op, acc, partial[o * units + u]);
            }
            out[o] = (float) (op == ReduceOp.MEAN ? acc / m : acc);
        }
    }

    private static double combine(ReduceOp op, double acc, double v) {
        return switch (op) {
            case SUM, MEAN -> acc + v;
            case MAX -> Double.isNaN(acc) || Double.isNaN(v) ? Double.NaN : Math.max(acc, v);
            case MIN -> Double.isNaN(acc) || Double.isNaN(v) ? Double.NaN : Math.min(acc, v);
        };
    }

    /** Reduces unit {@code u}: piece {@code u % piecesPerRun} of run {@code u / piecesPerRun}. */
    private static double unit(ReduceOp op, float[] src, int outBase, Host.Layout red, int u, int piecesPerRun,
                               int runLen) {
        int run = u / piecesPerRun;
        int piece = u % piecesPerRun;
        int start = piece * UNIT;
        int len = Math.min(UNIT, runLen - start);
        int off = outBase + red.rowOffset(0, run) + start;
        return switch (op) {
            case SUM, MEAN -> Host.sumRun(src, off, len);
            case MAX -> extremum(src, off, len, true);
            case MIN -> extremum(src, off, len, false);
        };
    }

    private static double extremum(float[] x, int off, int len, boolean max) {
        int i = 0;
        float acc = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        if (len >= Host.L) {
            FloatVector v = FloatVector.broadcast(Host.S, acc);
            for (; i + Host.L <= len; i += Host.L) {
                FloatVector w = FloatVector.fromArray(Host.S, x, off + i);
                v = max ? v.max(w) : v.min(w);
            }
            acc = v.reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
        }
        for (; i < len; i++) {
            float w = x[off + i];
            acc = Float.isNaN(acc) || Float.isNaN(w) ? Float.NaN : (max ? Math.max(acc, w) : Math.min(acc, w));
        }
        return acc;
    }

    private static void scalar(ReduceOp op, float[] src, int base, Host.Layout kept, Host.Layout red, int outputs,
                               int m, float[] out) {
        int inner = red.inner();
        int is = red.innerStride(0);
        int rows = red.rows();
        Parallel.range(outputs, m, 1 << 14, (lo, hi) -> {
            for (int o = lo; o < hi; o++) {
                int ob = base + keptOffset(kept, o);
                double acc = switch (op) {
                    case SUM, MEAN -> 0;
                    case MAX -> Double.NEGATIVE_INFINITY;
                    case MIN -> Double.POSITIVE_INFINITY;
                };
                for (int r = 0; r < rows; r++) {
                    int off = ob + red.rowOffset(0, r);
                    for (int j = 0; j < inner; j++) {
                        acc = combine(op, acc, src[off + j * is]);
                    }
                }
                out[o] = (float) (op == ReduceOp.MEAN ? acc / m : acc);
            }
        });
    }

    @Override
    public Tensor argExtremum(Tensor x, int axis, boolean keepDim, boolean max) {
        return ref.argExtremum(x, axis, keepDim, max);
    }

    @Override
    public Tensor variance(Tensor x, int[] axes, int correction, boolean keepDim) {
        return ref.variance(x, axes, correction, keepDim);
    }

    @Override
    public Tensor norm(Tensor x, double p, int[] axes, boolean keepDim) {
        return ref.norm(x, p, axes, keepDim);
    }
}
