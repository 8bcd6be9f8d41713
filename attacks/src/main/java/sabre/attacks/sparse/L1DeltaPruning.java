package sabre.attacks.sparse;

import sabre.attacks.Batch;
import sabre.attacks.Objective;
import sabre.attacks.Norm;
import sabre.autograd.Autograd;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

/**
 * The ablation "Dense + L1 on δ": no mask; from the dense δ, minimise {@code J(f(x + δ)) + λ‖δ‖₁} by proximal
 * gradient steps (ISTA): {@code δ ← Π(S_{aλ}(δ − a·g/‖g‖∞))} with the per-image gradient scaled to max-norm 1 and
 * {@code S_τ(v) = sign(v)·max(|v| − τ, 0)} the soft threshold that sets small entries exactly to zero. Each image keeps
 * the sparsest δ seen that still fools the model (the dense δ first).
 *
 * <pre>{@code Pruned p = new L1DeltaPruning(Objective.cwMargin(0), 0.5, 100, 0.1).prune(batch, dense, eps, its);}</pre>
 *
 * @param lambda sparsity weight in units of the normalised gradient: entries whose scaled gradient stays below λ
 *               shrink to zero
 * @param stepRatio a as a fraction of ε
 */
public record L1DeltaPruning(Objective objective, double lambda, int steps, double stepRatio) {
    public L1DeltaPruning {
        Check.arg(lambda >= 0 && stepRatio > 0, "l1-delta", "need lambda >= 0 and step ratio > 0, found %s and %s",
                lambda, stepRatio);
        Check.positive("l1-delta", "steps", steps);
    }

    /**
     * The adversarial images after pruning {@code dense} (an L∞ perturbation of radius ε); adds the steps to
     * {@code iterations}.
     */
    public Pruned prune(Batch batch, Tensor dense, double eps, int[] iterations) {
        Tensor x = batch.images();
        double a = stepRatio * eps;
        SparsestFooling best = new SparsestFooling(batch, false);
        best.offer(x.add(dense), Tensor.onesLike(x));
        Tensor delta = dense;
        for (int t = 0; t < steps; t++) {
            Var d = Var.param(delta);
            Var logits = batch.model().logits(Var.of(x).add(d));
            Tensor g = Autograd.grad(objective.perSample(logits, batch.aimedAt(), batch.targeted()).sum(), d)[0];
            Tensor scaled = g.div(g.abs().amax(new int[] {1, 2, 3}, true).add(1e-12));
            Tensor v = delta.sub(scaled.mul(a));
            Tensor shrunk = v.sign().mul(v.abs().sub(a * lambda).relu()); // S_τ(v), τ = aλ
            delta = Norm.LINF.project(shrunk, x, eps);
            best.offer(x.add(delta), delta.ne(Tensor.zerosLike(delta)).to(x.dtype()));
        }
        for (int n = 0; n < iterations.length; n++) {
            iterations[n] += steps;
        }
        return best.kept();
    }
}
