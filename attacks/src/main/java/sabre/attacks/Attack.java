package sabre.attacks;

import sabre.tensor.Tensor;

/**
 * An adversarial attack on a classifier, in pixel space: images [N, C, H, W] in [0, 1], labels INT32 [N].
 * It puts the model in eval mode and restores the mode it found.
 *
 * <pre>{@code AttackResult r = new Pgd().eps(8 / 255.0).run(Classifier.of(model), images, labels);}</pre>
 */
public interface Attack {
    /** Short name for tables and file names, e.g. {@code pgd}. */
    String name();

    /** Attacks every image of the batch and measures the result. */
    AttackResult run(Classifier model, Tensor images, Tensor labels);
}
