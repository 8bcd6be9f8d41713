package sabre.tensor;

/**
 * Geometry of 2-D max/avg pooling, as in PyTorch: kernel, stride, padding (≤ half the kernel), dilation and ceil mode.
 * In ceil mode a last window may start in the padding on the right only if it starts inside the input or left pad.
 *
 * <pre>{@code Pool2dParams p = Pool2dParams.of(3, 2, 1); // 3×3 window, stride 2, padding 1}</pre>
 */
public record Pool2dParams(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                           int dilationH, int dilationW, boolean ceilMode) {
    public Pool2dParams {
        Check.positive("pool2d", "kernel size", kernelH, kernelW);
        Check.positive("pool2d", "stride", strideH, strideW);
        Check.nonNegative("pool2d", "padding", padH, padW);
        Check.positive("pool2d", "dilation", dilationH, dilationW);
        Check.arg(2 * padH <= kernelH && 2 * padW <= kernelW, "pool2d",
                "padding (%d, %d) must be at most half the kernel (%d, %d)", padH, padW, kernelH, kernelW);
    }

    /** Square kernel, stride and padding; dilation 1, floor mode. */
    public static Pool2dParams of(int kernel, int stride, int padding) {
        return new Pool2dParams(kernel, kernel, stride, stride, padding, padding, 1, 1, false);
    }

    /** Output height for an input height. */
    public int outH(int inH) {
        return outSize(inH, kernelH, strideH, padH, dilationH);
    }

    /** Output width for an input width. */
    public int outW(int inW) {
        return outSize(inW, kernelW, strideW, padW, dilationW);
    }

    private int outSize(int in, int k, int s, int p, int d) {
        int span = in + 2 * p - d * (k - 1) - 1;
        int out = (ceilMode ? Math.floorDiv(span + s - 1, s) : Math.floorDiv(span, s)) + 1;
        if (ceilMode && (out - 1) * s >= in + p) {
            out--; // the last window must start inside the input or the left padding
        }
        return out;
    }
}
