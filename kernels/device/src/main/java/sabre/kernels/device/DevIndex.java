package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;
import sabre.tensor.spi.IndexOps;

/**
 * Indexing and ordering on the device: gather, scatter-add (as a deterministic gather), index-select and one-hot
 * in {@code index.cl}; sort and top-k as a stable bottom-up merge sort of every line ({@code sort.cl}, one launch
 * per run width, ⌈log₂ L⌉ launches), top-k keeping the first k of the sorted line.
 */
final class DevIndex extends DevKernel implements IndexOps {
    DevIndex(DeviceBackend backend) {
        super(backend);
    }

    private static String outOfRange(String op, int size, int axis) {
        return op + ": index %d out of range [0, " + size + ") along axis " + axis;
    }

    @Override
    public Tensor gather(Tensor x, int axis, Tensor index) {
        Tensor y = alloc(x.dtype(), index.shape());
        int n = y.numel();
        DevStorage err = errorFlag();
        launch("index", Types.of(x.dtype()), "gather").view(View.unmerged(x)).buf(x).view(View.unmerged(index))
                .buf(index).buf(y).i(axis).buf(err).i(n).run(n);
        check(err, outOfRange("gather", x.shape(axis), axis));
        return y;
    }

    @Override
    public Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src) {
        Tensor y = alloc(x.dtype(), x.shape());
        int n = y.numel();
        DevStorage err = errorFlag();
        launch("index", Types.of(x.dtype()), "scatter_add").view(View.unmerged(x)).buf(x)
                .view(View.unmerged(index)).buf(index).view(View.unmerged(src)).buf(src).buf(y).i(axis).buf(err).i(n)
                .run(n);
        check(err, outOfRange("scatter_add", x.shape(axis), axis));
        return y;
    }

    @Override
    public Tensor indexSelect(Tensor x, int axis, Tensor index) {
        int[] s = x.shape();
        int[] outShape = s.clone();
        outShape[axis] = index.numel();
        Tensor xd = dense(x);
        Tensor id = dense(index);
        Tensor y = alloc(x.dtype(), outShape);
        int n = y.numel();
        DevStorage err = errorFlag();
        launch("index", Types.of(x.dtype()), "index_select").buf(xd).buf(id).buf(y).i(s[axis]).i(index.numel())
                .i(prod(s, axis + 1, s.length)).buf(err).i(n).run(n);
        done(xd, x);
        done(id, index);
        check(err, outOfRange("index_select", s[axis], axis));
        return y;
    }

    @Override
    public Tensor oneHot(Tensor index, int numClasses, DType dtype) {
        int[] outShape = java.util.Arrays.copyOf(index.shape(), index.dim() + 1);
        outShape[index.dim()] = numClasses;
        Tensor id = dense(index);
        Tensor y = alloc(dtype, outShape);
        int n = y.numel();
        DevStorage err = errorFlag();
        launch("index", Types.of(dtype), "one_hot").buf(id).buf(y).i(numClasses).buf(err).i(n).run(n);
        done(id, index);
        check(err, outOfRange("one_hot", numClasses, index.dim()));
        return y;
    }

    @Override
    public ValuesIndices topk(Tensor x, int k, int axis, boolean largest, boolean sorted) {
        return firstInOrder(x, axis, largest, k); // always sorted, like the reference
    }

    @Override
    public ValuesIndices sort(Tensor x, int axis, boolean descending) {
        return firstInOrder(x, axis, descending, x.shape(axis));
    }

    /** The first k of every line along {@code axis} in stable order, with their positions. */
    private ValuesIndices firstInOrder(Tensor x, int axis, boolean descending, int k) {
        int rank = x.dim();
        int[] toLast = new int[rank];
        int[] back = new int[rank];
        for (int d = 0, j = 0; d < rank; d++) {
            if (d != axis) {
                toLast[j++] = d;
            }
        }
        toLast[rank - 1] = axis;
        for (int d = 0; d < rank; d++) {
            back[toLast[d]] = d;
        }
        int len = x.shape(axis);
        Tensor v = backend.memory().contiguous(x.permute(toLast));
        int n = v.numel();
        String types = Types.of(x.dtype());
        Tensor pos = alloc(DType.INT32, v.shape());
        launch("sort", types, "iota_lines").buf(pos).i(len).i(n).run(n);
        Tensor v2 = alloc(x.dtype(), v.shape());
        Tensor pos2 = alloc(DType.INT32, v.shape());
        for (int width = 1; width < len; width *= 2) {
            launch("sort", types, "merge_pass").buf(v).buf(pos).buf(v2).buf(pos2).i(len).i(width)
                    .i(descending ? 1 : 0).i(n).run(n);
            Tensor t = v;
            v = v2;
            v2 = t;
            t = pos;
            pos = pos2;
            pos2 = t;
        }
        free(v2);
        free(pos2);
        Tensor values = firstK(v, k, back);
        Tensor indices = firstK(pos, k, back);
        return new ValuesIndices(values, indices);
    }

    /** The first k of each sorted line, with the sorted axis moved back to its place; releases {@code lines}. */
    private Tensor firstK(Tensor lines, int k, int[] back) {
        Tensor out = backend.memory().contiguous(lines.narrow(lines.dim() - 1, 0, k).permute(back));
        free(lines);
        return out;
    }
}
