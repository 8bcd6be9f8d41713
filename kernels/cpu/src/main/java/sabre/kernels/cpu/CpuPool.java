package sabre.kernels.cpu;

import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;
import sabre.tensor.host.HostStorage;
import sabre.tensor.ref.RefPool;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.PoolOps;

/**
 * FLOAT32 2-D pooling with the reference's semantics (see {@link RefPool}), (n, c) planes in parallel. Max pooling
 * and its backward are exact (same values, same indices, same accumulation order per plane); average pooling sums
 * each window in double and scales once, its backward spreads {@code g/divisor}. Global average pooling
 * ({@code outH = outW = 1}) sums each plane with {@link Host#sumRun}. FLOAT64 and dilated average pooling (which
 * the reference refuses) go to the reference.
 */
final class CpuPool implements PoolOps {
    private final Backend backend;
    private final RefPool ref;

    CpuPool(Backend backend) {
        this.backend = backend;
        this.ref = new RefPool(backend);
    }

    @Override
    public ValuesIndices maxPool2d(Tensor input, Pool2dParams p) {
        if (!Host.isF32(input)) {
            return ref.maxPool2d(input, p);
        }
        int[] s = input.shape();
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        int oh = p.outH(h);
        int ow = p.outW(w);
        float[] x = Host.dense(input);
        float[] y = new float[planes * oh * ow];
        int[] idx = new int[y.length];
        int kh = p.kernelH();
        int kw = p.kernelW();
        Parallel.range(planes, (long) oh * ow * kh * kw, 1 << 14, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                maxPlane(x, pl * h * w, h, w, y, idx, pl * oh * ow, oh, ow, kh, kw, p.strideH(), p.strideW(),
                        p.padH(), p.padW(), p.dilationH(), p.dilationW());
            }
        });
        int[] outShape = {s[0], s[1], oh, ow};
        return new ValuesIndices(Host.wrap(backend, y, outShape),
                Tensor.wrap(new HostStorage.I32(backend, idx), outShape));
    }

    /** Max pooling of one plane: values into {@code y[yb..]}, first-maximum positions into {@code idx[yb..]}. */
    private static void maxPlane(float[] x, int xb, int h, int w, float[] y, int[] idx, int yb, int oh, int ow,
                                 int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        for (int r = 0; r < oh; r++) {
            int ih0 = r * sh - ph;
            int iLo = ih0 >= 0 ? 0 : (-ih0 + dh - 1) / dh; // window rows inside the input: [iLo, iHi)
            int iHi = ih0 >= h ? 0 : Math.min(kh, (h - 1 - ih0) / dh + 1);
            for (int q = 0; q < ow; q++) {
                int iw0 = q * sw - pw;
                int jLo = iw0 >= 0 ? 0 : (-iw0 + dw - 1) / dw;
                int jHi = iw0 >= w ? 0 : Math.min(kw, (w - 1 - iw0) / dw + 1);
                if (iLo >= iHi || jLo >= jHi) {
                    throw new IllegalArgumentException(String.format(
                            "max_pool2d: window (%d, %d) lies entirely in the padding", r, q));
                }
                // row-major window order; the first strict maximum wins, the first NaN beats everything after it
                int bestAt = (ih0 + iLo * dh) * w + iw0 + jLo * dw;
                float best = x[xb + bestAt];
                for (int i = iLo; i < iHi; i++) {
                    int rowAt = (ih0 + i * dh) * w + iw0;
                    for (int j = jLo; j < jHi; j++) {
                        int at = rowAt + j * dw;
                        float v = x[xb + at];
                        // branch-free (random data would mispredict): int cmov for the index, max for the value
                        boolean take = (v > best) | ((v != v) & (best == best));
                        bestAt = take ? at : bestAt;
                        best = Math.max(best, v); // equals the taken value (up to the sign of a zero)
                    }
                }
                y[yb + r * ow + q] = best;
                idx[yb + r * ow + q] = bestAt;
            }
        }
    }

    @Override
    public Tensor maxPool2dBackward(Tensor gradOutput, Tensor indices, int[] inputShape) {
        if (!Host.isF32(gradOutput)) {
            return ref.maxPool2dBackward(gradOutput, indices, inputShape);
        }
        int plane = inputShape[2] * inputShape[3];
        int outPlane = gradOutput.shape(2) * gradOutput.shape(3);
        int planes = inputShape[0] * inputShape[1];
        float[] g = Host.dense(gradOutput);
        int[] idx = indices.toIntArray();
        for (int k = 0; k < idx.length; k++) {
            if (idx[k] < 0 || idx[k] >= plane) {
                throw new IllegalArgumentException("max_pool2d_backward: index " + idx[k] + " out of range [0, "
                        + plane + ") along axis 2");
            }
        }
        float[] dx = new float[planes * plane];
        Parallel.range(planes, outPlane, 1 << 14, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                for (int k = pl * outPlane; k < (pl + 1) * outPlane; k++) {
                    dx[pl * plane + idx[k]] += g[k]; // dx[n, c, idx] += g[n, c, oh, ow]
                }
            }
        });
        return Host.wrap(backend, dx, inputShape);
    }

    /** Clipped window of average pooling, exactly as {@link RefPool}: rows [h0,h1), cols [w0,w1), divisor. */
    private static int[] avgWindow(int r, int q, int h, int w, Pool2dParams p, boolean countIncludePad) {
        int hs = r * p.strideH() - p.padH();
        int ws = q * p.strideW() - p.padW();
        int he = Math.min(hs + p.kernelH(), h + p.padH());
        int we = Math.min(ws + p.kernelW(), w + p.padW());
        int padded = (he - hs) * (we - ws);
        int h0 = Math.max(hs, 0);
        int w0 = Math.max(ws, 0);
        int h1 = Math.min(he, h);
        int w1 = Math.min(we, w);
        return new int[] {h0, h1, w0, w1, countIncludePad ? padded : (h1 - h0) * (w1 - w0)};
    }

    /** The window bounds and divisor of every output cell of an h×w plane, in row-major output order. */
    private static int[][] avgWindows(int h, int w, Pool2dParams p, boolean countIncludePad) {
        int oh = p.outH(h);
        int ow = p.outW(w);
        int[][] win = new int[oh * ow][];
        for (int r = 0; r < oh; r++) {
            for (int q = 0; q < ow; q++) {
                win[r * ow + q] = avgWindow(r, q, h, w, p, countIncludePad);
            }
        }
        return win;
    }

    @Override
    public Tensor avgPool2d(Tensor input, Pool2dParams p, boolean countIncludePad) {
        if (!Host.isF32(input) || p.dilationH() != 1 || p.dilationW() != 1) {
            return ref.avgPool2d(input, p, countIncludePad);
        }
        int[] s = input.shape();
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        int oh = p.outH(h);
        int ow = p.outW(w);
        float[] x = Host.dense(input);
        float[] y = new float[planes * oh * ow];
        int[][] win = avgWindows(h, w, p, countIncludePad);
        Parallel.range(planes, (long) oh * ow * p.kernelH() * p.kernelW(), 1 << 14, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                int xb = pl * h * w;
                for (int o = 0; o < oh * ow; o++) {
                    int[] wd = win[o];
                    double acc = 0;
                    for (int ih = wd[0]; ih < wd[1]; ih++) {
                        for (int iw = wd[2]; iw < wd[3]; iw++) {
                            acc += x[xb + ih * w + iw];
                        }
                    }
                    y[pl * oh * ow + o] = (float) (acc * (1.0 / wd[4]));
                }
            }
        });
        return Host.wrap(backend, y, new int[] {s[0], s[1], oh, ow});
    }

    @Override
    public Tensor avgPool2dBackward(Tensor gradOutput, int[] inputShape, Pool2dParams p, boolean countIncludePad) {
        if (!Host.isF32(gradOutput) || p.dilationH() != 1 || p.dilationW() != 1) {
            return ref.avgPool2dBackward(gradOutput, inputShape, p, countIncludePad);
        }
        int planes = inputShape[0] * inputShape[1];
        int h = inputShape[2];
        int w = inputShape[3];
        int oh = p.outH(h);
        int ow = p.outW(w);
        float[] g = Host.dense(gradOutput);
        float[] dx = new float[planes * h * w];
        int[][] win = avgWindows(h, w, p, countIncludePad);
        Parallel.range(planes, (long) oh * ow * p.kernelH() * p.kernelW(), 1 << 14, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                int xb = pl * h * w;
                for (int o = 0; o < oh * ow; o++) {
                    int[] wd = win[o];
                    float v = (float) (g[pl * oh * ow + o] * (1.0 / wd[4]));
                    for (int ih = wd[0]; ih < wd[1]; ih++) {
                        for (int iw = wd[2]; iw < wd[3]; iw++) {
                            dx[xb + ih * w + iw] += v;
                        }
                    }
                }
            }
        });
        return Host.wrap(backend, dx, inputShape);
    }

    private static int start(int i, int in, int out) {
        return i * in / out;
    }

    private static int end(int i, int in, int out) {
        return ((i + 1) * in + out - 1) / out;
    }

    @Override
    public Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        if (!Host.isF32(input)) {
            return ref.adaptiveAvgPool2d(input, outH, outW);
        }
        int[] s = input.shape();
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        float[] x = Host.dense(input);
        float[] y = new float[planes * outH * outW];
        boolean global = outH == 1 && outW == 1;
        Parallel.range(planes, (long) h * w, 1 << 14, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                int xb = pl * h * w;
                if (global) {
                    y[pl] = (float) (Host.sumRun(x, xb, h * w) * (1.0 / (h * w)));
                    continue;
                }
                for (int r = 0; r < outH; r++) {
                    int h0 = start(r, h, outH);
                    int h1 = end(r, h, outH);
                    for (int q = 0; q < outW; q++) {
                        int w0 = start(q, w, outW);
                        int w1 = end(q, w, outW);
                        double acc = 0;
                        for (int ih = h0; ih < h1; ih++) {
                            for (int iw = w0; iw < w1; iw++) {
                                acc += x[xb + ih * w + iw];
                            }
                        }
                        y[(pl * outH + r) * outW + q] = (float) (acc * (1.0 / ((h1 - h0) * (w1 - w0))));
                    }
                }
            }
        });
        return Host.wrap(backend, y, new int[] {s[0], s[1], outH, outW});
    }

    @Override
    public Tensor adaptiveAvgPool2dBackward(Tensor gradOutput, int[] inputShape) {
        if (!Host.isF32(gradOutput)) {
            return ref.adaptiveAvgPool2dBackward(gradOutput, inputShape);
        }
        int planes = inputShape[0] * inputShape[1];
        int h = inputShape[2];
        int w = inputShape[3];
        int outH = gradOutput.shape(2);
        int outW = gradOutput.shape(3);
        float[] g = Host.dense(gradOutput);
        float[] dx = new float[planes * h * w];
        Parallel.range(planes, (long) h * w, 1 << 14, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                int xb = pl * h * w;
                for (int r = 0; r < outH; r++) {
                    int h0 = start(r, h, outH);
                    int h1 = end(r, h, outH);
                    for (int q = 0; q < outW; q++) {
                        int w0 = start(q, w, outW);
                        int w1 = end(q, w, outW);
                        float v = (float) (g[(pl * outH + r) * outW + q] * (1.0 / ((h1 - h0) * (w1 - w0))));
                        for (int ih = h0; ih < h1; ih++) {
                            for (int iw = w0; iw < w1; iw++) {
                                dx[xb + ih * w + iw] += v;
                            }
                        }
                    }
                }
            }
        });
        return Host.wrap(backend, dx, inputShape);
    }
}
