package sabre.attacks.sparse;

import sabre.attacks.Classifier;
import sabre.attacks.Objective;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

/**
 * AutoAdversary's objective for each image (thesis eq. {@code L = CE(f(x + δ⊙m), y*) + λ‖m‖₁/N}), with the
 * binarizer {@code m = sigmoid(α·z)} and the classification term chosen by an {@link Objective}: the masked
 * perturbation is applied as {@code x + δ⊙m} (a per-pixel mask [N, 1, H, W] broadcasts over channels) and
 * {@code ‖m‖₁/N} is the mean of the image's mask entries (they are positive).
 *
 * <pre>{@code Var l = new PruningLoss(Objective.cwMargin(0)).value(f, x, delta, z, 50.0, lambdas, aim, false);}</pre>
 */
public record PruningLoss(Objective objective) implements PruningObjective {

    /** The binarizer {@code sigmoid(α·z)}. */
    public static Var binarize(Var z, double alpha) {
        return z.mul(alpha).sigmoid();
    }

    /** The per-image loss [N] for mask logits z at sharpness α, with image n's sparsity weight {@code lambda[n]}. */
    @Override
    public Var value(Classifier model, Tensor images, Var delta, Var z, double alpha, Tensor lambda, Tensor aimedAt,
                     boolean targeted) {
        Check.arg(lambda.dim() == 1 && lambda.shape(0) == images.shape(0), "autoadversary",
                "need one lambda per image (%d), found shape %s", images.shape(0),
                java.util.Arrays.toString(lambda.shape()));
        Var mask = binarize(z, alpha);
        Var logits = model.logits(Var.of(images).add(delta.mul(mask)));
        int[] axes = {1, 2, 3};
        return objective.perSample(logits, aimedAt, targeted).add(mask.mean(axes, false).mul(Var.of(lambda)));
    }
}
