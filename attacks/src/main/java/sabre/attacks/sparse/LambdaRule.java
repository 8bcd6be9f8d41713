package sabre.attacks.sparse;

import sabre.tensor.Tensor;

/**
 * How AutoAdversary updates each image's sparsity weight λ after a pruning step, from whether the image's hard
 * mask fooled the model and the hard mask itself (1 where the pre-sigmoid logit is positive). The default
 * (no rule set) is the multiplicative adaptation of {@link AutoAdversary#adaptiveLambda}.
 *
 * <pre>{@code LambdaRule r = LambdaRule.maskFraction(1, 10); // λ = 1 + 10·(fraction of ones), AdvMask}</pre>
 */
@FunctionalInterface
public interface LambdaRule {
    /** Updates {@code lambdas} in place. */
    void update(double[] lambdas, boolean[] fooled, Tensor hardMask);

    /** {@code λ_n = base + slope·(fraction of ones in image n's hard mask)}. */
    static LambdaRule maskFraction(double base, double slope) {
        return (lambdas, fooled, hard) -> {
            int[] axes = new int[hard.dim() - 1];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i + 1;
            }
            double[] ones = hard.mean(axes, false).toDoubleArray();
            for (int n = 0; n < lambdas.length; n++) {
                lambdas[n] = base + slope * ones[n];
            }
        };
    }
}
