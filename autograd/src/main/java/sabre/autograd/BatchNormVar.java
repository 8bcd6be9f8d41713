package sabre.autograd;

import sabre.tensor.Tensor;

/**
 * Batch-norm output and the per-channel statistics it used: in training the batch mean and {@code 1/sqrt(var+eps)}
 * (biased variance), from which a layer updates its running averages.
 */
public record BatchNormVar(Var output, Tensor mean, Tensor invStd) {
}
