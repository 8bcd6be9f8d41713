package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.Tensor;

/**
 * Applies a {@link Taps} map along one axis on the device ({@code resample.cl}): the building block of the pooling
 * averages, resizing and padding, forward (the taps) and backward (the transposed taps).
 */
final class Separable extends DevKernel {
    Separable(DeviceBackend backend) {
        super(backend);
    }

    /** {@code x} with axis {@code axis} mapped through {@code taps}; rows without taps get {@code empty}. */
    Tensor along(Tensor x, int axis, Taps taps, double empty) {
        int[] s = x.shape();
        int inner = prod(s, axis + 1, s.length);
        int[] outShape = s.clone();
        outShape[axis] = taps.out();
        Tensor y = alloc(x.dtype(), outShape);
        int n = y.numel();
        if (n == 0) {
            return y;
        }
        DevMemory mem = backend.memory();
        Tensor xd = dense(x);
        Tensor start = mem.fromInts(taps.start(), new int[] {taps.start().length}, DType.INT32);
        Tensor idx = mem.fromInts(taps.idx(), new int[] {taps.idx().length}, DType.INT32);
        Tensor w = mem.fromDoubles(taps.w(), new int[] {taps.w().length}, x.dtype());
        launch("resample", Types.of(x.dtype()), "apply_taps").buf(xd).buf(y).buf(start).buf(idx).buf(w).i(taps.in())
                .i(taps.out()).i(inner).scalar(x.dtype(), empty).i(n).run(n);
        done(xd, x);
        free(start);
        free(idx);
        free(w);
        return y;
    }

    /** The adjoint of {@link #planes}: the transposed maps, for the backward pass. */
    Tensor planesAdjoint(Tensor g, Taps h, Taps w) {
        return planes(g, h.transposed(), w.transposed());
    }

    /** Two maps, along H (axis 2) then W (axis 3) of an NCHW tensor; the intermediate is released. */
    Tensor planes(Tensor x, Taps h, Taps w) {
        Tensor mid = along(x, 2, h, 0);
        Tensor y = along(mid, 3, w, 0);
        free(mid);
        return y;
    }
}
