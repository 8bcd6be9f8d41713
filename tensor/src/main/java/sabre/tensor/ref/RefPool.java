package sabre.tensor.ref;

import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.ValuesIndices;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.PoolOps;

/**
 * Reference 2-D pooling over NCHW tensors with PyTorch's semantics. Every (n, c) plane is pooled independently;
 * output cell {@code (oh, ow)} looks at input rows {@code oh·strideH − padH + i·dilationH} for {@code i < kernelH}
 * (likewise columns), and output sizes (including ceil mode) come from {@link Pool2dParams}.
 * <ul>
 *   <li>Max pooling treats padding as −∞; its index is {@code h·W + w} of the first maximum in row-major window
 *       order, and a NaN counts as larger than every number (so it propagates).</li>
 *   <li>Average pooling (no dilation, like {@code torch.nn.functional.avg_pool2d}) sums the in-bounds cells of the
 *       window clipped to {@code [−pad, in + pad)}; the divisor is that clipped window's area when
 *       {@code countIncludePad}, else the number of in-bounds cells.</li>
 *   <li>Adaptive average pooling averages rows {@code [floor(i·H/oh), ceil((i+1)·H/oh))} (likewise columns).</li>
 * </ul>
 * The average poolings are {@link LinearMap}s, so each backward is the exact adjoint of its forward.
 */
public final class RefPool extends RefKernel implements PoolOps {
    /** The reference implementation, allocating its results as host memory of {@code b}. */
    public RefPool(Backend b) {
        super(b);
    }

