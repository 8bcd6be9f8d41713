package sabre.kernels.cpu;

import sabre.tensor.PadMode;
import sabre.tensor.Tensor;
import sabre.tensor.ref.RefLayout;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.LayoutOps;

/**
 * Joining, padding and resampling: FLOAT32 constant {@code pad} and its backward are row copies (exact, so the
 * reference's bits); everything else runs the reference implementation.
 */
final class CpuLayout implements LayoutOps {
    private final Backend backend;
    private final RefLayout ref;

    CpuLayout(Backend backend) {
        this.backend = backend;
        this.ref = new RefLayout(backend);
    }

    @Override
    public Tensor cat(Tensor[] parts, int axis) {
        return ref.cat(parts, axis);
    }

    /** Per dimension of the padded tensor, the "before" pad (pairs start from the last dimension). */
    private static int[] befores(int rank, int[] pads) {
        int[] b = new int[rank];
        for (int d = 0; d < rank; d++) {
            int pair = rank - 1 - d;
            b[d] = pair < pads.length / 2 ? pads[2 * pair] : 0;
        }
        return b;
    }

    /**
     * For each row of the padded shape (all dimensions but the last), the row of the input it copies, or −1 for a
     * row wholly in the padding.
     */
    private static int[] sourceRows(int[] outShape, int[] inShape, int[] before) {
        int rank = outShape.length;
        int rows = 1;
        for (int d = 0; d < rank - 1; d++) {
            rows *= outShape[d];
        }
        int[] src = new int[rows];
        for (int r = 0; r < rows; r++) {
            int pos = r;
            int s = 0;
            int stride = 1;
            for (int d = rank - 2; d >= 0; d--) {
                int i = pos % outShape[d] - before[d];
                pos /= outShape[d];
                if (i < 0 || i >= inShape[d]) {
                    s = -1;
                    break;
                }
                s += i * stride;
                stride *= inShape[d];
            }
            src[r] = s;
        }
        return src;
    }

    @Override
    public Tensor pad(Tensor x, int[] pads, PadMode mode, double value) {
        if (mode != PadMode.CONSTANT || !Host.isF32(x) || x.dim() == 0) {
            return ref.pad(x, pads, mode, value);
        }
        int[] inShape = x.shape();
        int[] outShape = x.paddedShape(pads, mode);
        int rank = inShape.length;
        float[] xs = Host.dense(x);
        float[] out = new float[Host.numel(outShape)];
        float v = (float) value;
        int[] before = befores(rank, pads);
        int[] src = sourceRows(outShape, inShape, before);
        int inL = inShape[rank - 1];
        int outL = outShape[rank - 1];
        int b = before[rank - 1];
        int t0 = Math.max(0, b); // output columns [t0, t1) copy input columns t − b
        int t1 = Math.max(t0, Math.min(outL, inL + b));
        Parallel.range(src.length, outL, 1 << 15, (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int o = r * outL;
                if (src[r] < 0) {
                    java.util.Arrays.fill(out, o, o + outL, v);
                    continue;
                }
                if (v != 0 || Float.floatToRawIntBits(v) != 0) {
                    java.util.Arrays.fill(out, o, o + t0, v);
                    java.util.Arrays.fill(out, o + t1, o + outL, v);
                }
                System.arraycopy(xs, src[r] * inL + t0 - b, out, o + t0, t1 - t0);
            }
        });
        return Host.wrap(backend, out, outShape);
    }

    @Override
    public Tensor padBackward(Tensor gradOutput, int[] inputShape, int[] pads, PadMode mode) {
        if (mode != PadMode.CONSTANT || !Host.isF32(gradOutput) || inputShape.length == 0) {
            return ref.padBackward(gradOutput, inputShape, pads, mode);
        }
        int[] outShape = gradOutput.shape();
        int rank = inputShape.length;
        float[] g = Host.dense(gradOutput);
        float[] dx = new float[Host.numel(inputShape)];
        int[] before = befores(rank, pads);
        int[] src = sourceRows(outShape, inputShape, before);
        int inL = inputShape[rank - 1];
        int outL = outShape[rank - 1];
        int b = before[rank - 1];
        int t0 = Math.max(0, b);
        int t1 = Math.max(t0, Math.min(outL, inL + b));
        // constant padding maps each input cell to exactly one output cell: the gradient is a copy (0 + g exactly)
        Parallel.range(src.length, outL, 1 << 15, (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                if (src[r] >= 0) {
                    System.arraycopy(g, r * outL + t0, dx, src[r] * inL + t0 - b, t1 - t0);
                }
            }
        });
        return Host.wrap(backend, dx, inputShape);
    }

    @Override
    public Tensor upsampleNearest(Tensor x, int outH, int outW) {
        return ref.upsampleNearest(x, outH, outW);
    }

    @Override
    public Tensor upsampleNearestBackward(Tensor gradOutput, int[] inputShape) {
        return ref.upsampleNearestBackward(gradOutput, inputShape);
    }

    @Override
    public Tensor upsampleBilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        return ref.upsampleBilinear(x, outH, outW, alignCorners);
    }

    @Override
    public Tensor upsampleBilinearBackward(Tensor gradOutput, int[] inputShape, boolean alignCorners) {
        return ref.upsampleBilinearBackward(gradOutput, inputShape, alignCorners);
    }
}
