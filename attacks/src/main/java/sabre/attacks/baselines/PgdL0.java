package sabre.attacks.baselines;

import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.attacks.Goal;
import sabre.attacks.Objective;
import sabre.attacks.SampleSeeds;
import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;
import sabre.autograd.Autograd;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * PGD-L0+L∞ (Croce &amp; Hein 2019, "Sparse and Imperceivable Adversarial Attacks", ICCV, sec. 4): projected
 * gradient descent on the cross-entropy over the perturbations that change at most k pixels, each by at most ε,
 * inside the image box. One step is {@code δ ← Π_k(δ + η·∇/‖∇‖₁)} (ascent on CE untargeted, descent on CE to the
 * target), the gradient normalised by its L1 norm as the released code does. Π_k is the exact projection onto
 * {δ : at most k pixels nonzero, δ ∈ [max(−ε, −x), min(ε, 1 − x)]}: per pixel the best in-box value c = clip(δ)
 * and its gain ‖δ_p‖² − ‖δ_p − c_p‖², keeping the k pixels of largest gain (the channels of a pixel tied).
 * Each run starts from a uniform point of the box projected onto k pixels; restarts add fresh starts.
 *
 * <p>The paper fixes k; here by default the smallest successful k is searched per image: one probe at k = H·W (the
 * dense L∞ attack; an image it does not fool is given up), then a binary search on k in (lo, hi] — a probe fools at
 * k = mid ⇒ hi = mid, else lo = mid — until hi − lo = 1, keeping the perturbation of the smallest successful k. Every
 * probe costs {@code restarts × steps} gradient steps (fewer once an image is fooled), so one image costs at most
 * {@code (1 + ⌈log₂(H·W)⌉) × restarts × steps} steps: 11 × 3 × 20 = 660 on 28×28 images, 12 × 60 = 720 on 32×32.
 * The search assumes success is monotone in k (a larger budget rarely loses); {@link #k(int)} runs at a fixed k.
 * Defaults as the released example ({@code run_attack.py}): 20 steps, 3 restarts, step 120000/255/2.
 *
 * <pre>{@code AttackResult r = new PgdL0().eps(8 / 255.0).run(f, images, labels);}</pre>
 */
public final class PgdL0 implements Attack {
    /** The released example's step size for the L1-normalised gradient. */
    public static final double DEFAULT_STEP = 120000.0 / 255 / 2;

    /** The registry entry (bounded by ε, default 8/255 as thesis Table 3-3). */
    public static final AttackEntry ENTRY = new AttackEntry("pgd-l0", "PGD-L0+Linf (Croce & Hein 2019, ICCV): PGD "
            + "with the exact projection onto k pixels inside the eps-box; smallest k searched per image.", true,
            8 / 255.0, List.of(
            AttackOption.integer("k", "0", "Pixels changed; 0 = binary search for the smallest successful k per "
                    + "image (cost (1 + ceil(log2(H*W))) * restarts * steps gradient steps)."),
            AttackOption.integer("steps", "20", "Gradient steps per run."),
            AttackOption.real("step-size", "235.294", "Step along the L1-normalised gradient (120000/255/2)."),
            AttackOption.integer("restarts", "3", "Runs from fresh random starts per k."),
            AttackOption.flag("random-start", true, "Start from a uniform point of the box projected onto k pixels "
                    + "(else from zero).")),
            (c, v) -> {
                PgdL0 a = new PgdL0().eps(c.eps()).goal(c.goal()).seed(c.seed());
                v.ifInt("k", a::k);
                v.ifInt("steps", a::steps);
                v.ifReal("step-size", a::stepSize);
                v.ifInt("restarts", a::restarts);
                v.ifFlag("random-start", a::randomStart);
                return a;
            });

    private double eps = 8 / 255.0;
    private int k;
    private int steps = 20;
    private double stepSize = DEFAULT_STEP;
    private int restarts = 3;
    private boolean randomStart = true;
    private Goal goal = Goal.untargeted();
    private long seed;

    /** L∞ bound of every changed element (default 8/255). */
    public PgdL0 eps(double value) {
        Check.arg(value > 0 && value <= 1, name(), "eps must lie in (0, 1], found %s", value);
        eps = value;
        return this;
    }

    /** Pixels changed; 0 (default) searches the smallest successful k per image. */
    public PgdL0 k(int value) {
        Check.nonNegative(name(), "k (0 = search)", value);
        k = value;
        return this;
    }

    /** Gradient steps per run (default 20). */
    public PgdL0 steps(int value) {
        Check.positive(name(), "steps", value);
        steps = value;
        return this;
    }

    /** Step along the L1-normalised gradient (default 120000/255/2). */
    public PgdL0 stepSize(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "step size must be positive, found %s", value);
        stepSize = value;
        return this;
    }

    /** Runs from fresh random starts per k (default 3). */
    public PgdL0 restarts(int value) {
        Check.positive(name(), "restarts", value);
        restarts = value;
        return this;
    }

    /** Random start (default) or start from δ = 0. */
    public PgdL0 randomStart(boolean value) {
        randomStart = value;
        return this;
    }

    /** Untargeted (default) or a targeting strategy. */
    public PgdL0 goal(Goal value) {
        goal = value;
        return this;
    }

    /** Seed of the random starts (drawn per image). */
    public PgdL0 seed(long value) {
        seed = value;
        return this;
    }

    @Override
    public String name() {
        return "pgd-l0";
    }

    @Override
    public AttackResult run(Classifier model, Tensor images, Tensor labels) {
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, goal);
            long start = System.nanoTime();
            int pixels = images.shape(2) * images.shape(3);
            Check.arg(k <= pixels, name(), "k = %d exceeds the %d pixels of a %dx%d image", k, pixels,
                    images.shape(2), images.shape(3));
            Generator[] perImage = SampleSeeds.forImages(seed, images);
            int[] iterations = new int[batch.size()];
            Probe p = k > 0 ? probe(batch, perImage, filled(batch.size(), k), iterations)
                    : search(batch, perImage, pixels, iterations);
            Tensor masks = p.keep.expand(images.shape()).contiguous();
            return batch.result(name(), eps, images.add(p.delta), masks, iterations,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Per image: δ, its pixel set [N, 1, H, W] and whether it fooled. */
    private record Probe(Tensor delta, Tensor keep, boolean[] fooled) {
    }

    private Probe search(Batch batch, Generator[] perImage, int pixels, int[] iterations) {
        int n = batch.size();
        Probe full = probe(batch, perImage, filled(n, pixels), iterations);
        Tensor[] delta = new Tensor[n];
        Tensor[] keep = new Tensor[n];
        int[] lo = new int[n];
        int[] hi = new int[n];
        for (int i = 0; i < n; i++) {
            delta[i] = full.delta.narrow(0, i, 1);
            keep[i] = full.keep.narrow(0, i, 1);
            hi[i] = full.fooled[i] ? pixels : 0; // an image the dense probe misses is given up
        }
        while (true) {
            int[] open = open(lo, hi);
            if (open.length == 0) {
                break;
            }
            int[] mid = new int[open.length];
            Generator[] gens = new Generator[open.length];
            for (int j = 0; j < open.length; j++) {
                mid[j] = (lo[open[j]] + hi[open[j]]) / 2;
                gens[j] = perImage[open[j]];
            }
            int[] its = new int[open.length];
            Probe p = probe(SubBatch.of(batch, open), gens, mid, its);
            for (int j = 0; j < open.length; j++) {
                int i = open[j];
                iterations[i] += its[j];
                if (p.fooled[j]) {
                    hi[i] = mid[j];
                    delta[i] = p.delta.narrow(0, j, 1);
                    keep[i] = p.keep.narrow(0, j, 1);
                } else {
                    lo[i] = mid[j];
                }
            }
        }
        return new Probe(Tensor.cat(Arrays.asList(delta), 0), Tensor.cat(Arrays.asList(keep), 0), full.fooled);
    }

    private static int[] open(int[] lo, int[] hi) {
        return java.util.stream.IntStream.range(0, lo.length).filter(i -> hi[i] - lo[i] > 1).toArray();
    }

    /** PGD at k[n] pixels for every image; each keeps its first fooling δ (else the last one). */
    private Probe probe(Batch batch, Generator[] perImage, int[] budget, int[] iterations) {
        Tensor x = batch.images();
        Tensor lb = x.neg().clamp(-eps, 0); // max(−ε, −x)
        Tensor ub = x.neg().add(1).clamp(0, eps); // min(ε, 1 − x)
        int n = batch.size();
        boolean[] done = new boolean[n];
        Tensor bestDelta = null;
        Tensor bestKeep = null;
        Objective ce = Objective.crossEntropy();
        for (int r = 0; r < restarts && !all(done); r++) {
            Tensor start = randomStart ? lb.add(PerImage.uniform(perImage, x).mul(ub.sub(lb))) : Tensor.zerosLike(x);
            Tensor[] projected = project(start, lb, ub, budget);
            Tensor delta = projected[0];
            Tensor keep = projected[1];
            for (int t = 0; ; t++) {
                Var input = Var.param(x.add(delta));
                Var logits = batch.model().logits(input);
                boolean[] fooled = batch.fooled(logits.value());
                boolean[] take = new boolean[n];
                for (int i = 0; i < n; i++) {
                    take[i] = !done[i] && (fooled[i] || r == restarts - 1 && t == steps);
                    done[i] |= fooled[i];
                }
                bestDelta = bestDelta == null ? delta : Tensor.where(PerImage.flags(take, x), delta, bestDelta);
                bestKeep = bestKeep == null ? keep : Tensor.where(PerImage.flags(take, keep), keep, bestKeep);
                if (t == steps || all(done)) {
                    break;
                }
                Tensor g = Autograd.grad(ce.perSample(logits, batch.aimedAt(), batch.targeted()).sum(), input)[0];
                Tensor l1 = g.abs().sum(new int[] {1, 2, 3}, true).add(1e-10);
                projected = project(delta.sub(g.div(l1).mul(stepSize)), lb, ub, budget);
                delta = projected[0];
                keep = projected[1];
                for (int i = 0; i < n; i++) {
                    iterations[i] += done[i] ? 0 : 1;
                }
            }
        }
        return new Probe(bestDelta, bestKeep, done);
    }

    /**
     * The exact projection onto at most {@code k[n]} changed pixels inside [lb, ub]: per pixel the clipped value and
     * its gain ‖y_p‖² − ‖y_p − clip(y_p)‖², keeping the k largest gains. Returns δ and the kept pixels [N, 1, H, W].
     */
    static Tensor[] project(Tensor y, Tensor lb, Tensor ub, int[] k) {
        int n = y.shape(0);
        int h = y.shape(2);
        int w = y.shape(3);
        Tensor clipped = y.maximum(lb).minimum(ub);
        Tensor gain = y.mul(y).sub(y.sub(clipped).pow(2)).sum(new int[] {1}, false).reshape(n, h * w);
        Tensor order = gain.argsort(1, true);
        float[] rank = new float[n * h * w];
        for (int i = 0; i < n; i++) {
            Arrays.fill(rank, i * h * w, i * h * w + k[i], 1f);
        }
        Tensor keep = Tensor.zerosLike(gain).scatterAdd(1, order, Tensor.of(rank, n, h * w).to(gain.dtype())
                .to(gain.device())).reshape(n, 1, h, w);
        return new Tensor[] {clipped.mul(keep), keep};
    }

    private static int[] filled(int n, int value) {
        int[] out = new int[n];
        Arrays.fill(out, value);
        return out;
    }

    private static boolean all(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(eps=%.5f, k=%s, steps=%d, restarts=%d, step=%.2f)", name(), eps,
                k == 0 ? "search" : String.valueOf(k), steps, restarts, stepSize);
    }
}