    @Override
    public ValuesIndices maxPool2d(Tensor input, Pool2dParams p) {
        int[] s = input.shape();
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        int oh = p.outH(h);
        int ow = p.outW(w);
        double[] x = read(input);
        double[] y = new double[planes * oh * ow];
        int[] idx = new int[y.length];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int bestAt = -1;
                    for (int i = 0; i < p.kernelH(); i++) {
                        int ih = r * p.strideH() - p.padH() + i * p.dilationH();
                        for (int j = 0; j < p.kernelW(); j++) {
                            int iw = q * p.strideW() - p.padW() + j * p.dilationW();
                            if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                                continue; // padding is −∞: never the maximum
                            }
                            double v = x[(pl * h + ih) * w + iw];
                            // first strict maximum wins; the first NaN beats everything after it
                            if (bestAt < 0 || v > best || (Double.isNaN(v) && !Double.isNaN(best))) {
                                best = v;
                                bestAt = ih * w + iw;
                            }
                        }
                    }
                    if (bestAt < 0) {
                        throw new IllegalArgumentException(String.format(
                                "max_pool2d: window (%d, %d) lies entirely in the padding", r, q));
                    }
                    y[(pl * oh + r) * ow + q] = best;
                    idx[(pl * oh + r) * ow + q] = bestAt;
                }
            }
        }
        int[] outShape = {s[0], s[1], oh, ow};
        return new ValuesIndices(make(y, outShape, input.dtype()), makeInts(idx, outShape));
    }

    @Override
    public Tensor maxPool2dBackward(Tensor gradOutput, Tensor indices, int[] inputShape) {
        int plane = inputShape[2] * inputShape[3];
        int outPlane = gradOutput.shape(2) * gradOutput.shape(3);
        double[] g = read(gradOutput);
        int[] idx = readInts(indices);
        double[] dx = new double[inputShape[0] * inputShape[1] * plane];
        for (int k = 0; k < g.length; k++) {
            checkIndex("max_pool2d_backward", idx[k], plane, 2);
            dx[k / outPlane * plane + idx[k]] += g[k]; // dx[n, c, idx] += g[n, c, oh, ow]
        }
        return make(dx, inputShape, gradOutput.dtype());
    }

    /**
     * The in-bounds rows {@code [h0, h1)} and columns {@code [w0, w1)} of average-pooling window (r, q) and its
     * divisor, exactly as PyTorch's avg_pool2d: the window is first clipped to the padded input
     * {@code [−pad, in + pad)}.
     */
    private record AvgWindow(int h0, int h1, int w0, int w1, int divisor) {
        static AvgWindow of(int r, int q, int h, int w, Pool2dParams p, boolean countIncludePad) {
            int hs = r * p.strideH() - p.padH();
            int ws = q * p.strideW() - p.padW();
            int he = Math.min(hs + p.kernelH(), h + p.padH());
            int we = Math.min(ws + p.kernelW(), w + p.padW());
            int padded = (he - hs) * (we - ws); // area including padding cells
            int h0 = Math.max(hs, 0);
            int w0 = Math.max(ws, 0);
            int h1 = Math.min(he, h);
            int w1 = Math.min(we, w);
            return new AvgWindow(h0, h1, w0, w1, countIncludePad ? padded : (h1 - h0) * (w1 - w0));
        }
    }


    /** Average pooling of {@code planes} planes of h×w as a linear map: each window cell weighs 1/divisor. */
    private static LinearMap avgPool(int planes, int h, int w, Pool2dParams p, boolean countIncludePad) {
        int oh = p.outH(h);
        int ow = p.outW(w);
        return entry -> {
            for (int pl = 0; pl < planes; pl++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        AvgWindow win = AvgWindow.of(r, q, h, w, p, countIncludePad);
                        double weight = 1.0 / win.divisor(); // y = Σ_window x / divisor
                        for (int ih = win.h0(); ih < win.h1(); ih++) {
                            for (int iw = win.w0(); iw < win.w1(); iw++) {
                                entry.accept((pl * oh + r) * ow + q, (pl * h + ih) * w + iw, weight);
                            }
                        }
                    }
                }
            }
        };
    }

    @Override
    public Tensor avgPool2d(Tensor input, Pool2dParams p, boolean countIncludePad) {
        int[] s = input.shape();
        int[] outShape = {s[0], s[1], p.outH(s[2]), p.outW(s[3])};
        LinearMap pool = avgPool(s[0] * s[1], s[2], s[3], p, countIncludePad);
        return make(pool.apply(read(input), prod(outShape, 0, 4)), outShape, input.dtype());
    }

    @Override
    public Tensor avgPool2dBackward(Tensor gradOutput, int[] inputShape, Pool2dParams p, boolean countIncludePad) {
        LinearMap pool = avgPool(inputShape[0] * inputShape[1], inputShape[2], inputShape[3], p, countIncludePad);
        return make(pool.applyTransposed(read(gradOutput), prod(inputShape, 0, 4)), inputShape, gradOutput.dtype());
    }

    /** First input index of adaptive window {@code i}: {@code floor(i·in/out)}. */
    private static int adaptiveStart(int i, int in, int out) {
        return i * in / out;
    }

    /** One past the last input index of adaptive window {@code i}: {@code ceil((i+1)·in/out)}. */
    private static int adaptiveEnd(int i, int in, int out) {
        return ((i + 1) * in + out - 1) / out;
    }

    /** Adaptive average pooling of h×w planes to outH×outW as a linear map: each window cell weighs 1/area. */
    private static LinearMap adaptivePool(int planes, int h, int w, int outH, int outW) {
        return entry -> {
            for (int pl = 0; pl < planes; pl++) {
                for (int r = 0; r < outH; r++) {
                    int h0 = adaptiveStart(r, h, outH);
                    int h1 = adaptiveEnd(r, h, outH);
                    for (int q = 0; q < outW; q++) {
                        int w0 = adaptiveStart(q, w, outW);
                        int w1 = adaptiveEnd(q, w, outW);
                        double weight = 1.0 / ((h1 - h0) * (w1 - w0)); // mean over the window
                        for (int ih = h0; ih < h1; ih++) {
                            for (int iw = w0; iw < w1; iw++) {
                                entry.accept((pl * outH + r) * outW + q, (pl * h + ih) * w + iw, weight);
                            }
                        }
                    }
                }
            }
        };
    }

    @Override
    public Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        int[] s = input.shape();
        int[] outShape = {s[0], s[1], outH, outW};
        LinearMap pool = adaptivePool(s[0] * s[1], s[2], s[3], outH, outW);
        return make(pool.apply(read(input), prod(outShape, 0, 4)), outShape, input.dtype());
    }

    @Override
    public Tensor adaptiveAvgPool2dBackward(Tensor gradOutput, int[] inputShape) {
        LinearMap pool = adaptivePool(inputShape[0] * inputShape[1], inputShape[2], inputShape[3],
                gradOutput.shape(2), gradOutput.shape(3));
        return make(pool.applyTransposed(read(gradOutput), prod(inputShape, 0, 4)), inputShape, gradOutput.dtype());
    }
}
