package sabre.nn.models;

import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.ConvTranspose2d;
import sabre.nn.layers.MaxPool2d;
import sabre.nn.layers.ReLU;
import sabre.nn.layers.Upsample;
import sabre.tensor.Check;
import sabre.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * A U-Net whose output has its input's shape [N, C, H, W] (AutoAdversary's mask-logit encoder). Level i has width
 * {@code base·2^i}. Every block is a double conv (conv3×3-BN-ReLU twice): {@code inc} at full resolution, then
 * {@code down1…down<depth>} each halve the size by 2×2 max pooling; on the way up {@code up1…up<depth>} double it
 * (ConvTranspose2d(k 2, stride 2) to the next width, or bilinear ×2 with aligned corners keeping the width), the
 * result is concatenated after the skip connection of the same level on axis 1 and {@code dec1…dec<depth>} merge
 * them; {@code outc}, a 1×1 conv, maps back to C channels. H and W must be divisible by {@code 2^depth}.
 *
 * <pre>{@code Var z = new UNetEncoder(3, 16, 3, gen).forward(delta); // z has delta's shape}</pre>
 */
public final class UNetEncoder extends Module {
    /** How the decoder doubles the resolution. */
    public enum UpMode { TRANSPOSED_CONV, BILINEAR }

    private final int channels;
    private final int depth;
    private final Module inc;
    private final List<Module> downs = new ArrayList<>();
    private final List<Module> ups = new ArrayList<>();
    private final List<Module> decs = new ArrayList<>();
    private final Module outc;

    /** {@code channels} in and out, first-level width {@code base}, {@code depth} poolings, the given upsampling. */
    public UNetEncoder(int channels, int base, int depth, UpMode upMode, Generator g) {
        Check.positive("UNetEncoder", "channels, base width and depth", channels, base, depth);
        Check.arg(depth < 31 && ((long) base << depth) <= Integer.MAX_VALUE / 2, "UNetEncoder",
                "base width %d and depth %d give too many channels", base, depth);
        Check.arg(upMode != null, "UNetEncoder", "an upsampling mode is required");
        this.channels = channels;
        this.depth = depth;
        inc = registerModule("inc", doubleConv(channels, base, g));
        for (int i = 1; i <= depth; i++) {
            downs.add(registerModule("down" + i, new Sequential().add(new MaxPool2d(2))
                    .add(doubleConv(base << (i - 1), base << i, g))));
        }
        for (int i = depth; i >= 1; i--) {
            int below = base << i;
            int width = base << (i - 1);
            int k = depth - i + 1;
            boolean transposed = upMode == UpMode.TRANSPOSED_CONV;
            ups.add(registerModule("up" + k, transposed ? new ConvTranspose2d(below, width, 2, 2, 0, true, g)
                    : Upsample.byScale(2, Upsample.Mode.BILINEAR, true)));
            decs.add(registerModule("dec" + k, doubleConv(width + (transposed ? width : below), width, g)));
        }
        outc = registerModule("outc", new Conv2d(base, channels, 1, 1, 0, true, g));
    }

    /** With transposed-convolution upsampling. */
    public UNetEncoder(int channels, int base, int depth, Generator g) {
        this(channels, base, depth, UpMode.TRANSPOSED_CONV, g);
    }

    /** conv3×3-BN-ReLU-conv3×3-BN-ReLU; the convolutions have no bias (batch norm removes it). */
    private static Sequential doubleConv(int in, int out, Generator g) {
        return new Sequential()
                .add(new Conv2d(in, out, 3, 1, 1, false, g)).add(BatchNorm.of2d(out)).add(new ReLU())
                .add(new Conv2d(out, out, 3, 1, 1, false, g)).add(BatchNorm.of2d(out)).add(new ReLU());
    }

    /** Logits with the shape of {@code x} [N, C, H, W]. */
    @Override
    public Var forward(Var x) {
        int[] s = x.shape();
        int multiple = 1 << depth;
        Check.arg(s.length == 4 && s[1] == channels, "UNetEncoder", "expected input [N, %d, H, W], found %s",
                channels, java.util.Arrays.toString(s));
        Check.arg(s[2] % multiple == 0 && s[3] % multiple == 0 && s[2] > 0 && s[3] > 0, "UNetEncoder",
                "input %s: height and width must be positive multiples of 2^depth = %d", java.util.Arrays.toString(s),
                multiple);
        List<Var> skips = new ArrayList<>();
        Var h = inc.forward(x);
        for (Module down : downs) {
            skips.add(h);
            h = down.forward(h);
        }
        for (int k = 0; k < depth; k++) {
            Var up = ups.get(k).forward(h);
            h = decs.get(k).forward(Var.cat(List.of(skips.get(depth - 1 - k), up), 1));
        }
        return outc.forward(h);
    }

    @Override
    protected String describe() {
        return "channels=" + channels + ", depth=" + depth;
    }
}
