package sabre.tensor;

/** Elementwise two-input arithmetic of the primitive op set (inputs broadcast, types promoted). */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM;

    /** Lower-case op name as used in error messages and graphs. */
    public String opName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
