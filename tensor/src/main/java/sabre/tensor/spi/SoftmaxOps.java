package sabre.tensor.spi;

import sabre.tensor.Tensor;

/** Softmax family and the fused cross-entropy. */
public interface SoftmaxOps {
    /** {@code exp(x − max) / Σ exp(x − max)} along {@code axis}. */
    Tensor softmax(Tensor x, int axis);

    /** {@code x − max − log Σ exp(x − max)} along {@code axis}. */
    Tensor logSoftmax(Tensor x, int axis);

    /**
     * Per-sample cross-entropy of logits [N, C] against INT32 class targets [N] with label smoothing ε:
     * {@code −(1−ε)·logp[y] − ε/C · Σ_c logp[c]}. Targets outside {@code [0, C)} raise.
     */
    Tensor crossEntropy(Tensor logits, Tensor target, double labelSmoothing);
}
