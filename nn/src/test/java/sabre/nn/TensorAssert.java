package sabre.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

import sabre.autograd.GradCheck;
import sabre.tensor.Tensor;

/**
 * Assertions on tensors shared by the nn tests.
 *
 * <pre>{@code TensorAssert.assertClose(expected, layer.forward(x).value(), 1e-6);}</pre>
 */
final class TensorAssert {
    private TensorAssert() {
    }

    /** Same shape and every element within {@code tol} (absolute). */
    static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol, "element " + i);
        }
    }

    /** The gradient check passes with {@code |a − n| ≤ atol + rtol·|n|} and compared {@code expectedCount} values. */
    static void assertPasses(GradCheck.Result r, int expectedCount, double atol, double rtol) {
        assertEquals(expectedCount, r.checked(), "number of checked values");
        assertTrue(r.passes(atol, rtol), r.describe(atol, rtol));
    }

    /** {@code body} throws IllegalArgumentException whose message starts with {@code prefix}; returns the message. */
    static String assertRejects(String prefix, Executable body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, body);
        assertTrue(e.getMessage().startsWith(prefix), "message should start with '" + prefix + "': " + e.getMessage());
        return e.getMessage();
    }
}
