package sabre.augment;

import sabre.attacks.Classifier;
import sabre.attacks.sparse.PruningLoss;
import sabre.attacks.sparse.PruningObjective;
import sabre.autograd.F;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Losses;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

/**
 * AdvMask's sparse-stage loss per image (thesis ch. 4): {@code L = max(Lc, η·Lc) + λ‖m‖₁/N} with
 * {@code Lc = 1 − CE(f(x + δ⊙m), y)/L_init}, where {@code L_init} is the cross-entropy at the dense adversarial
 * {@code x + δ} (the loss at which the model errs) and {@code m = sigmoid(α·z)}. While the masked attack is weaker
 * than the dense one, Lc > 0 and the full term pulls; once it is as strong, Lc ≤ 0 and only η·Lc (η = 0.05) remains,
 * so the sparsity term dominates. Untargeted: y is the true label.
 *
 * <pre>{@code attack.pruningObjective(AdvMaskLoss.factory(AdvMaskLoss.ETA));}</pre>
 */
public final class AdvMaskLoss implements PruningObjective {
    /** The weight of Lc once it is negative. */
    public static final double ETA = 0.05;
    /** Smallest L_init used, so an image the model already gets wrong with certainty cannot divide by zero. */
    static final double MIN_L_INIT = 1e-6;

    private final Tensor lInit;
    private final double eta;

    /** @param lInit the reference loss per image [N], positive */
    public AdvMaskLoss(Tensor lInit, double eta) {
        Check.rank("advmask loss", lInit, 1, "one reference loss per image [N]");
        Check.arg(eta > 0 && eta < 1, "advmask loss", "eta %s outside (0, 1)", eta);
        this.lInit = lInit.clamp(MIN_L_INIT, Double.MAX_VALUE);
        this.eta = eta;
    }

    /** Records L_init = CE(f(x + δ_dense), y) per image when the pruning starts. */
    public static PruningObjective.Factory factory(double eta) {
        return (batch, dense) -> {
            try (NoGrad ignored = NoGrad.enter()) {
                Var logits = Var.of(batch.model().logits(batch.images().add(dense), 256));
                Tensor ce = Losses.crossEntropy(logits, batch.aimedAt(), 0, F.Reduction.NONE).value();
                return new AdvMaskLoss(ce, eta);
            }
        };
    }

    @Override
    public Var value(Classifier model, Tensor images, Var delta, Var z, double alpha, Tensor lambda, Tensor aimedAt,
                     boolean targeted) {
        Check.arg(!targeted, "advmask loss", "the sensitive-pixel search is untargeted");
        Var mask = PruningLoss.binarize(z, alpha);
        Var logits = model.logits(Var.of(images).add(delta.mul(mask)));
        Var ce = Losses.crossEntropy(logits, aimedAt, 0, F.Reduction.NONE);
        Var lc = ce.div(Var.of(lInit.to(ce.value().dtype()))).neg().add(1);
        int[] axes = {1, 2, 3};
        return lc.maximum(lc.mul(eta)).add(mask.mean(axes, false).mul(Var.of(lambda)));
    }
}
