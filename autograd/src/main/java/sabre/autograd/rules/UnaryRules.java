package sabre.autograd.rules;

import sabre.autograd.Graph;
import sabre.autograd.Var;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;

/**
 * VJP rules of the elementwise one-input ops.
 *
 * <pre>{@code Var y = UnaryRules.apply(UnaryOp.TANH, x);}</pre>
 */
public final class UnaryRules {
    private UnaryRules() {
    }

    /** {@code y = op(x)} with the op's derivative. */
    public static Var apply(UnaryOp op, Var x) {
        Tensor xv = x.value();
        Tensor y = xv.apply(op);
        return Graph.record(op.opName(), y, "", (g, needs) -> new Tensor[] {derivative(op, xv, y, g)}, x);
    }

    private static Tensor derivative(UnaryOp op, Tensor x, Tensor y, Tensor g) {
        return switch (op) {
            case NEG -> g.neg(); // dx = −g
            case ABS -> g.mul(x.sign()); // dx = g·sign(x)
            case SIGN, FLOOR, CEIL -> Tensor.zerosLike(g); // piecewise constant: dx = 0
            case EXP -> g.mul(y); // dx = g·eˣ
            case LOG -> g.div(x); // dx = g/x
            case SQRT -> g.div(y.mul(2)); // dx = g/(2√x)
            case RSQRT -> g.mul(y.pow(3)).mul(-0.5); // dx = −½·g·x^(−3/2)
            case TANH -> g.mul(y.mul(y).neg().add(1)); // dx = g·(1 − y²)
            case SIGMOID -> g.mul(y.mul(y.neg().add(1))); // dx = g·y·(1 − y)
            case RELU -> g.mul(x.gt(0).to(g.dtype())); // dx = g·[x > 0]
            case SOFTPLUS -> g.mul(x.sigmoid()); // dx = g·σ(x)
        };
    }

    /** {@code y = min(max(x, lo), hi)}. */
    public static Var clamp(Var x, double lo, double hi) {
        Tensor xv = x.value();
        Tensor y = xv.clamp(lo, hi);
        // dx = g·[lo ≤ x ≤ hi]
        return Graph.record("clamp", y, "lo=" + lo + " hi=" + hi, (g, needs) -> new Tensor[] {
                g.mul(xv.compare(sabre.tensor.CompareOp.GE, lo).to(g.dtype()))
                        .mul(xv.compare(sabre.tensor.CompareOp.LE, hi).to(g.dtype()))}, x);
    }
}
