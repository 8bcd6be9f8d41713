package sabre.nn;

import sabre.autograd.Autograd;
import sabre.autograd.CustomFunction;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Test helper: a module as a FLOAT64 function of {@code [input, parameter 0, parameter 1, …]} (state-dict order), so
 * that {@link sabre.autograd.GradCheck} checks the gradient of the module as built with respect to its input and
 * every parameter. Each call writes the given values into the module's parameters, runs {@code forward} and, on the
 * way back, asks autograd for the gradients of that inner graph.
 *
 * <p>Layers create FLOAT32 parameters; {@link #inputs} converts the module to FLOAT64 with {@link Module#to(DType)}
 * first. Finite differences in FLOAT32 are no substitute: a ReLU/max-pool network is too kinked at steps FLOAT32
 * can resolve.
 *
 * <pre>{@code GradCheck.randomDirection(ModuleFunction.of(net), ModuleFunction.inputs(net, x), 1e-6, 1);}</pre>
 */
final class ModuleFunction {
    private ModuleFunction() {
    }

    /** Converts the module to FLOAT64 and returns {@code [x, parameters…]} in FLOAT64, for GradCheck. */
    static Tensor[] inputs(Module m, Tensor x) {
        m.to(DType.FLOAT64);
        List<Tensor> in = new ArrayList<>();
        in.add(x.to(DType.FLOAT64));
        for (Var p : m.parameters()) {
            in.add(p.value());
        }
        return in.toArray(Tensor[]::new);
    }

    /** {@code in -> m.forward(in[0])} with m's parameters set to {@code in[1…]}; gradients flow to all of them. */
    static Function<Var[], Var> of(Module m) {
        List<Var> params = m.parameters();
        CustomFunction f = new CustomFunction() {
            @Override
            public String name() {
                return "module " + m.getClass().getSimpleName();
            }

            @Override
            public Tensor forward(Context ctx, Tensor... in) {
                for (int i = 0; i < params.size(); i++) {
                    params.get(i).assign(in[i + 1]);
                }
                Var x = Var.param(in[0]);
                Var y = m.forward(x);
                ctx.save("x", x);
                ctx.save("y", y);
                return y.value();
            }

            @Override
            public Tensor[] backward(Context ctx, Tensor g) {
                Var x = ctx.get("x");
                Var y = ctx.get("y");
                List<Var> wrt = new ArrayList<>(List.of(x));
                wrt.addAll(params);
                return Autograd.grad(List.of(y), List.of(g), wrt, false, true);
            }
        };
        return f::apply;
    }
}
