package sabre.tensor.spi;

import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;

/** 2-D pooling over NCHW tensors and the backward kernels. */
public interface PoolOps {
    /** Max over each window (padding is −∞); indices are positions {@code h·W + w} in the input plane. */
    ValuesIndices maxPool2d(Tensor input, Pool2dParams p);

    /** Routes each output gradient to the input position in {@code indices}, adding where windows overlap. */
    Tensor maxPool2dBackward(Tensor gradOutput, Tensor indices, int[] inputShape);

    /** Mean over each window; the divisor counts padding cells when {@code countIncludePad}. */
    Tensor avgPool2d(Tensor input, Pool2dParams p, boolean countIncludePad);

    /** Spreads each output gradient evenly over its window. */
    Tensor avgPool2dBackward(Tensor gradOutput, int[] inputShape, Pool2dParams p, boolean countIncludePad);

    /** Average over windows {@code [floor(i·H/oh), ceil((i+1)·H/oh))} (PyTorch's adaptive rule). */
    Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW);

    /** Backward of {@link #adaptiveAvgPool2d}. */
    Tensor adaptiveAvgPool2dBackward(Tensor gradOutput, int[] inputShape);
}
