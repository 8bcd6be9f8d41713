package sabre.augment;

import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.attacks.Goal;
import sabre.attacks.MiFgsm;
import sabre.attacks.sparse.AutoAdversary;
import sabre.attacks.sparse.LambdaRule;
import sabre.attacks.sparse.Pruned;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * AdvMask's sensitive-pixel search, built on {@link AutoAdversary}'s pruning machinery (per-image FC encoder,
 * binarizer {@code sigmoid(α·z)}, hard-mask bookkeeping) with AdvMask's settings: the dense stage is momentum PGD
 * (ε = 4/255, step 2/255, 80 iterations, momentum 0.9 on the L1-normalised gradient, random start, L∞); the sparse
 * stage minimises {@link AdvMaskLoss} (η = 0.05) with α growing linearly 0.1 → 100 and
 * {@code λ = 1 + 10·(fraction of ones in the hard mask)} (11 at the start, when the mask is all ones). A pixel is
 * sensitive when the kept adversarial differs from the image by more than 1e-6 in any channel; the kept adversarial
 * is the sparsest hard-masked perturbation that fooled the model (the dense one if no sparser one did, the image
 * itself — no points — when even the dense attack failed).
 *
 * <pre>{@code SensitivePixels.Found f = new SensitivePixels(100, 1).find(Classifier.of(net), x, y);}</pre>
 */
public final class SensitivePixels {
    public static final double EPS = 4 / 255.0;
    public static final double STEP = 2 / 255.0;
    public static final int DENSE_ITERATIONS = 80;
    public static final double MOMENTUM = 0.9;
    public static final double THRESHOLD = 1e-6;

    private final AutoAdversary attack;

    /** Each image's points (interleaved row, column) and whether the search fooled the model on it. */
    public record Found(List<int[]> points, boolean[] success) {
    }

    /** @param pruningSteps sparse-stage steps (AutoAdversary's default 100) */
    public SensitivePixels(int pruningSteps, long seed) {
        this(DENSE_ITERATIONS, pruningSteps, seed);
    }

    /** @param denseSteps dense-stage iterations (AdvMask's {@value #DENSE_ITERATIONS}; fewer for quick trials) */
    public SensitivePixels(int denseSteps, int pruningSteps, long seed) {
        Check.positive("advmask search", "dense steps", denseSteps);
        Check.positive("advmask search", "pruning steps", pruningSteps);
        MiFgsm dense = new MiFgsm().decay(MOMENTUM).randomStart(true).eps(EPS).stepSize(STEP).steps(denseSteps)
                .goal(Goal.untargeted()).seed(seed);
        attack = new AutoAdversary().base(dense).encoder(AutoAdversary.Encoder.FC).steps(pruningSteps)
                .alpha(0.1, 100).linearAlpha(true).lambda(11).lambdaRule(LambdaRule.maskFraction(1, 10))
                .pruningObjective(AdvMaskLoss.factory(AdvMaskLoss.ETA)).seed(seed);
    }

    /** The attack as configured (for its description). */
    public AutoAdversary attack() {
        return attack;
    }

    /** Searches the sensitive pixels of {@code images} [N, C, H, W] in [0, 1] with true {@code labels} [N]. */
    public Found find(Classifier model, Tensor images, Tensor labels) {
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, Goal.untargeted());
            int[] iterations = new int[batch.size()];
            Tensor dense = attack.base().perturbation(batch, EPS, iterations);
            Pruned p = attack.prune(batch, dense, EPS, iterations);
            boolean[] success = batch.fooled(model.logits(p.adversarial(), 256));
            Tensor changed = p.adversarial().sub(images).abs().amax(new int[] {1}, false); // [N, H, W]
            float[] d = changed.toFloatArray();
            int h = images.shape(2);
            int w = images.shape(3);
            List<int[]> points = new ArrayList<>();
            for (int n = 0; n < batch.size(); n++) {
                int count = 0;
                for (int q = 0; q < h * w; q++) {
                    count += d[n * h * w + q] > THRESHOLD ? 1 : 0;
                }
                int[] rc = new int[2 * count];
                int k = 0;
                for (int q = 0; q < h * w; q++) {
                    if (d[n * h * w + q] > THRESHOLD) {
                        rc[k++] = q / w;
                        rc[k++] = q % w;
                    }
                }
                points.add(rc);
            }
            return new Found(points, success);
        }
    }
}
