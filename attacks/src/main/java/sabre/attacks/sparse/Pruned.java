package sabre.attacks.sparse;

import sabre.tensor.Tensor;

/**
 * What a pruning run keeps: per image the sparsest fooling adversarial image (the original where none fooled) and its
 * 0/1 mask in the images' shape (the image differs from the original only where the mask is 1).
 *
 * <pre>{@code Pruned p = attack.prune(batch, dense, eps, its); Tensor adv = p.adversarial();}</pre>
 */
public record Pruned(Tensor adversarial, Tensor masks) {
}
