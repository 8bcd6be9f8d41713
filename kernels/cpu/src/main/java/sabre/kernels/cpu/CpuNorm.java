package sabre.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import sabre.tensor.BatchNormGrads;
import sabre.tensor.BatchNormResult;
import sabre.tensor.Tensor;
import sabre.tensor.ref.RefNorm;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.NormOps;

/**
 * FLOAT32 batch norm over axis 1 of [N, C, ...], channels in parallel. Per channel, the statistics are sums of
 * contiguous runs (float vector lanes over short chunks, chunks added in double: {@link Host#sumRun}); the mean is
 * carried as a float pair {@code hi + lo} so {@code x − μ} loses nothing to the mean's rounding. The output is
 * {@code ((x − μhi) − μlo)·(γ·invStd) + β} with one fused multiply-add; the backward is
 * {@code dx = g·k1 + (x − μ)·k2 + k3} with per-channel constants computed in double. FLOAT64 uses the reference.
 * <p>The fused batch norm + ReLU applies {@code max(·, 0)} in the affine pass (the CPU ReLU's {@code Math.max}
 * semantics), and its backward writes the masked gradient {@code y > 0 ? g : 0} into dx run by run, sums it there
 * while the run is in cache, and finishes dx in place: the same float operations as ReLU's backward followed by
 * batch norm's, so the results are bit-identical to the unfused pair, without the masked-gradient tensor.
 */
final class CpuNorm implements NormOps {
    private final Backend backend;
    private final RefNorm ref;

    CpuNorm(Backend backend) {
        this.backend = backend;
        this.ref = new RefNorm(backend);
    }

    private static double[] doubles(Tensor t) {
        return t == null ? null : t.toDoubleArray();
    }

