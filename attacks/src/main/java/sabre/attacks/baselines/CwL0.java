package sabre.attacks.baselines;

import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.attacks.Goal;
import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;
import sabre.autograd.Autograd;
import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Losses;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * C&amp;W-L0 (Carlini &amp; Wagner 2017, "Towards Evaluating the Robustness of Neural Networks", S&amp;P, sec. V-B):
 * repeated C&amp;W-L2 solves restricted to a shrinking set of allowed pixels. One solve minimises
 * {@code c·max(Z-margin, −κ) + ‖x' − x‖²₂} over w in tanh space, {@code x' = x + V⊙((tanh w + 1)/2 − x)} with V the
 * allowed pixels (channels tied), by Adam, warm-started from the previous solution, stopping for an image at its first
 * iterate that is classified as the goal with margin ≤ −κ (f6 of the paper, eq. 6). After a successful solve the
 * allowed pixels with the smallest {@code |Σ_c δ_c|·Σ_c|g_c|} are removed, g the gradient of the margin at the
 * solution: several per round — up to 0.3·√(changed pixels), stopping after the first whose score exceeds 0.01, as the
 * released code. A failed solve multiplies c by the const factor and retries from the same warm start; once c
 * passes its bound the image keeps its last successful solution (the input itself if none). Unbounded: ε is
 * ignored and the result's L∞ is measured.
 *
 * <p>Batched: every image has its own allowed set and c; each round solves the images not yet finished together.
 * The paper's defaults (1000 Adam steps at 0.01 per solve, c from 1e-3 doubling up to 2e6, a pixel set shrinking
 * by ≈ 0.3√L0 per round) cost up to 31,000 gradient steps per failed solve and ~10⁵ per image; the defaults here
 * (50 steps at 0.25, c from 1 doubling up to 64, at most 300 solves) cost one step per round that still fools at
 * once and 50 per failed solve, about 250–600 steps per image on the fixture.
 *
 * <pre>{@code AttackResult r = new CwL0().steps(50).run(f, images, labels);}</pre>
 */
public final class CwL0 implements Attack {
    /** The registry entry (unbounded: the perturbation's L∞ is measured). */
    public static final AttackEntry ENTRY = new AttackEntry("cw-l0", "C&W-L0 (Carlini & Wagner 2017, S&P): C&W-L2 "
            + "solves on a shrinking set of allowed pixels, constant search per image.", false, 8 / 255.0, List.of(
            AttackOption.integer("steps", "50", "Adam steps per C&W-L2 solve (paper 1000)."),
            AttackOption.real("lr", "0.25", "Adam learning rate in tanh space (paper 0.01; 50 x 0.25 reaches as far "
                    + "as the paper's 1000 x 0.01)."),
            AttackOption.real("initial-const", "1", "Initial constant c (paper 1e-3)."),
            AttackOption.real("const-factor", "2", "Factor on c after a failed solve (paper 2)."),
            AttackOption.real("max-const", "64", "An image stops once c would exceed this (paper 2e6)."),
            AttackOption.real("kappa", "0", "Confidence of the margin f6."),
            AttackOption.integer("max-solves", "300", "At most this many solves per image (paper: no bound).")),
            (c, v) -> {
                CwL0 a = new CwL0().goal(c.goal());
                v.ifInt("steps", a::steps);
                v.ifReal("lr", a::lr);
                v.ifReal("initial-const", a::initialConst);
                v.ifReal("const-factor", a::constFactor);
                v.ifReal("max-const", a::maxConst);
                v.ifReal("kappa", a::kappa);
                v.ifInt("max-solves", a::maxSolves);
                return a;
            });

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;
    private static final double TANH_EDGE = 1 - 1e-6;

    private int steps = 50;
    private double lr = 0.25;
    private double initialConst = 1;
    private double constFactor = 2;
    private double maxConst = 64;
    private double kappa;
    private int maxSolves = 300;
    private Goal goal = Goal.untargeted();

    /** Adam steps per C&amp;W-L2 solve (default 50; paper 1000). */
    public CwL0 steps(int value) {
        Check.positive(name(), "steps", value);
        steps = value;
        return this;
    }

