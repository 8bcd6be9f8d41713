package sabre.autograd;

import sabre.tensor.Tensor;

/**
 * A vector-Jacobian product: given ∂L/∂output, the gradients ∂L/∂input_i, one per recorded input (null where
 * {@code needsGrad[i]} is false — the rule may skip that work, e.g. a conv weight gradient during an attack).
 * Each returned gradient must have its input's shape.
 */
@FunctionalInterface
public interface Vjp {
    Tensor[] apply(Tensor gradOutput, boolean[] needsGrad);
}
