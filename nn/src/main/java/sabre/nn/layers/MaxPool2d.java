package sabre.nn.layers;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.Pool2dParams;

/**
 * 2-D max pooling over NCHW inputs; the gradient goes to each window's maximum.
 *
 * <pre>{@code Module pool = new MaxPool2d(2); // 2×2 windows, stride 2}</pre>
 */
public final class MaxPool2d extends Module {
    private final Pool2dParams params;

    /** Any geometry: kernel, stride, padding, dilation, ceil mode. */
    public MaxPool2d(Pool2dParams params) {
        this.params = params;
    }

    /** Square {@code kernel} with stride equal to the kernel (PyTorch's default), no padding. */
    public MaxPool2d(int kernel) {
        this(Pool2dParams.of(kernel, kernel, 0));
    }

    @Override
    public Var forward(Var x) {
        return F.maxPool2d(x, params);
    }

    @Override
    protected String describe() {
        return geometry(params) + (params.dilationH() > 1 || params.dilationW() > 1
                ? ", dilation=" + params.dilationH() + "x" + params.dilationW() : "");
    }

    /** Kernel, stride, padding and ceil mode of a pooling layer, for {@link #describe()}. */
    static String geometry(Pool2dParams p) {
        return "k=" + p.kernelH() + "x" + p.kernelW() + ", stride=" + p.strideH() + "x" + p.strideW() + ", pad="
                + p.padH() + "x" + p.padW() + (p.ceilMode() ? ", ceil_mode" : "");
    }
}
