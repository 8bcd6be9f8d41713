package sabre.kernels.device;

import sabre.tensor.PadMode;

/**
 * The one-axis {@link Taps} of each separable op, with the reference backend's (PyTorch's) index conventions. A
 * 2-D op is the product of its H and W maps: e.g. avg pooling's divisor is the product of the two axes' divisors.
 *
 * <pre>{@code Taps h = TapRules.avgPool(7, 4, 3, 2, 1, true);}</pre>
 */
final class TapRules {
    private TapRules() {
    }

    /**
     * Average pooling along one axis: window {@code [r·s − p, min(r·s − p + k, in + p))} clipped to {@code [0, in)};
     * divisor the window length with padding ({@code countIncludePad}) or without.
     */
    static Taps avgPool(int in, int out, int k, int s, int p, boolean countIncludePad) {
        return Taps.build(in, out, (r, sink) -> {
            int hs = r * s - p;
            int he = Math.min(hs + k, in + p);
            int lo = Math.max(hs, 0);
            int hi = Math.min(he, in);
            double weight = 1.0 / (countIncludePad ? he - hs : hi - lo);
            for (int i = lo; i < hi; i++) {
                sink.tap(i, weight);
            }
        });
    }

    /** Adaptive average pooling: window {@code [floor(r·in/out), ceil((r+1)·in/out))}, weight 1/length. */
    static Taps adaptive(int in, int out) {
        return Taps.build(in, out, (r, sink) -> {
            int lo = r * in / out;
            int hi = ((r + 1) * in + out - 1) / out;
            for (int i = lo; i < hi; i++) {
                sink.tap(i, 1.0 / (hi - lo));
            }
        });
    }

    /** Nearest resizing: source {@code min(floor(dst · (float) in/out), in − 1)}, computed in float as PyTorch. */
    static Taps nearest(int in, int out) {
        float scale = (float) in / out;
        return Taps.build(in, out, (dst, sink) -> sink.tap(Math.min((int) Math.floor(dst * scale), in - 1), 1));
    }

    /**
     * Bilinear resizing: source coordinate {@code dst·(in−1)/(out−1)} (align corners) or
     * {@code max(0, (dst + ½)·in/out − ½)}; taps {@code lo = floor(src)} with {@code 1 − f} and
     * {@code hi = min(lo + 1, in − 1)} with {@code f = src − lo}.
     */
    static Taps bilinear(int in, int out, boolean alignCorners) {
        double scale = alignCorners ? (out > 1 ? (double) (in - 1) / (out - 1) : 0) : (double) in / out;
        return Taps.build(in, out, (dst, sink) -> {
            double src = alignCorners ? dst * scale : Math.max(0, (dst + 0.5) * scale - 0.5);
            int lo = (int) src;
            double f = src - lo;
            sink.tap(lo, 1 - f);
            sink.tap(Math.min(lo + 1, in - 1), f);
        });
    }

    /**
     * Padding one axis by {@code before} cells: output j reads {@code j − before}, mirrored about the edge (reflect),
     * clamped (replicate), or nothing (constant: the kernel writes the fill value).
     */
    static Taps pad(int in, int out, int before, PadMode mode) {
        return Taps.build(in, out, (j, sink) -> {
            int i = j - before;
            if (i < 0 || i >= in) {
                switch (mode) {
                    case CONSTANT -> i = -1;
                    case REFLECT -> i = i < 0 ? -i : 2 * (in - 1) - i;
                    case REPLICATE -> i = i < 0 ? 0 : in - 1;
                }
            }
            if (i >= 0) {
                sink.tap(i, 1);
            }
        });
    }
}
