package sabre.nn.layers;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.Check;
import sabre.tensor.Generator;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code p} and the rest scaled by
 * {@code 1/(1−p)}, the mask drawn from this layer's own {@link Generator} (registered as {@code generator}, so a
 * checkpoint saves and restores its position); the identity in eval mode.
 *
 * <pre>{@code Module drop = new Dropout(0.25, gen.fork());}</pre>
 */
public final class Dropout extends Module {
    private final double p;

    /** Drop probability {@code p} in [0, 1); masks come from {@code g}, which this layer advances. */
    public Dropout(double p, Generator g) {
        Check.arg(p >= 0 && p < 1, "Dropout", "probability %s outside [0, 1)", p);
        Check.arg(g != null, "Dropout", "a generator is required for the masks");
        this.p = p;
        registerGenerator("generator", g);
    }

    @Override
    public Var forward(Var x) {
        return F.dropout(x, p, isTraining(), generator("generator"));
    }

    @Override
    protected String describe() {
        return "p=" + p;
    }
}
