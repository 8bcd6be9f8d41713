package sabre.nn.layers;

import sabre.autograd.Var;
import sabre.nn.Module;

/**
 * The logistic function {@code 1 / (1 + e^−x)}, elementwise.
 *
 * <pre>{@code Var probabilities = new Sigmoid().forward(logits);}</pre>
 */
public final class Sigmoid extends Module {
    @Override
    public Var forward(Var x) {
        return x.sigmoid();
    }
}
