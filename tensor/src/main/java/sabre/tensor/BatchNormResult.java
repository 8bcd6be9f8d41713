package sabre.tensor;

/**
 * Output of batch norm and the statistics its backward needs: the per-channel mean used and {@code 1/sqrt(var+eps)}.
 * In training mode they are the batch's (biased variance); in eval mode the running statistics.
 */
public record BatchNormResult(Tensor output, Tensor mean, Tensor invStd) {
}
