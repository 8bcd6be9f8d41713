package sabre.nn.layers;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Init;
import sabre.nn.Module;
import sabre.tensor.DType;
import sabre.tensor.Generator;

/**
 * {@code y = x·Wᵀ + b} with weight [out, in], PyTorch's layout and default initialisation.
 *
 * <pre>{@code Linear fc = new Linear(512, 10, true, gen);}</pre>
 */
public final class Linear extends Module {
    private final Var weight;
    private final Var bias;

    public Linear(int in, int out, boolean bias, Generator g) {
        weight = registerParameter("weight", Init.kaimingUniformDefault(g, DType.FLOAT32, out, in));
        this.bias = bias ? registerParameter("bias", Init.fanInUniform(g, DType.FLOAT32, in, out)) : null;
    }

    public Var weight() {
        return weight;
    }

    @Override
    public Var forward(Var x) {
        return F.linear(x, weight, bias);
    }

    @Override
    protected String describe() {
        return "in=" + weight.shape()[1] + ", out=" + weight.shape()[0] + ", bias=" + (bias != null);
    }
}
