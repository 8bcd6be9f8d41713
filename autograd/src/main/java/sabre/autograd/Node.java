package sabre.autograd;

import java.util.List;

/**
 * One recorded op in the graph: its name, a short description of its attributes, its inputs and its VJP rule.
 * After a backward pass without {@code retainGraph} the rule is released together with the tensors it captured.
 */
final class Node {
    final String op;
    final String attributes;
    final List<Var> inputs;
    private Vjp vjp;

    Node(String op, String attributes, List<Var> inputs, Vjp vjp) {
        this.op = op;
        this.attributes = attributes;
        this.inputs = inputs;
        this.vjp = vjp;
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
    }
}
