package sabre.tensor.ref;

import sabre.tensor.Tensor;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.SoftmaxOps;

/** Softmax, log-softmax and fused cross-entropy for the reference backend, all max-shifted for stability. */
public final class RefSoftmax extends RefKernel implements SoftmaxOps {
    /** The reference implementation, allocating its results as host memory of {@code backend}. */
    public RefSoftmax(Backend backend) {
        super(backend);
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return along(x, axis, false);
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return along(x, axis, true);
    }

    /** Applies (log-)softmax to every line along {@code axis}: elements {@code outer·n·inner + j·inner + i}. */
    private Tensor along(Tensor x, int axis, boolean log) {
        int[] shape = x.shape();
        int n = shape[axis];
        int inner = prod(shape, axis + 1, shape.length);
        int outer = prod(shape, 0, axis);
        double[] v = read(x);
        double[] line = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                for (int j = 0; j < n; j++) {
                    line[j] = v[base + j * inner];
                }
                logSoftmaxInPlace(line);
                for (int j = 0; j < n; j++) {
                    v[base + j * inner] = log ? line[j] : Math.exp(line[j]);
                }
            }
        }
        return make(v, shape, x.dtype());
    }

    /** {@code z_j ← z_j − max − log Σ exp(z − max)}. */
    static void logSoftmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        double lse = max + Math.log(sum);
        for (int j = 0; j < z.length; j++) {
            z[j] -= lse;
        }
    }

    @Override
    public Tensor crossEntropy(Tensor logits, Tensor target, double labelSmoothing) {
        int n = logits.shape(0);
        int c = logits.shape(1);
        double[] v = read(logits);
        int[] y = readInts(target);
        double[] loss = new double[n];
        double[] line = new double[c];
        for (int s = 0; s < n; s++) {
            checkIndex("cross_entropy", y[s], c, 1);
            System.arraycopy(v, s * c, line, 0, c);
            logSoftmaxInPlace(line);
            double sumLogp = 0;
            for (double lp : line) {
                sumLogp += lp;
            }
            // −(1−ε)·log p_y − (ε/C)·Σ_c log p_c
            // (the smoothing term is skipped at ε = 0 so a −∞ logit elsewhere cannot turn 0·(−∞) into NaN)
            loss[s] = -(1 - labelSmoothing) * line[y[s]] - (labelSmoothing == 0 ? 0 : labelSmoothing / c * sumLogp);
        }
        return make(loss, new int[] {n}, logits.dtype());
    }
}
