package sabre.tensor;

/**
 * Values and their INT32 positions, as returned by max/min along an axis, topk, sort and max-pooling.
 *
 * <pre>{@code ValuesIndices top = logits.topk(5, -1, true, true); Tensor classes = top.indices();}</pre>
 */
public record ValuesIndices(Tensor values, Tensor indices) {
}
