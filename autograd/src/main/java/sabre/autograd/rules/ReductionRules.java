package sabre.autograd.rules;

import sabre.autograd.Graph;
import sabre.autograd.Var;
import sabre.autograd.VarIndices;
import sabre.tensor.ReduceOp;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;

import java.util.Arrays;

/**
 * VJP rules of the reductions. A reduced gradient is first given back its reduced axes as size-1 dimensions
 * ({@link #unreduce}) and then broadcast over the input.
 *
 * <pre>{@code Var total = ReductionRules.reduce(ReduceOp.SUM, x, new int[] {1}, false);}</pre>
 */
public final class ReductionRules {
    private ReductionRules() {
    }

    /** The gradient of a reduction, reshaped to keep-dim form and expanded to the input's shape. */
    static Tensor unreduce(Tensor g, int[] inputShape, int[] axes) {
        int[] ax = Shape.axes("reduce", axes, inputShape.length);
        return g.reshape(Shape.reduced(inputShape, ax, true)).expand(inputShape);
    }

    private static String describe(int[] axes, boolean keepDim) {
        return "axes=" + (axes == null || axes.length == 0 ? "all" : Arrays.toString(axes)) + (keepDim ? " keepdim" : "");
    }

    /** Sum, mean, amax or amin over {@code axes} (null or empty: all). */
    public static Var reduce(ReduceOp op, Var x, int[] axes, boolean keepDim) {
        Tensor xv = x.value();
        Tensor y = xv.reduce(op, axes, keepDim);
        int[] shape = xv.shape();
        return Graph.record(op.opName(), y, describe(axes, keepDim), (g, needs) -> {
            Tensor ge = unreduce(g, shape, axes);
            return new Tensor[] {switch (op) {
                case SUM -> ge; // dx = g broadcast
                case MEAN -> ge.div((double) xv.numel() / Math.max(y.numel(), 1)); // dx = g/m broadcast
                case MAX, MIN -> { // dx = g·[x = y]/count: ties share the gradient evenly (PyTorch's amax rule)
                    Tensor hit = xv.eq(unreduce(y, shape, axes)).to(g.dtype());
                    yield ge.mul(hit).div(unreduce(hit.sum(axes, keepDim), shape, axes));
                }
            }};
        }, x);
    }

    /** Max ({@code max = true}) or min along one axis with the positions; the gradient goes to those positions. */
    public static VarIndices extremum(Var x, int axis, boolean keepDim, boolean max) {
        Tensor xv = x.value();
        ValuesIndices r = max ? xv.max(axis, keepDim) : xv.min(axis, keepDim);
        return new VarIndices(scatterBack(max ? "max" : "min", x, r, axis, keepDim), r.indices());
    }

    /** Records values selected from {@code x} at {@code r.indices()} along {@code axis}: dx = scatter_add(g). */
    static Var scatterBack(String op, Var x, ValuesIndices r, int axis, boolean keepDim) {
        Tensor xv = x.value();
        int a = Shape.axis(op, axis, xv.dim());
        Tensor idx = keepDim ? r.indices() : r.indices().unsqueeze(a);
        return Graph.record(op, r.values(), "axis=" + a + (keepDim ? " keepdim" : ""), (g, needs) -> new Tensor[] {
                Tensor.zerosLike(xv).scatterAdd(a, idx, keepDim ? g : g.unsqueeze(a))}, x);
    }

    /** Variance with divisor {@code n − correction}. */
    public static Var var(Var x, int[] axes, int correction, boolean keepDim) {
        Tensor xv = x.value();
        Tensor y = xv.var(axes, correction, keepDim);
        int[] shape = xv.shape();
        int n = xv.numel() / Math.max(y.numel(), 1);
        // dx = g·2(x − μ)/(n − correction)
        return Graph.record("var", y, describe(axes, keepDim) + " correction=" + correction, (g, needs) -> new Tensor[] {
                unreduce(g, shape, axes).mul(xv.sub(xv.mean(axes, true))).mul(2.0 / Math.max(0, n - correction))}, x);
    }

    /** p-norm over {@code axes}. */
    public static Var norm(Var x, double p, int[] axes, boolean keepDim) {
        Tensor xv = x.value();
        Tensor y = xv.norm(p, axes, keepDim);
        int[] shape = xv.shape();
        return Graph.record("norm", y, "p=" + p + " " + describe(axes, keepDim), (g, needs) -> {
            Tensor ge = unreduce(g, shape, axes);
            Tensor ye = unreduce(y, shape, axes);
            Tensor zero = Tensor.zerosLike(ge);
            if (p == 0) {
                return new Tensor[] {zero}; // a count: dx = 0
            }
            if (p == 1) {
                return new Tensor[] {ge.mul(xv.sign())}; // dx = g·sign(x)
            }
            if (p == Double.POSITIVE_INFINITY) { // dx = g·sign(x)·[|x| = y]/count
                Tensor hit = xv.abs().eq(ye).to(g.dtype());
                Tensor count = unreduce(hit.sum(axes, keepDim), shape, axes);
                return new Tensor[] {ge.mul(xv.sign()).mul(hit).div(count)};
            }
            // dx = g·sign(x)·|x|^(p−1) / y^(p−1), 0 where y = 0 or x = 0 (the subgradient PyTorch picks for p < 1)
            Tensor d = ge.mul(xv.sign()).mul(xv.abs().pow(p - 1)).div(ye.pow(p - 1));
            return new Tensor[] {Tensor.where(xv.eq(0), zero, Tensor.where(ye.eq(0), zero, d))};
        }, x);
    }
}
