package sabre.autograd.rules;

import sabre.autograd.Graph;
import sabre.autograd.Var;
import sabre.tensor.Functional;
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
        // keep only what the derivative reads, so the graph holds no extra activation (relu keeps y, which the
        // next layer usually saves anyway, rather than x)
        Tensor saved = switch (op) {
            case ABS, LOG, SOFTPLUS -> xv;
            case NEG, SIGN, FLOOR, CEIL -> null;
            default -> y;
        };
        return Graph.record(op.opName(), y, "", (g, needs) -> new Tensor[] {derivative(op, saved, g)}, x);
    }

    /** The VJP; {@code s} is x for abs, log and softplus, y for the others that need a value. */
    private static Tensor derivative(UnaryOp op, Tensor s, Tensor g) {
        return switch (op) {
            case NEG -> g.neg(); // dx = −g
            case ABS -> g.mul(s.sign()); // dx = g·sign(x)
            case SIGN, FLOOR, CEIL -> Tensor.zerosLike(g); // piecewise constant: dx = 0
            case EXP -> g.mul(s); // dx = g·eˣ = g·y
            case LOG -> g.div(s); // dx = g/x
            case SQRT -> g.div(s.mul(2)); // dx = g/(2√x) = g/(2y)
            case RSQRT -> g.mul(s.pow(3)).mul(-0.5); // dx = −½·g·x^(−3/2) = −½·g·y³
            case TANH -> g.mul(s.mul(s).neg().add(1)); // dx = g·(1 − y²)
            case SIGMOID -> g.mul(s.mul(s.neg().add(1))); // dx = g·y·(1 − y)
            case RELU -> Functional.reluBackward(g, s); // dx = g where y > 0, else 0 (a select: inf·0 is not NaN)
            case SOFTPLUS -> g.mul(s.sigmoid()); // dx = g·σ(x)
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
