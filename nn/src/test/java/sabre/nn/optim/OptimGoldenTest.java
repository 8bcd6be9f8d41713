package sabre.nn.optim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sabre.nn.optim against PyTorch 1.13 ({@code optim_goldens.json}, see {@code nn/src/test/python/optim_goldens.py}):
 * FLOAT64 parameters after every one of five steps (one step leaves a parameter without a gradient), the optimizer
 * state after the last step, the learning rate of every schedule at every index, and clipped gradients with their
 * total norm. Tolerance: {@code |sabre − torch| ≤ 1e-12 · |torch|} per element, purely relative.
 */
class OptimGoldenTest {
    static final double TOL = 1e-12;

    static Stream<Arguments> optimizers() {
        return OptimFixture.cases("optimizers");
    }

    static Stream<Arguments> schedules() {
        return OptimFixture.cases("schedules");
    }

    static Stream<Arguments> clips() {
        return OptimFixture.cases("clips");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void parametersMatchPyTorchAfterEveryStep(String name, JsonNode c) {
        List<Var> params = OptimFixture.freshParams();
        Optimizer opt = OptimFixture.optimizer(c, params);
        List<String> failures = new ArrayList<>();
        for (int step = 0; step < OptimFixture.steps(); step++) {
            OptimFixture.setGrads(params, step);
            opt.step();
            List<Tensor> expected = OptimFixture.tensors(c.get("params_after").get(step));
            for (int i = 0; i < params.size(); i++) {
                compare("step " + step + " param " + i, expected.get(i), params.get(i).value(), failures);
            }
        }
        assertTrue(failures.isEmpty(), name + ":\n" + String.join("\n", failures));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void stateMatchesPyTorchAfterTheLastStep(String name, JsonNode c) {
        List<Var> params = OptimFixture.freshParams();
        Optimizer opt = OptimFixture.optimizer(c, params);
        for (int step = 0; step < OptimFixture.steps(); step++) {
            OptimFixture.setGrads(params, step);
            opt.step();
        }
        Map<String, Tensor> state = opt.stateDict();
        List<String> expectedKeys = new ArrayList<>(List.of("lr"));
        List<String> failures = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("state").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> e = param.getValue().fields(); e.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = e.next();
                String key = "state." + param.getKey() + "." + entry.getKey();
                expectedKeys.add(key);
                Tensor actual = state.get(key);
                if (actual == null) {
                    failures.add(key + " missing");
                } else if (entry.getKey().equals(Optimizer.STEP)) {
                    assertEquals(DType.INT32, actual.dtype(), key);
                    assertEquals(entry.getValue().asInt(), (int) actual.item(), key);
                } else {
                    compare(key, OptimFixture.tensor(entry.getValue()), actual, failures);
                }
            }
        }
        assertTrue(failures.isEmpty(), name + ":\n" + String.join("\n", failures));
        assertEquals(expectedKeys.stream().sorted().toList(), state.keySet().stream().sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void scheduleMatchesPyTorchAtEveryIndex(String name, JsonNode c) {
        LrSchedule schedule = OptimFixture.schedule(c);
        JsonNode lrs = c.get("lrs");
        for (int t = 0; t < lrs.size(); t++) {
            double expected = lrs.get(t).asDouble();
            double actual = schedule.lr(t);
            assertTrue(Math.abs(actual - expected) <= TOL * Math.abs(expected),
                    name + " at index " + t + ": torch " + expected + ", sabre " + actual);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void clipGradNormMatchesPyTorch(String name, JsonNode c) {
        List<Tensor> grads = OptimFixture.tensors(c.get("grads"));
        List<Var> params = new ArrayList<>();
        for (Tensor g : grads) {
            Var p = Var.param(g == null ? Tensor.zeros(DType.FLOAT64, 1) : Tensor.zerosLike(g));
            p.setGrad(g);
            params.add(p);
        }
        double normType = c.get("norm_type").isTextual() ? Double.POSITIVE_INFINITY : c.get("norm_type").asDouble();
        double total = GradClip.clipGradNorm(params, c.get("max_norm").asDouble(), normType);
        double expectedTotal = c.get("total_norm").asDouble();
        assertTrue(Math.abs(total - expectedTotal) <= TOL * expectedTotal, "total norm: torch " + expectedTotal
                + ", sabre " + total);
        List<Tensor> clipped = OptimFixture.tensors(c.get("clipped"));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (clipped.get(i) == null) {
                assertEquals(null, params.get(i).grad(), "param " + i + " had no gradient and must keep none");
            } else {
                compare("grad " + i, clipped.get(i), params.get(i).grad(), failures);
            }
        }
        assertTrue(failures.isEmpty(), name + ":\n" + String.join("\n", failures));
    }

    /** Appends a line per element with {@code |a − e| > TOL·|e|}. */
    private static void compare(String what, Tensor expected, Tensor actual, List<String> failures) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(DType.FLOAT64, actual.dtype(), what + ": dtype");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int k = 0; k < e.length; k++) {
            if (!(Math.abs(a[k] - e[k]) <= TOL * Math.abs(e[k]))) {
                failures.add(String.format("%s [%d]: torch %s, sabre %s (shape %s)", what, k, e[k], a[k],
                        Arrays.toString(expected.shape())));
            }
        }
    }
}
