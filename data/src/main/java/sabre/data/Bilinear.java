package sabre.data;

/**
 * Bilinear resampling of CHW float planes with half-pixel centres ({@code align_corners=False}): output cell
 * {@code d} samples the input at {@code max(0, (d + 0.5)·in/out − 0.5)}, interpolating between the two nearest
 * cells (the last one repeats at the border). This is the same map as {@code Functional.upsampleBilinear(x, h, w,
 * false)} and PyTorch's {@code F.interpolate(mode="bilinear", antialias=False)}: no low-pass filter, so shrinking
 * by more than 2× skips pixels and can alias.
 */
final class Bilinear {
    private Bilinear() {
    }

    /** Resizes {@code channels} planes of {@code inH×inW} in {@code src} to {@code outH×outW}. */
    static float[] resize(float[] src, int channels, int inH, int inW, int outH, int outW) {
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        float[] wy = new float[outH];
        taps(inH, outH, y0, y1, wy);
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        float[] wx = new float[outW];
        taps(inW, outW, x0, x1, wx);
        float[] out = new float[channels * outH * outW];
        for (int c = 0; c < channels; c++) {
            int plane = c * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                int row0 = plane + y0[oy] * inW;
                int row1 = plane + y1[oy] * inW;
                float b = wy[oy];
                for (int ox = 0; ox < outW; ox++) {
                    float a = wx[ox];
                    float top = src[row0 + x0[ox]] * (1 - a) + src[row0 + x1[ox]] * a;
                    float bottom = src[row1 + x0[ox]] * (1 - a) + src[row1 + x1[ox]] * a;
                    out[(c * outH + oy) * outW + ox] = top * (1 - b) + bottom * b;
                }
            }
        }
        return out;
    }

    /** For each output cell: the lower and upper input cell and the upper one's weight. */
    private static void taps(int in, int out, int[] lo, int[] hi, float[] hiWeight) {
        double scale = (double) in / out;
        for (int d = 0; d < out; d++) {
            double src = Math.max(0, (d + 0.5) * scale - 0.5);
            lo[d] = Math.min((int) src, in - 1);
            hi[d] = Math.min(lo[d] + 1, in - 1);
            hiWeight[d] = (float) (src - lo[d]);
        }
    }
}
