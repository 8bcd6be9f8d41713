package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;
import sabre.tensor.spi.PoolOps;

/**
 * Pooling: max pooling and its backward in {@code pool.cl}; average and adaptive average pooling as separable
 * H and W maps ({@link Separable}, {@link TapRules}) whose backward passes apply the transposed maps.
 */
final class DevPool extends DevKernel implements PoolOps {
    DevPool(DeviceBackend backend) {
        super(backend);
    }

    @Override
    public ValuesIndices maxPool2d(Tensor input, Pool2dParams p) {
        int[] s = input.shape();
        int oh = p.outH(s[2]);
        int ow = p.outW(s[3]);
        int[] outShape = {s[0], s[1], oh, ow};
        Tensor x = dense(input);
        Tensor y = alloc(input.dtype(), outShape);
        Tensor idx = alloc(DType.INT32, outShape);
        int n = y.numel();
        int[] geom = {s[2], s[3], oh, ow, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padH(), p.padW(),
                p.dilationH(), p.dilationW()};
        checkWindows(s[2], oh, p.kernelH(), p.strideH(), p.padH(), p.dilationH(), "row");
        checkWindows(s[3], ow, p.kernelW(), p.strideW(), p.padW(), p.dilationW(), "column");
        launch("pool", Types.of(input.dtype()), "max_pool").ints(geom).buf(x).buf(y).buf(idx).i(n).run(n);
        done(x, input);
        return new ValuesIndices(y, idx);
    }

    /**
     * Whether every window along one axis holds an input cell is a matter of geometry alone, so it is checked here
     * rather than by the kernel (which would cost a host round trip per call).
     */
    private static void checkWindows(int in, int out, int k, int s, int pad, int d, String axis) {
        for (int r = 0; r < out; r++) {
            boolean inside = false;
            for (int i = 0; i < k && !inside; i++) {
                int at = r * s - pad + i * d;
                inside = at >= 0 && at < in;
            }
            if (!inside) {
                throw new IllegalArgumentException("max_pool2d: window " + r + " along the " + axis
                        + " axis lies entirely in the padding");
            }
        }
    }

    @Override
    public Tensor maxPool2dBackward(Tensor gradOutput, Tensor indices, int[] inputShape) {
        Tensor g = dense(gradOutput);
        Tensor idx = dense(indices);
        Tensor dx = alloc(gradOutput.dtype(), inputShape);
        int planes = inputShape[0] * inputShape[1];
        int inPlane = inputShape[2] * inputShape[3];
        DevStorage err = errorFlag();
        launch("pool", Types.of(g.dtype()), "max_pool_backward").buf(g).buf(idx).buf(dx).i(inPlane)
                .i(gradOutput.shape(2) * gradOutput.shape(3)).buf(err).i(planes).run(planes);
        done(g, gradOutput);
        done(idx, indices);
        check(err, "max_pool2d_backward: index %d out of range [0, " + inPlane + ") along axis 2");
        return dx;
    }

    private static Taps avgH(int in, Pool2dParams p, boolean countIncludePad) {
        return TapRules.avgPool(in, p.outH(in), p.kernelH(), p.strideH(), p.padH(), countIncludePad);
    }

    private static Taps avgW(int in, Pool2dParams p, boolean countIncludePad) {
        return TapRules.avgPool(in, p.outW(in), p.kernelW(), p.strideW(), p.padW(), countIncludePad);
    }

    @Override
    public Tensor avgPool2d(Tensor input, Pool2dParams p, boolean countIncludePad) {
        return backend.separable().planes(input, avgH(input.shape(2), p, countIncludePad), avgW(input.shape(3), p,
                countIncludePad));
    }

    @Override
    public Tensor avgPool2dBackward(Tensor gradOutput, int[] inputShape, Pool2dParams p, boolean countIncludePad) {
        return backend.separable().planesAdjoint(gradOutput, avgH(inputShape[2], p, countIncludePad),
                avgW(inputShape[3], p, countIncludePad));
    }

    @Override
    public Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        return backend.separable().planes(input, TapRules.adaptive(input.shape(2), outH),
                TapRules.adaptive(input.shape(3), outW));
    }

    @Override
    public Tensor adaptiveAvgPool2dBackward(Tensor gradOutput, int[] inputShape) {
        return backend.separable().planesAdjoint(gradOutput, TapRules.adaptive(inputShape[2], gradOutput.shape(2)),
                TapRules.adaptive(inputShape[3], gradOutput.shape(3)));
    }
}
