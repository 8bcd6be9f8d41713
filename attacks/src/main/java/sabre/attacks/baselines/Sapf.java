package sabre.attacks.baselines;

import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.attacks.Goal;
import sabre.attacks.Objective;
import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;
import sabre.autograd.Autograd;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * SAPF (Fan et al. 2020, "Sparse Adversarial Attack via Perturbation Factorization", ECCV): the perturbation is
 * factorised as δ = ε⊙G with continuous ε and a binary mask G ∈ {0,1}^n over the elements, minimising
 * {@code ‖ε⊙G‖² + λ₁·ℓ(clip(x + ε⊙G)) + λ₂·Σ_s ‖G_s‖₂} subject to {@code 1ᵀG = k}, where s runs over the superpixels
 * (all channels of a SLIC segment) and ℓ is the C&amp;W margin (or cross-entropy). ε and G are updated alternately:
 * ε by gradient descent; G by ℓp-box ADMM (Wu &amp; Ghanem 2018), which writes G ∈ {0,1}^n as G ∈ S_b ∩ S_p with
 * the box S_b = [0,1]^n and the sphere S_p = {‖G − ½‖² = n/4}, and alternates the projections
 * {@code y₁ = clip(G + z₁/ρ₁)}, {@code y₂ = ½ + (√n/2)·(v − ½)/‖v − ½‖} (v = G + z₂/ρ₂), the group soft threshold
 * {@code y₃ = max(0, 1 − λ₂/(ρ₃‖v_s‖))·v_s} (v = G + z₃/ρ₃), a gradient step on G of the augmented Lagrangian (with
 * the penalty {@code z₄ + ρ₄(1ᵀG − k)} for the cardinality), the dual ascents {@code z_i += ρ_i(G − y_i)} and
 * ρ_i growing geometrically to their caps. Then G = 1[G > ½] and ε is fine-tuned for half the ε steps. λ₁ is searched
 * per image (6 tries: ×10 until a success, then bisection), keeping the last successful attack.
 *
 * <p>Targeted as the paper; untargeted by the same margin with the label's logit against the best other class (any
 * class other than the label wins). Unbounded: ε (the context's radius) is ignored; the result's L∞ is measured.
 * Defaults as the released code ({@code flags.py}) except the step counts: 2000 ε and 2000 G steps per try (30,000
 * gradient steps per image over 6 tries) become {@code e-steps} = {@code g-steps} = 100 (1,500), with the learning-rate
 * decay (×0.9 every 1/40 of the run) and the ρ growth (1.01 per step over 2000 steps) rescaled to end where the
 * paper's do.
 *
 * <pre>{@code AttackResult r = new Sapf().k(50).goal(Goal.nextClass()).run(f, images, labels);}</pre>
 */
public final class Sapf implements Attack {
    /** The paper's cardinality for CIFAR-10: k = 200 of 3,072 elements. */
    public static final double DEFAULT_K_FRACTION = 200.0 / 3072;
    private static final int PAPER_STEPS = 2000;
    private static final double RHO_GROWTH = 1.01;
    private static final double LAMBDA1_UPPER = 100;
    private static final double LR_MIN = 0.001;
    // ADMM penalties ρ₁..ρ₄: start and cap (flags.py)
    private static final double[] RHO_START = {5e-3, 5e-3, 5e-3, 1e-4};
    private static final double[] RHO_MAX = {20, 20, 100, 0.01};

    /** How the groups of the group-sparsity term are formed. */
    public enum Grouping { SLIC, GRID }

    /** The registry entry (unbounded). */
    public static final AttackEntry ENTRY = new AttackEntry("sapf", "SAPF (Fan et al. 2020, ECCV): delta = eps*G with "
            + "binary G by lp-box ADMM and superpixel group sparsity; lambda1 searched per image.", false, 8 / 255.0,
            List.of(
            AttackOption.integer("k", "0", "Cardinality 1'G = k of the mask, in elements; 0 = 200/3072 of C*H*W "
                    + "(the paper's CIFAR-10 setting)."),
            AttackOption.integer("e-steps", "100", "Gradient steps on epsilon per try (paper 2000)."),
            AttackOption.integer("g-steps", "100", "ADMM steps on G per try (paper 2000)."),
            AttackOption.integer("searches", "6", "Tries of the lambda1 search (paper 6)."),
            AttackOption.real("init-lambda1", "1e-3", "First lambda1, the weight of the attack loss (paper 1e-3)."),
            AttackOption.real("lambda2", "1e-3", "Weight of the group sparsity (paper 1e-3)."),
            AttackOption.real("lr-e", "0.1", "Step on epsilon (paper 0.1)."),
            AttackOption.real("lr-g", "0.1", "Step on G (paper 0.1)."),
            AttackOption.choice("groups", "slic", "Superpixels: SLIC or a square grid.", "slic", "grid"),
            AttackOption.integer("segments", "150", "Number of superpixels asked of SLIC (paper 150)."),
            AttackOption.real("compactness", "10", "SLIC compactness m (paper 10)."),
            AttackOption.choice("loss", "cw", "Attack loss: C&W margin or cross-entropy.", "cw", "ce"),
            AttackOption.real("kappa", "0", "Confidence of the C&W margin.")),
            (c, v) -> {
                Sapf a = new Sapf().goal(c.goal());
                v.ifInt("k", a::k);
                v.ifInt("e-steps", a::eSteps);
                v.ifInt("g-steps", a::gSteps);
                v.ifInt("searches", a::searches);
                v.ifReal("init-lambda1", a::initLambda1);
                v.ifReal("lambda2", a::lambda2);
                v.ifReal("lr-e", a::lrE);
                v.ifReal("lr-g", a::lrG);
                v.ifChoice("groups", g -> a.grouping(Grouping.valueOf(g.toUpperCase(Locale.ROOT))));
                v.ifInt("segments", a::segments);
                v.ifReal("compactness", a::compactness);
                a.objective(Objective.parse(v.choice("loss"), v.real("kappa")));
                return a;
            });

    private int k;
    private int eSteps = 100;
    private int gSteps = 100;
    private int searches = 6;
    private double initLambda1 = 1e-3;
    private double lambda2 = 1e-3;
    private double lrE = 0.1;
    private double lrG = 0.1;
    private Grouping grouping = Grouping.SLIC;
    private int segments = 150;
    private double compactness = 10;
    private Objective objective = Objective.cwMargin(0);
    private Goal goal = Goal.untargeted();

    /** Cardinality of G in elements; 0 (default) = 200/3072 of C·H·W. */
    public Sapf k(int value) {
        Check.nonNegative(name(), "k (0 = the paper's fraction)", value);
        k = value;
        return this;
    }

    /** Gradient steps on ε per try (default 100; paper 2000). */
    public Sapf eSteps(int value) {
        Check.positive(name(), "e-steps", value);
        eSteps = value;
        return this;
    }

    /** ADMM steps on G per try (default 100; paper 2000). */
    public Sapf gSteps(int value) {
        Check.positive(name(), "g-steps", value);
        gSteps = value;
        return this;
    }

    /** Tries of the λ₁ search (default 6). */
    public Sapf searches(int value) {
        Check.positive(name(), "searches", value);
        searches = value;
        return this;
    }

    /** First λ₁ (default 1e-3). */
    public Sapf initLambda1(double value) {
        Check.arg(value > 0 && value < LAMBDA1_UPPER, name(), "init lambda1 must lie in (0, %s), found %s",
                LAMBDA1_UPPER, value);
        initLambda1 = value;
        return this;
    }

    /** Weight of the group sparsity (default 1e-3). */
    public Sapf lambda2(double value) {
        Check.arg(value >= 0 && Double.isFinite(value), name(), "lambda2 must be finite and >= 0, found %s", value);
        lambda2 = value;
        return this;
    }

    /** Step on ε (default 0.1). */
    public Sapf lrE(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "lr-e must be positive, found %s", value);
        lrE = value;
        return this;
    }

    /** Step on G (default 0.1). */
    public Sapf lrG(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "lr-g must be positive, found %s", value);
        lrG = value;
        return this;
    }

    /** SLIC superpixels (default) or a square grid. */
    public Sapf grouping(Grouping value) {
        grouping = value;
        return this;
    }

    /** Superpixels asked of SLIC or the grid (default 150). */
    public Sapf segments(int value) {
        Check.positive(name(), "segments", value);
        segments = value;
        return this;
    }

    /** SLIC compactness (default 10). */
    public Sapf compactness(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "compactness must be positive, found %s", value);
        compactness = value;
        return this;
    }

    /** The attack loss ℓ (default the C&amp;W margin, κ = 0). */
    public Sapf objective(Objective value) {
        objective = value;
        return this;
    }

    /** Targeted as the paper, or untargeted (default). */
    public Sapf goal(Goal value) {
        goal = value;
        return this;
    }

    @Override
    public String name() {
        return "sapf";
    }

    @Override
    public AttackResult run(Classifier model, Tensor images, Tensor labels) {
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, goal);
            long start = System.nanoTime();
            int n = batch.size();
            int elements = images.shape(1) * images.shape(2) * images.shape(3);
            int card = k > 0 ? k : (int) Math.max(1, Math.round(DEFAULT_K_FRACTION * elements));
            Check.arg(card <= elements, name(), "k = %d exceeds the %d elements of an image", card, elements);
            Tensor groups = groups(images);
            double[] lambda1 = new double[n];
            double[] lower = new double[n];
            double[] upper = new double[n];
            Arrays.fill(lambda1, initLambda1);
            Arrays.fill(upper, LAMBDA1_UPPER);
            Tensor[] adv = new Tensor[n];
            Tensor[] mask = new Tensor[n];
            boolean[] found = new boolean[n];
            boolean[] stopped = new boolean[n];
            int[] iterations = new int[n];
            for (int s = 0; s < searches; s++) {
                int[] open = IntStream.range(0, n).filter(i -> !stopped[i]).toArray();
                if (open.length == 0) {
                    break;
                }
                Batch sub = SubBatch.of(batch, open);
                double[] lam = Arrays.stream(open).mapToDouble(i -> lambda1[i]).toArray();
                Tensor subGroups = groups.indexSelect(0, Tensor.ofInts(open, open.length).to(groups.device()));
                Try t = attempt(sub, subGroups, lam, card);
                for (int j = 0; j < open.length; j++) {
                    int i = open[j];
                    iterations[i] += eSteps + gSteps + eSteps / 2;
                    if (t.fooled[j] || !found[i]) { // the last successful try, else the latest
                        adv[i] = t.adversarial.narrow(0, j, 1);
                        mask[i] = t.mask.narrow(0, j, 1);
                    }
                    found[i] |= t.fooled[j];
                    stopped[i] = nextLambda(i, t.fooled[j], lambda1, lower, upper);
                }
            }
            return batch.result(name(), 0, Tensor.cat(Arrays.asList(adv), 0), Tensor.cat(Arrays.asList(mask), 0),
                    iterations, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The released code's λ₁ search; true when image i stops searching. */
    private boolean nextLambda(int i, boolean fooled, double[] lambda1, double[] lower, double[] upper) {
        if (fooled) {
            if (lambda1[i] < 0.01 * initLambda1) {
                return true;
            }
            upper[i] = Math.min(upper[i], lambda1[i]);
            lambda1[i] = (upper[i] + lower[i]) / 2;
        } else {
            lower[i] = Math.max(lower[i], lambda1[i]);
            lambda1[i] = upper[i] < LAMBDA1_UPPER ? (upper[i] + lower[i]) / 2 : lambda1[i] * 10;
        }
        return false;
    }

    /** One try at fixed λ₁ per image: adversarial images, binary masks, success. */
    private record Try(Tensor adversarial, Tensor mask, boolean[] fooled) {
    }

    private Try attempt(Batch batch, Tensor groups, double[] lambda1, int card) {
        Tensor x = batch.images();
        int n = batch.size();
        Tensor lam = PerImage.scalars(lambda1, x);
        Tensor eps = Tensor.zerosLike(x);
        Tensor g = Tensor.onesLike(x);
        double[] lrState = {lrE};
        eps = updateEpsilon(batch, eps, g, lam, lrState, eSteps);
        g = updateG(batch, groups, eps, g, lam, card);
        g = g.gt(0.5).to(x.dtype());
        eps = updateEpsilon(batch, eps, g, lam, lrState, eSteps / 2);
        Tensor adv = x.add(eps.mul(g)).clamp(0, 1);
        return new Try(adv, g, batch.fooled(batch.model().logits(adv, 256)));
    }

    /** ∂ℓ/∂(ε⊙G) of the clipped adversarial image, per image. */
    private Tensor lossGradient(Batch batch, Tensor product) {
        Var p = Var.param(product);
        Var adv = Var.of(batch.images()).add(p).clamp(0, 1);
        Var loss = objective.perSample(batch.model().logits(adv), batch.aimedAt(), batch.targeted()).sum();
        return Autograd.grad(loss, p)[0];
    }

    private Tensor updateEpsilon(Batch batch, Tensor eps, Tensor g, Tensor lam, double[] lr, int steps) {
        int decay = decayEvery(eSteps); // the fine-tuning keeps the paper's decay period
        for (int t = 1; t <= steps; t++) {
            Tensor dl = lossGradient(batch, eps.mul(g)).mul(g); // chain rule through ε⊙G
            eps = eps.sub(eps.mul(g).mul(g).mul(2).add(dl.mul(lam)).mul(lr[0]));
            if (t % decay == 0) {
                lr[0] = Math.max(lr[0] * 0.9, LR_MIN);
            }
        }
        return eps;
    }

    private Tensor updateG(Batch batch, Tensor groups, Tensor eps, Tensor g, Tensor lam, int card) {
        int count = Superpixels.count(groups.toIntArray());
        double elements = g.numel() / (double) batch.size();
        double[] rho = RHO_START.clone();
        double growth = Math.pow(RHO_GROWTH, PAPER_STEPS / (double) gSteps);
        double lr = lrG;
        int decay = decayEvery(gSteps);
        Tensor z1 = Tensor.zerosLike(g);
        Tensor z2 = Tensor.zerosLike(g);
        Tensor z3 = Tensor.zerosLike(g);
        Tensor z4 = Tensor.zeros(g.dtype(), batch.size(), 1, 1, 1).to(g.device());
        int[] sumAxes = {1, 2, 3};
        for (int t = 1; t <= gSteps; t++) {
            Tensor y1 = g.add(z1.div(rho[0])).clamp(0, 1);
            Tensor y2 = sphere(g.add(z2.div(rho[1])), elements);
            Tensor y3 = groupShrink(g.add(z3.div(rho[2])), groups, count, lambda2 / rho[2]);
            Tensor dl = lossGradient(batch, eps.mul(g)).mul(eps);
            Tensor excess = g.sum(sumAxes, true).sub(card);
            Tensor grad = g.mul(eps).mul(eps).mul(2).add(dl.mul(lam)).add(z1).add(z2).add(z3).add(z4)
                    .add(g.sub(y1).mul(rho[0])).add(g.sub(y2).mul(rho[1])).add(g.sub(y3).mul(rho[2]))
                    .add(excess.mul(rho[3]));
            g = g.sub(grad.mul(lr));
            z1 = z1.add(g.sub(y1).mul(rho[0]));
            z2 = z2.add(g.sub(y2).mul(rho[1]));
            z3 = z3.add(g.sub(y3).mul(rho[2]));
            z4 = z4.add(g.sum(sumAxes, true).sub(card).mul(rho[3]));
            for (int i = 0; i < 4; i++) {
                rho[i] = Math.min(rho[i] * growth, RHO_MAX[i]);
            }
            if (t % decay == 0) {
                lr = Math.max(lr * 0.9, LR_MIN);
            }
        }
        return g;
    }

    /** Projection onto the sphere {‖y − ½‖² = n/4} of each image. */
    static Tensor sphere(Tensor v, double elements) {
        Tensor c = v.sub(0.5);
        Tensor norm = c.pow(2).sum(new int[] {1, 2, 3}, true).sqrt().add(1e-12);
        return c.div(norm).mul(Math.sqrt(elements) / 2).add(0.5);
    }

    /** Group soft threshold: each group s of each image scaled by max(0, 1 − τ/‖v_s‖₂) (channels in the group). */
    static Tensor groupShrink(Tensor v, Tensor groups, int count, double tau) {
        int n = v.shape(0);
        int plane = v.shape(2) * v.shape(3);
        Tensor sq = v.pow(2).sum(new int[] {1}, false).reshape(n, plane);
        Tensor norms = Tensor.zeros(v.dtype(), n, count).to(v.device()).scatterAdd(1, groups, sq).sqrt();
        Tensor coef = norms.add(1e-12).pow(-1).mul(-tau).add(1).relu();
        return v.mul(coef.gather(1, groups).reshape(n, 1, v.shape(2), v.shape(3)));
    }

    /** Group label per pixel of every image, INT32 [N, H·W]. */
    private Tensor groups(Tensor images) {
        int n = images.shape(0);
        int c = images.shape(1);
        int h = images.shape(2);
        int w = images.shape(3);
        int[] all = new int[n * h * w];
        for (int i = 0; i < n; i++) {
            int[] labels = grouping == Grouping.GRID ? Superpixels.grid(h, w, segments)
                    : Superpixels.slic(images.select(0, i).toFloatArray(), c, h, w, segments, compactness);
            System.arraycopy(labels, 0, all, i * h * w, h * w);
        }
        return Tensor.ofInts(all, n, h * w).to(images.device()).to(DType.INT32);
    }

    /** ×0.9 every 50 of the paper's 2000 steps, rescaled to {@code steps}. */
    private static int decayEvery(int steps) {
        return Math.max(1, Math.round(steps * 50f / PAPER_STEPS));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(k=%s, e=%d, g=%d, searches=%d, lambda1=%s, lambda2=%s, %s %d)", name(),
                k == 0 ? "auto" : String.valueOf(k), eSteps, gSteps, searches, initLambda1, lambda2,
                grouping.name().toLowerCase(Locale.ROOT), segments);
    }
}
