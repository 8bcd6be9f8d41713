package sabre.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sabre.autograd.GraphPrinter;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.layers.BatchNorm;
import sabre.nn.models.BasicBlock;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.ResNetCifar;
import sabre.tensor.AdamStep;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.SgdStep;
import sabre.tensor.Tensor;
import sabre.tensor.spi.ElementwiseOps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused ops against the unfused compositions they replace, on the CPU backend: the fused kernels perform the
 * same float operations in the same order, so the comparisons are bitwise.
 */
class FusedOpsTest {
    private static final Device CPU = Device.CPU;

    /** A select, not a multiply: inf and NaN gradients where y ≤ 0 (or y is NaN) give 0, not NaN. */
    @ParameterizedTest
    @ValueSource(strings = {"reference", "cpu"})
    void reluBackwardIgnoresInfAndNanGradientsWhereTheOutputIsNotPositive(String device) {
        Device d = Device.parse(device);
        float inf = Float.POSITIVE_INFINITY;
        // 19 elements: a full vector and a tail on every lane width
        float[] x = {-1, 0, 2, -0f, 3, -2, 1, -5, Float.NaN, 4, -1, -1, 0.5f, -3, 2, -2, 1, -1, 0};
        float[] g = {inf, Float.NaN, 3, -inf, 1, Float.NaN, 2, inf, 7, 5, -inf, Float.NaN, 6, inf, 8, 1, 9, inf, -inf};
        float[] expected = {0, 0, 3, 0, 1, 0, 2, 0, 0, 5, 0, 0, 6, 0, 8, 0, 9, 0, 0};
        Var v = Var.param(Tensor.of(x, x.length).to(d));
        v.relu().backward(Tensor.of(g, g.length).to(d), false);
        assertArrayEquals(expected, v.grad().toFloatArray());
        Var a = Var.param(Tensor.of(x, x.length).to(d));
        Var b = Var.param(Tensor.zeros(DType.FLOAT32, 1).to(d));
        a.addRelu(b).backward(Tensor.of(g, g.length).to(d), false);
        assertArrayEquals(expected, a.grad().toFloatArray());
        assertArrayEquals(new float[] {34}, b.grad().toFloatArray(), "db: the masked gradient summed to shape [1]");
    }

    /** {@code SGD.update}'s tensor-op sequence of before the fused kernel: the specification. */
    private static SgdStep composed(Tensor param, Tensor grad, Tensor buffer, double lr, double momentum,
                                    double dampening, double weightDecay, boolean nesterov) {
        Tensor d = weightDecay == 0 ? grad : grad.add(param.mul(weightDecay));
        Tensor b = null;
        if (momentum != 0) {
            b = buffer == null ? d : buffer.mul(momentum).add(d.mul(1 - dampening));
            d = nesterov ? d.add(b.mul(momentum)) : b;
        }
        return new SgdStep(param.add(d.mul(-lr)), b);
    }

