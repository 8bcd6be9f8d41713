package sabre.tensor.spi;

import sabre.tensor.PadMode;
import sabre.tensor.Tensor;

/** Joining, padding and resampling. */
public interface LayoutOps {
    /** Concatenation along {@code axis}; parts share type and all other sizes. */
    Tensor cat(Tensor[] parts, int axis);

    /**
     * Pads the trailing dimensions; {@code pads} holds (before, after) pairs starting from the last dimension,
     * as in PyTorch's {@code F.pad}.
     */
    Tensor pad(Tensor x, int[] pads, PadMode mode, double value);

    /** Backward of {@link #pad}: the gradient of the padded tensor folded back onto the input shape. */
    Tensor padBackward(Tensor gradOutput, int[] inputShape, int[] pads, PadMode mode);

    /** Nearest-neighbour resize of NCHW to {@code outH × outW}: source index {@code floor(dst · in/out)}. */
    Tensor upsampleNearest(Tensor x, int outH, int outW);

    /** Backward of {@link #upsampleNearest}. */
    Tensor upsampleNearestBackward(Tensor gradOutput, int[] inputShape);

    /** Bilinear resize of NCHW, with PyTorch's {@code align_corners} convention. */
    Tensor upsampleBilinear(Tensor x, int outH, int outW, boolean alignCorners);

    /** Backward of {@link #upsampleBilinear}. */
    Tensor upsampleBilinearBackward(Tensor gradOutput, int[] inputShape, boolean alignCorners);
}
