package sabre.nn.layers;

import sabre.autograd.Var;
import sabre.nn.Module;

/** Flattens every dimension after the first (the batch): [N, ...] → [N, prod(...)]. */
public final class Flatten extends Module {
    @Override
    public Var forward(Var x) {
        return x.flatten(1, -1);
    }
}
