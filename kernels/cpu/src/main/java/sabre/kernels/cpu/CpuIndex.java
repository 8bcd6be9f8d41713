package sabre.kernels.cpu;

import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;
import sabre.tensor.host.HostStorage;
import sabre.tensor.ref.RefIndex;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.IndexOps;

/**
 * Indexing: FLOAT32 {@code scatterAdd} with an INT32 index (the backward of {@code slice} and {@code gather}) walks
 * the index once with strided offsets instead of the reference's per-element coordinate arithmetic, accumulating in
 * double in the same order as the reference, so the bits are the reference's. Everything else (and any index out
 * of range, so the error is the reference's) runs the reference implementation.
 */
final class CpuIndex implements IndexOps {
    private final Backend backend;
    private final RefIndex ref;

    CpuIndex(Backend backend) {
        this.backend = backend;
        this.ref = new RefIndex(backend);
    }

    @Override
    public Tensor gather(Tensor x, int axis, Tensor index) {
        return ref.gather(x, axis, index);
    }

    @Override
    public Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src) {
        if (!Host.isF32(x) || !Host.isF32(src) || !(index.storage() instanceof HostStorage.I32)
                || index.dtype() != DType.INT32 || index.dim() == 0) {
            return ref.scatterAdd(x, axis, index, src);
        }
        int[] xShape = x.shape();
        int[] iShape = index.shape();
        int rank = iShape.length;
        int count = Host.numel(iShape);
        int[] idx = ((HostStorage.I32) index.storage()).data;
        int[] is = index.strides();
        int[] ss = src.strides();
        int[] xs = Host.contiguousStrides(xShape);
        int limit = xShape[axis];
        // first pass: validate (an out-of-range index gets the reference's error)
        if (count > 0) {
            int[] c = new int[rank];
            int io = index.offset();
            for (int p = 0; p < count; p++) {
                int v = idx[io];
                if (v < 0 || v >= limit) {
                    return ref.scatterAdd(x, axis, index, src);
                }
                for (int d = rank - 1; d >= 0; d--) {
                    io += is[d];
                    if (++c[d] < iShape[d]) {
                        break;
                    }
                    io -= is[d] * iShape[d];
                    c[d] = 0;
                }
            }
        }
        float[] base = Host.gather(x);
        double[] acc = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            acc[i] = base[i];
        }
        float[] s = Host.data(src);
        if (count > 0) {
            int[] c = new int[rank];
            int io = index.offset();
            int so = src.offset();
            int xo = 0; // x offset of the index's coordinates with the axis coordinate left out
            for (int p = 0; p < count; p++) {
                acc[xo + idx[io] * xs[axis]] += s[so];
                for (int d = rank - 1; d >= 0; d--) {
                    io += is[d];
                    so += ss[d];
                    if (d != axis) {
                        xo += xs[d];
                    }
                    if (++c[d] < iShape[d]) {
                        break;
                    }
                    io -= is[d] * iShape[d];
                    so -= ss[d] * iShape[d];
                    if (d != axis) {
                        xo -= xs[d] * iShape[d];
                    }
                    c[d] = 0;
                }
            }
        }
        float[] out = new float[base.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) acc[i];
        }
        return Host.wrap(backend, out, xShape);
    }

    @Override
    public Tensor indexSelect(Tensor x, int axis, Tensor index) {
        return ref.indexSelect(x, axis, index);
    }

    @Override
    public Tensor oneHot(Tensor index, int numClasses, DType dtype) {
        return ref.oneHot(index, numClasses, dtype);
    }

    @Override
    public ValuesIndices topk(Tensor x, int k, int axis, boolean largest, boolean sorted) {
        return ref.topk(x, k, axis, largest, sorted);
    }

    @Override
    public ValuesIndices sort(Tensor x, int axis, boolean descending) {
        return ref.sort(x, axis, descending);
    }
}
