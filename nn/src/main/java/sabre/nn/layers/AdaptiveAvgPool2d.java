package sabre.nn.layers;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.Check;

/**
 * Average pooling of NCHW inputs to a fixed {@code outH × outW}: output row i averages input rows
 * {@code [floor(i·H/outH), ceil((i+1)·H/outH))}, likewise columns.
 *
 * <pre>{@code Module gap = new AdaptiveAvgPool2d(1); // global average pooling}</pre>
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH;
    private final int outW;

    public AdaptiveAvgPool2d(int outH, int outW) {
        Check.positive("AdaptiveAvgPool2d", "output size", outH, outW);
        this.outH = outH;
        this.outW = outW;
    }

    /** A square {@code size × size} output. */
    public AdaptiveAvgPool2d(int size) {
        this(size, size);
    }

    @Override
    public Var forward(Var x) {
        return F.adaptiveAvgPool2d(x, outH, outW);
    }

    @Override
    protected String describe() {
        return "output=" + outH + "x" + outW;
    }
}
