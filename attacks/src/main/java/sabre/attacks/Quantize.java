package sabre.attacks;

import sabre.tensor.Tensor;

/**
 * What saving an adversarial image as 8-bit does to it: each changed value is rounded to the nearest multiple of
 * 1/255, clipped back into the attack's ε-ball around the original (a bound that is not a multiple of 1/255 could
 * otherwise be exceeded by half a level) and into [0, 1]; unchanged values stay bit-identical. Success and norms are
 * measured again on the rounded images.
 *
 * <pre>{@code AttackResult saved = Quantize.to8Bit(f, images, result);}</pre>
 */
public final class Quantize {
    private Quantize() {
    }

    /** The result re-measured after rounding its adversarial images to the 8-bit grid. */
    public static AttackResult to8Bit(Classifier model, Tensor images, AttackResult r) {
        Tensor adv = r.adversarial();
        Tensor rounded = adv.mul(255).add(0.5).floor().div(255);
        Tensor bounded = rounded.maximum(images.sub(r.eps())).minimum(images.add(r.eps())).clamp(0, 1);
        Tensor q = Tensor.where(adv.ne(images), bounded, images);
        int[] predicted;
        try (Classifier.EvalScope scope = model.evalScope()) {
            predicted = model.logits(q, 256).argmax(1, false).toIntArray();
        }
        boolean[] success = new boolean[predicted.length];
        for (int n = 0; n < success.length; n++) {
            success[n] = r.targeted() ? predicted[n] == r.aimedAt()[n] : predicted[n] != r.aimedAt()[n];
        }
        return new AttackResult(r.method(), r.eps(), r.targeted(), q, q.ne(images).to(images.dtype()), r.labels(),
                r.aimedAt(), predicted, r.cleanCorrect(), success, Distances.between(images, q), r.iterations(),
                r.seconds());
    }
}
