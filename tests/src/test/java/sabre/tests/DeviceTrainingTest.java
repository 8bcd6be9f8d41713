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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on every non-reference device: a small CNN trained for a few SGD steps (forward, cross-entropy,
 * backward through conv/pool/linear, in-place parameter updates) follows the reference backend's loss curve, and
 * two trainings running concurrently on one device reach exactly the weights of a training alone.
 */
class DeviceTrainingTest {
    private static final int STEPS = 2;

    /** The loss of each step, followed by the sum of every parameter after the last step. */
    private static double[] train(Device device, long seed) {
        Module net = Models.create("smallcnn", new ModelConfig(1, 28, 10), new Generator(seed));
        net.to(device).train(true);
        SGD opt = new SGD(net.parameters(), 0.1, 0.9, 0, 5e-4, true);
        Tensor x = Tensor.rand(new Generator(seed + 1), DType.FLOAT32, 4, 1, 28, 28).to(device);
        Tensor y = Tensor.randint(new Generator(seed + 2), 0, 10, 4).to(device);
        double[] out = new double[STEPS + 1];
        for (int s = 0; s < STEPS; s++) {
            opt.zeroGrad();
            Var loss = F.crossEntropy(net.forward(Var.of(x)), y, 0.0, F.Reduction.MEAN);
            loss.backward();
            opt.step();
            out[s] = loss.value().toDoubleArray()[0];
        }
        for (Var p : net.parameters()) {
            out[STEPS] += p.value().sum().toDoubleArray()[0];
        }
        return out;
    }

    @Test
    void smallCnnTrainingFollowsTheReference() {
        Assumptions.assumeFalse(TestDevices.nonReference().isEmpty(), "only the reference backend is installed");
        double[] expected = train(Device.REFERENCE, 31);
        for (Device device : TestDevices.nonReference()) {
            double[] actual = train(device, 31);
            for (int i = 0; i < expected.length; i++) {
                // float32 kernels summing in other orders than the reference drift by a few ulps per step
                assertTrue(Math.abs(actual[i] - expected[i]) <= 1e-4 * (1 + Math.abs(expected[i])),
                        device + " step " + i + ": expected " + expected[i] + " but was " + actual[i]);
            }
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
