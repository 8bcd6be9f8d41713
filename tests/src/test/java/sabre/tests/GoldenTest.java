package sabre.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.autograd.Autograd;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sabre against PyTorch: every case of {@code golden/cases.json} (written by
 * {@code tests/golden/generate_goldens.py} with PyTorch 1.13) is run through the autograd front end (Var / F) on the
 * REFERENCE device. The forward outputs and the input gradients of {@code <out, grad_output>} must match.
 *
 * <p>Tolerance, per element, with e the PyTorch value and a Sabre's: {@code |a − e| ≤ tol · max(1, |e|)}, i.e.
 * absolute near zero and relative for large values, with {@code tol = 1e-10} for FLOAT64 cases and {@code 1e-5}
 * for FLOAT32 ones. Integer outputs (pooling / topk / sort indices) must be equal.
 */
class GoldenTest {
    static final String RESOURCE = "/golden/cases.json";
    static final double TOL_FLOAT64 = 1e-10;
    static final double TOL_FLOAT32 = 1e-5;
    /** Mismatching elements listed per tensor before the rest are only counted. */
    private static final int MAX_LISTED = 5;

    private static JsonNode fixture;

    static synchronized JsonNode fixture() {
        if (fixture == null) {
            try (InputStream in = GoldenTest.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("classpath resource " + RESOURCE + " not found; regenerate it with "
                            + "/usr/bin/python3 tests/golden/generate_goldens.py");
                }
                fixture = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
        return fixture;
    }

    static Stream<Arguments> cases() {
        return StreamSupport.stream(fixture().get("cases").spliterator(), false)
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    @Test
    void fixtureHoldsAtLeastFortyUniqueCases() {
        JsonNode cases = fixture().get("cases");
        assertTrue(cases.size() >= 40, "golden fixture holds only " + cases.size() + " cases");
        Set<String> names = new HashSet<>();
        for (JsonNode c : cases) {
            assertTrue(names.add(c.get("name").asText()), "duplicate golden case " + c.get("name"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String name, JsonNode c) {
        DType dtype = floatType(name, c.get("dtype").asText());
        double tol = dtype == DType.FLOAT64 ? TOL_FLOAT64 : TOL_FLOAT32;

        Set<String> differentiated = new HashSet<>();
        c.get("grad_inputs").forEach(n -> differentiated.add(n.asText()));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Var> vars = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Tensor t = tensor(name, e.getKey(), e.getValue());
            tensors.put(e.getKey(), t);
            if (t.dtype().isFloating()) {
                vars.put(e.getKey(), differentiated.contains(e.getKey()) ? Var.param(t) : Var.of(t));
            }
        }
        GoldenOps.Result r = GoldenOps.run(c.get("op").asText(), c.get("attrs"), new GoldenOps.Inputs() {
            @Override
            public Var var(String input) {
                Var v = vars.get(input);
                if (v == null) {
                    throw new IllegalArgumentException("case " + name + " has no floating input '" + input + "'");
                }
                return v;
            }

            @Override
            public Var optionalVar(String input) {
                return vars.get(input);
            }

            @Override
            public Tensor tensor(String input) {
                Tensor t = tensors.get(input);
                if (t == null) {
                    throw new IllegalArgumentException("case " + name + " has no input '" + input + "'");
                }
                return t;
            }

            @Override
            public boolean has(String input) {
                return tensors.containsKey(input);
            }
        });

        List<String> failures = new ArrayList<>();
        JsonNode outputs = c.get("outputs");
        compare(name, "output 'out'", r.out().value(), outputs.get("out"), tol, failures);
        for (Iterator<String> it = outputs.fieldNames(); it.hasNext(); ) {
            String out = it.next();
            if (out.equals("out")) {
                continue;
            }
            Tensor actual = r.extra().get(out);
            if (actual == null) {
                failures.add("case " + name + ": Sabre produced no output '" + out + "'");
            } else {
                compare(name, "output '" + out + "'", actual, outputs.get(out), tol, failures);
            }
        }
        for (String out : r.extra().keySet()) {
            if (!outputs.has(out)) {
                failures.add("case " + name + ": Sabre output '" + out + "' has no PyTorch counterpart");
            }
        }

        List<Var> inputs = new ArrayList<>();
        List<String> inputNames = new ArrayList<>();
        c.get("grad_inputs").forEach(n -> {
            inputNames.add(n.asText());
            inputs.add(vars.get(n.asText()));
        });
        Tensor gradOutput = tensor(name, "grad_output", c.get("grad_output"));
        Tensor[] grads = Autograd.grad(List.of(r.out()), List.of(gradOutput), inputs, false);
        for (int i = 0; i < grads.length; i++) {
            compare(name, "gradient of '" + inputNames.get(i) + "'", grads[i], c.get("grads").get(inputNames.get(i)),
                    tol, failures);
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static DType floatType(String name, String dtype) {
        return switch (dtype) {
            case "float64" -> DType.FLOAT64;
            case "float32" -> DType.FLOAT32;
            default -> throw new IllegalArgumentException("case " + name + ": unknown dtype " + dtype);
        };
    }

    /** A fixture tensor on the REFERENCE device: floating types as given, int64 as INT32. */
    private static Tensor tensor(String name, String what, JsonNode t) {
        int[] shape = GoldenOps.ints(t, "shape");
        JsonNode data = t.get("data");
        String dtype = t.get("dtype").asText();
        if (dtype.equals("int64")) {
            int[] values = new int[data.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = data.get(i).intValue();
            }
            return Tensor.ofInts(values, shape).to(Device.REFERENCE);
        }
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).doubleValue();
        }
        DType type = floatType(name, dtype);
        try {
            return Tensor.fromDoubles(Device.REFERENCE, type, values, shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("case " + name + ": bad fixture tensor '" + what + "'", e);
        }
    }

    /**
     * Appends to {@code failures} a description of every way {@code actual} differs from the fixture tensor:
     * shape, type family, and elements outside {@code |a − e| ≤ tol · max(1, |e|)} (exact for integers).
     */
    private static void compare(String name, String what, Tensor actual, JsonNode expected, double tol,
                                List<String> failures) {
        String prefix = "case " + name + ", " + what;
        int[] shape = GoldenOps.ints(expected, "shape");
        if (!Arrays.equals(actual.shape(), shape)) {
            failures.add(prefix + ": shape " + Arrays.toString(actual.shape()) + ", PyTorch "
                    + Arrays.toString(shape));
            return;
        }
        JsonNode data = expected.get("data");
        boolean integer = expected.get("dtype").asText().equals("int64");
        if (integer != !actual.dtype().isFloating()) {
            failures.add(prefix + ": Sabre type " + actual.dtype() + ", PyTorch " + expected.get("dtype").asText());
            return;
        }
        if (!integer && actual.dtype() != floatType(name, expected.get("dtype").asText())) {
            failures.add(prefix + ": Sabre type " + actual.dtype() + ", PyTorch " + expected.get("dtype").asText());
            return;
        }
        int bad = 0;
        if (integer) {
            int[] a = actual.toIntArray();
            for (int i = 0; i < a.length; i++) {
                long e = data.get(i).longValue();
                if (a[i] != e && bad++ < MAX_LISTED) {
                    failures.add(prefix + ": element " + i + " " + index(i, shape) + ": Sabre " + a[i] + ", PyTorch "
                            + e);
                }
            }
        } else {
            double[] a = actual.toDoubleArray();
            for (int i = 0; i < a.length; i++) {
                double e = data.get(i).doubleValue();
                // per element: |a − e| ≤ tol·max(1, |e|) (NaN never passes)
                boolean ok = Math.abs(a[i] - e) <= tol * Math.max(1, Math.abs(e));
                if (!ok && bad++ < MAX_LISTED) {
                    failures.add(String.format("%s: element %d %s: Sabre %.17g, PyTorch %.17g (|diff| %.3g, tol %.3g)",
                            prefix, i, index(i, shape), a[i], e, Math.abs(a[i] - e), tol * Math.max(1, Math.abs(e))));
                }
            }
        }
        if (bad > MAX_LISTED) {
            failures.add(prefix + ": ... " + (bad - MAX_LISTED) + " more mismatching elements of " + data.size());
        }
    }

    /** The multi-dimensional position of flat row-major index {@code flat} in {@code shape}. */
    private static String index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
        return Arrays.toString(idx);
    }
}
