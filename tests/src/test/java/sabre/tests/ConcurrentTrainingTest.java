package sabre.tests;

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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Thread safety of the engine and the CPU kernels (their per-thread scratch buffers, the shared worker pool, the
 * autograd graph): two models training concurrently in one JVM end with exactly the weights each reaches alone.
 */
class ConcurrentTrainingTest {
    private static final int STEPS = 2;

    /** Trains a fresh model for {@link #STEPS} SGD steps and returns its parameters' values. */
    private static List<float[]> train(String model, long seed, int batch, CyclicBarrier start) throws Exception {
        Module net = Models.create(model, new ModelConfig(1, 28, 10), new Generator(seed));
        net.to(Device.CPU).train(true);
        SGD opt = new SGD(net.parameters(), 0.1, 0.9, 0, 5e-4, true);
        Tensor x = Tensor.rand(new Generator(seed + 1), DType.FLOAT32, batch, 1, 28, 28).to(Device.CPU);
        Tensor y = Tensor.randint(new Generator(seed + 2), 0, 10, batch).to(Device.CPU);
        if (start != null) {
            start.await();
        }
        for (int s = 0; s < STEPS; s++) {
            opt.zeroGrad();
            Var loss = F.crossEntropy(net.forward(Var.of(x)), y, 0.0, F.Reduction.MEAN);
            loss.backward();
            opt.step();
        }
        List<float[]> out = new ArrayList<>();
        for (Var p : net.parameters()) {
            out.add(p.value().toFloatArray());
        }
        return out;
    }

    private static void check(String modelA, String modelB, int batch) throws Exception {
        List<float[]> aloneA = train(modelA, 11, batch, null);
        List<float[]> aloneB = train(modelB, 23, batch, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<List<float[]>> a = pool.submit(() -> train(modelA, 11, batch, start));
            Future<List<float[]>> b = pool.submit(() -> train(modelB, 23, batch, start));
            List<float[]> togetherA = a.get();
            List<float[]> togetherB = b.get();
            assertEquals(aloneA.size(), togetherA.size());
            for (int i = 0; i < aloneA.size(); i++) {
                assertArrayEquals(aloneA.get(i), togetherA.get(i), modelA + " parameter " + i);
            }
            for (int i = 0; i < aloneB.size(); i++) {
                assertArrayEquals(aloneB.get(i), togetherB.get(i), modelB + " parameter " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoResNet20sTrainingConcurrentlyMatchEachAlone() throws Exception {
        check("resnet20", "resnet20", 16);
    }

    @Test
    void smallCnnAndResNet20TrainingConcurrentlyMatchEachAlone() throws Exception {
        check("smallcnn", "resnet20", 32);
    }
}
