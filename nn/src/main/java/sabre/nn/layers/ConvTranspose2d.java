package sabre.nn.layers;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Init;
import sabre.nn.Module;
import sabre.tensor.Check;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Generator;

/**
 * 2-D transposed convolution (the adjoint of {@link Conv2d}) with weight [in, out/groups, k, k] and PyTorch's default
 * initialisation. Output size {@code (in−1)·stride − 2·pad + dil·(k−1) + outputPadding + 1}. PyTorch computes the
 * fan-in of this weight from its dim 1, so weight and bias are U(±1/√fan_in) with {@code fan_in = out/groups·k·k}.
 *
 * <pre>{@code ConvTranspose2d up = new ConvTranspose2d(64, 32, 2, Conv2dParams.of(2, 0), 0, true, gen); // ×2}</pre>
 */
public final class ConvTranspose2d extends Module {
    private final Var weight;
    private final Var bias;
    private final Conv2dParams params;
    private final int outputPadding;

    /**
     * Square kernel {@code k} with the given geometry (stride, padding, dilation, groups) and output padding, which
     * must be smaller than the stride or the dilation.
     */
    public ConvTranspose2d(int in, int out, int k, Conv2dParams params, int outputPadding, boolean bias,
                           Generator g) {
        Check.positive("ConvTranspose2d", "channels and kernel size", in, out, k);
        Check.arg(in % params.groups() == 0 && out % params.groups() == 0, "ConvTranspose2d",
                "channels %d -> %d not divisible by groups %d", in, out, params.groups());
        Check.arg(outputPadding >= 0 && (outputPadding < params.strideH() || outputPadding < params.dilationH())
                        && (outputPadding < params.strideW() || outputPadding < params.dilationW()),
                "ConvTranspose2d", "output padding %d must be non-negative and smaller than stride (%d, %d) or "
                        + "dilation (%d, %d)", outputPadding, params.strideH(), params.strideW(), params.dilationH(),
                params.dilationW());
        this.params = params;
        this.outputPadding = outputPadding;
        int outPerGroup = out / params.groups();
        weight = registerParameter("weight", Init.kaimingUniformDefault(g, DType.FLOAT32, in, outPerGroup, k, k));
        this.bias = bias ? registerParameter("bias", Init.fanInUniform(g, DType.FLOAT32, outPerGroup * k * k, out))
                : null;
    }

    /** Square kernel {@code k}, stride and padding; no output padding, dilation 1, one group. */
    public ConvTranspose2d(int in, int out, int k, int stride, int padding, boolean bias, Generator g) {
        this(in, out, k, Conv2dParams.of(stride, padding), 0, bias, g);
    }

    public Var weight() {
        return weight;
    }

    public Conv2dParams params() {
        return params;
    }

    @Override
    public Var forward(Var x) {
        return F.convTranspose2d(x, weight, bias, params, outputPadding, outputPadding);
    }

    @Override
    protected String describe() {
        int[] s = weight.shape();
        return s[0] + "->" + s[1] * params.groups() + ", k=" + s[2] + ", stride=" + params.strideH() + ", pad="
                + params.padH() + (outputPadding > 0 ? ", output_padding=" + outputPadding : "")
                + (params.dilationH() > 1 ? ", dilation=" + params.dilationH() : "")
                + (params.groups() > 1 ? ", groups=" + params.groups() : "") + ", bias=" + (bias != null);
    }
}