    /** Every option combination, first step and later step, sizes with vector tails and a parallel split. */
    @ParameterizedTest
    @ValueSource(ints = {1, 13, 100_003})
    void sgdUpdateIsBitIdenticalToTheComposedOps(int n) {
        Generator gen = new Generator(n);
        Tensor param = Tensor.normal(gen, CPU, DType.FLOAT32, 0, 1, n);
        Tensor grad = Tensor.normal(gen, CPU, DType.FLOAT32, 0, 0.1, n);
        Tensor buffer = Tensor.normal(gen, CPU, DType.FLOAT32, 0, 0.1, n);
        int checked = 0;
        for (double momentum : new double[] {0, 0.9}) {
            for (double dampening : new double[] {0, 0.25}) {
                for (double weightDecay : new double[] {0, 5e-4}) {
                    for (boolean nesterov : new boolean[] {false, true}) {
                        if (nesterov && (momentum == 0 || dampening != 0)) {
                            continue;
                        }
                        for (Tensor b : momentum == 0 ? new Tensor[] {null} : new Tensor[] {null, buffer}) {
                            String what = "n=" + n + " momentum=" + momentum + " dampening=" + dampening + " wd="
                                    + weightDecay + " nesterov=" + nesterov + " first=" + (b == null);
                            SgdStep fused = Functional.sgdUpdate(param, grad, b, 0.1, momentum, dampening,
                                    weightDecay, nesterov);
                            SgdStep spec = composed(param, grad, b, 0.1, momentum, dampening, weightDecay, nesterov);
                            assertBitwise(what + " param", spec.param(), fused.param());
                            if (momentum == 0) {
                                assertNull(fused.momentumBuffer(), what);
                            } else {
                                assertBitwise(what + " buffer", spec.momentumBuffer(), fused.momentumBuffer());
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(16, checked);
    }

    /**
     * The SPI's default {@code adamUpdate} (the composed tensor ops; {@code Adam.update}'s sequence before the fused
     * kernel), run on CPU tensors through the reference backend, which does not override it.
     */
    private static final ElementwiseOps COMPOSED = Tensor.zeros(1).to(Device.REFERENCE).backend().elementwise();

    /** Adam and AdamW, with and without weight decay and AMSGrad, first and a later step, tails and a split. */
    @ParameterizedTest
    @ValueSource(ints = {1, 13, 100_003})
    void adamUpdateIsBitIdenticalToTheComposedOps(int n) {
        Generator gen = new Generator(n + 1);
        Tensor param = Tensor.normal(gen, CPU, DType.FLOAT32, 0, 1, n);
        Tensor grad = Tensor.normal(gen, CPU, DType.FLOAT32, 0, 0.1, n);
        Tensor m = Tensor.normal(gen, CPU, DType.FLOAT32, 0, 0.1, n);
        Tensor v = Tensor.normal(gen, CPU, DType.FLOAT32, 0, 0.01, n).abs();
        Tensor vMax = v.add(Tensor.normal(gen, CPU, DType.FLOAT32, 0, 0.01, n).abs());
        int checked = 0;
        for (double weightDecay : new double[] {0, 1e-2}) {
            for (boolean decoupled : new boolean[] {false, true}) {
                for (boolean amsgrad : new boolean[] {false, true}) {
                    for (int step : new int[] {1, 5}) {
                        String what = "n=" + n + " wd=" + weightDecay + " decoupled=" + decoupled + " amsgrad="
                                + amsgrad + " step=" + step;
                        Tensor m0 = step == 1 ? null : m;
                        Tensor v0 = step == 1 ? null : v;
                        Tensor max0 = step == 1 || !amsgrad ? null : vMax;
                        AdamStep fused = Functional.adamUpdate(param, grad, m0, v0, max0, step, 1e-2, 0.9, 0.999,
                                1e-8, weightDecay, decoupled, amsgrad);
                        AdamStep spec = COMPOSED.adamUpdate(param, grad, m0, v0, max0, step, 1e-2, 0.9, 0.999,
                                1e-8, weightDecay, decoupled, amsgrad);
                        assertBitwise(what + " param", spec.param(), fused.param());
                        assertBitwise(what + " exp_avg", spec.expAvg(), fused.expAvg());
                        assertBitwise(what + " exp_avg_sq", spec.expAvgSq(), fused.expAvgSq());
                        if (amsgrad) {
                            assertBitwise(what + " max_exp_avg_sq", spec.maxExpAvgSq(), fused.maxExpAvgSq());
                        } else {
                            assertNull(fused.maxExpAvgSq(), what);
                        }
                        checked++;
                    }
                }
            }
        }
        assertEquals(16, checked);
    }

    /**
     * ResNet-20 (basic blocks: fused bn+relu, fused residual add+relu; fused stem) in training on the CPU backend:
     * outputs, every parameter gradient and the running statistics equal, bit for bit, those of the same weights
     * run through the unfused composition (separate batch norm, ReLU and add ops).
     */
    @Test
    void resNet20ForwardAndBackwardEqualTheUnfusedComposition() {
        ResNetCifar net = new ResNetCifar(20, ModelConfig.FASHION_MNIST, new Generator(3));
        net.to(CPU);
        Map<String, Tensor> initial = new LinkedHashMap<>(net.stateDict());
        Tensor x = Tensor.normal(new Generator(4), CPU, DType.FLOAT32, 0, 1, 3, 1, 28, 28);
        Tensor seed = Tensor.normal(new Generator(5), CPU, DType.FLOAT32, 0, 1, 3, 10);

        Var fusedOut = net.forward(Var.of(x));
        String graph = GraphPrinter.text(fusedOut);
        assertTrue(graph.contains(" = batch_norm_relu(") && graph.contains(" = add_relu("),
                "the model does not record the fused ops:\n" + graph);
        fusedOut.backward(seed, false);
        Map<String, Tensor> fusedGrads = grads(net);
        Map<String, Tensor> fusedState = new LinkedHashMap<>(net.stateDict());

        net.loadStateDict(initial, true);
        net.zeroGrad();
        Var unfusedOut = unfusedResNet(net, Var.of(x));
        unfusedOut.backward(seed, false);

        assertBitwise("logits", unfusedOut.value(), fusedOut.value());
        Map<String, Tensor> unfusedGrads = grads(net);
        assertEquals(unfusedGrads.keySet(), fusedGrads.keySet());
        for (String k : fusedGrads.keySet()) {
            assertBitwise("grad of " + k, unfusedGrads.get(k), fusedGrads.get(k));
        }
        Map<String, Tensor> unfusedState = net.stateDict();
        for (String k : fusedState.keySet()) {
            assertBitwise("state " + k, unfusedState.get(k), fusedState.get(k));
        }
    }

    private static Map<String, Tensor> grads(Module m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> out.put(k, v.grad()));
        return out;
    }

    /** PostActResNet's forward written with the unfused ops: stem, stages of basic blocks, pool, linear. */
    private static Var unfusedResNet(ResNetCifar net, Var x) {
        Map<String, Module> c = net.children();
        Var h = ((BatchNorm) c.get("bn1")).forward(c.get("conv1").forward(x)).relu();
        List<String> stages = new ArrayList<>();
        c.keySet().stream().filter(k -> k.startsWith("layer")).forEach(stages::add);
        assertEquals(3, stages.size());
        for (String stage : stages) {
            for (Module block : c.get(stage).children().values()) {
                h = unfusedBasicBlock((BasicBlock) block, h);
            }
        }
        return net.classify(h);
    }

    private static Var unfusedBasicBlock(BasicBlock b, Var x) {
        Map<String, Module> c = b.children();
        Var out = c.get("bn1").forward(c.get("conv1").forward(x)).relu();
        return c.get("bn2").forward(c.get("conv2").forward(out)).add(c.get("shortcut").forward(x)).relu();
    }

    private static void assertBitwise(String what, Tensor expected, Tensor actual) {
        try (NoGrad scope = NoGrad.enter()) {
            assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
            double[] e = expected.toDoubleArray();
            double[] a = actual.toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                        what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
            }
        }
    }
}
