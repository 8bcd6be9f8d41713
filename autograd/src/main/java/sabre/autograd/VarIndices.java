package sabre.autograd;

import sabre.tensor.Tensor;

/**
 * Differentiable values with their (constant) INT32 positions, from max/min along an axis, topk and sort.
 *
 * <pre>{@code VarIndices top = logits.topk(1, -1, true, true); Tensor predicted = top.indices();}</pre>
 */
public record VarIndices(Var values, Tensor indices) {
}
