package sabre.nn.layers;

import sabre.autograd.Var;
import sabre.nn.Module;

/**
 * {@code max(x, 0)}.
 *
 * <pre>{@code Module act = new ReLU();}</pre>
 */
public final class ReLU extends Module {
    @Override
    public Var forward(Var x) {
        return x.relu();
    }
}
