package sabre.tensor;

import java.util.Arrays;

/**
 * Argument checks shared by all ops. Each throws {@link IllegalArgumentException} whose message starts with the op
 * name, so an error always says which op refused which input.
 *
 * <pre>{@code Check.floating("exp", x);}</pre>
 */
public final class Check {
    private Check() {
    }

    /** Fails with {@code op + ": " + message} when {@code condition} is false. */
    public static void arg(boolean condition, String op, String message, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(op + ": " + String.format(message, args));
        }
    }

    /** The tensor must be FLOAT32 or FLOAT64. */
    public static void floating(String op, Tensor t) {
        arg(t.dtype().isFloating(), op, "expected a FLOAT32 or FLOAT64 tensor, found %s with shape %s",
                t.dtype(), Shape.str(t.shape()));
    }

    /** The tensor must not be BOOL. */
    public static void numeric(String op, Tensor t) {
        arg(t.dtype() != DType.BOOL, op, "expected a numeric tensor, found BOOL with shape %s", Shape.str(t.shape()));
    }

    /** The tensor must be INT32 (indices, labels). */
    public static void indices(String op, Tensor t) {
        arg(t.dtype() == DType.INT32, op, "expected INT32 indices, found %s with shape %s",
                t.dtype(), Shape.str(t.shape()));
    }

    /** The tensor must have exactly {@code rank} dimensions. */
    public static void rank(String op, Tensor t, int rank, String what) {
        arg(t.dim() == rank, op, "expected %s of rank %d, found shape %s", what, rank, Shape.str(t.shape()));
    }

    /** Both tensors must live on the same device. */
    public static void sameDevice(String op, Tensor a, Tensor b) {
        arg(a.device().equals(b.device()), op, "tensors on different devices: %s and %s", a.device(), b.device());
    }

    /** Both tensors must have the same shape. */
    public static void sameShape(String op, Tensor a, Tensor b) {
        arg(Arrays.equals(a.shape(), b.shape()), op, "shapes differ: %s vs %s",
                Shape.str(a.shape()), Shape.str(b.shape()));
    }

    /** Every value must be positive. */
    public static void positive(String op, String what, int... values) {
        for (int v : values) {
            arg(v > 0, op, "%s must be positive, found %s", what, Arrays.toString(values));
        }
    }

    /** Every value must be non-negative. */
    public static void nonNegative(String op, String what, int... values) {
        for (int v : values) {
            arg(v >= 0, op, "%s must be non-negative, found %s", what, Arrays.toString(values));
        }
    }
}
