package sabre.attacks.sparse;

import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.List;

/**
 * The fully connected mask encoder for small images, one network per image: flatten δ_n → Linear(C·H·W → hidden)
 * → ReLU → Linear(hidden → M·H·W) → reshape to [M, H, W], computed for the whole batch as batched matrix products
 * with weights [N, out, in].
 *
 * <pre>{@code MaskEncoder e = new PerImageFcEncoder(gens, like, 1, 64, 2.0); Var z = e.logits(delta);}</pre>
 */
public final class PerImageFcEncoder implements MaskEncoder {
    private final int maskChannels;
    private final Var w1;
    private final Var b1;
    private final Var w2;
    private final Var b2;
    private final List<Var> params;

    /**
     * @param perImage one generator per image (its weights)
     * @param like the perturbation's shape, device and dtype [N, C, H, W]
     * @param maskChannels M: C for a per-element mask, 1 for a per-pixel mask
     * @param hidden width of the hidden layer
     * @param initLogit the output bias's initial value (the mask starts near sigmoid(α₀·initLogit))
     */
    public PerImageFcEncoder(Generator[] perImage, Tensor like, int maskChannels, int hidden, double initLogit) {
        Check.positive("fc encoder", "mask channels and hidden size", maskChannels, hidden);
        int[] s = like.shape();
        int in = s[1] * s[2] * s[3];
        int out = maskChannels * s[2] * s[3];
        this.maskChannels = maskChannels;
        PerImageParams p = new PerImageParams();
        w1 = p.uniform(perImage, like.device(), like.dtype(), in, hidden, in);
        b1 = p.uniform(perImage, like.device(), like.dtype(), in, hidden, 1);
        w2 = p.uniform(perImage, like.device(), like.dtype(), hidden, out, hidden);
        b2 = p.constant(s[0], like.device(), like.dtype(), initLogit, out, 1);
        params = p.all();
    }

    @Override
    public Var logits(Var delta) {
        return logits(delta, w1, b1, w2, b2, maskChannels);
    }

    /**
     * The encoder as a function of its weights: {@code z_n = W2_n·relu(W1_n·vec(δ_n) + b1_n) + b2_n}, with
     * W1 [N, hidden, C·H·W], b1 [N, hidden, 1], W2 [N, M·H·W, hidden], b2 [N, M·H·W, 1].
     */
    public static Var logits(Var delta, Var w1, Var b1, Var w2, Var b2, int maskChannels) {
        int[] s = delta.shape();
        Var x = delta.reshape(s[0], s[1] * s[2] * s[3], 1);
        Var h = w1.matmul(x).add(b1).relu();
        return w2.matmul(h).add(b2).reshape(s[0], maskChannels, s[2], s[3]);
    }

    @Override
    public List<Var> parameters() {
        return params;
    }
}
