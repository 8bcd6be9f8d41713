package sabre.autograd;

import java.util.List;

/**
 * One recorded op in the graph: its name, a short description of its attributes, its inputs and its VJP rule.
 * After a backward pass without {@code retainGraph} the rule and the inputs are released, and with them every
 * tensor they kept alive.
 */
final class Node {
    final String op;
    final String attributes;
    private List<Var> inputs;
    private Vjp vjp;

    Node(String op, String attributes, List<Var> inputs, Vjp vjp) {
        this.op = op;
        this.attributes = attributes;
        this.inputs = inputs;
        this.vjp = vjp;
    }

    /** The recorded inputs (empty once released, so the activations they hold can be collected). */
    List<Var> inputs() {
        return inputs;
    }

    /** True after {@link #release()}. */
    boolean freed() {
        return vjp == null;
    }

    Vjp vjp() {
        if (vjp == null) {
            throw new IllegalStateException("backward: the graph through '" + op + "' was already freed by an earlier "
                    + "backward pass; pass retainGraph = true to the first one");
        }
        return vjp;
    }

    void release() {
        vjp = null;
        inputs = List.of();
    }
}
