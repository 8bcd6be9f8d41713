package sabre.tensor;

/**
 * Geometry of a 2-D convolution: stride, zero padding, dilation (each per height and width) and groups, with the
 * output-size formula {@code out = floor((in + 2·pad − dil·(k−1) − 1) / stride) + 1}.
 *
 * <pre>{@code Conv2dParams p = Conv2dParams.of(1, 1); // stride 1, padding 1, dilation 1, groups 1}</pre>
 */
public record Conv2dParams(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {
    public Conv2dParams {
        Check.positive("conv2d", "stride", strideH, strideW);
        Check.nonNegative("conv2d", "padding", padH, padW);
        Check.positive("conv2d", "dilation", dilationH, dilationW);
        Check.positive("conv2d", "groups", groups);
    }

    /** Square stride and padding, dilation 1, one group. */
    public static Conv2dParams of(int stride, int padding) {
        return new Conv2dParams(stride, stride, padding, padding, 1, 1, 1);
    }

    /** Square stride, padding and dilation with the given groups. */
    public static Conv2dParams of(int stride, int padding, int dilation, int groups) {
        return new Conv2dParams(stride, stride, padding, padding, dilation, dilation, groups);
    }

    /** Output height for an input height and kernel height. */
    public int outH(int inH, int kH) {
        return Math.floorDiv(inH + 2 * padH - dilationH * (kH - 1) - 1, strideH) + 1;
    }

    /** Output width for an input width and kernel width. */
    public int outW(int inW, int kW) {
        return Math.floorDiv(inW + 2 * padW - dilationW * (kW - 1) - 1, strideW) + 1;
    }
}
