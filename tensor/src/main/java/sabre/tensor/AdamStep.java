package sabre.tensor;

/**
 * Result of one Adam (or AdamW) step on one parameter: the updated parameter, first moment m, second moment v and,
 * with AMSGrad, the running maximum v̂ (null without AMSGrad).
 *
 * <pre>{@code AdamStep s = Functional.adamUpdate(p, g, m, v, null, t, 1e-3, 0.9, 0.999, 1e-8, 0, false, false);}</pre>
 */
public record AdamStep(Tensor param, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq) {
}
