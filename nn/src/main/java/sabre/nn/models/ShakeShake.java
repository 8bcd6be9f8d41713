package sabre.nn.models;

import sabre.autograd.CustomFunction;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Arrays;

/**
 * The Shake-Shake combination of two residual branches (Gastaldi 2017) as a {@link CustomFunction} with separate
 * forward and backward randomness: forward {@code y = α·b1 + (1−α)·b2}, backward {@code ∂b1 = β·g},
 * {@code ∂b2 = (1−β)·g}, with α and β of shape [N, 1, 1, 1] (one coefficient per sample). Only with β = α is this
 * the true gradient; in eval mode both are 0.5, so attacks on an eval-mode model see the true gradient.
 *
 * <pre>{@code Var y = ShakeShake.draw(n, training, gen, DType.FLOAT32, device).apply(b1, b2);}</pre>
 */
public final class ShakeShake implements CustomFunction {
    private final Tensor alpha;
    private final Tensor beta;

    /** Given coefficients, each [N, 1, 1, 1]. */
    public ShakeShake(Tensor alpha, Tensor beta) {
        Check.arg(alpha.dim() == 4 && Arrays.equals(alpha.shape(), beta.shape()) && alpha.numel() == alpha.shape(0),
                "shake_shake", "expected α and β of equal shape [N, 1, 1, 1], found %s and %s",
                Arrays.toString(alpha.shape()), Arrays.toString(beta.shape()));
        this.alpha = alpha;
        this.beta = beta;
    }

    /**
     * Coefficients for a batch of {@code n}: in training α, β ~ U(0, 1) independently per sample, α drawn first,
     * both from {@code g}; in eval α = β = 0.5 and {@code g} is not used.
     */
    public static ShakeShake draw(int n, boolean training, Generator g, DType dtype, Device device) {
        if (!training) {
            Tensor half = Tensor.full(device, dtype, 0.5, n, 1, 1, 1);
            return new ShakeShake(half, half);
        }
        Tensor a = Tensor.uniform(g, device, dtype, 0, 1, n, 1, 1, 1);
        return new ShakeShake(a, Tensor.uniform(g, device, dtype, 0, 1, n, 1, 1, 1));
    }

    /** The forward coefficients α, [N, 1, 1, 1]. */
    public Tensor alpha() {
        return alpha;
    }

    /** The backward coefficients β, [N, 1, 1, 1]. */
    public Tensor beta() {
        return beta;
    }

    /** Applies the combination to the two branch outputs [N, C, H, W]. */
    public Var apply(Var b1, Var b2) {
        Check.arg(Arrays.equals(b1.shape(), b2.shape()) && b1.shape().length == 4
                        && b1.shape()[0] == alpha.shape(0), "shake_shake",
                "expected two [%d, C, H, W] branches of equal shape, found %s and %s", alpha.shape(0),
                Arrays.toString(b1.shape()), Arrays.toString(b2.shape()));
        return CustomFunction.super.apply(b1, b2);
    }

    @Override
    public String name() {
        return "shake_shake";
    }

    // y = α·b1 + (1 − α)·b2
    @Override
    public Tensor forward(Context ctx, Tensor... branches) {
        return branches[0].mul(alpha).add(branches[1].mul(alpha.neg().add(1)));
    }

    // ∂b1 = β·g, ∂b2 = (1 − β)·g
    @Override
    public Tensor[] backward(Context ctx, Tensor g) {
        return new Tensor[] {g.mul(beta), g.mul(beta.neg().add(1))};
    }
}
