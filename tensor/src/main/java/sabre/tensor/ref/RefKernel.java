package sabre.tensor.ref;

import sabre.tensor.DType;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;
import sabre.tensor.host.HostStorage;
import sabre.tensor.spi.Backend;

/**
 * What every reference op family shares: read any (strided) host tensor into a row-major {@code double[]}, and turn
 * a row-major {@code double[]} into a new contiguous tensor owned by {@link #backend} (the reference backend, or
 * another host-memory backend that reuses these families for the ops it does not accelerate). Kernels in between are plain loops over flat arrays —
 * the executable specification, written for clarity, computed in double precision and rounded once on store.
 */
abstract class RefKernel {
    final Backend backend;

    RefKernel(Backend backend) {
        this.backend = backend;
    }

    /** Storage offset of every element of {@code t}, in row-major logical order. */
    static int[] offsets(Tensor t) {
        int[] shape = t.shape();
        int[] strides = t.strides();
        int n = Shape.numel("offsets", shape);
        int[] out = new int[n];
        int[] idx = new int[shape.length];
        int off = t.offset();
        for (int i = 0; i < n; i++) {
            out[i] = off;
            for (int d = shape.length - 1; d >= 0; d--) { // odometer step
                idx[d]++;
                off += strides[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                off -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    /** The elements of {@code t} as doubles, row-major. */
    static double[] read(Tensor t) {
        HostStorage s = (HostStorage) t.storage();
        int[] off = offsets(t);
        double[] out = new double[off.length];
        for (int i = 0; i < off.length; i++) {
            out[i] = s.get(off[i]);
        }
        return out;
    }

    /** The elements of an INT32 tensor as ints, row-major. */
    static int[] readInts(Tensor t) {
        double[] d = read(t);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    /** A new contiguous tensor of {@code dtype} holding {@code data}. */
    Tensor make(double[] data, int[] shape, DType dtype) {
        HostStorage s = HostStorage.allocate(backend, dtype, data.length);
        for (int i = 0; i < data.length; i++) {
            s.set(i, data[i]);
        }
        return Tensor.wrap(s, shape);
    }

    /** A new contiguous INT32 tensor holding {@code data}. */
    Tensor makeInts(int[] data, int[] shape) {
        HostStorage.I32 s = new HostStorage.I32(backend, data);
        return Tensor.wrap(s, shape);
    }

    /** Product of {@code shape[from..to)}. */
    static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** Throws naming the op when an index falls outside {@code [0, size)}. */
    static void checkIndex(String op, int index, int size, int axis) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(op + ": index " + index + " out of range [0, " + size + ") along axis "
                    + axis);
        }
    }
}
