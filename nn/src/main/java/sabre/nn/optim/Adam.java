package sabre.nn.optim;

import sabre.autograd.Var;
import sabre.tensor.AdamStep;
import sabre.tensor.DType;
import sabre.tensor.Functional;
import sabre.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Adam with L2 weight decay and optional AMSGrad — the equations of {@code torch.optim.Adam}, per parameter θ with
 * gradient g at step t (counted per parameter from 1), learning rate η, betas β₁ β₂, weight decay λ:
 * <pre>
 *   g ← g + λθ
 *   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²        (m = v = 0 before the first step)
 *   v̂ ← max(v̂, v) with AMSGrad, else v̂ = v
 *   θ ← θ − η/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 * </pre>
 * State per parameter: {@code step} (t), {@code exp_avg} (m), {@code exp_avg_sq} (v) and, with AMSGrad,
 * {@code max_exp_avg_sq} (v̂). {@link AdamW} is the same with decoupled weight decay.
 *
 * <pre>{@code Optimizer opt = new Adam(net.parameters(), 1e-3, 0.9, 0.999, 1e-8, 0, false);}</pre>
 */
public class Adam extends Optimizer {
    /** State key of the first moment m. */
    public static final String EXP_AVG = "exp_avg";
    /** State key of the second moment v. */
    public static final String EXP_AVG_SQ = "exp_avg_sq";
    /** State key of AMSGrad's running maximum v̂. */
    public static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), ε = 1e-8, no weight decay, no AMSGrad. */
    public Adam(List<Var> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /** Adam with every hyper-parameter given; betas in [0, 1), ε and λ non-negative. */
    public Adam(List<Var> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean amsgrad) {
        this("Adam", params, lr, beta1, beta2, eps, weightDecay, amsgrad, false);
    }

    /** With {@code decoupled}, weight decay shrinks θ directly (AdamW) instead of adding λθ to the gradient. */
    Adam(String name, List<Var> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean amsgrad, boolean decoupled) {
        super(name, params, lr);
        require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), found %s", beta1);
        require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), found %s", beta2);
        require(Double.isFinite(eps) && eps >= 0, "eps must be finite and >= 0, found %s", eps);
        require(Double.isFinite(weightDecay) && weightDecay >= 0, "weight decay must be finite and >= 0, found %s",
                weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
    }

    @Override
    protected final List<String> stateKeys() {
        return amsgrad ? List.of(STEP, EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ) : List.of(STEP, EXP_AVG, EXP_AVG_SQ);
    }

    @Override
    protected final Tensor update(Tensor param, Tensor grad, Map<String, Tensor> state) {
        int step = state.isEmpty() ? 1 : (int) state.get(STEP).item() + 1;
        // one fused pass on the CPU backend, bit-identical to the composed ops of ElementwiseOps.adamUpdate
        AdamStep s = Functional.adamUpdate(param, grad, state.get(EXP_AVG), state.get(EXP_AVG_SQ),
                state.get(MAX_EXP_AVG_SQ), step, lr(), beta1, beta2, eps, weightDecay, decoupled, amsgrad);
        state.put(STEP, Tensor.scalar(step, DType.INT32));
        state.put(EXP_AVG, s.expAvg());
        state.put(EXP_AVG_SQ, s.expAvgSq());
        if (amsgrad) {
            state.put(MAX_EXP_AVG_SQ, s.maxExpAvgSq());
        }
        return s.param();
    }
}
