package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.tensor.Generator;
import sabre.tensor.PadMode;

import java.util.List;

/**
 * The widening shortcut of Shake-Shake (owruby/shake-shake_pytorch {@code Shortcut}), children {@code conv1, conv2,
 * bn}: with {@code h = relu(x)} subsampled by the stride ({@code avg_pool2d(·, 1, stride)}),
 * {@code bn(cat(conv1(h[::s, ::s]), conv2(shift(h)[::s, ::s])))}, where {@code shift(h) = pad(h, (−1, 1, −1, 1))}
 * drops the first row and column and appends a zero row and column. Each 1×1 convolution (no bias) gives half the
 * output channels.
 *
 * <pre>{@code Module sc = new ShakeShortcut(32, 64, 2, gen);}</pre>
 */
public final class ShakeShortcut extends Module {
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final BatchNorm bn;
    private final int stride;

    /** {@code in → out} channels ({@code out} even) at {@code stride}; parameters drawn from {@code g}. */
    public ShakeShortcut(int in, int out, int stride, Generator g) {
        conv1 = registerModule("conv1", new Conv2d(in, out / 2, 1, 1, 0, false, g));
        conv2 = registerModule("conv2", new Conv2d(in, out / 2, 1, 1, 0, false, g));
        bn = registerModule("bn", BatchNorm.of2d(out));
        this.stride = stride;
    }

    @Override
    public Var forward(Var x) {
        Var h = x.relu();
        int hh = h.shape()[2];
        int ww = h.shape()[3];
        Var shifted = h.slice(2, 1, hh, 1).slice(3, 1, ww, 1).pad(new int[] {0, 1, 0, 1}, PadMode.CONSTANT, 0);
        Var h1 = conv1.forward(subsample(h));
        Var h2 = conv2.forward(subsample(shifted));
        return bn.forward(Var.cat(List.of(h1, h2), 1));
    }

    private Var subsample(Var h) {
        return stride == 1 ? h : h.slice(2, 0, h.shape()[2], stride).slice(3, 0, h.shape()[3], stride);
    }

    @Override
    protected String describe() {
        return "stride=" + stride;
    }
}
