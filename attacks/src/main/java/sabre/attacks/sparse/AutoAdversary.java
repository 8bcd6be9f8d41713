package sabre.attacks.sparse;

import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.attacks.DenseAttack;
import sabre.attacks.Objective;
import sabre.attacks.Pgd;
import sabre.attacks.SampleSeeds;
import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;
import sabre.attacks.registry.Attacks;
import sabre.autograd.Autograd;
import sabre.autograd.Var;
import sabre.nn.optim.Adam;
import sabre.tensor.Check;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AutoAdversary (thesis ch. 3, arXiv 2203.09756): a sparse attack by pruning the pixels of a dense perturbation.
 * A base attack (I-FGSM, PGD or MI-FGSM under L∞ ε) gives δ; an encoder with its own weights for every image maps
 * δ/ε to mask logits z; the binarizer {@code m = sigmoid(α·z)} gates the perturbation, with α growing geometrically
 * so m is pushed to 0/1; δ (signed steps of the base attack's rule, projected onto the ε-ball and the image box) and
 * the encoder (Adam) minimise {@code J(f(x + δ⊙m)) + λ‖m‖₁/N} jointly. After every step the hard mask
 * {@code 1[z > 0]} is tried, and each image keeps the sparsest hard-masked perturbation that fooled the model; the
 * dense δ (mask of ones) is the first candidate, so AutoAdversary never does worse than its base attack.
 *
 * <p>Defaults (the thesis does not publish them; each is a setter, chosen on the Fashion-MNIST demo model — see
 * docs/attacks.md): 100 pruning steps, α from 1 to 200, λ = 5 adapted per image by ×1.05 / ÷1.05 after each step
 * (up while the image's hard mask fools, down when not), Adam at 0.003 for the encoder (at 0.01 the FC encoder's
 * logits saturate within ten steps and the mask freezes), δ steps of ε/10, the C&W margin with κ = 1 (bounded, so
 * once an image is fooled the sparsity term alone shrinks the mask; the margin keeps the hard mask on the fooling
 * side), output bias 2 (the mask starts near 0.88), per-element masks, an FC encoder with 64 hidden units up to
 * 32×32 images and a U-Net of width 16 above.
 *
 * <pre>{@code AttackResult r = new AutoAdversary().base(new Pgd().eps(8 / 255.0)).run(f, images, labels);}</pre>
 */
public final class AutoAdversary implements Attack {
    /** Which mask encoder: chosen by image size, fully connected, U-Net, or none (free mask logits). */
    public enum Encoder { AUTO, FC, UNET, NONE }

    /** A mask entry per element (C·H·W) or per pixel (H·W, shared by the channels). */
    public enum MaskUnit { ELEMENT, PIXEL }

    /** Images with at most this many pixels get the FC encoder under {@link Encoder#AUTO}. */
    public static final int FC_MAX_PIXELS = 32 * 32;

    /** Options passed on to the base attack (each only where the chosen base declares it). */
    private static final List<String> BASE_OPTIONS = List.of("steps", "alpha", "random-start", "restarts", "decay");

    /** The registry entry: the base attack and its options, then the pruning settings. */
    public static final AttackEntry ENTRY = new AttackEntry("autoadversary", "AutoAdversary (thesis ch. 3, arXiv "
            + "2203.09756): prunes a base attack's dense perturbation with a learned, binarized mask.", true,
            8 / 255.0, List.of(
            AttackOption.choice("base", "pgd", "Base attack giving the dense delta.", "ifgsm", "pgd", "mifgsm"),
            AttackOption.integer("steps", "10", "Steps of the base attack."),
            AttackOption.real("alpha", null, "Step size of the base attack (default: eps/4)."),
            AttackOption.flag("random-start", true, "Random start of a pgd base."),
            AttackOption.integer("restarts", "1", "Restarts of a pgd base."),
            AttackOption.real("decay", "1", "Momentum decay of an mifgsm base."),
            AttackOption.integer("prune-steps", "100", "Pruning steps after the base attack."),
            AttackOption.real("lambda", "5", "Initial weight of the sparsity term lambda*|m|_1/N."),
            AttackOption.real("lambda-rate", "0.05", "Per-image adaptation of lambda: x(1+rate) while the hard mask "
                    + "fools, /(1+rate) when not; 0 keeps lambda fixed."),
            AttackOption.choice("encoder", "auto", "Mask encoder: FC up to 32x32 images, else U-Net (auto); none = "
                    + "free mask logits.", "auto", "fc", "unet", "none"),
            AttackOption.choice("mask", "element", "A mask entry per element (C*H*W) or per pixel (H*W).",
                    "element", "pixel"),
            AttackOption.real("encoder-lr", "0.003", "Adam learning rate of the encoder."),
            AttackOption.real("alpha-start", "1", "The binarizer's alpha at the first pruning step."),
            AttackOption.real("alpha-end", "2", "The binarizer's alpha at the last pruning step (geometric)."),
            AttackOption.real("init-logit", "2", "Initial output bias of the encoder (mask starts at sigmoid(2))."),
            AttackOption.real("delta-step", "0.1", "Step of delta during pruning, as a fraction of eps."),
            AttackOption.integer("hidden", "64", "Hidden width of the FC encoder."),
            AttackOption.integer("unet-width", "16", "First-level width of the U-Net encoder."),
            AttackOption.choice("loss", "cw", "Classification term: C&W margin or cross-entropy.", "cw", "ce"),
            AttackOption.real("kappa", "1", "Confidence of the C&W margin.")),
            (c, v) -> {
                String baseName = v.choice("base");
                AttackEntry baseEntry = Attacks.entry(baseName);
                Map<String, String> baseValues = new LinkedHashMap<>();
                for (String o : BASE_OPTIONS) {
                    if (v.has(o)) {
                        if (baseEntry.option(o) == null) {
                            throw new IllegalArgumentException("--" + o + " is not an option of the base " + baseName);
                        }
                        baseValues.put(o, v.text(o));
                    }
                }
                AutoAdversary a = new AutoAdversary().base((DenseAttack<?>) baseEntry.create(c, baseValues))
                        .seed(c.seed()).steps(v.integer("prune-steps")).lambda(v.real("lambda"))
                        .adaptiveLambda(v.real("lambda-rate")).encoderLr(v.real("encoder-lr"))
                        .alpha(v.real("alpha-start"), v.real("alpha-end")).initLogit(v.real("init-logit"))
                        .deltaStepRatio(v.real("delta-step")).hidden(v.integer("hidden"))
                        .unetWidth(v.integer("unet-width"))
                        .encoder(Encoder.valueOf(v.choice("encoder").toUpperCase(Locale.ROOT)))
                        .maskUnit(MaskUnit.valueOf(v.choice("mask").toUpperCase(Locale.ROOT)))
                        .objective(Objective.parse(v.choice("loss"), v.real("kappa")));
                return a;
            });

    private DenseAttack<?> base = new Pgd();
    private Encoder encoder = Encoder.AUTO;
    private MaskUnit unit = MaskUnit.ELEMENT;
    private int hidden = 64;
    private int unetWidth = 16;
    private int steps = 100;
    private double alphaStart = 1;
    private double alphaEnd = 2; // mild annealing: 1 → 200 left L0 twice as large (docs/attacks.md, sparsity study)
    private double lambda = 5;
    private double lambdaRate = 0.05;
    private double encoderLr = 0.003;
    private double deltaStepRatio = 0.1;
    private double initLogit = 2;
    private Objective objective = Objective.cwMargin(1);
    private long seed;
    private PruningObjective.Factory pruningObjective;
    private LambdaRule lambdaRule;
    private boolean linearAlpha;

    public AutoAdversary base(DenseAttack<?> value) {
        base = value;
        return this;
    }

    public AutoAdversary encoder(Encoder value) {
        encoder = value;
        return this;
    }

    public AutoAdversary maskUnit(MaskUnit value) {
        unit = value;
        return this;
    }

    /** Hidden width of the FC encoder (default 64). */
    public AutoAdversary hidden(int value) {
        Check.positive(name(), "hidden size", value);
        hidden = value;
        return this;
    }

    /** First-level width of the U-Net encoder (default 16). */
    public AutoAdversary unetWidth(int value) {
        Check.positive(name(), "u-net width", value);
        unetWidth = value;
        return this;
    }

    /** Pruning steps after the base attack (default 100). */
    public AutoAdversary steps(int value) {
        Check.positive(name(), "prune-steps", value); // named as the CLI option
        steps = value;
        return this;
    }

    /** The binarizer's α schedule end points (default 1 → 2). */
    public AutoAdversary alpha(double start, double end) {
        new AlphaSchedule(start, end, 1); // validates the end points
        alphaStart = start;
        alphaEnd = end;
        return this;
    }

    /** Initial weight λ of the sparsity term ‖m‖₁/N (default 5). */
    public AutoAdversary lambda(double value) {
        Check.arg(value >= 0 && Double.isFinite(value), name(), "lambda must be finite and >= 0, found %s", value);
        lambda = value;
        return this;
    }

    /**
     * Per-image adaptation of λ (default 0.05): after each step λ_n is multiplied by (1 + rate) when image n's hard
     * mask fooled the model and divided by it when not, so every image is pushed to the sparsest mask that still
     * fools; 0 keeps λ fixed.
     */
    public AutoAdversary adaptiveLambda(double rate) {
        Check.arg(rate >= 0 && Double.isFinite(rate), name(), "lambda rate must be finite and >= 0, found %s", rate);
        lambdaRate = rate;
        return this;
    }

    /** Adam learning rate of the encoder (default 0.003). */
    public AutoAdversary encoderLr(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "encoder lr must be positive, found %s", value);
        encoderLr = value;
        return this;
    }

    /** δ's step during pruning as a fraction of ε (default 0.1). */
    public AutoAdversary deltaStepRatio(double value) {
        Check.arg(value >= 0 && Double.isFinite(value), name(), "delta step ratio must be >= 0, found %s", value);
        deltaStepRatio = value;
        return this;
    }

    /** Initial output bias of the encoder (default 2). */
    public AutoAdversary initLogit(double value) {
        Check.arg(Double.isFinite(value), name(), "initial logit must be finite, found %s", value);
        initLogit = value;
        return this;
    }

    /** The classification term (default C&W margin, κ = 1). */
    public AutoAdversary objective(Objective value) {
        objective = value;
        return this;
    }

    /**
     * Replaces the pruning loss {@link PruningLoss} (built from {@link #objective}) by one made per batch from its
     * dense perturbation (AdvMask's normalised loss); null restores the default.
     */
    public AutoAdversary pruningObjective(PruningObjective.Factory value) {
        pruningObjective = value;
        return this;
    }

    /** Replaces the multiplicative λ adaptation by {@code value} (null restores it). */
    public AutoAdversary lambdaRule(LambdaRule value) {
        lambdaRule = value;
        return this;
    }

    /** Grow α linearly instead of geometrically between the {@link #alpha} end points. */
    public AutoAdversary linearAlpha(boolean value) {
        linearAlpha = value;
        return this;
    }

    /** Seed of the encoders' initial weights (drawn per image). */
    public AutoAdversary seed(long value) {
        seed = value;
        return this;
    }

    /** The attack's mask unit. */
    public MaskUnit maskUnit() {
        return unit;
    }

    /** A copy with the same settings that uses {@code kind} as its encoder (the ablation's "no encoder" variant). */
    public AutoAdversary withEncoder(Encoder kind) {
        AutoAdversary c = new AutoAdversary().base(base).maskUnit(unit).hidden(hidden).unetWidth(unetWidth)
                .steps(steps).alpha(alphaStart, alphaEnd).lambda(lambda).encoderLr(encoderLr)
                .deltaStepRatio(deltaStepRatio).initLogit(initLogit).objective(objective).seed(seed)
                .adaptiveLambda(lambdaRate).pruningObjective(pruningObjective).lambdaRule(lambdaRule)
                .linearAlpha(linearAlpha);
        c.encoder = kind;
        return c;
    }

    public Objective objective() {
        return objective;
    }

    public int steps() {
        return steps;
    }

    public long seed() {
        return seed;
    }

    public DenseAttack<?> base() {
        return base;
    }

    @Override
    public String name() {
        String prefix = encoder == Encoder.NONE ? "l1mask" : "autoadversary";
        return prefix + "-" + base.name();
    }

    @Override
    public AttackResult run(Classifier model, Tensor images, Tensor labels) {
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, base.goal());
            long start = System.nanoTime();
            int[] iterations = new int[batch.size()];
            Tensor dense = base.perturbation(batch, base.eps(), iterations);
            Pruned p = prune(batch, dense, base.eps(), iterations);
            return batch.result(name(), base.eps(), p.adversarial(), p.masks(), iterations,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Prunes the perturbations of a finished run of the base attack on the same images, instead of running it again:
     * the result's time is the dense run's plus the pruning's.
     *
     * <pre>{@code AttackResult dense = auto.base().run(f, x, y); AttackResult sparse = auto.prune(f, x, y, dense);}</pre>
     */
    public AttackResult prune(Classifier model, Tensor images, Tensor labels, AttackResult dense) {
        Check.arg(dense.size() == images.shape(0), name(), "the dense result has %d images, the batch %d",
                dense.size(), images.shape(0));
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, base.goal());
            long start = System.nanoTime();
            int[] iterations = dense.iterations().clone();
            Pruned p = prune(batch, dense.adversarial().sub(images), base.eps(), iterations);
            return batch.result(name(), base.eps(), p.adversarial(), p.masks(), iterations,
                    dense.seconds() + (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Prunes a dense perturbation of the batch (whose model is already in eval mode) and returns the adversarial
     * images with their masks; adds the pruning steps to {@code iterations}.
     */
    public Pruned prune(Batch batch, Tensor dense, double eps, int[] iterations) {
        Check.arg(eps > 0, name(), "eps must be positive to prune a perturbation, found %s", eps);
        Tensor x = batch.images();
        MaskEncoder enc = newEncoder(x);
        Adam adam = new Adam(enc.parameters(), encoderLr);
        DenseAttack.StepRule rule = base.newStepRule();
        AlphaRamp schedule = linearAlpha ? AlphaRamp.linear(alphaStart, alphaEnd, steps)
                : new AlphaSchedule(alphaStart, alphaEnd, steps);
        PruningObjective loss = pruningObjective != null ? pruningObjective.create(batch, dense)
                : new PruningLoss(objective);
        double[] lambdas = new double[batch.size()];
        java.util.Arrays.fill(lambdas, lambda);
        SparsestFooling best = new SparsestFooling(batch, unit == MaskUnit.PIXEL);
        best.offer(x.add(dense), Tensor.onesLike(x));
        Tensor delta = dense;
        for (int t = 0; t < steps; t++) {
            Var d = Var.param(delta);
            Var z = enc.logits(d.mul(1 / eps));
            Tensor lam = Tensor.fromDoubles(x.device(), x.dtype(), lambdas, lambdas.length);
            Var perImage = loss.value(batch.model(), x, d, z, schedule.at(t), lam, batch.aimedAt(), batch.targeted());
            List<Var> wrt = new ArrayList<>(enc.parameters());
            wrt.add(0, d);
            Tensor[] g = Autograd.grad(List.of(perImage.sum()), null, wrt, false);
            Tensor hard = z.value().gt(0).to(x.dtype());
            boolean[] fooled = best.offer(x.add(delta.mul(hard)), hard);
            if (lambdaRule != null) {
                lambdaRule.update(lambdas, fooled, hard);
            } else if (lambdaRate > 0) { // adaptive λ: dearer mask while the hard mask fools, cheaper when not
                for (int n = 0; n < lambdas.length; n++) {
                    lambdas[n] *= fooled[n] ? 1 + lambdaRate : 1 / (1 + lambdaRate);
                }
            }
            for (int i = 1; i < g.length; i++) {
                wrt.get(i).setGrad(g[i]);
            }
            adam.step();
            delta = base.norm().project(delta.sub(rule.direction(g[0]).mul(deltaStepRatio * eps)), x, eps);
        }
        for (int n = 0; n < iterations.length; n++) {
            iterations[n] += steps;
        }
        return best.kept();
    }

    /** The encoder this attack uses for images of this size: AUTO picks FC up to {@link #FC_MAX_PIXELS}, else U-Net. */
    public Encoder encoderFor(Tensor images) {
        if (encoder != Encoder.AUTO) {
            return encoder;
        }
        return images.shape(2) * images.shape(3) <= FC_MAX_PIXELS ? Encoder.FC : Encoder.UNET;
    }

    private MaskEncoder newEncoder(Tensor images) {
        int m = unit == MaskUnit.PIXEL ? 1 : images.shape(1);
        Encoder kind = encoderFor(images);
        if (kind == Encoder.NONE) {
            return new FreeMaskLogits(images, m, initLogit);
        }
        Generator[] perImage = SampleSeeds.forImages(seed, images);
        return kind == Encoder.FC ? new PerImageFcEncoder(perImage, images, m, hidden, initLogit)
                : new PerImageUNet(perImage, images, m, unetWidth, initLogit);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(eps=%.5f, steps=%d, alpha=%s->%s, lambda=%s, encoder=%s, mask=%s)",
                name(), base.eps(), steps, alphaStart, alphaEnd, lambda, encoder, unit);
    }
}
