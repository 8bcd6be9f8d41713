package sabre.nn.layers;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Init;
import sabre.nn.Module;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Generator;

/**
 * 2-D convolution with weight [out, in/groups, k, k] and PyTorch's default initialisation.
 *
 * <pre>{@code Conv2d conv = new Conv2d(3, 64, 3, Conv2dParams.of(1, 1), false, gen);}</pre>
 */
public final class Conv2d extends Module {
    private final Var weight;
    private final Var bias;
    private final Conv2dParams params;

    /** Square kernel {@code k} with the given geometry (stride, padding, dilation, groups). */
    public Conv2d(int in, int out, int k, Conv2dParams params, boolean bias, Generator g) {
        sabre.tensor.Check.arg(in % params.groups() == 0 && out % params.groups() == 0, "Conv2d",
                "channels %d -> %d not divisible by groups %d", in, out, params.groups());
        this.params = params;
        weight = registerParameter("weight", Init.kaimingUniformDefault(g, DType.FLOAT32, out, in / params.groups(), k, k));
        this.bias = bias ? registerParameter("bias", Init.fanInUniform(g, DType.FLOAT32, in / params.groups() * k * k, out))
                : null;
    }

    /** Square kernel {@code k}, stride, padding; dilation 1, one group. */
    public Conv2d(int in, int out, int k, int stride, int padding, boolean bias, Generator g) {
        this(in, out, k, Conv2dParams.of(stride, padding), bias, g);
    }

    public Var weight() {
        return weight;
    }

    public Conv2dParams params() {
        return params;
    }

    @Override
    public Var forward(Var x) {
        return F.conv2d(x, weight, bias, params);
    }

    @Override
    protected String describe() {
        int[] s = weight.shape();
        return s[1] * params.groups() + "->" + s[0] + ", k=" + s[2] + ", stride=" + params.strideH() + ", pad="
                + params.padH() + (params.groups() > 1 ? ", groups=" + params.groups() : "") + ", bias=" + (bias != null);
    }
}
