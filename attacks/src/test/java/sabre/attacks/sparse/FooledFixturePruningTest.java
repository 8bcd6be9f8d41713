package sabre.attacks.sparse;

import org.junit.jupiter.api.Test;
import sabre.attacks.AttackResult;
import sabre.attacks.Classifier;
import sabre.attacks.FooledFixture;
import sabre.attacks.IFgsm;
import sabre.attacks.MiFgsm;
import sabre.attacks.Objective;
import sabre.attacks.Pgd;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On the model the attacks really fool: momentum, the α schedule and the pruning loss each do what they claim. */
class FooledFixturePruningTest {
    private static final double EPS = 8 / 255.0;
    private final Classifier f = FooledFixture.classifier();
    private final Tensor x = FooledFixture.images(8);
    private final Tensor y = FooledFixture.labels(8);

    @Test
    void momentumChangesTheResultWhereTheGradientDirectionVaries() {
        float[] mu1 = new MiFgsm().eps(EPS).decay(1).run(f, x, y).adversarial().toFloatArray();
        float[] mu0 = new MiFgsm().eps(EPS).decay(0).run(f, x, y).adversarial().toFloatArray();
        assertFalse(Arrays.equals(mu1, mu0), "mu = 1 and mu = 0 gave the same images");
        int differ = 0;
        for (int i = 0; i < mu1.length; i++) {
            differ += mu1[i] != mu0[i] ? 1 : 0;
        }
        assertTrue(differ > mu1.length / 100, "only " + differ + " elements differ");
        // and μ = 0 is I-FGSM exactly, so the difference is the momentum's
        assertEquals(Arrays.toString(new IFgsm().eps(EPS).run(f, x, y).adversarial().toFloatArray()),
                Arrays.toString(mu0));
    }

    @Test
    void annealingAlphaLetsTheMaskLearnWhereAFixedSharpBinarizerFreezesIt() {
        AttackResult annealed = new AutoAdversary().base(new Pgd().eps(EPS)).steps(60).alpha(1, 200).run(f, x, y);
        AttackResult sharp = new AutoAdversary().base(new Pgd().eps(EPS)).steps(60).alpha(200, 200).run(f, x, y);
        AttackResult.Summary a = annealed.summary();
        AttackResult.Summary s = sharp.summary();
        assertEquals(1.0, a.asr(), 0.0);
        // sigmoid(200·z) saturates at once: its gradient vanishes and the mask stays where it started (all ones)
        assertTrue(a.l0Elements() < 0.5 * s.l0Elements(), "annealed L0 " + a.l0Elements() + ", fixed alpha 200 L0 "
                + s.l0Elements());
    }

    @Test
    void thePruningLossIsCrossEntropyPlusLambdaTimesTheMeanMask() {
        Generator g = new Generator(11);
        Tensor delta = Tensor.uniform(g, x.device(), DType.FLOAT32, -EPS, EPS, x.shape()).add(x).clamp(0, 1).sub(x);
        Tensor z = Tensor.normal(g, x.device(), DType.FLOAT32, 0, 1, x.shape());
        double alpha = 3.5;
        double[] lambda = {0.5, 1, 2, 3, 4, 5, 6, 7};
        Tensor lam = Tensor.fromDoubles(x.device(), DType.FLOAT32, lambda, 8);
        double[] loss = new PruningLoss(Objective.crossEntropy()).value(f, x, Var.of(delta), Var.of(z), alpha, lam, y,
                true).value().toDoubleArray();
        // independently: m = 1/(1 + e^(−αz)), x' = x + δ·m, CE from the logits by log-sum-exp, ‖m‖₁/N by hand
        double[] zv = z.toDoubleArray();
        double[] dv = delta.toDoubleArray();
        double[] xv = x.toDoubleArray();
        double[] adv = new double[xv.length];
        double[] maskMean = new double[8];
        int per = xv.length / 8;
        for (int k = 0; k < xv.length; k++) {
            double m = 1 / (1 + Math.exp(-alpha * zv[k]));
            adv[k] = xv[k] + dv[k] * m;
            maskMean[k / per] += m / per;
        }
        double[] logits;
        try (NoGrad scope = NoGrad.enter()) {
            logits = f.logits(Tensor.fromDoubles(x.device(), DType.FLOAT32, adv, x.shape()), 8).toDoubleArray();
        }
        int[] labels = y.toIntArray();
        int k = logits.length / 8;
        for (int n = 0; n < 8; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits[n * k + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(logits[n * k + c] - max);
            }
            double ce = max + Math.log(sum) - logits[n * k + labels[n]];
            assertEquals(ce + lambda[n] * maskMean[n], loss[n], 1e-4 * Math.max(1, Math.abs(loss[n])), "image " + n);
        }
    }
}
