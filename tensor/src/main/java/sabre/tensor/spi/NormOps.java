package sabre.tensor.spi;

import sabre.tensor.BatchNormGrads;
import sabre.tensor.BatchNormResult;
import sabre.tensor.Tensor;

/** Batch normalisation over the channel axis 1 of [N, C, ...] tensors. Weight/bias may be null (γ = 1, β = 0). */
public interface NormOps {
    /**
     * Training: normalises with the batch mean and biased variance over all axes but 1 and returns them.
     * Eval: normalises with {@code runningMean}/{@code runningVar}. {@code y = (x − μ)·invStd·γ + β}.
     */
    BatchNormResult batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                              boolean training, double eps);

    /**
     * Gradients given the mean and invStd that the forward used (in training they depend on the batch); the γ and
     * β gradients ({@code Σ g·x̂}, {@code Σ g}) are returned even when {@code weight} is null.
     */
    BatchNormGrads batchNormBackward(Tensor gradOutput, Tensor input, Tensor weight, Tensor mean, Tensor invStd,
                                     boolean training);
}
