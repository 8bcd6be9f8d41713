package sabre.tensor;

/**
 * Element types a {@link Tensor} can hold.
 *
 * <p>Type promotion for binary ops follows the order {@code BOOL < INT32 < FLOAT32 < FLOAT64}: the result has the
 * larger of the two operand types (as in NumPy and PyTorch for tensor-tensor ops). Comparisons always produce BOOL;
 * division and floating-point functions (exp, log, sqrt, ...) of an INT32 tensor produce FLOAT32. Arithmetic,
 * reductions and unary math refuse BOOL operands (masks): convert explicitly, e.g. {@code mask.to(DType.INT32)}
 * before counting with {@code sum()}. A Java {@code double} scalar never widens a tensor's type (PyTorch's "weak
 * scalar" rule): {@code float32Tensor.mul(0.5)} stays FLOAT32, while {@code int32Tensor.mul(0.5)} becomes FLOAT32
 * because 0.5 is not an integer.
 *
 * <pre>{@code DType t = DType.promote(DType.INT32, DType.FLOAT32); // FLOAT32}</pre>
 */
public enum DType {
    BOOL(1), INT32(4), FLOAT32(4), FLOAT64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for FLOAT32 and FLOAT64. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The wider of two types in the order BOOL &lt; INT32 &lt; FLOAT32 &lt; FLOAT64. */
    public static DType promote(DType a, DType b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }


    /** The type a floating-point function produces: FLOAT64 stays, everything else becomes FLOAT32. */
    public DType floating() {
        return isFloating() ? this : FLOAT32;
    }
}
