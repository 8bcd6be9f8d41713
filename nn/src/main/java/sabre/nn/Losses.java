package sabre.nn;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

/**
 * Loss functions over a batch: each computes one loss per sample (per element for {@link #mse}) and combines them
 * with a {@link F.Reduction} — {@code NONE} keeps them, {@code MEAN} averages, {@code SUM} adds.
 *
 * <pre>{@code
 * Var loss = Losses.crossEntropy(model.forward(x), labels, 0.1, F.Reduction.MEAN);
 * Var attack = Losses.cwMargin(logits, labels, 0.0, false, F.Reduction.SUM);
 * }</pre>
 */
public final class Losses {
    private Losses() {
    }

    /**
     * Cross-entropy of logits [N, C] against INT32 class indices [N] with label smoothing ε:
     * {@code ℓ_n = −Σ_j q_j·log softmax(z_n)_j}, {@code q = (1−ε)·onehot(y_n) + ε/C}.
     */
    public static Var crossEntropy(Var logits, Tensor targets, double labelSmoothing, F.Reduction reduction) {
        return F.crossEntropy(logits, targets, labelSmoothing, reduction);
    }

    /** Negative log-likelihood of log-probabilities [N, C] at INT32 class indices [N]: {@code ℓ_n = −logp[n, y_n]}. */
    public static Var nll(Var logProbs, Tensor targets, F.Reduction reduction) {
        checkClassification("nll", logProbs, targets);
        return reduction.apply(picked(logProbs, targets).neg());
    }

    /** Squared error of same-shaped tensors, per element: {@code ℓ_i = (a_i − b_i)²}. */
    public static Var mse(Var a, Var b, F.Reduction reduction) {
        Check.arg(java.util.Arrays.equals(a.shape(), b.shape()), "mse", "shapes differ: %s vs %s",
                Shape.str(a.shape()), Shape.str(b.shape()));
        Check.floating("mse", a.value());
        Check.floating("mse", b.value());
        Var d = a.sub(b);
        return reduction.apply(d.mul(d));
    }

    /**
     * The Carlini–Wagner margin loss of logits Z [N, C] (C ≥ 2) per sample, with confidence κ ≥ 0. Untargeted,
     * with true labels y: {@code max(Z_y − max_{j≠y} Z_j, −κ)}; targeted, with target labels t:
     * {@code max(max_{j≠t} Z_j − Z_t, −κ)}. Minimising it pushes the chosen logit below (untargeted) or above
     * (targeted) the best other one by κ, after which its gradient is zero.
     */
    public static Var cwMargin(Var logits, Tensor targets, double kappa, boolean targeted, F.Reduction reduction) {
        checkClassification("cw_margin", logits, targets);
        Check.arg(logits.shape()[1] >= 2, "cw_margin", "need at least 2 classes, found logits %s",
                Shape.str(logits.shape()));
        Check.arg(kappa >= 0 && Double.isFinite(kappa), "cw_margin", "kappa must be finite and non-negative, found %s",
                kappa);
        Tensor z = logits.value();
        Tensor isTarget = Tensor.oneHot(targets, z.shape(1), DType.BOOL);
        Var minusInf = Var.of(Tensor.full(z.device(), z.dtype(), Double.NEGATIVE_INFINITY));
        Var bestOther = Var.where(isTarget, minusInf, logits).amax(new int[] {1}, false);
        Var chosen = picked(logits, targets);
        Var margin = targeted ? bestOther.sub(chosen) : chosen.sub(bestOther);
        return reduction.apply(margin.clamp(-kappa, Double.POSITIVE_INFINITY));
    }

    /** {@code x[n, y_n]} for each row n. */
    private static Var picked(Var x, Tensor targets) {
        return x.gather(1, targets.reshape(-1, 1)).squeeze(1);
    }

    private static void checkClassification(String op, Var scores, Tensor targets) {
        Check.rank(op, scores.value(), 2, "scores [N, C]");
        Check.floating(op, scores.value());
        Check.indices(op, targets);
        Check.arg(targets.dim() == 1 && targets.shape(0) == scores.shape()[0], op,
                "targets %s do not match scores %s", Shape.str(targets.shape()), Shape.str(scores.shape()));
    }
}
