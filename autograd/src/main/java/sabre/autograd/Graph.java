package sabre.autograd;

import sabre.tensor.Tensor;

import java.util.List;

/**
 * Records ops into the graph. Rule authors (and {@link CustomFunction}) call {@link #record}; nothing is recorded
 * inside a {@link NoGrad} scope or when no input requires a gradient.
 *
 * <pre>{@code return Graph.record("exp", y, "", (g, needs) -> new Tensor[] {g.mul(y)}, x);}</pre>
 */
public final class Graph {
    private Graph() {
    }

    /** Wraps {@code output} as the result of {@code op} applied to {@code inputs} with VJP {@code vjp}. */
    public static Var record(String op, Tensor output, String attributes, Vjp vjp, Var... inputs) {
        for (int i = 0; i < inputs.length; i++) {
            sabre.tensor.Check.arg(inputs[i] != null, op, "input %d is null", i);
        }
        if (NoGrad.active() || !anyRequiresGrad(inputs)) {
            return Var.of(output);
        }
        return new Var(output, new Node(op, attributes, List.of(inputs), vjp));
    }

    /** True when some input requires a gradient (and we are not in a no-grad scope). */
    public static boolean anyRequiresGrad(Var... inputs) {
        if (NoGrad.active()) {
            return false;
        }
        for (Var v : inputs) {
            if (v != null && v.requiresGrad()) {
                return true;
            }
        }
        return false;
    }
}
