package sabre.kernels.device;

import sabre.tensor.PadMode;
import sabre.tensor.Tensor;
import sabre.tensor.spi.LayoutOps;

/**
 * Joining, padding and resizing on the device: {@code cat} copies each part into its slice of the output
 * ({@code copy_view}); padding and nearest/bilinear resizing are separable one-axis maps ({@link Separable},
 * {@link TapRules}), and every backward applies the transposed maps.
 */
final class DevLayout extends DevKernel implements LayoutOps {
    DevLayout(DeviceBackend backend) {
        super(backend);
    }

    @Override
    public Tensor cat(Tensor[] parts, int axis) {
        int[] outShape = parts[0].shape();
        outShape[axis] = 0;
        for (Tensor p : parts) {
            outShape[axis] += p.shape(axis);
        }
        Tensor out = alloc(parts[0].dtype(), outShape);
        int start = 0;
        for (Tensor p : parts) {
            int n = p.shape(axis);
            if (n > 0) {
                backend.memory().copyInto(p, out.narrow(axis, start, n));
            }
            start += n;
        }
        return out;
    }

    @Override
    public Tensor pad(Tensor x, int[] pads, PadMode mode, double value) {
        return padAxes(x, x.shape(), pads, mode, value, false);
    }

    @Override
    public Tensor padBackward(Tensor gradOutput, int[] inputShape, int[] pads, PadMode mode) {
        return padAxes(gradOutput, inputShape, pads, mode, 0, true);
    }

    /** Pads (or un-pads, with the transposed maps) one trailing axis at a time; intermediates are released. */
    private Tensor padAxes(Tensor t, int[] inShape, int[] pads, PadMode mode, double value, boolean backward) {
        Tensor cur = t;
        for (int pair = 0; pair < pads.length / 2; pair++) {
            int axis = inShape.length - 1 - pair;
            int in = inShape[axis];
            // backward: the gradient's own size along the axis (the reference accepts any padded size)
            int out = backward ? t.shape(axis) : in + pads[2 * pair] + pads[2 * pair + 1];
            Taps taps = TapRules.pad(in, out, pads[2 * pair], mode);
            Tensor next = backend.separable().along(cur, axis, backward ? taps.transposed() : taps, value);
            if (cur != t) {
                free(cur);
            }
            cur = next;
        }
        return cur == t ? backend.memory().contiguous(t) : cur;
    }

    @Override
    public Tensor upsampleNearest(Tensor x, int outH, int outW) {
        return backend.separable().planes(x, TapRules.nearest(x.shape(2), outH), TapRules.nearest(x.shape(3), outW));
    }

    @Override
    public Tensor upsampleNearestBackward(Tensor gradOutput, int[] inputShape) {
        return backend.separable().planesAdjoint(gradOutput, TapRules.nearest(inputShape[2], gradOutput.shape(2)),
                TapRules.nearest(inputShape[3], gradOutput.shape(3)));
    }

    @Override
    public Tensor upsampleBilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        return backend.separable().planes(x, TapRules.bilinear(x.shape(2), outH, alignCorners),
                TapRules.bilinear(x.shape(3), outW, alignCorners));
    }

    @Override
    public Tensor upsampleBilinearBackward(Tensor gradOutput, int[] inputShape, boolean alignCorners) {
        return backend.separable().planesAdjoint(gradOutput,
                TapRules.bilinear(inputShape[2], gradOutput.shape(2), alignCorners),
                TapRules.bilinear(inputShape[3], gradOutput.shape(3), alignCorners));
    }
}
