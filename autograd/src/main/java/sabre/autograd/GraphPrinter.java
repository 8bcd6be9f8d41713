package sabre.autograd;

import sabre.tensor.Shape;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows every recorded op on the paths from the inputs to a loss — as indented text, or as Graphviz dot.
 *
 * <pre>{@code System.out.println(GraphPrinter.text(loss));}</pre>
 */
public final class GraphPrinter {
    private GraphPrinter() {
    }

    /** One line per var in dependency order: {@code %id = op(inputs) attributes : shape dtype}. */
    public static String text(Var output) {
        List<Var> order = Autograd.topologicalOrder(List.of(output));
        Map<Var, String> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder();
        for (Var v : order) {
            String id = "%" + ids.size();
            ids.put(v, id);
            sb.append(id).append(" = ").append(describe(v, ids)).append(" : ").append(Shape.str(v.shape()))
                    .append(' ').append(v.value().dtype()).append('\n');
        }
        return sb.toString();
    }

    /** The same graph in Graphviz dot: leaves are boxes, ops ellipses, edges point from inputs to outputs. */
    public static String dot(Var output) {
        List<Var> order = Autograd.topologicalOrder(List.of(output));
        Map<Var, Integer> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder("digraph sabre {\n  rankdir=LR;\n");
        for (Var v : order) {
            int id = ids.size();
            ids.put(v, id);
            String label = (v.isLeaf() ? leafLabel(v) : v.node.op + (v.node.attributes.isEmpty() ? ""
                    : "\\n" + v.node.attributes)) + "\\n" + Shape.str(v.shape());
            sb.append("  n").append(id).append(" [label=\"").append(label.replace("\"", "'")).append("\", shape=")
                    .append(v.isLeaf() ? "box" : "ellipse").append("];\n");
            if (!v.isLeaf()) {
                for (Var in : v.node.inputs()) {
                    if (ids.containsKey(in)) { // constants carry no gradient and are not drawn
                        sb.append("  n").append(ids.get(in)).append(" -> n").append(id).append(";\n");
                    }
                }
            }
        }
        return sb.append("}\n").toString();
    }

    private static String describe(Var v, Map<Var, String> ids) {
        if (v.isLeaf()) {
            return leafLabel(v);
        }
        StringBuilder sb = new StringBuilder(v.node.op).append('(');
        for (int i = 0; i < v.node.inputs().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(ids.getOrDefault(v.node.inputs().get(i), "const"));
        }
        sb.append(')');
        if (!v.node.attributes.isEmpty()) {
            sb.append(' ').append(v.node.attributes);
        }
        return sb.toString();
    }

    private static String leafLabel(Var v) {
        return "leaf" + (v.name() != null ? " '" + v.name() + "'" : "");
    }
}
