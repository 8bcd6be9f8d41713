package sabre.tensor;

/**
 * Result of one SGD step on one parameter: the updated parameter and the updated momentum buffer (null when the
 * step uses no momentum).
 *
 * <pre>{@code SgdStep s = Functional.sgdUpdate(p, g, buf, 0.1, 0.9, 0, 5e-4, true); p = s.param(); buf = s.momentumBuffer();}</pre>
 */
public record SgdStep(Tensor param, Tensor momentumBuffer) {
}
