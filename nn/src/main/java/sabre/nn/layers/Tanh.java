package sabre.nn.layers;

import sabre.autograd.Var;
import sabre.nn.Module;

/**
 * The hyperbolic tangent, elementwise.
 *
 * <pre>{@code Var bounded = new Tanh().forward(x);}</pre>
 */
public final class Tanh extends Module {
    @Override
    public Var forward(Var x) {
        return x.tanh();
    }
}
