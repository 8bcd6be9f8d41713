package sabre.tensor.ref;

import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.IndexOps;

import java.util.Arrays;

/**
 * Reference indexing and ordering, with PyTorch's semantics: gather, scatter-add, index-select, one-hot, top-k and
 * sort. Index tensors are INT32; each index value is range-checked, and the error names the op. Values keep the
 * input's dtype; positions are INT32.
 *
 * <p>Ordering compares values numerically with NaN above every number and {@code -0.0 == 0.0}, and is stable:
 * equal values keep their original order. Ascending order therefore puts NaN last and descending order puts NaN
 * first, as PyTorch does. {@code topk} is the first k of that order, so ties keep the lower index first; it always
 * returns its values sorted, also when {@code sorted} is false (PyTorch then leaves the order unspecified).
 */
public final class RefIndex extends RefKernel implements IndexOps {
    /** The reference implementation, allocating its results as host memory of {@code b}. */
    public RefIndex(Backend b) {
        super(b);
    }

    @Override
    public Tensor gather(Tensor x, int axis, Tensor index) {
        int[] xShape = x.shape();
        int[] indexShape = index.shape();
        double[] xs = read(x);
        int[] idx = readInts(index);
        double[] out = new double[idx.length];
        for (int p = 0; p < idx.length; p++) {
            checkIndex("gather", idx[p], xShape[axis], axis);
            int[] c = coords(p, indexShape);
            c[axis] = idx[p];
            out[p] = xs[flat(c, xShape)];
        }
        return make(out, indexShape, x.dtype());
    }

    @Override
    public Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src) {
        int[] xShape = x.shape();
        int[] indexShape = index.shape();
        int[] srcShape = src.shape();
        double[] out = read(x);
        double[] s = read(src);
        int[] idx = readInts(index);
        for (int p = 0; p < idx.length; p++) {
            checkIndex("scatter_add", idx[p], xShape[axis], axis);
            int[] c = coords(p, indexShape);
            double v = s[flat(c, srcShape)]; // src is read at the index's own coordinates
            c[axis] = idx[p];
            out[flat(c, xShape)] += v;
        }
        return make(out, xShape, x.dtype());
    }

    @Override
    public Tensor indexSelect(Tensor x, int axis, Tensor index) {
        int[] xShape = x.shape();
        int n = xShape[axis];
        int outer = prod(xShape, 0, axis);
        int inner = prod(xShape, axis + 1, xShape.length);
        double[] xs = read(x);
        int[] idx = readInts(index);
        for (int j : idx) {
            checkIndex("index_select", j, n, axis);
        }
        int[] outShape = xShape.clone();
        outShape[axis] = idx.length;
        double[] out = new double[outer * idx.length * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < idx.length; j++) {
                for (int i = 0; i < inner; i++) {
                    out[(o * idx.length + j) * inner + i] = xs[(o * n + idx[j]) * inner + i];
                }
            }
        }
        return make(out, outShape, x.dtype());
    }

    @Override
    public Tensor oneHot(Tensor index, int numClasses, DType dtype) {
        int[] idx = readInts(index);
        int axis = index.dim();
        double[] out = new double[idx.length * numClasses];
        for (int p = 0; p < idx.length; p++) {
            checkIndex("one_hot", idx[p], numClasses, axis);
            out[p * numClasses + idx[p]] = 1;
        }
        int[] outShape = Arrays.copyOf(index.shape(), axis + 1);
        outShape[axis] = numClasses;
        return make(out, outShape, dtype);
    }

    /** Always sorted: {@code sorted == false} leaves the order unspecified, and sorted order is one such order. */
    @Override
    public ValuesIndices topk(Tensor x, int k, int axis, boolean largest, boolean sorted) {
        return firstInOrder(x, axis, largest, k);
    }

    @Override
    public ValuesIndices sort(Tensor x, int axis, boolean descending) {
        return firstInOrder(x, axis, descending, x.shape()[axis]);
    }

    /** The first {@code k} elements of each line along {@code axis} in stable (descending or ascending) order. */
    private ValuesIndices firstInOrder(Tensor x, int axis, boolean descending, int k) {
        int[] shape = x.shape();
        int n = shape[axis];
        int outer = prod(shape, 0, axis);
        int inner = prod(shape, axis + 1, shape.length);
        double[] xs = read(x);
        int[] outShape = shape.clone();
        outShape[axis] = k;
        double[] values = new double[outer * k * inner];
        int[] indices = new int[values.length];
        Integer[] order = new Integer[n];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                for (int j = 0; j < n; j++) {
                    order[j] = j;
                }
                // Arrays.sort on objects is a stable merge sort, so equal values keep their original order
                Arrays.sort(order, (a, b) -> descending
                        ? compare(xs[base + b * inner], xs[base + a * inner])
                        : compare(xs[base + a * inner], xs[base + b * inner]));
                for (int j = 0; j < k; j++) {
                    int dst = (o * k + j) * inner + i;
                    values[dst] = xs[base + order[j] * inner];
                    indices[dst] = order[j];
                }
            }
        }
        return new ValuesIndices(make(values, outShape, x.dtype()), makeInts(indices, outShape));
    }

    /** Ascending comparison with NaN above every number and {@code -0.0 == 0.0}, as PyTorch orders values. */
    private static int compare(double a, double b) {
        boolean aNaN = Double.isNaN(a);
        boolean bNaN = Double.isNaN(b);
        if (aNaN || bNaN) {
            return Boolean.compare(aNaN, bNaN);
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** The coordinates of row-major position {@code pos} in {@code shape}. */
    private static int[] coords(int pos, int[] shape) {
        int[] c = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = pos % shape[d];
            pos /= shape[d];
        }
        return c;
    }

    /** The row-major position of coordinates {@code c} in {@code shape}. */
    private static int flat(int[] c, int[] shape) {
        int pos = 0;
        for (int d = 0; d < shape.length; d++) {
            pos = pos * shape[d] + c[d];
        }
        return pos;
    }
}
