package sabre.tensor;

/** Elementwise comparisons; they produce BOOL masks. */
public enum CompareOp {
    EQ, NE, LT, LE, GT, GE;

    /** Lower-case op name as used in error messages and graphs. */
    public String opName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
