package sabre.nn.layers;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.Check;
import sabre.tensor.Pool2dParams;

/**
 * 2-D average pooling over NCHW inputs, as PyTorch's {@code AvgPool2d}: with {@code countIncludePad} the divisor
 * counts the zero padding inside each window, otherwise only the input cells; ceil mode comes from the
 * {@link Pool2dParams}. No dilation.
 *
 * <pre>{@code Module pool = new AvgPool2d(new Pool2dParams(3, 3, 2, 2, 1, 1, 1, 1, true), false);}</pre>
 */
public final class AvgPool2d extends Module {
    private final Pool2dParams params;
    private final boolean countIncludePad;

    public AvgPool2d(Pool2dParams params, boolean countIncludePad) {
        Check.arg(params.dilationH() == 1 && params.dilationW() == 1, "AvgPool2d",
                "dilation (%d, %d) is not supported", params.dilationH(), params.dilationW());
        this.params = params;
        this.countIncludePad = countIncludePad;
    }

    /** Square {@code kernel} with stride equal to the kernel, no padding (PyTorch's defaults). */
    public AvgPool2d(int kernel) {
        this(Pool2dParams.of(kernel, kernel, 0), true);
    }

    @Override
    public Var forward(Var x) {
        return F.avgPool2d(x, params, countIncludePad);
    }

    @Override
    protected String describe() {
        return MaxPool2d.geometry(params) + ", count_include_pad=" + countIncludePad;
    }
}
