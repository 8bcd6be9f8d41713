package sabre.tensor.spi;

import sabre.tensor.Conv2dParams;
import sabre.tensor.Tensor;

/** 2-D convolution (cross-correlation, NCHW) and its two gradient kernels; conv_transpose2d is built from these. */
public interface ConvOps {
    /** {@code y[n,o] = b[o] + Σ_{c in group, i, j} w[o,c,i,j]·x[n, c, h·s + i·d − p, w·s + j·d − p]}. */
    Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p);

    /** ∂L/∂input of conv2d given ∂L/∂output; {@code inputShape} is NCHW. */
    Tensor conv2dInputGrad(Tensor gradOutput, Tensor weight, int[] inputShape, Conv2dParams p);

    /** ∂L/∂weight of conv2d given ∂L/∂output and the input; {@code weightShape} is [O, C/groups, kH, kW]. */
    Tensor conv2dWeightGrad(Tensor gradOutput, Tensor input, int[] weightShape, Conv2dParams p);
}
