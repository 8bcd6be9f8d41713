package sabre.tensor.ref;

import sabre.tensor.ReduceOp;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.ReductionOps;

import java.util.function.DoubleBinaryOperator;

/**
 * Reductions for the reference backend. The input is permuted so the reduced axes come last; each output element
 * then reduces one contiguous run of the flat array.
 */
public final class RefReduction extends RefKernel implements ReductionOps {
    /** The reference implementation, allocating its results as host memory of {@code backend}. */
    public RefReduction(Backend backend) {
        super(backend);
    }

    /** The values of {@code x} grouped so that each output element's inputs form one row of length {@code m}. */
    private record Rows(double[] data, int m, int rows) {
        double get(int row, int j) {
            return data[row * m + j];
        }
    }

    private static Rows rows(Tensor x, int[] axes) {
        int rank = x.dim();
        int[] order = new int[rank];
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a] = true;
        }
        int k = 0;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                order[k++] = d;
            }
        }
        int m = 1;
        for (int a : axes) {
            order[k++] = a;
            m *= x.shape(a);
        }
        double[] data = read(x.permute(order));
        return new Rows(data, m, m == 0 ? prod(Shape.reduced(x.shape(), axes, false), 0, rank - axes.length) : data.length / m);
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDim) {
        Rows r = rows(x, axes);
        double[] out = new double[r.rows()];
        for (int i = 0; i < r.rows(); i++) {
            out[i] = switch (op) {
                case SUM -> fold(r, i, 0, Double::sum);
                case MEAN -> fold(r, i, 0, Double::sum) / r.m();
                case MAX -> fold(r, i, Double.NEGATIVE_INFINITY, RefReduction::nanMax);
                case MIN -> fold(r, i, Double.POSITIVE_INFINITY, RefReduction::nanMin);
            };
        }
        return make(out, Shape.reduced(x.shape(), axes, keepDim), x.dtype());
    }

    private static double fold(Rows r, int row, double init, DoubleBinaryOperator f) {
        double acc = init;
        for (int j = 0; j < r.m(); j++) {
            acc = f.applyAsDouble(acc, r.get(row, j));
        }
        return acc;
    }

    private static double nanMax(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    private static double nanMin(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
    }

    @Override
    public Tensor argExtremum(Tensor x, int axis, boolean keepDim, boolean max) {
        int[] axes = {axis};
        Rows r = rows(x, axes);
        int[] out = new int[r.rows()];
        for (int i = 0; i < r.rows(); i++) {
            int best = 0;
            for (int j = 1; j < r.m(); j++) {
                double v = r.get(i, j);
                double b = r.get(i, best);
                if (Double.isNaN(b)) {
                    break; // the first NaN wins, as in PyTorch
                }
                if (Double.isNaN(v) || (max ? v > b : v < b)) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return makeInts(out, Shape.reduced(x.shape(), axes, keepDim));
    }

    @Override
    public Tensor variance(Tensor x, int[] axes, int correction, boolean keepDim) {
        Rows r = rows(x, axes);
        double[] out = new double[r.rows()];
        for (int i = 0; i < r.rows(); i++) {
            double mean = fold(r, i, 0, Double::sum) / r.m();
            double ss = 0;
            for (int j = 0; j < r.m(); j++) {
                double d = r.get(i, j) - mean;
                ss += d * d;
            }
            // Σ(x−μ)²/max(0, n−correction): a zero divisor gives ∞ (or NaN for 0/0) as in PyTorch
            out[i] = ss / Math.max(0, r.m() - correction);
        }
        return make(out, Shape.reduced(x.shape(), axes, keepDim), x.dtype());
    }

    @Override
    public Tensor norm(Tensor x, double p, int[] axes, boolean keepDim) {
        Rows r = rows(x, axes);
        double[] out = new double[r.rows()];
        for (int i = 0; i < r.rows(); i++) {
            double acc = 0;
            for (int j = 0; j < r.m(); j++) {
                double a = Math.abs(r.get(i, j));
                if (p == 0) {
                    acc += a != 0 ? 1 : 0;
                } else if (p == Double.POSITIVE_INFINITY) {
                    acc = nanMax(acc, a);
                } else {
                    acc += Math.pow(a, p);
                }
            }
            out[i] = p == 0 || p == Double.POSITIVE_INFINITY ? acc : Math.pow(acc, 1 / p);
        }
        return make(out, Shape.reduced(x.shape(), axes, keepDim), x.dtype());
    }
}
