package sabre.tensor;

/**
 * Gradients of batch norm with respect to its input, weight (γ: {@code Σ g·x̂}) and bias (β: {@code Σ g}); the
 * per-channel sums are always computed, whether or not the layer has γ and β.
 */
public record BatchNormGrads(Tensor input, Tensor weight, Tensor bias) {
}
