package sabre.attacks.sparse;

import org.junit.jupiter.api.Test;
import sabre.attacks.Classifier;
import sabre.attacks.Objective;
import sabre.autograd.GradCheck;
import sabre.autograd.GraphPrinter;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Module;
import sabre.nn.Sequential;
import sabre.nn.layers.BatchNorm;
import sabre.nn.layers.Conv2d;
import sabre.nn.layers.Flatten;
import sabre.nn.layers.Linear;
import sabre.nn.layers.Tanh;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient transparency of AutoAdversary's loss {@code J(f(x + δ⊙sigmoid(α·z))) + λ‖m‖₁/N} in FLOAT64 against
 * five-point finite differences: with respect to δ and the FC encoder's per-image weights (z = encoder(δ/ε)), and
 * with respect to δ and the mask logits z directly (through the binarizer), for cross-entropy and the C&W margin.
 * Tolerances as in ConvNetGradTest: h = 5e-4 gives truncation and rounding errors near 1e-12, so every element must
 * satisfy |a − n| ≤ 1e-10 + 1e-6·|n|.
 */
class PruningLossGradTest {
    private static final double H = 5e-4;
    private static final double EPS = 8 / 255.0;
    private static final double ALPHA = 1.7;
    private static final int N = 2;
    private static final int S = 4;

    private final Classifier model = Classifier.of(tinyModel());
    private final Tensor x = Tensor.uniform(new Generator(2), Device.defaultDevice(), DType.FLOAT64, 0, 1, N, 2, S, S);
    private final Tensor lambda = Tensor.fromDoubles(Device.defaultDevice(), DType.FLOAT64, new double[] {0.7, 3.0}, N);
    private final Tensor aim = Tensor.ofInts(new int[] {1, 2}, N);

    private static Module tinyModel() {
        Generator g = new Generator(5);
        Module m = new Sequential().add(new Conv2d(2, 3, 3, 1, 1, true, g)).add(BatchNorm.of2d(3)).add(new Tanh())
                .add(new Flatten()).add(new Linear(3 * S * S, 4, true, g));
        return m.to(DType.FLOAT64).eval();
    }

    private Tensor random(long seed, double scale, int... shape) {
        return Tensor.uniform(new Generator(seed), Device.defaultDevice(), DType.FLOAT64, -scale, scale, shape);
    }

    private GradCheck.Result check(Function<Var[], Var> f, Tensor[] inputs) {
        GradCheck.Result r = GradCheck.elementwise(f, inputs, H, 3, GradCheck.Stencil.FIVE_POINT);
        int total = 0;
        for (Tensor t : inputs) {
            total += t.numel();
        }
        assertEquals(total, r.checked(), "every element is checked");
        return r;
    }

    @Test
    void throughTheEncoderWithRespectToDeltaAndEveryEncoderWeight() {
        Tensor delta = random(1, EPS, N, 2, S, S);
        Tensor[] in = {delta, random(2, 0.25, N, 5, 2 * S * S), random(3, 0.25, N, 5, 1),
            random(4, 0.4, N, 2 * S * S, 5), random(6, 0.5, N, 2 * S * S, 1)};
        // the encoder's relu has a kink at 0; the stencil moves inputs by up to 2h: keep pre-activations away from it
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor pre = in[1].matmul(delta.mul(1 / EPS).reshape(N, 2 * S * S, 1)).add(in[2]);
            assertTrue(pre.abs().amin(null, false).item() > 40 * H, "a hidden pre-activation is near the relu kink");
        }
        for (Objective o : new Objective[] {Objective.crossEntropy(), Objective.cwMargin(50)}) {
            PruningLoss loss = new PruningLoss(o);
            GradCheck.Result r = check(v -> loss.value(model, x, v[0], PerImageFcEncoder.logits(v[0].mul(1 / EPS),
                    v[1], v[2], v[3], v[4], 2), ALPHA, lambda, aim, false).sum(), in);
            assertTrue(r.passes(1e-10, 1e-6), o + ": " + r.describe(1e-10, 1e-6));
        }
    }

    @Test
    void throughTheBinarizerWithRespectToDeltaAndMaskLogits() {
        Tensor[] in = {random(7, EPS, N, 2, S, S), random(8, 1.5, N, 1, S, S)}; // per-pixel logits
        PruningLoss loss = new PruningLoss(Objective.crossEntropy());
        GradCheck.Result r = check(v -> loss.value(model, x, v[0], v[1], ALPHA, lambda, aim, true).sum(), in);
        assertTrue(r.passes(1e-10, 1e-6), r.describe(1e-10, 1e-6));
    }

    @Test
    void aWrongBinarizerDerivativeIsCaught() {
        Tensor[] in = {random(7, EPS, N, 2, S, S), random(8, 1.5, N, 1, S, S)};
        PruningLoss loss = new PruningLoss(Objective.crossEntropy());
        // control: the same loss with the mask's gradient path cut (m treated as a constant) must fail the check
        GradCheck.Result r = check(v -> loss.value(model, x, v[0], v[1].detach().add(v[1].mul(0)), ALPHA, lambda, aim,
                true).sum(), in);
        assertTrue(!r.passes(1e-10, 1e-6), "a check that cannot tell a cut gradient path: " + r.describe(1e-10, 1e-6));
    }

    @Test
    void theLossGraphPrints() {
        Var delta = Var.param(random(1, EPS, N, 2, S, S));
        Var z = Var.param(random(8, 1.5, N, 2, S, S));
        Var l = new PruningLoss(Objective.cwMargin(0)).value(model, x, delta, z, ALPHA, lambda, aim, false).sum();
        String text = GraphPrinter.text(l);
        for (String op : new String[] {"sigmoid", "conv2d", "mul", "mean"}) {
            assertTrue(text.contains(op), "graph lacks " + op + ":\n" + text);
        }
        assertTrue(GraphPrinter.dot(l).startsWith("digraph"), "dot output");
    }
}
