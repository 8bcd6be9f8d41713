package sabre.attacks;

import sabre.autograd.Autograd;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The iterative gradient attacks under an ε-ball (FGSM, I-FGSM, PGD, MI-FGSM): from a start δ₀, repeat
 * {@code δ ← Π(δ − α·u(∇_δ J))} where J is the {@link Objective} to minimise, u the attack's step direction and Π the
 * projection onto the ball and the image box. Gradients of the batch's summed objective are taken with respect to the
 * input only (no weight gradients), so each image's update depends on its own loss alone. Settings are fluent:
 *
 * <pre>{@code AttackResult r = new Pgd().eps(8 / 255.0).steps(20).run(f, images, labels);}</pre>
 *
 * @param <A> the concrete attack, returned by the fluent setters
 */
public abstract class DenseAttack<A extends DenseAttack<A>> implements Attack {
    private double eps = 8 / 255.0;
    private int steps;
    private double stepRatio = Double.NaN;
    private double stepSize = Double.NaN;
    private Norm norm = Norm.LINF;
    private Goal goal = Goal.untargeted();
    private Objective objective = Objective.crossEntropy();
    private boolean earlyStop;
    private long seed;

    protected DenseAttack(int steps) {
        this.steps = steps;
    }

    @SuppressWarnings("unchecked")
    private A self() {
        return (A) this;
    }

    /** Radius of the ball (default 8/255). */
    public A eps(double value) {
        Check.arg(value >= 0 && Double.isFinite(value), name(), "eps must be finite and >= 0, found %s", value);
        eps = value;
        return self();
    }

    /** Number of gradient steps. */
    public A steps(int value) {
        Check.positive(name(), "steps", value);
        steps = value;
        return self();
    }

    /** Step size α as a fraction of ε (default {@link Norm#defaultStepRatio()}). */
    public A stepRatio(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "step ratio must be positive, found %s", value);
        stepRatio = value;
        stepSize = Double.NaN;
        return self();
    }

    /** Absolute step size α, independent of ε. */
    public A stepSize(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "step size must be positive, found %s", value);
        stepSize = value;
        stepRatio = Double.NaN;
        return self();
    }

    /** The ball's norm (default L∞). */
    public A norm(Norm value) {
        norm = value;
        return self();
    }

    /** Untargeted (default) or a targeting strategy. */
    public A goal(Goal value) {
        goal = value;
        return self();
    }

    /** The loss minimised (default cross-entropy). */
    public A objective(Objective value) {
        objective = value;
        return self();
    }

    /** Stop updating a sample once it is fooled (default off: every sample takes every step). */
    public A earlyStop(boolean value) {
        earlyStop = value;
        return self();
    }

    /** Seed of every random choice (random starts, random targets). */
    public A seed(long value) {
        seed = value;
        return self();
    }

    public double eps() {
        return eps;
    }

    public int steps() {
        return steps;
    }

    public Norm norm() {
        return norm;
    }

    public Goal goal() {
        return goal;
    }

    public Objective objective() {
        return objective;
    }

    public long seed() {
        return seed;
    }

    /** α at radius {@code radius}. */
    public double alpha(double radius) {
        if (!Double.isNaN(stepSize)) {
            return stepSize;
        }
        return (Double.isNaN(stepRatio) ? norm.defaultStepRatio() : stepRatio) * radius;
    }

    @Override
    public AttackResult run(Classifier model, Tensor images, Tensor labels) {
        return run(model, images, labels, eps).get(0);
    }

    /** The same attack at several radii, one result per ε, on the same batch. */
    public List<AttackResult> run(Classifier model, Tensor images, Tensor labels, double... radii) {
        for (double r : radii) {
            Check.arg(r >= 0 && Double.isFinite(r), name(), "eps must be finite and >= 0, found %s", r);
        }
        List<AttackResult> out = new ArrayList<>();
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, goal);
            for (double r : radii) {
                long start = System.nanoTime();
                int[] iterations = new int[batch.size()];
                Tensor adv = images.add(perturbation(batch, r, iterations));
                out.add(batch.result(name(), r, adv, iterations, (System.nanoTime() - start) / 1e9));
            }
        }
        return out;
    }

    /**
     * The final δ of this attack at radius {@code radius}, with {@code iterations[n]} set to the steps image n took.
     * Subclasses with restarts override this; the default is one run from {@link #start}.
     */
    public Tensor perturbation(Batch batch, double radius, int[] iterations) {
        return descend(batch, radius, start(batch, radius, SampleSeeds.forImages(seed, batch.images())), iterations);
    }

    /** δ₀: zeros, or a random start where the attack uses one. */
    protected Tensor start(Batch batch, double radius, Generator[] perImage) {
        return Tensor.zerosLike(batch.images());
    }

    /** A fresh step rule u(g) for one descent (it may keep state, like momentum). */
    public abstract StepRule newStepRule();

    /** Turns a gradient into the step's unit direction; one instance per descent, so it may carry state. */
    public interface StepRule {
        Tensor direction(Tensor gradient);
    }

    /** Runs the descent from δ₀ and returns the final δ. */
    protected final Tensor descend(Batch batch, double radius, Tensor delta0, int[] iterations) {
        Tensor x = batch.images();
        double a = alpha(radius);
        StepRule rule = newStepRule();
        Tensor delta = delta0;
        boolean[] active = new boolean[batch.size()];
        Arrays.fill(active, true);
        for (int t = 0; t < steps; t++) {
            Var input = Var.param(x.add(delta));
            Var logits = batch.model().logits(input);
            if (earlyStop && !freezeFooled(batch, logits.value(), active)) {
                break;
            }
            Var loss = objective.perSample(logits, batch.aimedAt(), batch.targeted()).sum();
            Tensor g = Autograd.grad(loss, input)[0];
            Tensor next = norm.project(delta.sub(rule.direction(g).mul(a)), x, radius);
            delta = earlyStop ? Tensor.where(activeMask(active, x), next, delta) : next;
            for (int n = 0; n < active.length; n++) {
                iterations[n] += active[n] ? 1 : 0;
            }
        }
        return delta;
    }

    /** Marks fooled samples inactive; false when none is left to update. */
    private static boolean freezeFooled(Batch batch, Tensor logits, boolean[] active) {
        boolean[] fooled = batch.fooled(logits);
        boolean any = false;
        for (int n = 0; n < active.length; n++) {
            active[n] &= !fooled[n];
            any |= active[n];
        }
        return any;
    }

    private static Tensor activeMask(boolean[] active, Tensor like) {
        int[] shape = new int[like.dim()];
        Arrays.fill(shape, 1);
        shape[0] = active.length;
        return Tensor.ofBools(active, shape).to(like.device()).to(DType.BOOL);
    }
}
