package sabre.attacks;

import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;
import sabre.attacks.registry.DenseOptions;
import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.List;
import java.util.stream.Stream;

/**
 * PGD (Madry et al. 2018) under L∞ or L2: I-FGSM from a uniformly random start inside the ball, optionally restarted
 * from fresh random starts, keeping for each image the first restart that fooled the model (the last one when none
 * did). Defaults as torchattacks: 10 steps, α = ε/4 (L∞) or ε/5 (L2), random start on, one run.
 *
 * <pre>{@code AttackResult r = new Pgd().norm(Norm.L2).eps(0.5).restarts(5).run(f, images, labels);}</pre>
 */
public final class Pgd extends DenseAttack<Pgd> {
    /** The registry entry of PGD under L∞ (ε = 8/255 by default). */
    public static final AttackEntry ENTRY = entry("pgd", Norm.LINF, 8 / 255.0);
    /** The registry entry of PGD under L2 (ε = 1.0 by default, as torchattacks' PGDL2). */
    public static final AttackEntry L2_ENTRY = entry("pgd-l2", Norm.L2, 1.0);

    private boolean randomStart = true;
    private int restarts = 1;

    public Pgd() {
        super(10);
    }

    /** Start from a random point of the ball (default) or from δ = 0. */
    public Pgd randomStart(boolean value) {
        randomStart = value;
        return this;
    }

    /** Number of runs from independent random starts (default 1). */
    public Pgd restarts(int value) {
        Check.positive(name(), "restarts", value);
        restarts = value;
        return this;
    }

    @Override
    public String name() {
        return norm() == Norm.LINF ? "pgd" : "pgd-l2";
    }

    @Override
    public StepRule newStepRule() {
        return norm()::steepest;
    }

    @Override
    protected Tensor start(Batch batch, double radius, Generator[] perImage) {
        return randomStart ? norm().randomStart(perImage, batch.images(), radius)
                : super.start(batch, radius, perImage);
    }

    @Override
    public Tensor perturbation(Batch batch, double radius, int[] iterations) {
        Generator[] perImage = SampleSeeds.forImages(seed(), batch.images());
        Tensor best = null;
        boolean[] done = new boolean[batch.size()];
        for (int r = 0; r < restarts; r++) {
            int[] its = new int[batch.size()];
            Tensor delta = descend(batch, radius, start(batch, radius, perImage), its);
            boolean[] fooled = batch.fooled(batch.model().logits(batch.images().add(delta), 256));
            boolean[] take = new boolean[done.length];
            for (int n = 0; n < done.length; n++) {
                take[n] = !done[n];
                iterations[n] += take[n] ? its[n] : 0;
                done[n] |= fooled[n];
            }
            best = best == null ? delta : Tensor.where(perImage(take, delta), delta, best);
        }
        return best;
    }

    private static AttackEntry entry(String name, Norm norm, double eps) {
        List<AttackOption> options = Stream.concat(DenseOptions.common(10, norm).stream(), Stream.of(
                AttackOption.flag("random-start", true, "Start from a uniformly random point of the ball."),
                AttackOption.integer("restarts", "1", "Runs from independent random starts; each image keeps the "
                        + "first that fooled."))).toList();
        return new AttackEntry(name, "PGD (Madry et al. 2018): I-FGSM from a random start, with restarts.", true, eps,
                options, (c, v) -> {
                    Pgd a = DenseOptions.apply(new Pgd(), c, v);
                    v.ifFlag("random-start", a::randomStart);
                    v.ifInt("restarts", a::restarts);
                    return a;
                });
    }

    private static Tensor perImage(boolean[] flags, Tensor like) {
        int[] shape = new int[like.dim()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = flags.length;
        return Tensor.ofBools(flags, shape).to(like.device()).to(DType.BOOL);
    }
}
