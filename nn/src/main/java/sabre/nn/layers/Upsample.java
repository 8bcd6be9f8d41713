package sabre.nn.layers;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.Check;

/**
 * Resizes NCHW inputs to a fixed size or by an integer scale factor, as PyTorch's {@code Upsample}: nearest
 * (source index {@code floor(dst·in/out)}) or bilinear, whose {@code alignCorners} maps corner pixel centres onto
 * each other ({@code src = dst·(in−1)/(out−1)}) or, when false, pixel areas ({@code src = (dst+½)·in/out − ½}).
 *
 * <pre>{@code Module up = Upsample.byScale(2, Upsample.Mode.BILINEAR, false);}</pre>
 */
public final class Upsample extends Module {
    /** The interpolation. */
    public enum Mode { NEAREST, BILINEAR }

    private final Mode mode;
    private final boolean alignCorners;
    /** Fixed output size, or 0 when resizing by {@link #scale}. */
    private final int outH;
    private final int outW;
    private final int scale;

    private Upsample(Mode mode, int outH, int outW, int scale, boolean alignCorners) {
        Check.arg(mode != null, "Upsample", "a mode is required");
        Check.arg(mode != Mode.NEAREST || !alignCorners, "Upsample", "align_corners only applies to bilinear mode");
        this.mode = mode;
        this.outH = outH;
        this.outW = outW;
        this.scale = scale;
        this.alignCorners = alignCorners;
    }

    /** Resizes to {@code outH × outW}; {@code alignCorners} must be false for nearest. */
    public static Upsample toSize(int outH, int outW, Mode mode, boolean alignCorners) {
        Check.positive("Upsample", "output size", outH, outW);
        return new Upsample(mode, outH, outW, 0, alignCorners);
    }

    /** Multiplies height and width by {@code factor}; {@code alignCorners} must be false for nearest. */
    public static Upsample byScale(int factor, Mode mode, boolean alignCorners) {
        Check.positive("Upsample", "scale factor", factor);
        return new Upsample(mode, 0, 0, factor, alignCorners);
    }

    @Override
    public Var forward(Var x) {
        int[] s = x.shape();
        Check.arg(s.length == 4, "Upsample", "expected an NCHW input, found shape %s", java.util.Arrays.toString(s));
        int h = scale > 0 ? s[2] * scale : outH;
        int w = scale > 0 ? s[3] * scale : outW;
        return mode == Mode.NEAREST ? F.upsampleNearest(x, h, w) : F.upsampleBilinear(x, h, w, alignCorners);
    }

    @Override
    protected String describe() {
        return (scale > 0 ? "scale_factor=" + scale : "size=" + outH + "x" + outW) + ", mode="
                + mode.name().toLowerCase(java.util.Locale.ROOT) + (mode == Mode.BILINEAR ? ", align_corners="
                + alignCorners : "");
    }
}
