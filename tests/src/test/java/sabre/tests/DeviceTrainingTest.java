package sabre.tests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.models.ModelConfig;
import sabre.nn.models.Models;
import sabre.nn.optim.SGD;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;
import sabre.tests.ops.TestDevices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * End to end on every non-reference device: a small CNN trained for a few SGD steps (forward, cross-entropy,
 * backward through conv/pool/linear, in-place parameter updates) follows the reference backend: every loss, every
 * parameter and every gradient element within its own tolerance ({@link ElementwiseClose}), and
 * two trainings running concurrently on one device reach exactly the weights of a training alone.
 */
class DeviceTrainingTest {
    private static final int STEPS = 2;

    /** Per-element tolerance (see {@link ElementwiseClose}): float32 sums in other orders over a few steps. */
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-4;

    /** The loss of each step, then every parameter and every parameter's gradient after the last step. */
    private static List<Tensor> trainTensors(Device device, long seed) {
        Module net = Models.create("smallcnn", new ModelConfig(1, 28, 10), new Generator(seed));
        net.to(device).train(true);
        SGD opt = new SGD(net.parameters(), 0.1, 0.9, 0, 5e-4, true);
        Tensor x = Tensor.rand(new Generator(seed + 1), DType.FLOAT32, 4, 1, 28, 28).to(device);
        Tensor y = Tensor.randint(new Generator(seed + 2), 0, 10, 4).to(device);
        List<Tensor> out = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            opt.zeroGrad();
            Var loss = F.crossEntropy(net.forward(Var.of(x)), y, 0.0, F.Reduction.MEAN);
            loss.backward();
            opt.step();
            out.add(loss.value());
        }
        for (Var p : net.parameters()) {
            out.add(p.value());
            out.add(p.grad());
        }
        return out;
    }

    /** {@link #trainTensors} as one array of doubles, for bitwise comparison. */
    private static double[] train(Device device, long seed) {
        return trainTensors(device, seed).stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    @Test
    void smallCnnTrainingFollowsTheReference() {
        Assumptions.assumeFalse(TestDevices.nonReference().isEmpty(), "only the reference backend is installed");
        List<Tensor> expected = trainTensors(Device.REFERENCE, 31);
        for (Device device : TestDevices.nonReference()) {
            List<Tensor> actual = trainTensors(device, 31);
            double worst = 0;
            for (int i = 0; i < expected.size(); i++) {
                String what = device + (i < STEPS ? " loss of step " + (i + 1) : ((i - STEPS) % 2 == 0
                        ? " parameter " : " gradient of parameter ") + (i - STEPS) / 2);
                worst = Math.max(worst, ElementwiseClose.check(what, actual.get(i), expected.get(i), RTOL, ATOL));
            }
            System.out.printf("DeviceTrainingTest %s: worst error %.3f of its tolerance%n", device, worst);
        }
    }

    @Test
    void concurrentTrainingsOnOneDeviceMatchEachAlone() throws Exception {
        Assumptions.assumeFalse(TestDevices.nonReference().isEmpty(), "only the reference backend is installed");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Device device : TestDevices.nonReference()) {
                double[] aloneA = train(device, 41);
                double[] aloneB = train(device, 43);
                Future<double[]> a = pool.submit(() -> train(device, 41));
                Future<double[]> b = pool.submit(() -> train(device, 43));
                assertArrayEquals(aloneA, a.get(), device + " model A");
                assertArrayEquals(aloneB, b.get(), device + " model B");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
