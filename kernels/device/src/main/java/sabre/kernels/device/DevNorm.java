package sabre.kernels.device;

import sabre.tensor.BatchNormGrads;
import sabre.tensor.BatchNormResult;
import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.spi.NormOps;

/**
 * Batch normalisation ({@code norm.cl}): per-channel statistics and gradient sums with one work-group per channel,
 * then one elementwise pass for the output or the input gradient.
 */
final class DevNorm extends DevKernel implements NormOps {
    private static final int WG = 64;

    DevNorm(DeviceBackend backend) {
        super(backend);
    }

    /** The input seen as [batch, channels, inner]. */
    private record Geometry(int batch, int channels, int inner) {
        static Geometry of(Tensor t) {
            int[] s = t.shape();
            return new Geometry(s[0], s[1], prod(s, 2, s.length));
        }

        int[] perChannel() {
            return new int[] {channels};
        }
    }

    private Launch norm(String kernel, DType t) {
        return launch("norm", Types.of(t), kernel);
    }

    /** Runs a per-channel reduction kernel: one work-group per channel. */
    private static void perChannel(Launch l, Geometry g) {
        l.run(new long[] {(long) g.channels() * WG}, new long[] {WG});
    }

    /** A dense copy of an optional operand, or {@code stand} (never read by the kernel) when it is absent. */
    private Tensor optional(Tensor t, Tensor stand) {
        return t == null ? stand : dense(t);
    }

    private static void doneOptional(Tensor temp, Tensor original) {
        if (original != null) {
            done(temp, original);
        }
    }

    @Override
    public BatchNormResult batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                     boolean training, double eps) {
        Geometry geo = Geometry.of(input);
        DType t = input.dtype();
        Tensor x = dense(input);
        Tensor mean = alloc(t, geo.perChannel());
        Tensor invStd = alloc(t, geo.perChannel());
        if (training) {
            perChannel(norm("bn_stats", t).buf(x).buf(mean).buf(invStd).i(geo.batch()).i(geo.channels())
                    .i(geo.inner()).scalar(t, eps), geo);
        } else {
            Tensor rm = dense(runningMean);
            Tensor rv = dense(runningVar);
            norm("bn_running", t).buf(rm).buf(rv).buf(mean).buf(invStd).scalar(t, eps).i(geo.channels())
                    .run(geo.channels());
            done(rm, runningMean);
            done(rv, runningVar);
        }
        Tensor gamma = optional(weight, mean);
        Tensor beta = optional(bias, mean);
        Tensor y = alloc(t, input.shape());
        int n = y.numel();
        int affine = (weight == null ? 0 : 1) | (bias == null ? 0 : 2);
        norm("bn_apply", t).buf(x).buf(mean).buf(invStd).buf(gamma).buf(beta).buf(y).i(geo.channels())
                .i(geo.inner()).i(affine).i(n).run(n);
        done(x, input);
        doneOptional(gamma, weight);
        doneOptional(beta, bias);
        return new BatchNormResult(y, mean, invStd);
    }

    @Override
    public BatchNormGrads batchNormBackward(Tensor gradOutput, Tensor input, Tensor weight, Tensor mean,
                                            Tensor invStd, boolean training) {
        Geometry geo = Geometry.of(input);
        DType t = input.dtype();
        Tensor g = dense(gradOutput);
        Tensor x = dense(input);
        Tensor mu = dense(mean);
        Tensor inv = dense(invStd);
        Tensor sumG = alloc(t, geo.perChannel());
        Tensor sumGx = alloc(t, geo.perChannel());
        perChannel(norm("bn_grad_sums", t).buf(g).buf(x).buf(mu).buf(inv).buf(sumG).buf(sumGx).i(geo.batch())
                .i(geo.channels()).i(geo.inner()), geo);
        Tensor gamma = optional(weight, inv);
        Tensor dx = alloc(t, input.shape());
        int n = dx.numel();
        norm("bn_backward", t).buf(g).buf(x).buf(mu).buf(inv).buf(gamma).buf(sumG).buf(sumGx).buf(dx)
                .i(geo.channels()).i(geo.inner()).i(geo.batch() * geo.inner()).i(weight == null ? 0 : 1)
                .i(training ? 1 : 0).i(n).run(n);
        done(g, gradOutput);
        done(x, input);
        done(mu, mean);
        done(inv, invStd);
        doneOptional(gamma, weight);
        return new BatchNormGrads(dx, sumGx, sumG);
    }
}
