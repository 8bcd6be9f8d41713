package sabre.nn.optim;

import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

import java.util.List;

/**
 * Gradient clipping by total norm, as {@code torch.nn.utils.clip_grad_norm_}.
 *
 * <pre>{@code loss.backward(); GradClip.clipGradNorm(net.parameters(), 5.0, 2.0); optimizer.step();}</pre>
 */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales the gradients of {@code params} (those without one are ignored) so that their total p-norm — the norm
     * of the vector of per-parameter norms — is at most {@code maxNorm}: with c = maxNorm / (total + 1e-6), every
     * gradient becomes c·g when c &lt; 1. As in PyTorch, a NaN total also scales (the gradients become NaN). The
     * total is formed in FLOAT64.
     *
     * @param normType p &gt; 0, or {@code Double.POSITIVE_INFINITY} for the max-norm
     * @return the total norm before clipping (0 when no parameter has a gradient)
     */
    public static double clipGradNorm(List<Var> params, double maxNorm, double normType) {
        Check.arg(params != null, "clipGradNorm", "the parameter list is null");
        Check.arg(maxNorm >= 0, "clipGradNorm", "max norm must be >= 0, found %s", maxNorm);
        Check.arg(normType > 0, "clipGradNorm", "norm type must be > 0 (or infinity), found %s", normType);
        List<Var> withGrad = params.stream().filter(p -> p.grad() != null).toList();
        if (withGrad.isEmpty()) {
            return 0;
        }
        double[] norms = withGrad.stream().mapToDouble(p -> p.grad().norm(normType, null, false).item()).toArray();
        double total = Tensor.of(norms, norms.length).norm(normType, null, false).item(); // ‖(‖g₁‖, ‖g₂‖, …)‖
        double coef = maxNorm / (total + 1e-6); // c = maxNorm / (total + 1e-6)
        if (!(coef >= 1)) {
            withGrad.forEach(p -> p.setGrad(p.grad().mul(coef))); // g ← c·g
        }
        return total;
    }
}
