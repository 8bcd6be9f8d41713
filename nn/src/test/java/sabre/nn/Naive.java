package sabre.nn;

import sabre.tensor.Tensor;

/**
 * Independent loop implementations of the layers' definitions (PyTorch's formulas written out directly, sharing
 * nothing with the backends), on contiguous NCHW FLOAT64 data.
 *
 * <pre>{@code Tensor expected = Naive.maxPool2d(x, 3, 2, 1, 1, true);}</pre>
 */
final class Naive {
    private Naive() {
    }

    /** Output size of a pooling window sweep, PyTorch's formula (ceil mode drops a window starting in the right pad). */
    static int poolOut(int in, int k, int s, int p, int d, boolean ceil) {
        int span = in + 2 * p - d * (k - 1) - 1;
        int out = (ceil ? (span + s - 1) / s : span / s) + 1;
        return ceil && (out - 1) * s >= in + p ? out - 1 : out;
    }

    /** Transposed convolution as a scatter: x[n, ci, i, j]·w[ci, co, a, b] lands at (i·s − p + a·d, j·s − p + b·d). */
    static Tensor convTranspose2d(Tensor xt, Tensor wt, Tensor bt, int s, int p, int d, int groups, int outPad) {
        int[] xs = xt.shape();
        int[] ws = wt.shape();
        double[] x = xt.toDoubleArray();
        double[] w = wt.toDoubleArray();
        int n = xs[0];
        int cin = xs[1];
        int h = xs[2];
        int wd = xs[3];
        int perGroupIn = cin / groups;
        int perGroupOut = ws[1];
        int cout = perGroupOut * groups;
        int k = ws[2];
        int oh = (h - 1) * s - 2 * p + d * (k - 1) + outPad + 1;
        int ow = (wd - 1) * s - 2 * p + d * (k - 1) + outPad + 1;
        double[] out = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int ci = 0; ci < cin; ci++) {
                int g = ci / perGroupIn;
                for (int co = 0; co < perGroupOut; co++) {
                    int o = g * perGroupOut + co;
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < wd; j++) {
                            double v = x[((b * cin + ci) * h + i) * wd + j];
                            for (int ki = 0; ki < k; ki++) {
                                for (int kj = 0; kj < k; kj++) {
                                    int r = i * s - p + ki * d;
                                    int c = j * s - p + kj * d;
                                    if (r >= 0 && r < oh && c >= 0 && c < ow) {
                                        out[((b * cout + o) * oh + r) * ow + c] += v * w[((ci * perGroupOut + co) * k
                                                + ki) * k + kj];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if (bt != null) {
            double[] bias = bt.toDoubleArray();
            for (int i = 0; i < out.length; i++) {
                out[i] += bias[(i / (oh * ow)) % cout];
            }
        }
        return Tensor.of(out, n, cout, oh, ow);
    }

    /** Max over each dilated window; padding never wins. */
    static Tensor maxPool2d(Tensor xt, int k, int s, int p, int d, boolean ceil) {
        int[] xs = xt.shape();
        double[] x = xt.toDoubleArray();
        int h = xs[2];
        int w = xs[3];
        int oh = poolOut(h, k, s, p, d, ceil);
        int ow = poolOut(w, k, s, p, d, ceil);
        int planes = xs[0] * xs[1];
        double[] out = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            int y = r * s - p + i * d;
                            int z = c * s - p + j * d;
                            if (y >= 0 && y < h && z >= 0 && z < w) {
                                m = Math.max(m, x[(pl * h + y) * w + z]);
                            }
                        }
                    }
                    out[(pl * oh + r) * ow + c] = m;
                }
            }
        }
        return Tensor.of(out, xs[0], xs[1], oh, ow);
    }

    /**
     * PyTorch's avg_pool2d: the window [r·s − p, r·s − p + k) is cut at in + p for the padded count, then at the
     * input for the sum (and the divisor without {@code countIncludePad}).
     */
    static Tensor avgPool2d(Tensor xt, int k, int s, int p, boolean ceil, boolean countIncludePad) {
        int[] xs = xt.shape();
        double[] x = xt.toDoubleArray();
        int h = xs[2];
        int w = xs[3];
        int oh = poolOut(h, k, s, p, 1, ceil);
        int ow = poolOut(w, k, s, p, 1, ceil);
        int planes = xs[0] * xs[1];
        double[] out = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    int h0 = r * s - p;
                    int w0 = c * s - p;
                    int h1 = Math.min(h0 + k, h + p);
                    int w1 = Math.min(w0 + k, w + p);
                    int padded = (h1 - h0) * (w1 - w0);
                    h0 = Math.max(h0, 0);
                    w0 = Math.max(w0, 0);
                    h1 = Math.min(h1, h);
                    w1 = Math.min(w1, w);
                    double sum = 0;
                    for (int y = h0; y < h1; y++) {
                        for (int z = w0; z < w1; z++) {
                            sum += x[(pl * h + y) * w + z];
                        }
                    }
                    out[(pl * oh + r) * ow + c] = sum / (countIncludePad ? padded : (h1 - h0) * (w1 - w0));
                }
            }
        }
        return Tensor.of(out, xs[0], xs[1], oh, ow);
    }

    /** Output cell (r, c) averages rows [⌊r·H/oh⌋, ⌈(r+1)·H/oh⌉) and the same for columns. */
    static Tensor adaptiveAvgPool2d(Tensor xt, int oh, int ow) {
        int[] xs = xt.shape();
        double[] x = xt.toDoubleArray();
        int h = xs[2];
        int w = xs[3];
        int planes = xs[0] * xs[1];
        double[] out = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    int h0 = r * h / oh;
                    int h1 = ((r + 1) * h + oh - 1) / oh;
                    int w0 = c * w / ow;
                    int w1 = ((c + 1) * w + ow - 1) / ow;
                    double sum = 0;
                    for (int y = h0; y < h1; y++) {
                        for (int z = w0; z < w1; z++) {
                            sum += x[(pl * h + y) * w + z];
                        }
                    }
                    out[(pl * oh + r) * ow + c] = sum / ((h1 - h0) * (w1 - w0));
                }
            }
        }
        return Tensor.of(out, xs[0], xs[1], oh, ow);
    }

    /** Nearest resize: output (r, c) copies input (⌊r·H/oh⌋, ⌊c·W/ow⌋). */
    static Tensor upsampleNearest(Tensor xt, int oh, int ow) {
        int[] xs = xt.shape();
        double[] x = xt.toDoubleArray();
        int h = xs[2];
        int w = xs[3];
        int planes = xs[0] * xs[1];
        double[] out = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    out[(pl * oh + r) * ow + c] = x[(pl * h + r * h / oh) * w + c * w / ow];
                }
            }
        }
        return Tensor.of(out, xs[0], xs[1], oh, ow);
    }

    /** Bilinear resize with PyTorch's source coordinates (aligned corners or half-pixel centres clamped at 0). */
    static Tensor upsampleBilinear(Tensor xt, int oh, int ow, boolean alignCorners) {
        int[] xs = xt.shape();
        double[] x = xt.toDoubleArray();
        int h = xs[2];
        int w = xs[3];
        int planes = xs[0] * xs[1];
        double[] out = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < oh; r++) {
                double sy = source(r, h, oh, alignCorners);
                int y0 = (int) sy;
                int y1 = Math.min(y0 + 1, h - 1);
                double ly = sy - y0;
                for (int c = 0; c < ow; c++) {
                    double sx = source(c, w, ow, alignCorners);
                    int x0 = (int) sx;
                    int x1 = Math.min(x0 + 1, w - 1);
                    double lx = sx - x0;
                    int base = pl * h * w;
                    out[(pl * oh + r) * ow + c] = (1 - ly) * ((1 - lx) * x[base + y0 * w + x0] + lx * x[base + y0 * w + x1])
                            + ly * ((1 - lx) * x[base + y1 * w + x0] + lx * x[base + y1 * w + x1]);
                }
            }
        }
        return Tensor.of(out, xs[0], xs[1], oh, ow);
    }

    private static double source(int dst, int in, int out, boolean alignCorners) {
        if (alignCorners) {
            return out > 1 ? dst * (in - 1.0) / (out - 1) : 0;
        }
        return Math.max(0, (dst + 0.5) * in / out - 0.5);
    }
}
