package sabre.nn.optim;

import sabre.autograd.Var;

import java.util.List;

/**
 * Adam with decoupled weight decay — {@code torch.optim.AdamW}: each step first shrinks the parameter,
 * θ ← θ(1 − ηλ), then applies {@link Adam}'s update with the raw gradient (no λθ added to it). Same state keys
 * as Adam.
 *
 * <pre>{@code Optimizer opt = new AdamW(net.parameters(), 1e-3, 0.9, 0.999, 1e-8, 0.05, false);}</pre>
 */
public final class AdamW extends Adam {
    /** AdamW with PyTorch's defaults: betas (0.9, 0.999), ε = 1e-8, weight decay 0.01, no AMSGrad. */
    public AdamW(List<Var> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.01, false);
    }

    /** AdamW with every hyper-parameter given; betas in [0, 1), ε and λ non-negative. */
    public AdamW(List<Var> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean amsgrad) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, amsgrad, true);
    }
}
