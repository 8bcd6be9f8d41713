package sabre.nn.layers;

import sabre.autograd.BatchNormVar;
import sabre.autograd.F;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

/**
 * Batch normalisation over channel axis 1 (BatchNorm1d for [N, C] or [N, C, L], BatchNorm2d for [N, C, H, W]),
 * with PyTorch's parameters and buffers: {@code weight}, {@code bias}, {@code running_mean}, {@code running_var},
 * {@code num_batches_tracked}. In training the running statistics move by
 * {@code r ← (1 − momentum)·r + momentum·batch} with the unbiased batch variance, as PyTorch does.
 *
 * <pre>{@code BatchNorm bn = BatchNorm.of2d(64);}</pre>
 */
public final class BatchNorm extends Module {
    private final Var weight;
    private final Var bias;
    private final double eps;
    private final double momentum;
    private final int rank;

    /** {@code channels} features, eps, momentum, with or without the affine γ/β, for inputs of {@code rank}. */
    public BatchNorm(int channels, double eps, double momentum, boolean affine, int... ranks) {
        this.eps = eps;
        this.momentum = momentum;
        this.rank = ranks.length == 1 ? ranks[0] : -1;
        weight = affine ? registerParameter("weight", Tensor.ones(DType.FLOAT32, channels)) : null;
        bias = affine ? registerParameter("bias", Tensor.zeros(DType.FLOAT32, channels)) : null;
        registerBuffer("running_mean", Tensor.zeros(DType.FLOAT32, channels));
        registerBuffer("running_var", Tensor.ones(DType.FLOAT32, channels));
        registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT32));
    }

    /** PyTorch's BatchNorm2d defaults: eps 1e-5, momentum 0.1, affine. */
    public static BatchNorm of2d(int channels) {
        return new BatchNorm(channels, 1e-5, 0.1, true, 4);
    }

    /** PyTorch's BatchNorm1d defaults, for [N, C] or [N, C, L]. */
    public static BatchNorm of1d(int channels) {
        return new BatchNorm(channels, 1e-5, 0.1, true, 2, 3);
    }

    @Override
    public Var forward(Var x) {
        return normalize(x, false);
    }

    /**
     * {@code relu(forward(x))} as one fused op (one pass over the activation each way on the CPU backend); the
     * running statistics move exactly as in {@link #forward}.
     *
     * <pre>{@code Var h = bn.forwardRelu(conv.forward(x));}</pre>
     */
    public Var forwardRelu(Var x) {
        return normalize(x, true);
    }

    private Var normalize(Var x, boolean relu) {
        sabre.tensor.Check.arg(rank < 0 ? x.shape().length == 2 || x.shape().length == 3 : x.shape().length == rank,
                "batch_norm", "expected a %s input, found shape %s", rank < 0 ? "2-D or 3-D" : rank + "-D",
                java.util.Arrays.toString(x.shape()));
        boolean training = isTraining();
        Tensor runningMean = training ? null : buffer("running_mean");
        Tensor runningVar = training ? null : buffer("running_var");
        BatchNormVar r = relu ? F.batchNormRelu(x, weight, bias, runningMean, runningVar, training, eps)
                : F.batchNorm(x, weight, bias, runningMean, runningVar, training, eps);
        if (training) {
            updateRunningStatistics(r, x.value().numel() / x.shape()[1]);
        }
        return r.output();
    }

    private void updateRunningStatistics(BatchNormVar r, int count) {
        try (NoGrad scope = NoGrad.enter()) {
            // biased variance from the forward's invStd = 1/√(var + eps), made unbiased: var·n/(n − 1)
            Tensor var = r.invStd().pow(-2).sub(eps).mul((double) count / (count - 1));
            setBuffer("running_mean", buffer("running_mean").mul(1 - momentum).add(r.mean().mul(momentum)));
            setBuffer("running_var", buffer("running_var").mul(1 - momentum).add(var.mul(momentum)));
            setBuffer("num_batches_tracked", buffer("num_batches_tracked").add(1));
        }
    }

    @Override
    protected String describe() {
        return buffer("running_mean").shape(0) + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null);
    }
}
