package sabre.tensor;

/** Gradients of batch norm with respect to its input, weight (γ) and bias (β); weight/bias are null when absent. */
public record BatchNormGrads(Tensor input, Tensor weight, Tensor bias) {
}
