package sabre.tests.ops;

import sabre.autograd.Var;
import sabre.tensor.Tensor;

import java.util.function.Function;

/**
 * One sample of one op: how to build its inputs for a {@link Spec}, the op applied to vars, and whether its
 * gradient is checked (differentiable ops). Non-differentiable results come back wrapped in {@link Var#of}.
 */
public record OpCase(String op, String label, Function<Spec, Tensor[]> inputs, Function<Var[], Var> fn,
                     boolean gradcheck) {
    @Override
    public String toString() {
        return op + ": " + label;
    }
}
