package sabre.kernels.device;

import sabre.tensor.Tensor;

/**
 * How a kernel reads a strided tensor: the {@code View} struct of {@code common.cl} ({@code rank, offset,
 * shape[8], stride[8]}), passed by value. Size-1 dimensions are dropped and dimensions that are contiguous with
 * their neighbour are merged, so a contiguous tensor becomes rank 1 and any practical view fits in 8 dimensions.
 *
 * <pre>{@code int[] arg = View.of(x).packed(); // element i of x sits at at(view, i) in its buffer}</pre>
 */
final class View {
    static final int MAX_RANK = 8;

    private final int[] shape;
    private final int[] strides;
    private final int offset;

    private View(int[] shape, int[] strides, int offset) {
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /** The view of a tensor, in its row-major logical order. */
    static View of(Tensor t) {
        return of(t.shape(), t.strides(), t.offset());
    }

    /** The tensor's geometry dimension by dimension, unmerged, for kernels that exchange coordinates. */
    static View unmerged(Tensor t) {
        if (t.dim() > MAX_RANK) {
            throw new IllegalArgumentException(t.device().type() + ": rank " + t.dim()
                    + " exceeds the kernels' limit of " + MAX_RANK);
        }
        return new View(t.shape(), t.strides(), t.offset());
    }

    /** A view from explicit geometry. */
    static View of(int[] shape, int[] strides, int offset) {
        int[] s = new int[shape.length];
        int[] st = new int[shape.length];
        int r = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (r > 0 && st[r - 1] == strides[d] * shape[d]) {
                s[r - 1] *= shape[d]; // dims r-1 and d walk memory as one dimension
                st[r - 1] = strides[d];
            } else {
                s[r] = shape[d];
                st[r] = strides[d];
                r++;
            }
        }
        if (r > MAX_RANK) {
            throw new IllegalArgumentException("device kernels: a view of " + r + " non-mergeable dimensions exceeds "
                    + "the limit of " + MAX_RANK);
        }
        return new View(java.util.Arrays.copyOf(s, r), java.util.Arrays.copyOf(st, r), offset);
    }

    /** The 18 ints of the {@code View} struct. */
    int[] packed() {
        int[] out = new int[2 + 2 * MAX_RANK];
        out[0] = shape.length;
        out[1] = offset;
        System.arraycopy(shape, 0, out, 2, shape.length);
        System.arraycopy(strides, 0, out, 2 + MAX_RANK, strides.length);
        return out;
    }
}
