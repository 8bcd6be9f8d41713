package sabre.attacks.sparse;

import org.junit.jupiter.api.Test;
import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.attacks.Goal;
import sabre.attacks.Objective;
import sabre.attacks.Pgd;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Flatten;
import sabre.nn.layers.Linear;
import sabre.nn.layers.Tanh;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The pruning loop uses a plugged objective (built once from the dense δ), λ rule and linear α ramp. */
class PruningHooksTest {
    private static Module tinyModel() {
        Generator g = new Generator(5);
        return new Sequential().add(new Conv2d(1, 3, 3, 1, 1, true, g)).add(new Tanh()).add(new Flatten())
                .add(new Linear(3 * 16, 3, true, g)).eval();
    }

    @Test
    void pluggedObjectiveLambdaRuleAndLinearAlphaAreUsed() {
        Classifier f = Classifier.of(tinyModel());
        Tensor x = Tensor.uniform(new Generator(1), Device.defaultDevice(), DType.FLOAT32, 0, 1, 3, 1, 4, 4);
        Tensor y = Tensor.ofInts(new int[] {0, 1, 2}, 3);
        Batch batch = Batch.of(f, x, y, Goal.untargeted());
        Tensor dense = Tensor.full(Device.defaultDevice(), DType.FLOAT32, 0.01, 3, 1, 4, 4);
        List<Tensor> densesSeen = new ArrayList<>();
        List<Double> alphas = new ArrayList<>();
        List<double[]> lambdasSeen = new ArrayList<>();
        PruningLoss inner = new PruningLoss(Objective.crossEntropy());
        PruningObjective.Factory factory = (b, d) -> {
            densesSeen.add(d);
            return (model, images, delta, z, alpha, lambda, aim, targeted) -> {
                alphas.add(alpha);
                lambdasSeen.add(lambda.toDoubleArray());
                return inner.value(model, images, delta, z, alpha, lambda, aim, targeted);
            };
        };
        int[] ruleCalls = {0};
        LambdaRule fraction = LambdaRule.maskFraction(1, 10);
        LambdaRule counting = (l, fooled, hard) -> {
            ruleCalls[0]++;
            fraction.update(l, fooled, hard);
        };
        AutoAdversary a = new AutoAdversary().base(new Pgd().eps(0.05)).encoder(AutoAdversary.Encoder.FC).steps(5)
                .alpha(0.1, 100).linearAlpha(true).lambda(11).lambdaRule(counting).pruningObjective(factory);
        a.prune(batch, dense, 0.05, new int[3]);
        assertEquals(1, densesSeen.size(), "objective built once per batch");
        assertSame(dense, densesSeen.get(0));
        double[] linear = {0.1, 25.075, 50.05, 75.025, 100.0};
        assertEquals(5, alphas.size());
        for (int t = 0; t < 5; t++) {
            assertEquals(linear[t], alphas.get(t), 1e-12, "linear 0.1 -> 100 over 5 steps, step " + t);
        }
        assertEquals(5, ruleCalls[0]);
        assertEquals(11, lambdasSeen.get(0)[0], 0, "initial lambda");
        for (int t = 1; t < 5; t++) {
            for (double l : lambdasSeen.get(t)) {
                double k = (l - 1) / 10 * 16;
                assertEquals(Math.rint(k), k, 1e-9, "lambda " + l + " is 1 + 10 * (ones / 16)");
            }
        }
    }

    @Test
    void geometricAlphaStaysTheDefault() {
        assertEquals(200, new AlphaSchedule(1, 200, 10).at(9), 1e-9);
        assertEquals(Math.sqrt(200), new AlphaSchedule(1, 200, 3).at(1), 1e-9);
        assertEquals(50.05, AlphaRamp.linear(0.1, 100, 3).at(1), 1e-12);
    }
}
