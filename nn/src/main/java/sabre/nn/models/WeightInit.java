package sabre.nn.models;

import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Init;
import sabre.nn.Module;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Linear;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.function.Consumer;

/**
 * Re-initialisations that reference CIFAR models apply after construction ({@code self.apply(init)} or a loop over
 * {@code self.modules()}), so training from scratch starts from the same distributions as in PyTorch.
 *
 * <pre>{@code WeightInit.kaimingNormal(model, Init.FanMode.FAN_OUT, false, gen);}</pre>
 */
final class WeightInit {
    private WeightInit() {
    }

    /**
     * Every Conv2d weight (and every Linear weight when {@code linear}) ← N(0, 2/fan), PyTorch's
     * {@code kaiming_normal_(w, mode)}; {@code normal_(0, √(2/(k·k·out)))} is the FAN_OUT case.
     */
    static void kaimingNormal(Module root, Init.FanMode mode, boolean linear, Generator g) {
        visit(root, m -> {
            Var w = m instanceof Conv2d c ? c.weight() : linear && m instanceof Linear l ? l.weight() : null;
            if (w != null) {
                assign(w, Init.kaimingNormal(g, w.value().dtype(), mode, w.shape()));
            }
        });
    }

    /** Every Linear bias ← 0. */
    static void zeroLinearBiases(Module root) {
        visit(root, m -> {
            Var b = m instanceof Linear ? m.namedParameters().get("bias") : null;
            if (b != null) {
                assign(b, Tensor.zerosLike(b.value()));
            }
        });
    }

    private static void assign(Var p, Tensor value) {
        try (NoGrad scope = NoGrad.enter()) {
            p.assign(value.to(p.value().device()));
        }
    }

    private static void visit(Module m, Consumer<Module> action) {
        action.accept(m);
        m.children().values().forEach(c -> visit(c, action));
    }
}
