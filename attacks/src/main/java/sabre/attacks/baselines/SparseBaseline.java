package sabre.attacks.baselines;

import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.attacks.Goal;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

/**
 * What the sparse baselines share: the radius ε of the L∞ ball around the original that bounds every element (1: the
 * whole box), the goal, and the run: eval mode, a validated {@link Batch}, the attack's own search on per-image host
 * rows, and the result measured by a fresh forward pass, with the attack's masks.
 *
 * <pre>{@code AttackResult r = new GreedyFool().eps(8 / 255.0).goal(Goal.nextClass()).run(f, images, labels);}</pre>
 *
 * @param <A> the concrete attack, returned by the fluent setters
 */
public abstract class SparseBaseline<A extends SparseBaseline<A>> implements Attack {
    private double eps;
    private Goal goal = Goal.untargeted();

    protected SparseBaseline(double defaultEps) {
        eps = defaultEps;
    }

    @SuppressWarnings("unchecked")
    private A self() {
        return (A) this;
    }

    /** Radius of the L∞ ball around the original that every element stays in. */
    public A eps(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "eps must be finite and > 0, found %s", value);
        eps = value;
        return self();
    }

    /** Untargeted (default) or a targeting strategy. */
    public A goal(Goal value) {
        goal = value;
        return self();
    }

    public double eps() {
        return eps;
    }

    @Override
    public final AttackResult run(Classifier model, Tensor images, Tensor labels) {
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, goal);
            long start = System.nanoTime();
            Outcome o = search(batch);
            Tensor adv = HostRows.tensor(o.adversarial(), images);
            Tensor masks = o.masks() == null ? adv.ne(images).to(images.dtype()) : HostRows.tensor(o.masks(), images);
            return batch.result(name(), eps, adv, masks, o.iterations(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** The attack proper, on a validated batch whose model is in eval mode. */
    protected abstract Outcome search(Batch batch);

    /** {@code value} clipped to [max(0, original − ε), min(1, original + ε)]. */
    protected final double clip(double value, double original) {
        return Math.min(Math.min(1, original + eps), Math.max(Math.max(0, original - eps), value));
    }

    /**
     * A search's outcome: adversarial images and 0/1 masks as rows of C·H·W values (null masks: the changed
     * elements), and the iterations each image took.
     */
    protected record Outcome(double[][] adversarial, double[][] masks, int[] iterations) {
    }
}
