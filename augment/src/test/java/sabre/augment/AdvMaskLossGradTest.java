package sabre.augment;

import org.junit.jupiter.api.Test;
import sabre.attacks.Classifier;
import sabre.autograd.F;
import sabre.autograd.GradCheck;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.nn.Losses;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AdvMask's loss {@code max(Lc, η·Lc) + λ‖m‖₁/N}, {@code Lc = 1 − CE/L_init}, in FLOAT64: its value against the
 * formula and its gradient with respect to δ and the mask logits against five-point finite differences, with one
 * image on each branch of the max (Lc > 0: the full term; Lc < 0: η·Lc).
 */
class AdvMaskLossGradTest {
    private static final double H = 5e-4;
    private static final double ALPHA = 1.3;
    private static final int S = 4;

    private final Classifier model = Classifier.of(tinyModel());
    private final Tensor x = Tensor.uniform(new Generator(2), Device.defaultDevice(), DType.FLOAT64, 0, 1, 2, 2, S, S);
    private final Tensor lambda = Tensor.fromDoubles(Device.defaultDevice(), DType.FLOAT64, new double[] {1.5, 8}, 2);
    private final Tensor aim = Tensor.ofInts(new int[] {1, 2}, 2);
    // image 0: a large reference loss (CE/L_init small, Lc > 0); image 1: a tiny one (Lc < 0)
    private final Tensor lInit = Tensor.fromDoubles(Device.defaultDevice(), DType.FLOAT64, new double[] {40, 0.05}, 2);

    private static Module tinyModel() {
        Generator g = new Generator(5);
        Module m = new Sequential().add(new Conv2d(2, 3, 3, 1, 1, true, g)).add(new Tanh()).add(new Flatten())
                .add(new Linear(3 * S * S, 4, true, g));
        return m.to(DType.FLOAT64).eval();
    }

    private Tensor random(long seed, double scale, int... shape) {
        return Tensor.uniform(new Generator(seed), Device.defaultDevice(), DType.FLOAT64, -scale, scale, shape);
    }

    @Test
    void valueFollowsTheFormulaOnBothBranches() {
        Tensor delta = random(1, 4 / 255.0, 2, 2, S, S);
        Tensor z = random(2, 1.5, 2, 2, S, S);
        double[] got = new AdvMaskLoss(lInit, 0.05).value(model, x, Var.of(delta), Var.of(z), ALPHA, lambda, aim,
                false).value().toDoubleArray();
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor m = z.mul(ALPHA).sigmoid();
            double[] ce = Losses.crossEntropy(Var.of(model.logits(x.add(delta.mul(m)), 8)), aim, 0, F.Reduction.NONE)
                    .value().toDoubleArray();
            double[] mean = m.mean(new int[] {1, 2, 3}, false).toDoubleArray();
            double[] l0 = lInit.toDoubleArray();
            double[] lam = lambda.toDoubleArray();
            double lc0 = 1 - ce[0] / l0[0];
            double lc1 = 1 - ce[1] / l0[1];
            assertTrue(lc0 > 0.5 && lc1 < -1, "one image per branch: Lc = " + lc0 + ", " + lc1);
            assertEquals(lc0 + lam[0] * mean[0], got[0], 1e-12, "Lc > 0: the full term");
            assertEquals(0.05 * lc1 + lam[1] * mean[1], got[1], 1e-12, "Lc < 0: eta * Lc");
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesOnBothBranches() {
        Tensor[] in = {random(1, 4 / 255.0, 2, 2, S, S), random(2, 1.5, 2, 2, S, S)};
        AdvMaskLoss loss = new AdvMaskLoss(lInit, 0.05);
        for (int n = 0; n < 2; n++) {
            int image = n;
            GradCheck.Result r = GradCheck.elementwise(v -> loss.value(model, x, v[0], v[1], ALPHA, lambda, aim, false)
                    .select(0, image), in, H, 3, GradCheck.Stencil.FIVE_POINT);
            assertEquals(in[0].numel() + in[1].numel(), r.checked());
            assertTrue(r.passes(1e-10, 1e-6), "image " + n + ": " + r.describe(1e-10, 1e-6));
        }
    }

    @Test
    void factoryRecordsTheDenseCrossEntropy() {
        Tensor dense = random(3, 4 / 255.0, 2, 2, S, S);
        sabre.attacks.Batch b = sabre.attacks.Batch.of(model, x, aim, sabre.attacks.Goal.untargeted());
        AdvMaskLoss l = (AdvMaskLoss) AdvMaskLoss.factory(0.05).create(b, dense);
        // with delta = dense and a mask of ones (z large), CE = L_init, so Lc = 0 and only the sparsity term is left
        Tensor z = Tensor.full(Device.defaultDevice(), DType.FLOAT64, 40, 2, 2, S, S);
        double[] v = l.value(model, x, Var.of(dense), Var.of(z), 1, lambda, aim, false).value().toDoubleArray();
        assertEquals(1.5, v[0], 1e-9);
        assertEquals(8, v[1], 1e-9);
    }
}
