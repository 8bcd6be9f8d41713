package sabre.attacks.baselines;

import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.attacks.Goal;
import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

import java.util.List;

/**
 * SparseFool (Modas et al. 2019, "SparseFool: a few pixels make a big difference", CVPR), untargeted as the paper. From
 * {@code x_0 = x}, repeat: DeepFool from {@code x_i} gives the boundary's normal w and the boundary point {@code x_B =
 * x_i + λ·r_tot} ({@link DeepFool}; λ > 1 puts the point past the boundary: fewer iterations and more images fooled, at
 * the price of more changed coordinates); the linear solver moves {@code x_i} across the plane through x_B one
 * coordinate at a time inside the box ({@link LinearSolver}); the candidate {@code x + (1 + overshoot)·(x_i − x)},
 * clipped to the box, is kept; stop when it is misclassified or after {@code maxIterations}. The images of a batch run
 * together (one Jacobian pass per DeepFool step, one forward pass per check); the coordinate solver runs per image on
 * host arrays. Coordinates are elements (C·H·W), as the paper's.
 *
 * <p>Unbounded, as thesis Table 3-4 uses it: the box is [0, 1] and the result reports the L∞ it needed (its
 * {@code eps} field is 1, the whole box). {@link #eps} limits the box to the ε-ball around the original (the
 * reference code's lb/ub). Defaults as the paper and its released code: λ = 3, 20 iterations, DeepFool at most 50
 * steps with overshoot 0.02, final overshoot 0.02.
 *
 * <pre>{@code AttackResult r = new SparseFool().lambda(3).run(f, images, labels); double d = r.summary().linf();}</pre>
 */
public final class SparseFool extends SparseBaseline<SparseFool> {
    /** The registry entry. */
    public static final AttackEntry ENTRY = new AttackEntry("sparsefool", "SparseFool (Modas et al. 2019): DeepFool "
            + "boundary + coordinate-wise linear solver in the box, untargeted.", false, 8 / 255.0, List.of(
            AttackOption.real("lambda", "3", "Boundary point x + lambda*r_tot beyond DeepFool's (1 = on it)."),
            AttackOption.integer("max-iterations", "20", "Outer iterations (DeepFool + linear solver)."),
            AttackOption.integer("deepfool-steps", "50", "Largest number of DeepFool steps per iteration."),
            AttackOption.real("overshoot", "0.02", "Overshoot of DeepFool's check and of the final candidate."),
            AttackOption.flag("eps-clip", false, "Keep every coordinate within --eps of the original (then bounded).")),
            (c, v) -> {
                SparseFool a = new SparseFool().goal(c.goal()).lambda(v.real("lambda"))
                        .maxIterations(v.integer("max-iterations")).deepFoolSteps(v.integer("deepfool-steps"))
                        .overshoot(v.real("overshoot"));
                return v.flag("eps-clip") ? a.eps(c.eps()) : a;
            });

    private double lambda = 3;
    private int maxIterations = 20;
    private int deepFoolSteps = 50;
    private double overshoot = 0.02;

    /** SparseFool in the whole box [0, 1] (ε = 1: unbounded); {@link #eps} clips it to a smaller ball. */
    public SparseFool() {
        super(1);
    }

    /** SparseFool is untargeted only: a targeted goal is refused. */
    @Override
    public SparseFool goal(Goal value) {
        Check.arg(!value.targeted(), name(), "SparseFool is untargeted (Modas et al. 2019); found targeting mode '%s'",
                value);
        return super.goal(value);
    }

    /** λ ≥ 1: how far past DeepFool's boundary point the plane is put (default 3). */
    public SparseFool lambda(double value) {
        Check.arg(value >= 1 && Double.isFinite(value), name(), "lambda must be finite and >= 1, found %s", value);
        lambda = value;
        return this;
    }

    /** Outer iterations (default 20). */
    public SparseFool maxIterations(int value) {
        Check.positive(name(), "max iterations", value);
        maxIterations = value;
        return this;
    }

    /** Largest number of DeepFool steps per outer iteration (default 50). */
    public SparseFool deepFoolSteps(int value) {
        Check.positive(name(), "deepfool steps", value);
        deepFoolSteps = value;
        return this;
    }

    /** Overshoot of DeepFool's check and of the final candidate (default 0.02). */
    public SparseFool overshoot(double value) {
        Check.arg(value >= 0 && value <= 1, name(), "overshoot must be in [0, 1], found %s", value);
        overshoot = value;
        return this;
    }

    @Override
    public String name() {
        return "sparsefool";
    }

    @Override
    protected Outcome search(Batch batch) {
        Classifier model = batch.model();
        Tensor images = batch.images();
        double[][] x0 = HostRows.of(images);
        double[][] xi = HostRows.copy(x0);
        double[][] adv = HostRows.copy(x0);
        double[][] lb = new double[x0.length][];
        double[][] ub = new double[x0.length][];
        for (int n = 0; n < x0.length; n++) {
            lb[n] = new double[x0[n].length];
            ub[n] = new double[x0[n].length];
            for (int j = 0; j < x0[n].length; j++) {
                lb[n][j] = clip(0, x0[n][j]);
                ub[n][j] = clip(1, x0[n][j]);
            }
        }
        int[] y = batch.labels().toIntArray();
        int[] iterations = new int[x0.length];
        boolean[] active = batch.cleanCorrect().clone(); // a misclassified image is already fooled
        for (int t = 0; t < maxIterations; t++) {
            int[] act = HostRows.where(active);
            if (act.length == 0) {
                break;
            }
            DeepFool.Boundary b = DeepFool.find(model, xi, act, y, images, deepFoolSteps, overshoot, lambda,
                    batch.classes(), DeepFool.COPIES);
            for (int a = 0; a < act.length; a++) {
                int n = act[a];
                xi[n] = LinearSolver.solve(xi[n], b.normal()[a], b.point()[a], lb[n], ub[n]);
                for (int j = 0; j < x0[n].length; j++) { // x + (1 + overshoot)·(x_i − x), in the box
                    adv[n][j] = clip(x0[n][j] + (1 + overshoot) * (xi[n][j] - x0[n][j]), x0[n][j]);
                }
                iterations[n]++;
            }
            int[] pred = model.logits(HostRows.tensor(adv, act, images), 256).argmax(1, false).toIntArray();
            for (int a = 0; a < act.length; a++) {
                active[act[a]] = pred[a] == y[act[a]];
            }
        }
        return new Outcome(adv, null, iterations);
    }
}
