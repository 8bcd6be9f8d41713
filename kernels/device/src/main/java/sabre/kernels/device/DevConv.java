package sabre.kernels.device;

import sabre.tensor.Conv2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.spi.ConvOps;

/**
 * conv2d and its gradients as im2col + GEMM ({@code conv.cl}, {@link Gemm}), processed in chunks of images so the
 * column matrix stays below {@value #COL_LIMIT} elements. With groups G the column rows of group g form one
 * contiguous block, so one batched GEMM (batches = groups × images) covers the chunk:
 * <ul>
 *   <li>forward: {@code y[n, g] = W[g] · col[g, n]}, written straight into NCHW, then the bias;</li>
 *   <li>input gradient: {@code dcol[g, n] = W[g]ᵀ · dy[n, g]}, then col2im (a gather: deterministic);</li>
 *   <li>weight gradient: {@code dW[g] += dyᵀ[g] · col[g]ᵀ} with dy permuted to [O, n, OH·OW] so that the sum over
 *       images and positions is the GEMM's k dimension, accumulated over chunks.</li>
 * </ul>
 */
final class DevConv extends DevKernel implements ConvOps {
    private static final int COL_LIMIT = 1 << 23;

    DevConv(DeviceBackend backend) {
        super(backend);
    }

    /** Problem sizes of one convolution. */
    private record Dims(int n, int c, int h, int w, int o, int kh, int kw, int oh, int ow, int groups) {
        static Dims of(int[] in, int[] weight, Conv2dParams p) {
            return new Dims(in[0], in[1], in[2], in[3], weight[0], weight[2], weight[3], p.outH(in[2], weight[2]),
                    p.outW(in[3], weight[3]), p.groups());
        }

        int kk() {
            return kh * kw;
        }

        int ohw() {
            return oh * ow;
        }

        int cg() {
            return c / groups;
        }

        int og() {
            return o / groups;
        }

        /** Images per chunk: as many as keep the column matrix under the limit (at least one). */
        int chunk() {
            long perImage = (long) c * kk() * ohw();
            return (int) Math.max(1, Math.min(n, COL_LIMIT / Math.max(1, perImage)));
        }

        /** The {@code Geom} struct of {@code conv.cl} for images [n0, n0 + nc). */
        int[] geom(Conv2dParams p, int n0, int nc) {
            return new int[] {c, h, w, kh, kw, oh, ow, p.strideH(), p.strideW(), p.padH(), p.padW(), p.dilationH(),
                    p.dilationW(), n0, nc};
        }
    }

    private Tensor im2col(Tensor x, Dims d, Conv2dParams p, int n0, int nc) {
        Tensor col = alloc(x.dtype(), new int[] {d.c() * d.kk(), nc * d.ohw()});
        int total = col.numel();
        launch("conv", Types.of(x.dtype()), "im2col").ints(d.geom(p, n0, nc)).buf(x).buf(col).i(total).run(total);
        return col;
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
        Dims d = Dims.of(input.shape(), weight.shape(), p);
        Tensor x = dense(input);
        Tensor w = dense(weight);
        Tensor y = alloc(input.dtype(), new int[] {d.n(), d.o(), d.oh(), d.ow()});
        int step = d.chunk();
        for (int n0 = 0; n0 < d.n(); n0 += step) {
            int nc = Math.min(step, d.n() - n0);
            Tensor col = im2col(x, d, p, n0, nc);
            int rows = d.cg() * d.kk();
            int cols = nc * d.ohw();
            Gemm.run(rt(), x.dtype(), d.og(), d.ohw(), rows, d.groups(), nc,
                    new Gemm.Mat(0, d.og() * rows, 0, rows, 1), storage(w),
                    new Gemm.Mat(0, rows * cols, d.ohw(), cols, 1), storage(col),
                    new Gemm.Mat(n0 * d.o() * d.ohw(), d.og() * d.ohw(), d.o() * d.ohw(), d.ohw(), 1), storage(y),
                    false);
            free(col);
        }
        if (bias != null) {
            Tensor b = dense(bias);
            int total = y.numel();
            launch("conv", Types.of(y.dtype()), "add_bias").buf(y).buf(b).i(d.o()).i(d.ohw()).i(total).run(total);
            done(b, bias);
        }
        done(x, input);
        done(w, weight);
        return y;
    }

    @Override
    public Tensor conv2dInputGrad(Tensor gradOutput, Tensor weight, int[] inputShape, Conv2dParams p) {
        Dims d = Dims.of(inputShape, weight.shape(), p);
        Tensor g = dense(gradOutput);
        Tensor w = dense(weight);
        Tensor dx = alloc(g.dtype(), inputShape);
        int step = d.chunk();
        int rows = d.cg() * d.kk();
        for (int n0 = 0; n0 < d.n(); n0 += step) {
            int nc = Math.min(step, d.n() - n0);
            int cols = nc * d.ohw();
            Tensor col = alloc(g.dtype(), new int[] {d.c() * d.kk(), cols});
            Gemm.run(rt(), g.dtype(), rows, d.ohw(), d.og(), d.groups(), nc,
                    new Gemm.Mat(0, d.og() * rows, 0, 1, rows), storage(w),
                    new Gemm.Mat(n0 * d.o() * d.ohw(), d.og() * d.ohw(), d.o() * d.ohw(), d.ohw(), 1), storage(g),
                    new Gemm.Mat(0, rows * cols, d.ohw(), cols, 1), storage(col), false);
            int total = nc * d.c() * d.h() * d.w();
            launch("conv", Types.of(g.dtype()), "col2im").ints(d.geom(p, n0, nc)).buf(col).buf(dx).i(total)
                    .run(total);
            free(col);
        }
        done(g, gradOutput);
        done(w, weight);
        return dx;
    }

    @Override
    public Tensor conv2dWeightGrad(Tensor gradOutput, Tensor input, int[] weightShape, Conv2dParams p) {
        Dims d = Dims.of(input.shape(), weightShape, p);
        Tensor x = dense(input);
        Tensor dw = backend.memory().full(weightShape, input.dtype(), 0);
        int step = d.chunk();
        int rows = d.cg() * d.kk();
        for (int n0 = 0; n0 < d.n(); n0 += step) {
            int nc = Math.min(step, d.n() - n0);
            int cols = nc * d.ohw();
            Tensor col = im2col(x, d, p, n0, nc);
            // dy of the chunk as [O, nc, OH, OW]: the (image, position) pairs become one contiguous k run
            Tensor gt = backend.memory().contiguous(gradOutput.narrow(0, n0, nc).permute(1, 0, 2, 3));
            Gemm.run(rt(), x.dtype(), d.og(), rows, cols, d.groups(), 1,
                    new Gemm.Mat(0, d.og() * cols, 0, cols, 1), storage(gt),
                    new Gemm.Mat(0, rows * cols, 0, 1, cols), storage(col),
                    new Gemm.Mat(0, d.og() * rows, 0, rows, 1), storage(dw), true);
            free(col);
            free(gt);
        }
        done(x, input);
        return dw;
    }

    private static DevStorage storage(Tensor t) {
        return (DevStorage) t.storage();
    }
}
