package sabre.attacks.sparse;

import sabre.autograd.Var;
import sabre.tensor.Tensor;

import java.util.List;

/**
 * No encoder: the mask logits z themselves are the trainable parameters (the ablation "Dense + L1 on m +
 * binarization"), initialised to a constant.
 *
 * <pre>{@code MaskEncoder e = new FreeMaskLogits(like, 1, 2.0);}</pre>
 */
public final class FreeMaskLogits implements MaskEncoder {
    private final Var z;

    public FreeMaskLogits(Tensor like, int maskChannels, double initLogit) {
        int[] s = like.shape();
        z = Var.param(Tensor.full(like.device(), like.dtype(), initLogit, s[0], maskChannels, s[2], s[3]));
    }

    @Override
    public Var logits(Var delta) {
        return z;
    }

    @Override
    public List<Var> parameters() {
        return List.of(z);
    }
}
