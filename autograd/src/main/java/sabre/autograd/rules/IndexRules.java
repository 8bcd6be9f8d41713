package sabre.autograd.rules;

import sabre.autograd.Graph;
import sabre.autograd.Var;
import sabre.autograd.VarIndices;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;

/**
 * VJP rules of indexing and ordering; indices are constants and carry no gradient.
 *
 * <pre>{@code Var picked = IndexRules.gather(logp, 1, labels.unsqueeze(1));}</pre>
 */
public final class IndexRules {
    private IndexRules() {
    }

    /** {@code y = gather(x, axis, index)}: dx = scatter_add(0, axis, index, g). */
    public static Var gather(Var x, int axis, Tensor index) {
        Tensor xv = x.value();
        int a = Shape.axis("gather", axis, xv.dim());
        return Graph.record("gather", xv.gather(a, index), "axis=" + a,
                (g, needs) -> new Tensor[] {Tensor.zerosLike(xv).scatterAdd(a, index, g)}, x);
    }

    /** {@code y = x + scatter(src at index)}: dx = g, dsrc = gather(g, index) zero-padded to src's shape. */
    public static Var scatterAdd(Var x, int axis, Tensor index, Var src) {
        Tensor xv = x.value();
        Tensor sv = src.value();
        int a = Shape.axis("scatter_add", axis, xv.dim());
        return Graph.record("scatter_add", xv.scatterAdd(a, index, sv), "axis=" + a, (g, needs) -> {
            Tensor ds = null;
            if (needs[1]) {
                Tensor picked = g.gather(a, index).to(sv.dtype());
                int[] pads = new int[2 * sv.dim()];
                for (int d = 0; d < sv.dim(); d++) {
                    pads[2 * (sv.dim() - 1 - d) + 1] = sv.shape(d) - index.shape(d);
                }
                ds = picked.pad(pads);
            }
            return new Tensor[] {g, ds};
        }, x, src);
    }

    /** {@code y = index_select(x, axis, index)}: dx = scatter_add of g at the selected positions. */
    public static Var indexSelect(Var x, int axis, Tensor index) {
        Tensor xv = x.value();
        int a = Shape.axis("index_select", axis, xv.dim());
        return Graph.record("index_select", xv.indexSelect(a, index), "axis=" + a, (g, needs) -> {
            int[] view = new int[xv.dim()];
            java.util.Arrays.fill(view, 1);
            view[a] = index.numel();
            return new Tensor[] {Tensor.zerosLike(xv).scatterAdd(a, index.reshape(view).expand(g.shape()), g)};
        }, x);
    }

    /** The k largest or smallest along {@code axis}: dx = g scattered to the chosen positions. */
    public static VarIndices topk(Var x, int k, int axis, boolean largest, boolean sorted) {
        ValuesIndices r = x.value().topk(k, axis, largest, sorted);
        return new VarIndices(ReductionRules.scatterBack("topk", x, r, axis, true), r.indices());
    }

    /** Stable sort along {@code axis}: dx = g scattered back to the original positions. */
    public static VarIndices sort(Var x, int axis, boolean descending) {
        ValuesIndices r = x.value().sort(axis, descending);
        return new VarIndices(ReductionRules.scatterBack("sort", x, r, axis, true), r.indices());
    }
}
