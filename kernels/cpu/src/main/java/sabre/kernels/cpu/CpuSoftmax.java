package sabre.kernels.cpu;

import sabre.tensor.Tensor;
import sabre.tensor.ref.RefSoftmax;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.SoftmaxOps;

/**
 * FLOAT32 softmax, log-softmax (any axis) and cross-entropy, lines in parallel. Each line is computed exactly as the
 * reference does — in double, max-shifted, {@code Σ exp} in index order, rounded once — so the results are
 * bit-identical to the reference; the gain is in skipping its per-element boxing and index tables. FLOAT64 uses
 * the reference implementation.
 */
final class CpuSoftmax implements SoftmaxOps {
    private final Backend backend;
    private final RefSoftmax ref;

    CpuSoftmax(Backend backend) {
        this.backend = backend;
        this.ref = new RefSoftmax(backend);
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return Host.isF32(x) ? along(x, axis, false) : ref.softmax(x, axis);
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return Host.isF32(x) ? along(x, axis, true) : ref.logSoftmax(x, axis);
    }

    private Tensor along(Tensor x, int axis, boolean log) {
        int[] shape = x.shape();
        int n = shape[axis];
        int inner = Host.numel(java.util.Arrays.copyOfRange(shape, axis + 1, shape.length));
        int outer = Host.numel(java.util.Arrays.copyOfRange(shape, 0, axis));
        float[] v = Host.dense(x);
        float[] out = new float[v.length];
        int lines = outer * inner;
        Parallel.range(lines, n, 1 << 12, (lo, hi) -> {
            double[] line = new double[n];
            for (int l = lo; l < hi; l++) {
                int base = l / inner * n * inner + l % inner;
                for (int j = 0; j < n; j++) {
                    line[j] = v[base + j * inner];
                }
                double lse = logSumExp(line, n);
                for (int j = 0; j < n; j++) {
                    double z = line[j] - lse;
                    out[base + j * inner] = (float) (log ? z : Math.exp(z));
                }
            }
        });
        return Host.wrap(backend, out, shape);
    }

    /** {@code max + log Σ exp(z − max)}, summed in index order as the reference does. */
    private static double logSumExp(double[] z, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(z[j] - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public Tensor crossEntropy(Tensor logits, Tensor target, double labelSmoothing) {
        if (!Host.isF32(logits)) {
            return ref.crossEntropy(logits, target, labelSmoothing);
        }
        int n = logits.shape(0);
        int c = logits.shape(1);
        float[] v = Host.dense(logits);
        int[] y = target.toIntArray();
        for (int s = 0; s < n; s++) {
            if (y[s] < 0 || y[s] >= c) {
                throw new IllegalArgumentException("cross_entropy: index " + y[s] + " out of range [0, " + c
                        + ") along axis 1");
            }
        }
        float[] loss = new float[n];
        Parallel.range(n, c, 1 << 12, (lo, hi) -> {
            double[] line = new double[c];
            for (int s = lo; s < hi; s++) {
                for (int j = 0; j < c; j++) {
                    line[j] = v[s * c + j];
                }
                double lse = logSumExp(line, c);
                double sumLogp = 0;
                for (int j = 0; j < c; j++) {
                    sumLogp += line[j] - lse;
                }
                // −(1−ε)·log p_y − (ε/C)·Σ_c log p_c
                loss[s] = (float) (-(1 - labelSmoothing) * (line[y[s]] - lse) - labelSmoothing / c * sumLogp);
            }
        });
        return Host.wrap(backend, loss, new int[] {n});
    }
}
