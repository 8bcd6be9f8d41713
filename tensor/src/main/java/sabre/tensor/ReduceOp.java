package sabre.tensor;

/** Reductions over any set of axes. */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN;

    /** Lower-case op name ({@code sum}, {@code mean}, {@code amax}, {@code amin}). */
    public String opName() {
        return switch (this) {
            case SUM -> "sum";
            case MEAN -> "mean";
            case MAX -> "amax";
            case MIN -> "amin";
        };
    }
}
