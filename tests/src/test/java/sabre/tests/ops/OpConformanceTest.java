package sabre.tests.ops;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.autograd.GradCheck;
import sabre.autograd.GraphPrinter;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Walks the op table: every sample runs in FLOAT32 against FLOAT64 on the reference backend, on every other
 * backend against the reference, and — for differentiable ops — through gradcheck in FLOAT64.
 */
class OpConformanceTest {
    /** Ops recorded in the graph under another name because they are composed of other ops. */
    private static final Map<String, String> RECORDED_AS = Map.of("stack", "cat", "split", "narrow");

    static Stream<OpCase> cases() {
        return OpTable.cases().stream();
    }

    static Stream<OpCase> gradCases() {
        return OpTable.cases().stream().filter(OpCase::gradcheck);
    }

    private static Tensor run(OpCase c, Spec spec) {
        try (NoGrad scope = NoGrad.enter()) {
            Tensor[] inputs = c.inputs().apply(spec);
            return c.fn().apply(Arrays.stream(inputs).map(Var::of).toArray(Var[]::new)).value();
        }
    }

    /**
     * FLOAT32 against FLOAT64 on the same inputs (rounded to float): |y32 − y64| ≤ 1e-5·(1 + |y64|), which allows
     * float32 rounding of inputs and accumulation in ops of depth up to a few hundred terms. Integer and boolean
     * results must match exactly.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32AgreesWithFloat64(OpCase c) {
        Tensor y64 = run(c, new Spec(DType.FLOAT64, Device.REFERENCE));
        Tensor y32 = run(c, new Spec(DType.FLOAT32, Device.REFERENCE));
        assertClose(c + " [FLOAT32 vs FLOAT64]", y64, y32, 1e-5);
    }

    /** The same sample on every non-reference backend, per dtype, against the reference (tolerance per dtype). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBackendAgreesWithReference(OpCase c) {
        Assumptions.assumeFalse(TestDevices.nonReference().isEmpty(),
                "only the reference backend is installed: nothing to compare it with");
        for (Device device : TestDevices.nonReference()) {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                Tensor expected = run(c, new Spec(dtype, Device.REFERENCE));
                Tensor actual = run(c, new Spec(dtype, device));
                assertClose(c + " [" + device + " " + dtype + "]", expected, actual,
                        dtype == DType.FLOAT64 ? 1e-12 : 1e-5);
            }
        }
    }

    /**
     * Central differences in FLOAT64 (eps = 2^-20 ≈ 9.5e-7, a power of two so the perturbed inputs are exact)
     * against the VJP, every input element: |analytic − numeric| ≤ 1e-7 + 1e-6·|numeric|. Truncation error is
     * O(eps²) and rounding O(1e-16/eps), both well inside that bound for the smooth samples in the table.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gradCases")
    void gradientMatchesFiniteDifferences(OpCase c) {
        Tensor[] inputs = c.inputs().apply(new Spec(DType.FLOAT64, Device.REFERENCE));
        GradCheck.Result r = GradCheck.elementwise(c.fn(), inputs, 0x1p-20, 1234);
        assertTrue(r.checked() > 0 || inputs[0].numel() == 0, c + ": nothing was compared");
        assertTrue(r.passes(1e-7, 1e-6), c + ": " + r.describe(1e-7, 1e-6));
        Var[] vars = Arrays.stream(inputs).map(t -> t.dtype().isFloating() ? Var.param(t) : Var.of(t)).toArray(Var[]::new);
        String graph = GraphPrinter.text(c.fn().apply(vars));
        String recorded = RECORDED_AS.getOrDefault(c.op(), c.op());
        assertTrue(graph.contains(" = " + recorded + "("), c + ": the graph does not record '" + recorded + "':\n"
                + graph);
    }

    static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        boolean exact = !expected.dtype().isFloating();
        if (exact) {
            assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        }
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = exact ? e[i] == a[i] : (Double.isNaN(e[i]) ? Double.isNaN(a[i])
                    : Math.abs(e[i] - a[i]) <= tol * (1 + Math.abs(e[i])));
            if (!ok) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (tolerance " + tol + ")");
            }
        }
    }
}
