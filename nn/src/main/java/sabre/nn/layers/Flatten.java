package sabre.nn.layers;

import sabre.autograd.Var;
import sabre.nn.Module;

/**
 * Flattens every dimension after the first (the batch): [N, ...] → [N, prod(...)].
 *
 * <pre>{@code Module flat = new Flatten(); // [N, C, H, W] → [N, C·H·W]}</pre>
 */
public final class Flatten extends Module {
    @Override
    public Var forward(Var x) {
        return x.flatten(1, -1);
    }
}
