package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.ReduceOp;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;
import sabre.tensor.spi.ReductionOps;

/**
 * Reductions ({@code reduce.cl}): the input is viewed with the reduced axes permuted last (a view, no copy), so
 * every output element reduces one row of {@code m} values; one work-group per row folds it with a tree.
 */
final class DevReduction extends DevKernel implements ReductionOps {
    private static final int WG = 64;

    DevReduction(DeviceBackend backend) {
        super(backend);
    }

    /** {@code x} with the non-reduced axes first, then the reduced ones. */
    private static Tensor rowsView(Tensor x, int[] axes) {
        int rank = x.dim();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] order = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                order[k++] = d;
            }
        }
        for (int a : axes) {
            order[k++] = a;
        }
        return x.permute(order);
    }

    private static int rowLength(Tensor x, int[] axes) {
        int m = 1;
        for (int a : axes) {
            m *= x.shape(a);
        }
        return m;
    }

    /** Runs a row kernel: one work-group per output element. */
    private Tensor rows(String kernel, DType outType, Tensor x, int[] axes, boolean keepDim, Extra extra) {
        Tensor y = alloc(outType, Shape.reduced(x.shape(), axes, keepDim));
        int m = rowLength(x, axes);
        Launch l = launch("reduce", Types.of(x.dtype()), kernel).view(rowsView(x, axes)).buf(x).buf(y).i(m);
        extra.add(l).run(new long[] {(long) y.numel() * WG}, new long[] {WG});
        return y;
    }

    /** The kernel-specific trailing arguments. */
    @FunctionalInterface
    private interface Extra {
        Launch add(Launch l);
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDim) {
        return rows("reduce_rows", x.dtype(), x, axes, keepDim, l -> l.i(op.ordinal()));
    }

    @Override
    public Tensor argExtremum(Tensor x, int axis, boolean keepDim, boolean max) {
        return rows("arg_rows", DType.INT32, x, new int[] {axis}, keepDim, l -> l.i(max ? 1 : 0));
    }

    @Override
    public Tensor variance(Tensor x, int[] axes, int correction, boolean keepDim) {
        return rows("variance_rows", x.dtype(), x, axes, keepDim, l -> l.i(correction));
    }

    @Override
    public Tensor norm(Tensor x, double p, int[] axes, boolean keepDim) {
        int kind = p == 0 ? 0 : p == Double.POSITIVE_INFINITY ? 1 : 2;
        return rows("norm_rows", x.dtype(), x, axes, keepDim, l -> l.scalar(x.dtype(), p).i(kind));
    }
}
