package sabre.tensor.ref;

import sabre.tensor.BatchNormGrads;
import sabre.tensor.BatchNormResult;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.NormOps;

/**
 * Reference batch normalisation over axis 1 of an [N, C, ...] tensor of any rank ≥ 2, viewed as [N, C, inner].
 * Channel {@code c} has {@code M = N·inner} values; {@code x̂ = (x − μ)·invStd} and {@code y = x̂·γ + β}.
 * Training uses the batch mean and biased variance {@code Σ(x − μ)²/M}; eval the running statistics. Absent
 * weight/bias mean {@code γ = 1}, {@code β = 0}.
 */
public final class RefNorm extends RefKernel implements NormOps {
    /** The reference implementation, allocating its results as host memory of {@code b}. */
    public RefNorm(Backend b) {
        super(b);
    }

    @Override
    public BatchNormResult batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                     boolean training, double eps) {
        int[] s = input.shape();
        int n = s[0];
        int channels = s[1];
        int inner = prod(s, 2, s.length);
        int m = n * inner;
        double[] x = read(input);
        double[] gamma = weight == null ? null : read(weight);
        double[] beta = bias == null ? null : read(bias);
        double[] mean = new double[channels];
        double[] invStd = new double[channels];
        if (training) {
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int b = 0; b < n; b++) {
                    for (int k = 0; k < inner; k++) {
                        sum += x[(b * channels + c) * inner + k];
                    }
                }
                mean[c] = sum / m; // μ = Σx / M
                double sq = 0;
                for (int b = 0; b < n; b++) {
                    for (int k = 0; k < inner; k++) {
                        double d = x[(b * channels + c) * inner + k] - mean[c];
                        sq += d * d;
                    }
                }
                invStd[c] = 1 / Math.sqrt(sq / m + eps); // invStd = 1/sqrt(Σ(x − μ)²/M + eps)
            }
        } else {
            double[] rm = read(runningMean);
            double[] rv = read(runningVar);
            for (int c = 0; c < channels; c++) {
                mean[c] = rm[c];
                invStd[c] = 1 / Math.sqrt(rv[c] + eps); // invStd = 1/sqrt(runningVar + eps)
            }
        }
        double[] y = new double[x.length];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                double g = gamma == null ? 1 : gamma[c];
                double be = beta == null ? 0 : beta[c];
                for (int k = 0; k < inner; k++) {
                    int at = (b * channels + c) * inner + k;
                    y[at] = (x[at] - mean[c]) * invStd[c] * g + be; // y = (x − μ)·invStd·γ + β
                }
            }
        }
        int[] perChannel = {channels};
        return new BatchNormResult(make(y, s, input.dtype()), make(mean, perChannel, input.dtype()),
                make(invStd, perChannel, input.dtype()));
    }

    @Override
    public BatchNormGrads batchNormBackward(Tensor gradOutput, Tensor input, Tensor weight, Tensor mean,
                                            Tensor invStd, boolean training) {
        int[] s = input.shape();
        int n = s[0];
        int channels = s[1];
        int inner = prod(s, 2, s.length);
        int m = n * inner;
        double[] g = read(gradOutput);
        double[] x = read(input);
        double[] gamma = weight == null ? null : read(weight);
        double[] mu = read(mean);
        double[] inv = read(invStd);
        double[] sumG = new double[channels];
        double[] sumGXhat = new double[channels];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < inner; k++) {
                    int at = (b * channels + c) * inner + k;
                    sumG[c] += g[at]; // Σ g
                    sumGXhat[c] += g[at] * (x[at] - mu[c]) * inv[c]; // Σ g·x̂
                }
            }
        }
        double[] dx = new double[x.length];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                double scale = (gamma == null ? 1 : gamma[c]) * inv[c];
                for (int k = 0; k < inner; k++) {
                    int at = (b * channels + c) * inner + k;
                    if (training) {
                        double xhat = (x[at] - mu[c]) * inv[c];
                        // dx = γ·invStd/M·(M·g − Σg − x̂·Σ(g·x̂))
                        dx[at] = scale / m * (m * g[at] - sumG[c] - xhat * sumGXhat[c]);
                    } else {
                        dx[at] = g[at] * scale; // statistics are constants: dx = g·γ·invStd
                    }
                }
            }
        }
        int[] perChannel = {channels};
        return new BatchNormGrads(make(dx, s, input.dtype()), make(sumGXhat, perChannel, gradOutput.dtype()),
                make(sumG, perChannel, gradOutput.dtype()));
    }
}