    /**
     * Adam learning rate in tanh space (default 0.25; paper 0.01): w moves at most ≈ lr per step, and a pixel at 0 or
     * 1 sits at |w| ≈ 7.25, so 50 steps at 0.25 reach about as far as the paper's 1000 at 0.01.
     */
    public CwL0 lr(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "lr must be positive, found %s", value);
        lr = value;
        return this;
    }

    /** Initial constant c of every image (default 1; paper 1e-3). */
    public CwL0 initialConst(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "initial const must be positive, found %s", value);
        initialConst = value;
        return this;
    }

    /** Factor on c after a failed solve (default 2). */
    public CwL0 constFactor(double value) {
        Check.arg(value > 1 && Double.isFinite(value), name(), "const factor must be > 1, found %s", value);
        constFactor = value;
        return this;
    }

    /** Bound on c (default 64; paper 2e6). */
    public CwL0 maxConst(double value) {
        Check.arg(value > 0 && Double.isFinite(value), name(), "max const must be positive, found %s", value);
        maxConst = value;
        return this;
    }

    /** Confidence κ of the margin (default 0). */
    public CwL0 kappa(double value) {
        Check.arg(value >= 0 && Double.isFinite(value), name(), "kappa must be finite and >= 0, found %s", value);
        kappa = value;
        return this;
    }

    /** Most solves per image (default 300). */
    public CwL0 maxSolves(int value) {
        Check.positive(name(), "max solves", value);
        maxSolves = value;
        return this;
    }

    /** Untargeted (default) or a targeting strategy. */
    public CwL0 goal(Goal value) {
        goal = value;
        return this;
    }

    @Override
    public String name() {
        return "cw-l0";
    }

    @Override
    public AttackResult run(Classifier model, Tensor images, Tensor labels) {
        Check.arg(initialConst <= maxConst, name(), "initial const %s exceeds max const %s", initialConst, maxConst);
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, goal);
            long start = System.nanoTime();
            int n = batch.size();
            int c = images.shape(1);
            int plane = images.shape(2) * images.shape(3);
            float[][] valid = new float[n][plane];
            for (float[] v : valid) {
                Arrays.fill(v, 1f);
            }
            double[] consts = new double[n];
            Arrays.fill(consts, initialConst);
            Tensor[] prev = new Tensor[n];
            Tensor[] solution = new Tensor[n];
            float[][] solutionMask = new float[n][plane];
            for (int i = 0; i < n; i++) {
                prev[i] = images.narrow(0, i, 1);
                solution[i] = prev[i];
            }
            boolean[] finished = new boolean[n];
            int[] solves = new int[n];
            int[] iterations = new int[n];
            while (true) {
                int[] open = IntStream.range(0, n).filter(i -> !finished[i]).toArray();
                if (open.length == 0) {
                    break;
                }
                Batch sub = SubBatch.of(batch, open);
                Tensor allowed = pixelMask(valid, open, images);
                Tensor from = Tensor.cat(Arrays.stream(open).mapToObj(i -> prev[i]).toList(), 0);
                double[] cs = Arrays.stream(open).mapToDouble(i -> consts[i]).toArray();
                int[] its = new int[open.length];
                Solve s = solve(sub, from, allowed, cs, its);
                float[] delta = s.adversarial.sub(sub.images()).toFloatArray();
                float[] grad = s.marginGradient.toFloatArray();
                for (int j = 0; j < open.length; j++) {
                    int i = open[j];
                    iterations[i] += its[j];
                    solves[i]++;
                    if (s.success[j]) {
                        solution[i] = s.adversarial.narrow(0, j, 1);
                        prev[i] = solution[i];
                        solutionMask[i] = valid[i].clone();
                        shrink(valid[i], delta, grad, j * c * plane, c, plane);
                    } else {
                        consts[i] *= constFactor;
                    }
                    finished[i] = consts[i] > maxConst || solves[i] >= maxSolves || empty(valid[i]);
                }
            }
            Tensor masks = pixelMask(solutionMask, IntStream.range(0, n).toArray(), images)
                    .expand(images.shape()).contiguous();
            return batch.result(name(), 0, Tensor.cat(Arrays.asList(solution), 0), masks, iterations,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * One C&amp;W-L2 solve per image: its first successful iterate and the margin's gradient there (the last iterate
     * when none succeeded).
     */
    private record Solve(Tensor adversarial, Tensor marginGradient, boolean[] success) {
    }

    private Solve solve(Batch batch, Tensor from, Tensor allowed, double[] consts, int[] iterations) {
        Tensor x = batch.images();
        int n = batch.size();
        Tensor z = from.mul(2).sub(1).mul(TANH_EDGE);
        Tensor w = z.add(1).div(z.neg().add(1)).log().mul(0.5); // atanh(2·prev − 1), slightly inside ±1
        Tensor m = Tensor.zerosLike(w);
        Tensor v = Tensor.zerosLike(w);
        boolean[] success = new boolean[n];
        Tensor best = null;
        Tensor bestGrad = null;
        for (int t = 1; t <= steps; t++) {
            Tensor th = w.tanh();
            Tensor adv = x.add(allowed.mul(th.add(1).mul(0.5).sub(x)));
            Var input = Var.param(adv);
            Var logits = batch.model().logits(input);
            Var margin = Losses.cwMargin(logits, batch.aimedAt(), Double.MAX_VALUE, batch.targeted(),
                    F.Reduction.NONE); // the raw margin: no floor
            Tensor gm = Autograd.grad(margin.sum(), input)[0];
            boolean[] fooled = batch.fooled(logits.value());
            double[] mg = margin.value().toDoubleArray();
            boolean[] take = new boolean[n];
            double[] hinge = new double[n];
            boolean all = true;
            for (int i = 0; i < n; i++) {
                take[i] = !success[i] && (fooled[i] && mg[i] <= -kappa || t == steps);
                iterations[i] += success[i] ? 0 : 1;
                success[i] |= fooled[i] && mg[i] <= -kappa;
                hinge[i] = mg[i] > -kappa ? consts[i] : 0;
                all &= success[i];
            }
            Tensor takeFlags = PerImage.flags(take, x);
            best = best == null ? adv : Tensor.where(takeFlags, adv, best);
            bestGrad = bestGrad == null ? gm : Tensor.where(takeFlags, gm, bestGrad);
            if (all) {
                break;
            }
            // ∂/∂x' of c·max(margin, −κ) + ‖x' − x‖², then through x' = x + V⊙((tanh w + 1)/2 − x)
            Tensor gx = gm.mul(PerImage.scalars(hinge, x)).add(adv.sub(x).mul(2));
            Tensor g = gx.mul(allowed).mul(th.mul(th).neg().add(1).mul(0.5));
            m = m.mul(BETA1).add(g.mul(1 - BETA1));
            v = v.mul(BETA2).add(g.mul(g).mul(1 - BETA2));
            Tensor stepped = w.sub(m.div(1 - Math.pow(BETA1, t)).div(v.div(1 - Math.pow(BETA2, t)).sqrt()
                    .add(ADAM_EPS)).mul(lr));
            w = Tensor.where(PerImage.flags(success, w), w, stepped);
        }
        return new Solve(best, bestGrad, success);
    }

    /**
     * Removes allowed pixels in increasing order of {@code |Σ_c δ_c|·Σ_c|g_c|}: up to 0.3·√(changed pixels), and
     * no more after the first whose score exceeds 0.01 (the released code's rule).
     */
    static void shrink(float[] valid, float[] delta, float[] grad, int offset, int channels, int plane) {
        double[] score = new double[plane];
        int changed = 0;
        for (int p = 0; p < plane; p++) {
            double sum = 0;
            double g = 0;
            boolean moved = false;
            for (int ch = 0; ch < channels; ch++) {
                int e = offset + ch * plane + p;
                sum += delta[e];
                g += Math.abs(grad[e]);
                moved |= Math.abs(delta[e]) >= 1e-4;
            }
            score[p] = Math.abs(sum) * g;
            changed += moved ? 1 : 0;
        }
        Integer[] order = IntStream.range(0, plane).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        int removed = 0;
        for (int p : order) {
            if (valid[p] == 0) {
                continue;
            }
            valid[p] = 0;
            removed++;
            if (score[p] > 0.01 || removed >= 0.3 * Math.sqrt(changed)) {
                break;
            }
        }
    }

    private static Tensor pixelMask(float[][] valid, int[] rows, Tensor like) {
        int plane = like.shape(2) * like.shape(3);
        float[] out = new float[rows.length * plane];
        for (int j = 0; j < rows.length; j++) {
            System.arraycopy(valid[rows[j]], 0, out, j * plane, plane);
        }
        return Tensor.of(out, rows.length, 1, like.shape(2), like.shape(3)).to(like.dtype()).to(like.device());
    }

    private static boolean empty(float[] valid) {
        for (float v : valid) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(steps=%d, lr=%s, c=%s..%s x%s, kappa=%s)", name(), steps, lr,
                initialConst, maxConst, constFactor, kappa);
    }
}
