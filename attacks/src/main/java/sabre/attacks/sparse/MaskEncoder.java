package sabre.attacks.sparse;

import sabre.autograd.Var;

import java.util.List;

/**
 * Maps each image's perturbation δ [N, C, H, W] to mask logits z [N, M, H, W] (M = C for a per-element mask, 1 for a
 * per-pixel mask), with separate parameters for every image of the batch: image n's logits depend only on δ_n and
 * its own weights, so an image gets the same mask alone or inside any batch.
 *
 * <pre>{@code Var z = encoder.logits(delta); Var m = z.mul(alpha).sigmoid();}</pre>
 */
public interface MaskEncoder {
    /** Mask logits for the batch. */
    Var logits(Var delta);

    /** Every trainable tensor (each with the batch as its leading dimension). */
    List<Var> parameters();
}
