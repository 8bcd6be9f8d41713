package sabre.tensor.spi;

import sabre.tensor.BatchNormGrads;
import sabre.tensor.BatchNormResult;
import sabre.tensor.Tensor;

/**
 * Batch normalisation over the channel axis 1 of [N, C, ...] tensors. Weight/bias may be null (γ = 1, β = 0). The
 * fused batch norm + ReLU pair has default bodies composed of the unfused ops: they are its specification.
 */
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

    /**
     * {@code relu(batchNorm(x))} with the statistics batch norm used; the arguments are {@link #batchNorm}'s.
     *
     * <pre>{@code BatchNormResult r = backend.norm().batchNormRelu(x, w, b, null, null, true, 1e-5);}</pre>
     */
    default BatchNormResult batchNormRelu(Tensor input, Tensor weight, Tensor bias, Tensor runningMean,
                                          Tensor runningVar, boolean training, double eps) {
        BatchNormResult r = batchNorm(input, weight, bias, runningMean, runningVar, training, eps);
        return new BatchNormResult(r.output().relu(), r.mean(), r.invStd());
    }

    /**
     * Gradients of {@link #batchNormRelu} from its output {@code y}: batch norm's backward of the gradient masked
     * by {@code y > 0} ({@link ElementwiseOps#reluBackward}); the other arguments are {@link #batchNormBackward}'s.
     *
     * <pre>{@code BatchNormGrads d = backend.norm().batchNormReluBackward(g, y, x, w, r.mean(), r.invStd(), true);}</pre>
     */
    default BatchNormGrads batchNormReluBackward(Tensor gradOutput, Tensor output, Tensor input, Tensor weight,
                                                 Tensor mean, Tensor invStd, boolean training) {
        Tensor masked = output.backend().elementwise().reluBackward(gradOutput, output);
        return batchNormBackward(masked, input, weight, mean, invStd, training);
    }
}
