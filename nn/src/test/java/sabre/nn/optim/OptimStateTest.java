package sabre.nn.optim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Optimizer state: checkpoint round trips, skipped parameters, state-dict layout and refused state dicts. */
class OptimStateTest {
    static Stream<Arguments> optimizers() {
        return OptimFixture.cases("optimizers");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void resumingAfterThreeStepsGivesTheBitsOfFiveUninterruptedSteps(String name, JsonNode c) {
        List<Var> straight = OptimFixture.freshParams();
        Optimizer uninterrupted = OptimFixture.optimizer(c, straight);
        runSteps(uninterrupted, straight, 0, 5);

        List<Var> first = OptimFixture.freshParams();
        Optimizer before = OptimFixture.optimizer(c, first);
        runSteps(before, first, 0, 3);
        // a checkpoint: parameter values and optimizer state copied through host arrays
        List<Var> resumed = first.stream().map(p -> Var.param(hostCopy(p.value()))).toList();
        Map<String, Tensor> saved = new LinkedHashMap<>();
        before.stateDict().forEach((k, v) -> saved.put(k, hostCopy(v)));
        Optimizer after = OptimFixture.optimizer(c, resumed);
        after.setLr(123.0); // must be overwritten by the checkpoint's lr
        after.loadStateDict(saved);
        runSteps(after, resumed, 3, 5);

        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i).value().toDoubleArray(), resumed.get(i).value().toDoubleArray(),
                    name + " param " + i);
        }
        Map<String, Tensor> expected = uninterrupted.stateDict();
        Map<String, Tensor> actual = after.stateDict();
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), actual.get(k).toDoubleArray(), k));
    }

    private static void runSteps(Optimizer opt, List<Var> params, int from, int to) {
        for (int step = from; step < to; step++) {
            OptimFixture.setGrads(params, step);
            opt.step();
        }
    }

    private static Tensor hostCopy(Tensor t) {
        return t.dtype() == DType.INT32 ? Tensor.ofInts(t.toIntArray(), t.shape())
                : Tensor.of(t.toDoubleArray(), t.shape());
    }

    @Test
    void parametersWithoutGradientKeepTheirValueAndGetNoState() {
        List<Var> params = List.of(param(1, 2), param(3, 4));
        Tensor untouched = params.get(1).value();
        Optimizer opt = new Adam(params, 0.1);
        params.get(0).setGrad(Tensor.of(new double[] {0.5, -0.5}, 2));
        opt.step();
        assertSame(untouched, params.get(1).value());
        assertEquals(List.of("lr", "state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq"),
                List.copyOf(opt.stateDict().keySet()));
    }

    @Test
    void stateDictHoldsLrAsFloat64ScalarAndStepAsInt32Scalar() {
        List<Var> params = List.of(param(1, 2, 3));
        Optimizer opt = new AdamW(params, 0.01, 0.9, 0.999, 1e-8, 0.01, true);
        params.get(0).setGrad(Tensor.of(new double[] {1, 1, 1}, 3));
        opt.step();
        opt.step();
        Map<String, Tensor> state = opt.stateDict();
        assertEquals(List.of("lr", "state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq",
                "state.0.max_exp_avg_sq"), List.copyOf(state.keySet()));
        assertEquals(DType.FLOAT64, state.get("lr").dtype());
        assertEquals(0, state.get("lr").dim());
        assertEquals(0.01, state.get("lr").item());
        assertEquals(DType.INT32, state.get("state.0.step").dtype());
        assertEquals(0, state.get("state.0.step").dim());
        assertEquals(2, (int) state.get("state.0.step").item());
        assertArrayEquals(new int[] {3}, state.get("state.0.exp_avg").shape());
    }

    @Test
    void sgdKeepsAMomentumBufferOnlyWithMomentum() {
        List<Var> params = List.of(param(1, 2));
        Optimizer plain = new SGD(params, 0.1);
        Optimizer heavy = new SGD(params, 0.1, 0.9, 0, 0, false);
        params.get(0).setGrad(Tensor.of(new double[] {1, 2}, 2));
        plain.step();
        heavy.step();
        assertEquals(List.of("lr"), List.copyOf(plain.stateDict().keySet()));
        assertEquals(List.of("lr", "state.0.momentum_buffer"), List.copyOf(heavy.stateDict().keySet()));
    }

    @Test
    void zeroGradClearsEveryGradient() {
        List<Var> params = List.of(param(1), param(2));
        params.forEach(p -> p.setGrad(Tensor.of(new double[] {1}, 1)));
        new SGD(params, 0.1).zeroGrad();
        params.forEach(p -> assertNull(p.grad()));
    }

    @Test
    void float32ParametersStayFloat32() {
        Var p = Var.param(Tensor.of(new float[] {1, -2}, 2));
        Optimizer opt = new Adam(List.of(p), 0.1);
        p.setGrad(Tensor.of(new float[] {0.5f, 0.25f}, 2));
        opt.step();
        assertEquals(DType.FLOAT32, p.value().dtype());
        // first Adam step moves each element by ≈ lr·sign(g)
        assertArrayEquals(new float[] {0.9f, -2.1f}, p.value().toFloatArray(), 1e-6f);
    }

    @Test
    void loadingConvertsBuffersToTheParameterDtype() {
        List<Var> params = List.of(param(1, 2));
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("lr", Tensor.scalar(0.5, DType.FLOAT64));
        state.put("state.0.momentum_buffer", Tensor.of(new float[] {0.25f, 0.75f}, 2));
        Optimizer opt = new SGD(params, 0.1, 0.9, 0, 0, false);
        opt.loadStateDict(state);
        assertEquals(0.5, opt.lr());
        assertEquals(DType.FLOAT64, opt.stateDict().get("state.0.momentum_buffer").dtype());
    }

    @Test
    void refusedStateDictsNameTheKeyAndChangeNothing() {
        List<Var> params = List.of(param(1, 2), param(3));
        Optimizer opt = new Adam(params, 0.1);
        params.forEach(p -> p.setGrad(Tensor.onesLike(p.value())));
        opt.step();
        Map<String, Tensor> good = opt.stateDict();

        Map<String, Tensor> noLr = new LinkedHashMap<>(good);
        noLr.remove("lr");
        assertMessage("Adam: state dict has no 'lr'", () -> opt.loadStateDict(noLr));

        Map<String, Tensor> partial = new LinkedHashMap<>(good);
        partial.remove("state.1.exp_avg_sq");
        assertMessage("Adam: state dict is missing 'state.1.exp_avg_sq'", () -> opt.loadStateDict(partial));

        Map<String, Tensor> misshapen = new LinkedHashMap<>(good);
        misshapen.put("lr", Tensor.scalar(7, DType.FLOAT64));
        misshapen.put("state.0.exp_avg", Tensor.zeros(DType.FLOAT64, 3));
        assertMessage("Adam: 'state.0.exp_avg' has shape [3], expected [2]", () -> opt.loadStateDict(misshapen));

        Map<String, Tensor> stepNotScalar = new LinkedHashMap<>(good);
        stepNotScalar.put("state.0.step", Tensor.ofInts(new int[] {1}, 1));
        assertMessage("Adam: 'state.0.step' has shape [1], expected []", () -> opt.loadStateDict(stepNotScalar));

        for (String key : List.of("state.2.exp_avg", "state.0.momentum_buffer", "state.00.step", "epoch")) {
            Map<String, Tensor> unexpected = new LinkedHashMap<>(good);
            unexpected.put(key, Tensor.zeros(DType.FLOAT64));
            assertMessage("Adam: unexpected key '" + key + "'", () -> opt.loadStateDict(unexpected));
        }

        Map<String, Tensor> now = opt.stateDict();
        assertEquals(0.1, opt.lr());
        assertEquals(List.copyOf(good.keySet()), List.copyOf(now.keySet()));
        good.keySet().stream().filter(k -> !k.equals("lr")).forEach(k -> assertSame(good.get(k), now.get(k), k));
    }

    @Test
    void scheduleApplySetsTheOptimizerRate() {
        Optimizer opt = new SGD(List.of(param(1)), 0.1);
        LrSchedule schedule = new MultiStepLR(0.1, new int[] {2, 4}, 0.5);
        assertEquals(0.05, schedule.apply(opt, 3));
        assertEquals(0.05, opt.lr());
    }

    @Test
    void warmupCosineHoldsTheMinimumAfterTheEnd() {
        LrSchedule schedule = new WarmupCosineLR(0.1, 0, 10, 0.001);
        assertEquals(0.001, schedule.lr(10), 1e-18);
        assertEquals(0.001, schedule.lr(1000));
    }

    @Test
    void clippingWithoutGradientsReturnsZeroAndAnUnreachedLimitLeavesGradientsAlone() {
        Var none = param(1, 2);
        assertEquals(0.0, GradClip.clipGradNorm(List.of(none), 1.0, 2.0));
        Var p = param(0, 0);
        Tensor g = Tensor.of(new double[] {3, 4}, 2);
        p.setGrad(g);
        assertEquals(5.0, GradClip.clipGradNorm(List.of(p, none), 5.1, 2.0));
        assertSame(g, p.grad());
        assertNull(none.grad());
    }

    private static Var param(double... values) {
        return Var.param(Tensor.of(values, values.length));
    }

    private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "message '" + e.getMessage() + "' should start with '"
                + prefix + "'");
    }
}