    @Override
    public BatchNormResult batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                     boolean training, double eps) {
        return forward(input, weight, bias, runningMean, runningVar, training, eps, false);
    }

    @Override
    public BatchNormResult batchNormRelu(Tensor input, Tensor weight, Tensor bias, Tensor runningMean,
                                         Tensor runningVar, boolean training, double eps) {
        return forward(input, weight, bias, runningMean, runningVar, training, eps, true);
    }

    private BatchNormResult forward(Tensor input, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                    boolean training, double eps, boolean relu) {
        if (!Host.allF32(input, weight, bias, runningMean, runningVar)) {
            return relu ? ref.batchNormRelu(input, weight, bias, runningMean, runningVar, training, eps)
                    : ref.batchNorm(input, weight, bias, runningMean, runningVar, training, eps);
        }
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY; // max(y, −∞) = y for every y, NaN included
        int[] s = input.shape();
        int n = s[0];
        int channels = s[1];
        int inner = Host.numel(java.util.Arrays.copyOfRange(s, 2, s.length));
        int m = n * inner;
        float[] x = Host.dense(input);
        double[] gamma = doubles(weight);
        double[] beta = doubles(bias);
        double[] rm = training ? null : doubles(runningMean);
        double[] rv = training ? null : doubles(runningVar);
        float[] mean = new float[channels];
        float[] invStd = new float[channels];
        float[] y = new float[x.length];
        Parallel.range(channels, m, 1 << 14, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                double mu;
                double inv;
                if (training) {
                    double sum = 0;
                    for (int b = 0; b < n; b++) {
                        sum += Host.sumRun(x, (b * channels + c) * inner, inner);
                    }
                    mu = sum / m; // μ = Σx / M
                    float muF = (float) mu;
                    double sq = 0;
                    for (int b = 0; b < n; b++) {
                        sq += Host.sumSquaredDeviationRun(x, (b * channels + c) * inner, inner, muF);
                    }
                    double d = muF - mu;
                    sq -= m * d * d; // Σ(x − μ)² = Σ(x − μf)² − M·(μf − μ)²
                    inv = 1 / Math.sqrt(Math.max(sq, 0) / m + eps);
                } else {
                    mu = rm[c];
                    inv = 1 / Math.sqrt(rv[c] + eps);
                }
                mean[c] = (float) mu;
                invStd[c] = (float) inv;
                double g = gamma == null ? 1 : gamma[c];
                double be = beta == null ? 0 : beta[c];
                float scale = (float) (inv * g);
                float muHi = (float) mu;
                float muLo = (float) (mu - muHi);
                float shift = (float) be;
                for (int b = 0; b < n; b++) {
                    affine(x, y, (b * channels + c) * inner, inner, muHi, muLo, scale, shift, floor);
                }
            }
        });
        int[] perChannel = {channels};
        return new BatchNormResult(Host.wrap(backend, y, s), Host.wrap(backend, mean, perChannel),
                Host.wrap(backend, invStd, perChannel));
    }

    /** {@code y = max(((x − hi) − lo)·scale + shift, floor)} over one run. */
    private static void affine(float[] x, float[] y, int off, int len, float hi, float lo, float scale,
                               float shift, float floor) {
        int i = 0;
        if (len >= Host.L) {
            FloatVector vh = FloatVector.broadcast(Host.S, hi);
            FloatVector vl = FloatVector.broadcast(Host.S, lo);
            FloatVector vs = FloatVector.broadcast(Host.S, scale);
            FloatVector vb = FloatVector.broadcast(Host.S, shift);
            FloatVector vf = FloatVector.broadcast(Host.S, floor);
            for (; i + Host.L <= len; i += Host.L) {
                FloatVector.fromArray(Host.S, x, off + i).sub(vh).sub(vl).fma(vs, vb).max(vf).intoArray(y, off + i);
            }
        }
        for (; i < len; i++) {
            y[off + i] = Math.max(Math.fma((x[off + i] - hi) - lo, scale, shift), floor);
        }
    }

    @Override
    public BatchNormGrads batchNormBackward(Tensor gradOutput, Tensor input, Tensor weight, Tensor mean,
                                            Tensor invStd, boolean training) {
        return backward(gradOutput, null, input, weight, mean, invStd, training);
    }

    @Override
    public BatchNormGrads batchNormReluBackward(Tensor gradOutput, Tensor output, Tensor input, Tensor weight,
                                                Tensor mean, Tensor invStd, boolean training) {
        return backward(gradOutput, output, input, weight, mean, invStd, training);
    }

    /** Batch norm's backward; with a ReLU {@code output} (else null) of the gradient masked by output > 0. */
    private BatchNormGrads backward(Tensor gradOutput, Tensor output, Tensor input, Tensor weight, Tensor mean,
                                    Tensor invStd, boolean training) {
        if (!Host.allF32(gradOutput, output, input, weight, mean, invStd)) {
            return output == null ? ref.batchNormBackward(gradOutput, input, weight, mean, invStd, training)
                    : ref.batchNormReluBackward(gradOutput, output, input, weight, mean, invStd, training);
        }
        int[] s = input.shape();
        int n = s[0];
        int channels = s[1];
        int inner = Host.numel(java.util.Arrays.copyOfRange(s, 2, s.length));
        int m = n * inner;
        float[] g = Host.dense(gradOutput);
        float[] x = Host.dense(input);
        double[] gamma = doubles(weight);
        double[] mu = doubles(mean);
        double[] inv = doubles(invStd);
        float[] sumG = new float[channels];
        float[] sumGXhat = new float[channels];
        float[] out = output == null ? null : Host.dense(output);
        float[] dx = new float[x.length];
        float[] src = out == null ? g : dx; // the gradient the sums and the dx pass read: masked into dx with ReLU
        Parallel.range(channels, 2L * m, 1 << 14, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                float muHi = (float) mu[c];
                float muLo = (float) (mu[c] - muHi);
                double sg = 0;
                double sgx = 0;
                for (int b = 0; b < n; b++) {
                    int off = (b * channels + c) * inner;
                    if (out != null) {
                        Host.reluBackwardRun(g, off, out, off, dx, off, inner);
                    }
                    sg += Host.sumRun(src, off, inner); // Σ g
                    sgx += Host.dotDeviationRun(src, off, x, off, inner, muHi);
                }
                sgx = (sgx - muLo * sg) * inv[c]; // Σ g·x̂ = invStd·(Σ g·(x − μhi) − μlo·Σ g)
                sumG[c] = (float) sg;
                sumGXhat[c] = (float) sgx;
                double scale = (gamma == null ? 1 : gamma[c]) * inv[c];
                // training: dx = γ·invStd/M·(M·g − Σg − x̂·Σ(g·x̂)); eval: dx = g·γ·invStd
                float k1 = (float) scale;
                float k2 = training ? (float) (-scale * inv[c] * sgx / m) : 0f;
                float k3 = training ? (float) (-scale * sg / m) : 0f;
                for (int b = 0; b < n; b++) {
                    // in place when src is dx: each element is read before it is written
                    backwardRun(src, x, dx, (b * channels + c) * inner, inner, muHi, muLo, k1, k2, k3);
                }
            }
        });
        Tensor dInput = Host.wrap(backend, dx, s);
        if (weight == null) {
            return new BatchNormGrads(dInput, null, null);
        }
        int[] perChannel = {channels};
        return new BatchNormGrads(dInput, Host.wrap(backend, sumGXhat, perChannel),
                Host.wrap(backend, sumG, perChannel));
    }

    /** {@code dx = g·k1 + ((x − hi) − lo)·k2 + k3} over one run. */
    private static void backwardRun(float[] g, float[] x, float[] dx, int off, int len, float hi, float lo, float k1,
                                    float k2, float k3) {
        int i = 0;
        if (len >= Host.L) {
            FloatVector vh = FloatVector.broadcast(Host.S, hi);
            FloatVector vl = FloatVector.broadcast(Host.S, lo);
            FloatVector v1 = FloatVector.broadcast(Host.S, k1);
            FloatVector v2 = FloatVector.broadcast(Host.S, k2);
            FloatVector v3 = FloatVector.broadcast(Host.S, k3);
            for (; i + Host.L <= len; i += Host.L) {
                FloatVector d = FloatVector.fromArray(Host.S, x, off + i).sub(vh).sub(vl);
                FloatVector.fromArray(Host.S, g, off + i).fma(v1, d.fma(v2, v3)).intoArray(dx, off + i);
            }
        }
        for (; i < len; i++) {
            float d = (x[off + i] - hi) - lo;
            dx[off + i] = Math.fma(g[off + i], k1, Math.fma(d, k2, k3));
        }
    }
}
