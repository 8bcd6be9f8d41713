package sabre.autograd;

import sabre.autograd.rules.NNRules;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Generator;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;

/**
 * Differentiable neural-network functions, in the spirit of {@code torch.nn.functional}. Shapes are NCHW.
 *
 * <pre>{@code
 * Var h = F.conv2d(x, w, null, Conv2dParams.of(1, 1)).relu();
 * Var loss = F.crossEntropy(F.linear(h.flatten(1, -1), fcW, fcB), labels, 0.0, Reduction.MEAN);
 * }</pre>
 */
public final class F {
    private F() {
    }

    /** How per-sample losses are combined. */
    public enum Reduction {
        NONE, MEAN, SUM;

        /** Applies this reduction to per-sample values. */
        public Var apply(Var perSample) {
            return switch (this) {
                case NONE -> perSample;
                case MEAN -> perSample.mean();
                case SUM -> perSample.sum();
            };
        }
    }

    public static Var conv2d(Var x, Var weight, Var bias, Conv2dParams p) {
        return NNRules.conv2d(x, weight, bias, p);
    }

    public static Var convTranspose2d(Var x, Var weight, Var bias, Conv2dParams p, int outputPadH, int outputPadW) {
        return NNRules.convTranspose2d(x, weight, bias, p, outputPadH, outputPadW);
    }

    /** {@code x·Wᵀ + b} with weight [out, in] (PyTorch's layout); bias may be null. */
    public static Var linear(Var x, Var weight, Var bias) {
        sabre.tensor.Check.arg(weight.shape().length == 2, "linear", "weight must be [out, in], found shape %s",
                java.util.Arrays.toString(weight.shape()));
        Var y = x.matmul(weight.transpose(0, 1));
        return bias == null ? y : y.add(bias);
    }

    public static Var maxPool2d(Var x, Pool2dParams p) {
        return NNRules.maxPool2d(x, p);
    }

    public static Var avgPool2d(Var x, Pool2dParams p, boolean countIncludePad) {
        return NNRules.avgPool2d(x, p, countIncludePad);
    }

    public static Var adaptiveAvgPool2d(Var x, int outH, int outW) {
        return NNRules.adaptiveAvgPool2d(x, outH, outW);
    }

    /** Batch norm over axis 1; running statistics are read in eval mode and never written here. */
    public static BatchNormVar batchNorm(Var x, Var weight, Var bias, Tensor runningMean, Tensor runningVar,
                                         boolean training, double eps) {
        return NNRules.batchNorm(x, weight, bias, runningMean, runningVar, training, eps);
    }

    /**
     * {@code relu(batchNorm(x))} as one fused op; the statistics and the running-statistics contract are
     * {@link #batchNorm}'s.
     *
     * <pre>{@code Var h = F.batchNormRelu(x, gamma, beta, null, null, true, 1e-5).output();}</pre>
     */
    public static BatchNormVar batchNormRelu(Var x, Var weight, Var bias, Tensor runningMean, Tensor runningVar,
                                             boolean training, double eps) {
        return NNRules.batchNormRelu(x, weight, bias, runningMean, runningVar, training, eps);
    }

    public static Var softmax(Var x, int axis) {
        return NNRules.softmax(x, axis);
    }

    public static Var logSoftmax(Var x, int axis) {
        return NNRules.logSoftmax(x, axis);
    }

    /** Cross-entropy of logits [N, C] and INT32 targets [N], with label smoothing, reduced as asked. */
    public static Var crossEntropy(Var logits, Tensor target, double labelSmoothing, Reduction reduction) {
        return reduction.apply(NNRules.crossEntropy(logits, target, labelSmoothing));
    }

    public static Var upsampleNearest(Var x, int outH, int outW) {
        return NNRules.upsampleNearest(x, outH, outW);
    }

    public static Var upsampleBilinear(Var x, int outH, int outW, boolean alignCorners) {
        return NNRules.upsampleBilinear(x, outH, outW, alignCorners);
    }

    /** Inverted dropout in training (mask from {@code gen}); the identity in eval or for p = 0. */
    public static Var dropout(Var x, double p, boolean training, Generator gen) {
        return training && p > 0 ? NNRules.dropout(x, p, gen) : x;
    }
}
