package sabre.tensor.ref;

import sabre.tensor.Conv2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.ConvOps;

/**
 * Reference 2-D convolution (NCHW cross-correlation with stride, zero padding, dilation and groups, as
 * {@code torch.nn.functional.conv2d}) and its two gradients. All three kernels walk the same terms
 * {@code (n, o, oh, ow, c, i, j)} ({@link #forEachTerm}): the forward gathers {@code w·x} into {@code y}, the input
 * gradient scatters {@code g·w} into {@code dx} and the weight gradient scatters {@code g·x} into {@code dw}, so the
 * gradients are the exact adjoints of the forward. Input channel {@code c} of group {@code o / (O/groups)} is at
 * {@code group·(C/groups) + c}; input row {@code oh·strideH + i·dilationH − padH} (likewise columns), where rows
 * and columns outside the input read as zero.
 */
public final class RefConv extends RefKernel implements ConvOps {
    /** The reference implementation, allocating its results as host memory of {@code b}. */
    public RefConv(Backend b) {
        super(b);
    }

    /** The sizes shared by the three kernels: input [n, c, h, w], weight [o, cg, kh, kw], output [n, o, oh, ow]. */
    private record Dims(int n, int c, int h, int w, int o, int cg, int kh, int kw, int oh, int ow, int og) {
        static Dims of(int[] input, int[] weight, Conv2dParams p) {
            return new Dims(input[0], input[1], input[2], input[3], weight[0], weight[1], weight[2], weight[3],
                    p.outH(input[2], weight[2]), p.outW(input[3], weight[3]), weight[0] / p.groups());
        }

        int xAt(int n, int c, int h, int w) {
            return ((n * this.c + c) * this.h + h) * this.w + w;
        }

        int wAt(int o, int c, int i, int j) {
            return ((o * cg + c) * kh + i) * kw + j;
        }

        int yAt(int n, int o, int h, int w) {
            return ((n * this.o + o) * oh + h) * ow + w;
        }

        /** Input channel of the {@code c}-th channel seen by output channel {@code o}. */
        int inChannel(int o, int c) {
            return o / og * cg + c;
        }
    }

    /** Receives one multiply-accumulate term of the convolution: flat indices into y, w and x. */
    @FunctionalInterface
    private interface Term {
        void accept(int y, int w, int x);
    }

    /** Visits every term {@code y[n,o,oh,ow] ∋ w[o,c,i,j]·x[n, c', ih, iw]} whose input cell is not padding. */
    private static void forEachTerm(Dims d, Conv2dParams p, Term term) {
        for (int n = 0; n < d.n(); n++) {
            for (int o = 0; o < d.o(); o++) {
                for (int oh = 0; oh < d.oh(); oh++) {
                    for (int ow = 0; ow < d.ow(); ow++) {
                        int yi = d.yAt(n, o, oh, ow);
                        for (int c = 0; c < d.cg(); c++) {
                            int xc = d.inChannel(o, c);
                            for (int i = 0; i < d.kh(); i++) {
                                int ih = oh * p.strideH() + i * p.dilationH() - p.padH();
                                if (ih < 0 || ih >= d.h()) {
                                    continue; // zero padding contributes nothing
                                }
                                for (int j = 0; j < d.kw(); j++) {
                                    int iw = ow * p.strideW() + j * p.dilationW() - p.padW();
                                    if (iw >= 0 && iw < d.w()) {
                                        term.accept(yi, d.wAt(o, c, i, j), d.xAt(n, xc, ih, iw));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
        Dims d = Dims.of(input.shape(), weight.shape(), p);
        double[] x = read(input);
        double[] w = read(weight);
        double[] y = new double[d.n() * d.o() * d.oh() * d.ow()];
        if (bias != null) {
            double[] b = read(bias);
            for (int k = 0; k < y.length; k++) {
                y[k] = b[k / (d.oh() * d.ow()) % d.o()];
            }
        }
        forEachTerm(d, p, (yi, wi, xi) -> y[yi] += w[wi] * x[xi]); // y = b + Σ w·x
        return make(y, new int[] {d.n(), d.o(), d.oh(), d.ow()}, input.dtype());
    }

    @Override
    public Tensor conv2dInputGrad(Tensor gradOutput, Tensor weight, int[] inputShape, Conv2dParams p) {
        Dims d = Dims.of(inputShape, weight.shape(), p);
        double[] g = read(gradOutput);
        double[] w = read(weight);
        double[] dx = new double[d.n() * d.c() * d.h() * d.w()];
        forEachTerm(d, p, (yi, wi, xi) -> dx[xi] += g[yi] * w[wi]); // dx = Σ g·w over the terms x appears in
        return make(dx, inputShape, gradOutput.dtype());
    }

    @Override
    public Tensor conv2dWeightGrad(Tensor gradOutput, Tensor input, int[] weightShape, Conv2dParams p) {
        Dims d = Dims.of(input.shape(), weightShape, p);
        double[] g = read(gradOutput);
        double[] x = read(input);
        double[] dw = new double[d.o() * d.cg() * d.kh() * d.kw()];
        forEachTerm(d, p, (yi, wi, xi) -> dw[wi] += g[yi] * x[xi]); // dw = Σ g·x over the terms w appears in
        return make(dw, weightShape, gradOutput.dtype());
    }
}
