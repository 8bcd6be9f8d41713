package sabre.autograd;

import sabre.tensor.Check;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse-mode engine: a reverse topological walk over the recorded graph that accumulates ∂L/∂v for every var
 * on a path to the requested inputs. {@link #backward} writes into leaves; {@link #grad} returns gradients for
 * exactly the given inputs and leaves every {@link Var#grad()} untouched — an attack takes ∂L/∂x without computing
 * or storing weight gradients.
 *
 * <pre>{@code Tensor dx = Autograd.grad(loss, x)[0];}</pre>
 */
public final class Autograd {
    private Autograd() {
    }

    /** Gradients of a one-element {@code output} with respect to {@code inputs}; frees the graph. */
    public static Tensor[] grad(Var output, Var... inputs) {
        return grad(List.of(output), null, List.of(inputs), false, false);
    }

    /** {@link #grad(List, List, List, boolean, boolean)} refusing inputs the outputs do not depend on. */
    public static Tensor[] grad(List<Var> outputs, List<Tensor> gradOutputs, List<Var> inputs, boolean retainGraph) {
        return grad(outputs, gradOutputs, inputs, retainGraph, false);
    }

    /**
     * Gradients of {@code Σ_i <outputs_i, gradOutputs_i>} with respect to {@code inputs}. {@code gradOutputs}
     * may be null when every output has one element (seed 1). An input the outputs do not depend on is an error
     * (an accidental detach would otherwise silently give zeros) unless {@code allowUnused}, which gives zeros.
     * Leaves' accumulated gradients are not modified.
     */
    public static Tensor[] grad(List<Var> outputs, List<Tensor> gradOutputs, List<Var> inputs, boolean retainGraph,
                                boolean allowUnused) {
        for (Var in : inputs) {
            Check.arg(in.requiresGrad(), "grad", "an input does not require a gradient: %s", in);
        }
        Set<Var> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        targets.addAll(inputs);
        Map<Var, Tensor> grads = run(outputs, gradOutputs, targets, retainGraph);
        Tensor[] out = new Tensor[inputs.size()];
        for (int i = 0; i < out.length; i++) {
            Tensor g = grads.get(inputs.get(i));
            Check.arg(g != null || allowUnused, "grad", "input %d (%s) is not used by the outputs; pass allowUnused "
                    + "to get zeros", i, inputs.get(i));
            out[i] = g != null ? g : Tensor.zerosLike(inputs.get(i).value());
        }
        return out;
    }

    /** Back-propagates into every leaf that requires a gradient, adding to {@link Var#grad()}. */
    public static void backward(Var output, Tensor gradOutput, boolean retainGraph) {
        Map<Var, Tensor> grads = run(List.of(output), gradOutput == null ? null : List.of(gradOutput), null,
                retainGraph);
        grads.forEach((v, g) -> {
            if (v.isLeaf() && v.requiresGrad()) {
                v.accumulate(g);
            }
        });
    }

    private static Map<Var, Tensor> run(List<Var> outputs, List<Tensor> seeds, Set<Var> targets, boolean retain) {
        Check.arg(seeds == null || seeds.size() == outputs.size(), "backward", "%d outputs but %d gradients",
                outputs.size(), seeds == null ? 0 : seeds.size());
        Map<Var, Tensor> grads = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            Var out = outputs.get(i);
            Check.arg(out.requiresGrad(), "backward", "output %d does not require a gradient (no recorded path "
                    + "from an input that requires one)", i);
            Tensor seed = seeds == null ? null : seeds.get(i);
            if (seed == null) {
                Check.arg(out.value().numel() == 1, "backward",
                        "output %d has shape %s: pass a gradient for non-scalar outputs", i, Shape.str(out.shape()));
                seed = Tensor.onesLike(out.value());
            }
            Check.arg(Arrays.equals(seed.shape(), out.shape()) && seed.dtype() == out.value().dtype(), "backward",
                    "gradient %s %s does not match output %s %s", Shape.str(seed.shape()), seed.dtype(),
                    Shape.str(out.shape()), out.value().dtype());
            accumulate(grads, out, seed);
        }
        List<Var> order = topologicalOrder(outputs);
        Set<Var> useful = targets == null ? null : leadingTo(order, targets);
        for (int i = order.size() - 1; i >= 0; i--) {
            Var v = order.get(i);
            Tensor g = grads.get(v);
            if (v.node == null || g == null) {
                continue;
            }
            Node node = v.node;
            Vjp vjp = node.vjp(); // fails when an earlier pass freed this part of the graph
            boolean[] needs = new boolean[node.inputs().size()];
            boolean any = false;
            for (int k = 0; k < needs.length; k++) {
                Var in = node.inputs().get(k);
                needs[k] = in.requiresGrad() && (useful == null || useful.contains(in));
                any |= needs[k];
            }
            if (any) {
                Tensor[] inGrads = vjp.apply(g, needs);
                for (int k = 0; k < needs.length; k++) {
                    if (needs[k]) {
                        Var in = node.inputs().get(k);
                        checkGrad(node, k, inGrads[k]);
                        // a gradient has its input's type, whatever mixed-precision path it came through
                        accumulate(grads, in, inGrads[k].to(in.value().dtype()));
                    }
                }
                if (!retain) {
                    node.release(); // only parts whose VJP ran: a later pass may still need the rest
                }
            }
            if (targets == null || !targets.contains(v)) {
                grads.remove(v); // gradients of intermediate vars are not kept
            }
        }
        return grads;
    }

    private static void checkGrad(Node node, int k, Tensor g) {
        int[] expected = node.inputs().get(k).shape();
        if (g == null || !Arrays.equals(g.shape(), expected)) {
            throw new IllegalStateException("VJP of '" + node.op + "' returned " + (g == null ? "null"
                    : "shape " + Shape.str(g.shape())) + " for input " + k + " of shape " + Shape.str(expected));
        }
    }

    private static void accumulate(Map<Var, Tensor> grads, Var v, Tensor g) {
        grads.merge(v, g, Tensor::add);
    }

    /** Vars reachable from {@code outputs}, every var after all vars it depends on (iterative DFS). */
    static List<Var> topologicalOrder(List<Var> outputs) {
        List<Var> order = new ArrayList<>();
        Set<Var> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        for (Var out : outputs) {
            if (visited.add(out)) {
                stack.push(new Object[] {out, 0});
            }
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                Var v = (Var) top[0];
                int next = (int) top[1];
                List<Var> inputs = v.node == null ? List.of() : v.node.inputs();
                if (next < inputs.size()) {
                    top[1] = next + 1;
                    Var in = inputs.get(next);
                    if (in.requiresGrad() && visited.add(in)) {
                        stack.push(new Object[] {in, 0});
                    }
                } else {
                    stack.pop();
                    order.add(v);
                }
            }
        }
        return order;
    }

    /** Vars in {@code order} from which some target can be reached (including the targets). */
    private static Set<Var> leadingTo(List<Var> order, Set<Var> targets) {
        Set<Var> useful = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Var v : order) { // inputs come before their consumers
            if (targets.contains(v)) {
                useful.add(v);
            } else if (v.node != null) {
                for (Var in : v.node.inputs()) {
                    if (useful.contains(in)) {
                        useful.add(v);
                        break;
                    }
                }
            }
        }
        return useful;
    }
}
