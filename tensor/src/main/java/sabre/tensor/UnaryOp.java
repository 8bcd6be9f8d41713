package sabre.tensor;

/**
 * Elementwise one-input functions of the primitive op set. {@code floatingResult} says whether an integer input
 * produces a FLOAT32 result (exp, log, ...) or keeps its type (neg, abs, sign, relu, floor, ceil).
 */
public enum UnaryOp {
    NEG(false), ABS(false), SIGN(false), EXP(true), LOG(true), SQRT(true), RSQRT(true), TANH(true),
    SIGMOID(true), RELU(false), SOFTPLUS(true), FLOOR(false), CEIL(false);

    private final boolean floatingResult;

    UnaryOp(boolean floatingResult) {
        this.floatingResult = floatingResult;
    }

    /** The result type for an input of type {@code in}. */
    public DType resultType(DType in) {
        return floatingResult ? in.floating() : in;
    }

    /** Lower-case op name as used in error messages and graphs. */
    public String opName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
