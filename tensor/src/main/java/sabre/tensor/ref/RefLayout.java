package sabre.tensor.ref;

import sabre.tensor.PadMode;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.LayoutOps;

/**
 * Reference joining, padding and resampling, with PyTorch's semantics: {@code torch.cat}, {@code F.pad} (constant,
 * reflect, replicate) and {@code F.interpolate} in 'nearest' and 'bilinear' modes on NCHW tensors. Every backward is
 * the exact adjoint of its forward: each output cell's gradient is added back, with the forward's weight, onto the
 * input cells it was computed from. Results keep the input's (or the gradient's) dtype.
 */
public final class RefLayout extends RefKernel implements LayoutOps {
    /** The reference implementation, allocating its results as host memory of {@code b}. */
    public RefLayout(Backend b) {
        super(b);
    }

    @Override
    public Tensor cat(Tensor[] parts, int axis) {
        int[] outShape = parts[0].shape();
        outShape[axis] = 0;
        for (Tensor p : parts) {
            outShape[axis] += p.shape()[axis];
        }
        int outer = prod(outShape, 0, axis);
        int inner = prod(outShape, axis + 1, outShape.length);
        double[] out = new double[outer * outShape[axis] * inner];
        int start = 0; // where the current part begins along axis
        for (Tensor p : parts) {
            double[] ps = read(p);
            int n = p.shape()[axis];
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < inner; i++) {
                        out[(o * outShape[axis] + start + j) * inner + i] = ps[(o * n + j) * inner + i];
                    }
                }
            }
            start += n;
        }
        return make(out, outShape, parts[0].dtype());
    }

    @Override
    public Tensor pad(Tensor x, int[] pads, PadMode mode, double value) {
        int[] inShape = x.shape();
        int[] outShape = x.paddedShape(pads, mode);
        double[] xs = read(x);
        double[] out = new double[prod(outShape, 0, outShape.length)];
        for (int p = 0; p < out.length; p++) {
            int src = padSource(p, outShape, inShape, pads, mode);
            out[p] = src < 0 ? value : xs[src];
        }
        return make(out, outShape, x.dtype());
    }

    @Override
    public Tensor padBackward(Tensor gradOutput, int[] inputShape, int[] pads, PadMode mode) {
        int[] outShape = gradOutput.shape();
        double[] g = read(gradOutput);
        double[] gradInput = new double[prod(inputShape, 0, inputShape.length)];
        for (int p = 0; p < g.length; p++) {
            int src = padSource(p, outShape, inputShape, pads, mode);
            if (src >= 0) {
                gradInput[src] += g[p];
            }
        }
        return make(gradInput, inputShape, gradOutput.dtype());
    }

    /**
     * The row-major input position that padded position {@code pos} copies, or −1 for a constant-padding cell.
     * Dimension d is padded by the pair at {@code pads[2 * (rank − 1 − d)]}, since pairs start from the last dim.
     */
    private static int padSource(int pos, int[] outShape, int[] inShape, int[] pads, PadMode mode) {
        int rank = inShape.length;
        int src = 0;
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int pair = rank - 1 - d;
            int before = pair < pads.length / 2 ? pads[2 * pair] : 0;
            int n = inShape[d];
            int i = pos % outShape[d] - before;
            pos /= outShape[d];
            if (i < 0 || i >= n) {
                switch (mode) {
                    case CONSTANT -> {
                        return -1;
                    }
                    case REFLECT -> i = i < 0 ? -i : 2 * (n - 1) - i; // mirror about the edge, edge not repeated
                    case REPLICATE -> i = i < 0 ? 0 : n - 1;
                }
            }
            src += i * stride;
            stride *= n;
        }
        return src;
    }

    /** Nearest resize of h×w planes to outH×outW as a linear map: each output copies one source cell. */
    private static LinearMap nearest(int planes, int inH, int inW, int outH, int outW) {
        int[] srcH = nearestSources(inH, outH);
        int[] srcW = nearestSources(inW, outW);
        return entry -> {
            for (int c = 0; c < planes; c++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        entry.accept((c * outH + oh) * outW + ow, (c * inH + srcH[oh]) * inW + srcW[ow], 1);
                    }
                }
            }
        };
    }

    @Override
    public Tensor upsampleNearest(Tensor x, int outH, int outW) {
        int[] s = x.shape();
        int[] outShape = {s[0], s[1], outH, outW};
        return make(nearest(s[0] * s[1], s[2], s[3], outH, outW).apply(read(x), prod(outShape, 0, 4)), outShape,
                x.dtype());
    }

    @Override
    public Tensor upsampleNearestBackward(Tensor gradOutput, int[] inputShape) {
        LinearMap map = nearest(inputShape[0] * inputShape[1], inputShape[2], inputShape[3], gradOutput.shape(2),
                gradOutput.shape(3));
        return make(map.applyTransposed(read(gradOutput), prod(inputShape, 0, 4)), inputShape, gradOutput.dtype());
    }

    /** PyTorch's legacy 'nearest' source index {@code min(floor(dst · in/out), in − 1)}, computed in float. */
    private static int[] nearestSources(int in, int out) {
        float scale = (float) in / out;
        int[] src = new int[out];
        for (int dst = 0; dst < out; dst++) {
            src[dst] = Math.min((int) Math.floor(dst * scale), in - 1);
        }
        return src;
    }

    /** Bilinear resize of h×w planes to outH×outW as a linear map: four weighted source cells per output. */
    private static LinearMap bilinear(int planes, int inH, int inW, int outH, int outW, boolean alignCorners) {
        Taps th = bilinearTaps(inH, outH, alignCorners);
        Taps tw = bilinearTaps(inW, outW, alignCorners);
        return entry -> {
            for (int c = 0; c < planes; c++) {
                int plane = c * inH * inW;
                for (int oh = 0; oh < outH; oh++) {
                    int row0 = plane + th.lo[oh] * inW;
                    int row1 = plane + th.hi[oh] * inW;
                    double wh1 = th.hiWeight[oh];
                    double wh0 = 1 - wh1;
                    for (int ow = 0; ow < outW; ow++) {
                        int out = (c * outH + oh) * outW + ow;
                        double ww1 = tw.hiWeight[ow];
                        double ww0 = 1 - ww1;
                        // y = (1−a)(1−b)·x00 + (1−a)b·x01 + a(1−b)·x10 + ab·x11
                        entry.accept(out, row0 + tw.lo[ow], wh0 * ww0);
                        entry.accept(out, row0 + tw.hi[ow], wh0 * ww1);
                        entry.accept(out, row1 + tw.lo[ow], wh1 * ww0);
                        entry.accept(out, row1 + tw.hi[ow], wh1 * ww1);
                    }
                }
            }
        };
    }

    @Override
    public Tensor upsampleBilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        int[] s = x.shape();
        int[] outShape = {s[0], s[1], outH, outW};
        LinearMap map = bilinear(s[0] * s[1], s[2], s[3], outH, outW, alignCorners);
        return make(map.apply(read(x), prod(outShape, 0, 4)), outShape, x.dtype());
    }

    @Override
    public Tensor upsampleBilinearBackward(Tensor gradOutput, int[] inputShape, boolean alignCorners) {
        LinearMap map = bilinear(inputShape[0] * inputShape[1], inputShape[2], inputShape[3], gradOutput.shape(2),
                gradOutput.shape(3), alignCorners);
        return make(map.applyTransposed(read(gradOutput), prod(inputShape, 0, 4)), inputShape, gradOutput.dtype());
    }

    /**
     * For each output index along one axis: the two input indices it interpolates ({@code hi == lo} at the last
     * input cell) and the weight of {@code hi}; the weight of {@code lo} is {@code 1 − hiWeight}.
     */
    private record Taps(int[] lo, int[] hi, double[] hiWeight) {
    }

    /** PyTorch's bilinear source coordinates for one axis of size {@code in} resized to {@code out}. */
    private static Taps bilinearTaps(int in, int out, boolean alignCorners) {
        int[] lo = new int[out];
        int[] hi = new int[out];
        double[] hiWeight = new double[out];
        double scale = alignCorners ? (out > 1 ? (double) (in - 1) / (out - 1) : 0) : (double) in / out;
        for (int dst = 0; dst < out; dst++) {
            // align_corners maps the corner cells' centres onto each other; otherwise the cells' edges align
            double src = alignCorners ? dst * scale : Math.max(0, (dst + 0.5) * scale - 0.5);
            lo[dst] = (int) src;
            hi[dst] = Math.min(lo[dst] + 1, in - 1);
            hiWeight[dst] = src - lo[dst];
        }
        return new Taps(lo, hi, hiWeight);
    }
}
