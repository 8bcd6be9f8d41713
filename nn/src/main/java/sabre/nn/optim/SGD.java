package sabre.nn.optim;

import sabre.autograd.Var;
import sabre.tensor.Functional;
import sabre.tensor.SgdStep;
import sabre.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, L2 weight decay and Nesterov momentum — the
 * equations of {@code torch.optim.SGD}, per parameter θ with gradient g, learning rate η, momentum μ, dampening τ,
 * weight decay λ:
 * <pre>
 *   d ← g + λθ
 *   b ← d on the first step, else μb + (1 − τ)d        (only when μ ≠ 0)
 *   d ← d + μb with Nesterov, else d ← b                (only when μ ≠ 0)
 *   θ ← θ − ηd
 * </pre>
 * State: {@code momentum_buffer} (b) per parameter when μ ≠ 0.
 *
 * <pre>{@code Optimizer opt = new SGD(net.parameters(), 0.1, 0.9, 0, 5e-4, true);}</pre>
 */
public final class SGD extends Optimizer {
    /** The state key of the momentum buffer b. */
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;

    /** Plain SGD: θ ← θ − ηg. */
    public SGD(List<Var> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    /** SGD with momentum; Nesterov needs momentum > 0 and dampening = 0 (as in PyTorch). */
    public SGD(List<Var> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super("SGD", params, lr);
        require(Double.isFinite(momentum) && momentum >= 0, "momentum must be finite and >= 0, found %s", momentum);
        require(Double.isFinite(dampening), "dampening must be finite, found %s", dampening);
        require(Double.isFinite(weightDecay) && weightDecay >= 0, "weight decay must be finite and >= 0, found %s",
                weightDecay);
        require(!nesterov || (momentum > 0 && dampening == 0),
                "Nesterov momentum requires momentum > 0 and dampening = 0, found momentum %s and dampening %s",
                momentum, dampening);
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    protected List<String> stateKeys() {
        return momentum == 0 ? List.of() : List.of(MOMENTUM_BUFFER);
    }

    @Override
    protected Tensor update(Tensor param, Tensor grad, Map<String, Tensor> state) {
        // one fused pass on the CPU backend, bit-identical to the tensor-op sequence above
        SgdStep step = Functional.sgdUpdate(param, grad, state.get(MOMENTUM_BUFFER), lr(), momentum, dampening,
                weightDecay, nesterov);
        if (momentum != 0) {
            state.put(MOMENTUM_BUFFER, step.momentumBuffer());
        }
        return step.param();
    }
}
