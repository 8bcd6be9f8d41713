package sabre.tensor.ref;

import sabre.tensor.Conv2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.spi.ConvOps;

/**
 * Reference 2-D convolution (NCHW cross-correlation with stride, zero padding, dilation and groups, as
 * {@code torch.nn.functional.conv2d}) and its two gradients. All three kernels visit the same index tuples
 * {@code (n, o, oh, ow, c, i, j)}: the forward gathers {@code w·x} into {@code y}, the input gradient scatters
 * {@code g·w} into {@code dx} and the weight gradient scatters {@code g·x} into {@code dw}, so the gradients are the
 * exact adjoints of the forward. Input channel {@code c} of group {@code o / (O/groups)} is at
 * {@code group·(C/groups) + c}; input row {@code oh·strideH + i·dilationH − padH} (likewise columns), where rows
 * and columns outside the input read as zero.
 */
final class RefConv extends RefKernel implements ConvOps {
    RefConv(ReferenceBackend b) {
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

    @Override
    public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
        Dims d = Dims.of(input.shape(), weight.shape(), p);
        double[] x = read(input);
        double[] w = read(weight);
        double[] b = bias == null ? null : read(bias);
        double[] y = new double[d.n() * d.o() * d.oh() * d.ow()];
        for (int n = 0; n < d.n(); n++) {
            for (int o = 0; o < d.o(); o++) {
                for (int oh = 0; oh < d.oh(); oh++) {
                    for (int ow = 0; ow < d.ow(); ow++) {
                        double acc = b == null ? 0 : b[o]; // y = b[o] + Σ_{c,i,j} w[o,c,i,j]·x[n, c', ih, iw]
                        for (int c = 0; c < d.cg(); c++) {
                            for (int i = 0; i < d.kh(); i++) {
                                int ih = oh * p.strideH() + i * p.dilationH() - p.padH();
                                if (ih < 0 || ih >= d.h()) {
                                    continue; // zero padding
                                }
                                for (int j = 0; j < d.kw(); j++) {
                                    int iw = ow * p.strideW() + j * p.dilationW() - p.padW();
                                    if (iw >= 0 && iw < d.w()) {
                                        acc += w[d.wAt(o, c, i, j)] * x[d.xAt(n, d.inChannel(o, c), ih, iw)];
                                    }
                                }
                            }
                        }
                        y[d.yAt(n, o, oh, ow)] = acc;
                    }
                }
            }
        }
        return make(y, new int[] {d.n(), d.o(), d.oh(), d.ow()}, input.dtype());
    }

    @Override
    public Tensor conv2dInputGrad(Tensor gradOutput, Tensor weight, int[] inputShape, Conv2dParams p) {
        Dims d = Dims.of(inputShape, weight.shape(), p);
        double[] g = read(gradOutput);
        double[] w = read(weight);
        double[] dx = new double[d.n() * d.c() * d.h() * d.w()];
        for (int n = 0; n < d.n(); n++) {
            for (int o = 0; o < d.o(); o++) {
                for (int oh = 0; oh < d.oh(); oh++) {
                    for (int ow = 0; ow < d.ow(); ow++) {
                        double gy = g[d.yAt(n, o, oh, ow)];
                        for (int c = 0; c < d.cg(); c++) {
                            for (int i = 0; i < d.kh(); i++) {
                                int ih = oh * p.strideH() + i * p.dilationH() - p.padH();
                                if (ih < 0 || ih >= d.h()) {
                                    continue; // padding receives no gradient
                                }
                                for (int j = 0; j < d.kw(); j++) {
                                    int iw = ow * p.strideW() + j * p.dilationW() - p.padW();
                                    if (iw >= 0 && iw < d.w()) {
                                        // dx[n, c', ih, iw] += g[n,o,oh,ow]·w[o,c,i,j]
                                        dx[d.xAt(n, d.inChannel(o, c), ih, iw)] += gy * w[d.wAt(o, c, i, j)];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return make(dx, inputShape, gradOutput.dtype());
    }

    @Override
    public Tensor conv2dWeightGrad(Tensor gradOutput, Tensor input, int[] weightShape, Conv2dParams p) {
        Dims d = Dims.of(input.shape(), weightShape, p);
        double[] g = read(gradOutput);
        double[] x = read(input);
        double[] dw = new double[d.o() * d.cg() * d.kh() * d.kw()];
        for (int n = 0; n < d.n(); n++) {
            for (int o = 0; o < d.o(); o++) {
                for (int oh = 0; oh < d.oh(); oh++) {
                    for (int ow = 0; ow < d.ow(); ow++) {
                        double gy = g[d.yAt(n, o, oh, ow)];
                        for (int c = 0; c < d.cg(); c++) {
                            for (int i = 0; i < d.kh(); i++) {
                                int ih = oh * p.strideH() + i * p.dilationH() - p.padH();
                                if (ih < 0 || ih >= d.h()) {
                                    continue; // padding contributes zero
                                }
                                for (int j = 0; j < d.kw(); j++) {
                                    int iw = ow * p.strideW() + j * p.dilationW() - p.padW();
                                    if (iw >= 0 && iw < d.w()) {
                                        // dw[o,c,i,j] += g[n,o,oh,ow]·x[n, c', ih, iw]
                                        dw[d.wAt(o, c, i, j)] += gy * x[d.xAt(n, d.inChannel(o, c), ih, iw)];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return make(dw, weightShape, gradOutput.dtype());
    }
}
