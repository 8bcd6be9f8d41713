package sabre.nn.layers;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.Check;

/**
 * {@code x} where {@code x > 0}, else {@code negativeSlope·x}; the gradient at 0 is {@code negativeSlope}, as in
 * PyTorch.
 *
 * <pre>{@code Module act = new LeakyReLU(0.2);}</pre>
 */
public final class LeakyReLU extends Module {
    private final double negativeSlope;

    public LeakyReLU(double negativeSlope) {
        Check.arg(Double.isFinite(negativeSlope), "LeakyReLU", "negative slope must be finite, found %s",
                negativeSlope);
        this.negativeSlope = negativeSlope;
    }

    /** PyTorch's default slope, 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    @Override
    public Var forward(Var x) {
        return Var.where(x.value().gt(0), x, x.mul(negativeSlope));
    }

    @Override
    protected String describe() {
        return "negative_slope=" + negativeSlope;
    }
}
