package sabre.autograd.rules;

import sabre.autograd.Graph;
import sabre.autograd.SumToShape;
import sabre.autograd.Var;
import sabre.tensor.BinaryOp;
import sabre.tensor.Functional;
import sabre.tensor.Tensor;

/**
 * VJP rules of the broadcasting two-input ops, {@code where} and {@code matmul}. Every gradient is summed back to
 * its operand's shape ({@link SumToShape}).
 *
 * <pre>{@code Var z = BinaryRules.apply(BinaryOp.MUL, x, y);}</pre>
 */
public final class BinaryRules {
    private BinaryRules() {
    }

    /** {@code y = a op b} with broadcasting. */
    public static Var apply(BinaryOp op, Var a, Var b) {
        Tensor av = a.value();
        Tensor bv = b.value();
        Tensor y = av.apply(op, bv);
        return Graph.record(op.opName(), y, "", (g, needs) -> {
            Tensor[] d = partials(op, av, bv, y, g);
            return new Tensor[] {
                    needs[0] ? SumToShape.apply(d[0], av.shape()) : null,
                    needs[1] ? SumToShape.apply(d[1], bv.shape()) : null};
        }, a, b);
    }

    private static Tensor[] partials(BinaryOp op, Tensor a, Tensor b, Tensor y, Tensor g) {
        return switch (op) {
            case ADD -> new Tensor[] {g, g}; // da = g, db = g
            case SUB -> new Tensor[] {g, g.neg()}; // da = g, db = −g
            case MUL -> new Tensor[] {g.mul(b), g.mul(a)}; // da = g·b, db = g·a
            case DIV -> new Tensor[] {g.div(b), g.mul(a).div(b.mul(b)).neg()}; // da = g/b, db = −g·a/b²
            // da = g·b·a^(b−1) (0 where b = 0); db = g·y·ln a, taken as 0 where a = 0 and b ≥ 0 (PyTorch's convention)
            case POW -> new Tensor[] {Tensor.where(b.eq(0), Tensor.zerosLike(g), g.mul(b).mul(a.pow(b.sub(1)))),
                    g.mul(Tensor.where(
                    a.eq(0).to(g.dtype()).mul(b.compare(sabre.tensor.CompareOp.GE, 0).to(g.dtype())).gt(0),
                    Tensor.zerosLike(y), y.mul(a.log())))};
            case MAXIMUM, MINIMUM -> selectPartials(op == BinaryOp.MAXIMUM ? a.gt(b) : a.lt(b), a.eq(b), g);
        };
    }

    /** max/min: the chosen operand gets g, a tie gives each half (as PyTorch). */
    private static Tensor[] selectPartials(Tensor aWins, Tensor tie, Tensor g) {
        Tensor wa = aWins.to(g.dtype()).add(tie.to(g.dtype()).mul(0.5));
        return new Tensor[] {g.mul(wa), g.mul(wa.neg().add(1))};
    }

    /**
     * {@code y = relu(a + b)} with broadcasting, as one node (the residual join): both operands get the gradient
     * masked by y > 0, summed back to their shapes.
     *
     * <pre>{@code Var out = BinaryRules.addRelu(branch, shortcut);}</pre>
     */
    public static Var addRelu(Var a, Var b) {
        Tensor av = a.value();
        Tensor bv = b.value();
        Tensor y = Functional.addRelu(av, bv);
        return Graph.record("add_relu", y, "", (g, needs) -> {
            Tensor d = Functional.reluBackward(g, y); // da = db = g·[y > 0]
            return new Tensor[] {
                    needs[0] ? SumToShape.apply(d, av.shape()) : null,
                    needs[1] ? SumToShape.apply(d, bv.shape()) : null};
        }, a, b);
    }

    /** {@code y = a op s} for a scalar s (no gradient flows to s). */
    public static Var apply(BinaryOp op, Var a, double s) {
        Tensor av = a.value();
        Tensor y = av.apply(op, s);
        return Graph.record(op.opName(), y, "scalar=" + s, (g, needs) -> new Tensor[] {switch (op) {
            case ADD, SUB -> g; // da = g
            case MUL -> g.mul(s); // da = g·s
            case DIV -> g.div(s); // da = g/s
            case POW -> s == 0 ? Tensor.zerosLike(g) : g.mul(av.pow(s - 1)).mul(s); // da = g·s·a^(s−1)
            case MAXIMUM -> g.mul(av.gt(s).to(g.dtype()).add(av.eq(s).to(g.dtype()).mul(0.5))); // ties split
            case MINIMUM -> g.mul(av.lt(s).to(g.dtype()).add(av.eq(s).to(g.dtype()).mul(0.5)));
        }}, a);
    }

    /** {@code y = cond ? a : b}; the condition carries no gradient. */
    public static Var where(Tensor cond, Var a, Var b) {
        Tensor av = a.value();
        Tensor bv = b.value();
        Tensor y = Tensor.where(cond, av, bv);
        // da = g·cond, db = g·¬cond
        return Graph.record("where", y, "", (g, needs) -> {
            Tensor zero = Tensor.zerosLike(g);
            return new Tensor[] {
                    needs[0] ? SumToShape.apply(Tensor.where(cond, g, zero), av.shape()) : null,
                    needs[1] ? SumToShape.apply(Tensor.where(cond, zero, g), bv.shape()) : null};
        }, a, b);
    }

    /** Matrix product of operands of rank ≥ 2 with broadcast batch dimensions. */
    public static Var matmul(Var a, Var b) {
        Tensor av = a.value();
        Tensor bv = b.value();
        sabre.tensor.Check.arg(av.dim() >= 2 && bv.dim() >= 2, "matmul",
                "the recorded op needs rank >= 2, found %s and %s", java.util.Arrays.toString(av.shape()),
                java.util.Arrays.toString(bv.shape()));
        Tensor y = av.matmul(bv);
        // dA = g·Bᵀ, dB = Aᵀ·g (summed over broadcast batch dimensions)
        return Graph.record("matmul", y, "", (g, needs) -> new Tensor[] {
                needs[0] ? SumToShape.apply(g.matmul(bv.mT()), av.shape()) : null,
                needs[1] ? SumToShape.apply(av.mT().matmul(g), bv.shape()) : null}, a, b);
    }
}
