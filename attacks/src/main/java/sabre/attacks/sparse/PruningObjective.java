package sabre.attacks.sparse;

import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.autograd.Var;
import sabre.tensor.Tensor;

/**
 * What AutoAdversary's pruning minimises per image, given the images, the perturbation δ, the mask logits z, the
 * binarizer sharpness α and each image's sparsity weight λ. {@link PruningLoss} is the default; others (AdvMask's
 * normalised loss) plug in through {@link AutoAdversary#pruningObjective}.
 *
 * <pre>{@code Var perImage = objective.value(f, x, delta, z, alpha, lambdas, aim, false);}</pre>
 */
@FunctionalInterface
public interface PruningObjective {
    /** The per-image loss [N]. */
    Var value(Classifier model, Tensor images, Var delta, Var z, double alpha, Tensor lambda, Tensor aimedAt,
              boolean targeted);

    /** Builds the objective for one batch once its dense perturbation is known (e.g. to record a reference loss). */
    @FunctionalInterface
    interface Factory {
        PruningObjective create(Batch batch, Tensor dense);
    }
}
