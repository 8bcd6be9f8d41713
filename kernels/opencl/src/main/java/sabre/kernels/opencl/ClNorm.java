package sabre.kernels.opencl;

import sabre.tensor.BatchNormGrads;
import sabre.tensor.BatchNormResult;
import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.spi.NormOps;

/**
 * Batch normalisation ({@code norm.cl}): per-channel statistics and gradient sums with one work-group per channel,
 * then one elementwise pass for the output or the input gradient.
 */
final class ClNorm extends ClKernel implements NormOps {
    private static final int WG = 64;

    ClNorm(OpenClBackend backend) {
        super(backend);
    }

    @Override
    public BatchNormResult batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                     boolean training, double eps) {
        int[] s = input.shape();
        int channels = s[1];
        int inner = prod(s, 2, s.length);
        DType t = input.dtype();
        String types = Types.of(t);
        Tensor x = dense(input);
        Tensor mean = alloc(t, new int[] {channels});
        Tensor invStd = alloc(t, new int[] {channels});
        if (training) {
            launch("norm", types, "bn_stats").buf(x).buf(mean).buf(invStd).i(s[0]).i(channels).i(inner)
                    .scalar(t, eps).run(new long[] {(long) channels * WG}, new long[] {WG});
        } else {
            Tensor rm = dense(runningMean);
            Tensor rv = dense(runningVar);
            launch("norm", types, "bn_running").buf(rm).buf(rv).buf(mean).buf(invStd).scalar(t, eps).i(channels)
                    .run(channels);
            done(rm, runningMean);
            done(rv, runningVar);
        }
        Tensor g = weight == null ? mean : dense(weight);
        Tensor b = bias == null ? mean : dense(bias);
        Tensor y = alloc(t, s);
        int n = y.numel();
        int affine = (weight == null ? 0 : 1) | (bias == null ? 0 : 2);
        launch("norm", types, "bn_apply").buf(x).buf(mean).buf(invStd).buf(g).buf(b).buf(y).i(channels).i(inner)
                .i(affine).i(n).run(n);
        done(x, input);
        if (weight != null) {
            done(g, weight);
        }
        if (bias != null) {
            done(b, bias);
        }
        return new BatchNormResult(y, mean, invStd);
    }

    @Override
    public BatchNormGrads batchNormBackward(Tensor gradOutput, Tensor input, Tensor weight, Tensor mean,
                                            Tensor invStd, boolean training) {
        int[] s = input.shape();
        int channels = s[1];
        int inner = prod(s, 2, s.length);
        DType t = input.dtype();
        String types = Types.of(t);
        Tensor g = dense(gradOutput);
        Tensor x = dense(input);
        Tensor mu = dense(mean);
        Tensor inv = dense(invStd);
        Tensor sumG = alloc(t, new int[] {channels});
        Tensor sumGx = alloc(t, new int[] {channels});
        launch("norm", types, "bn_grad_sums").buf(g).buf(x).buf(mu).buf(inv).buf(sumG).buf(sumGx).i(s[0])
                .i(channels).i(inner).run(new long[] {(long) channels * WG}, new long[] {WG});
        Tensor gamma = weight == null ? inv : dense(weight);
        Tensor dx = alloc(t, s);
        int n = dx.numel();
        launch("norm", types, "bn_backward").buf(g).buf(x).buf(mu).buf(inv).buf(gamma).buf(sumG).buf(sumGx)
                .buf(dx).i(channels).i(inner).i(s[0] * inner).i(weight == null ? 0 : 1).i(training ? 1 : 0).i(n)
                .run(n);
        done(g, gradOutput);
        done(x, input);
        done(mu, mean);
        done(inv, invStd);
        if (weight != null) {
            done(gamma, weight);
        }
        return new BatchNormGrads(dx, sumGx, sumG);
    }
}
