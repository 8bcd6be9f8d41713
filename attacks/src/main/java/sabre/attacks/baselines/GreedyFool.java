package sabre.attacks.baselines;

import sabre.attacks.Batch;
import sabre.attacks.Objective;
import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;
import sabre.autograd.Autograd;
import sabre.autograd.Var;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * GreedyFool (Dong et al. 2020, "GreedyFool: Distortion-Aware Sparse Adversarial Attack", NeurIPS), L∞-bounded by ε
 * with the pixel (all channels tied) as the unit of sparsity. <b>Greedy increase:</b> at each step, with g the
 * gradient of the C&W margin {@code z_y − max_{j≠y} z_j} (targeted: {@code max_{j≠t} z_j − z_t}), the
 * {@code pixelsPerStep} not yet chosen pixels with the largest {@code w_p · Σ_c |g_{c,p}|} join the chosen set (w: the
 * distortion map, {@link DistortionMap}), and the chosen pixels take a step {@code x ← Π(x − step·ε·g/max|g|)} (the
 * largest gradient element moves by step·ε; Π clips to the ε-ball and [0, 1]), until the image is fooled or
 * {@code maxSteps} steps are spent. <b>Greedy reduce:</b> for a fooled image, the chosen pixels are tried in order of
 * their first-order contribution {@code |Σ_c g_{c,p}·δ_{c,p}|} at the fooling point, least first; a pixel is reset to
 * the original whenever the image stays fooled without it. Images are processed together: one forward (and backward)
 * pass of all increasing images per step, one forward pass of every image's next removal trial per reduce round.
 *
 * <p>Differences from the released code (LightDXY/GreedyFool), documented in docs/attacks.md: the distortion map of
 * an ImageNet GAN is replaced by the local texture map of {@link DistortionMap} (or a uniform map); the chosen set
 * grows by a fixed number of new pixels per step; the reduce stage removes pixels by their contribution rather than
 * by |δ| and does not re-scale the remaining perturbation. Defaults: 2 pixels per step, step 0.5 (the released
 * ε/2), at most 500 increase steps, texture map with floor 0.1.
 *
 * <pre>{@code AttackResult r = new GreedyFool().eps(8 / 255.0).pixelsPerStep(2).run(f, images, labels);}</pre>
 */
public final class GreedyFool extends SparseBaseline<GreedyFool> {
    /** The per-pixel weight of the selection score. */
    public enum Distortion {
        /** Local texture (3×3 standard deviation) of the clean image: changes in textured regions are cheaper. */
        TEXTURE,
        /** Equal weights: selection by |gradient| alone. */
        UNIFORM
    }

    /** The registry entry. */
    public static final AttackEntry ENTRY = new AttackEntry("greedyfool", "GreedyFool (Dong et al. 2020): greedy "
            + "increase of pixels by |gradient| x distortion map with the C&W margin, then greedy reduce.", true,
            8 / 255.0, List.of(
            AttackOption.integer("pixels-per-step", "2", "New pixels chosen at each increase step."),
            AttackOption.integer("max-steps", "500", "Increase steps before an image is given up."),
            AttackOption.real("step", "0.5", "Gradient step on the chosen pixels, as a fraction of eps (the largest "
                    + "gradient element moves by step*eps)."),
            AttackOption.choice("distortion", "texture", "Selection weight: local texture of the image (substitute "
                    + "for the paper's GAN map) or uniform.", "texture", "uniform"),
            AttackOption.real("distortion-floor", "0.1", "Weight of a pixel in a flat region under the texture map."),
            AttackOption.flag("reduce", true, "Run the greedy reduce stage after the increase.")),
            (c, v) -> new GreedyFool().eps(c.eps()).goal(c.goal()).pixelsPerStep(v.integer("pixels-per-step"))
                    .maxSteps(v.integer("max-steps")).step(v.real("step"))
                    .distortion(Distortion.valueOf(v.choice("distortion").toUpperCase(Locale.ROOT)))
                    .distortionFloor(v.real("distortion-floor")).reduce(v.flag("reduce")));

    private int pixelsPerStep = 2;
    private int maxSteps = 500;
    private boolean reduce = true;
    private double step = 0.5;
    private Distortion distortion = Distortion.TEXTURE;
    private double floor = 0.1;

    /** GreedyFool at ε = 8/255 (set another with {@link #eps}). */
    public GreedyFool() {
        super(8 / 255.0);
    }

    /** New pixels chosen at each increase step (default 2). */
    public GreedyFool pixelsPerStep(int value) {
        Check.positive(name(), "pixels per step", value);
        pixelsPerStep = value;
        return this;
    }

    /** Increase steps before an image is given up (default 500). */
    public GreedyFool maxSteps(int value) {
        Check.positive(name(), "max steps", value);
        maxSteps = value;
        return this;
    }

    /** Gradient step on the chosen pixels as a fraction of ε (default 0.5). */
    public GreedyFool step(double value) {
        Check.arg(value > 0 && value <= 1, name(), "step must be a fraction of eps in (0, 1], found %s", value);
        step = value;
        return this;
    }

    /** The selection weight (default {@link Distortion#TEXTURE}). */
    public GreedyFool distortion(Distortion value) {
        distortion = value;
        return this;
    }

    /** Weight of a pixel in a flat region under the texture map (default 0.1). */
    public GreedyFool distortionFloor(double value) {
        Check.arg(value > 0 && value <= 1, name(), "distortion floor must be in (0, 1], found %s", value);
        floor = value;
        return this;
    }

    /** Run the greedy reduce stage (default true; false keeps the increase stage's pixels, for ablations). */
    public GreedyFool reduce(boolean value) {
        reduce = value;
        return this;
    }

    @Override
    public String name() {
        return "greedyfool";
    }

    @Override
    protected Outcome search(Batch batch) {
        State s = new State(batch);
        increaseStage(s);
        if (reduce) {
            reduceStage(s);
        }
        return new Outcome(s.x, s.masks(), s.iterations);
    }

    /** Grows every image's chosen set until it is fooled or out of steps. */
    private void increaseStage(State s) {
        boolean[] increasing = new boolean[s.x.length];
        Arrays.fill(increasing, true);
        for (int[] act = HostRows.where(increasing); act.length > 0; act = HostRows.where(increasing)) {
            Var in = Var.param(HostRows.tensor(s.x, act, s.batch.images()));
            Var logits = s.batch.model().logits(in);
            boolean[] reached = s.reached(logits.value(), act);
            for (int i = 0; i < act.length; i++) {
                if (reached[i]) {
                    s.fooled[act[i]] = true;
                }
                increasing[act[i]] = !reached[i] && s.iterations[act[i]] < maxSteps;
            }
            if (HostRows.where(increasing).length == 0) {
                break;
            }
            Var loss = Objective.cwMargin(0).perSample(logits, s.aimed(act), s.batch.targeted()).sum();
            double[][] g = HostRows.of(Autograd.grad(loss, in)[0]);
            for (int i = 0; i < act.length; i++) {
                if (increasing[act[i]]) {
                    s.grow(act[i], g[i]);
                }
            }
        }
    }

    /** Removes, image by image in parallel, the chosen pixels the fooled images do not need. */
    private void reduceStage(State s) {
        int[] red = HostRows.where(s.fooled);
        if (red.length == 0) {
            return;
        }
        Var in = Var.param(HostRows.tensor(s.x, red, s.batch.images()));
        Var loss = Objective.cwMargin(0).perSample(s.batch.model().logits(in), s.aimed(red), s.batch.targeted())
                .sum();
        double[][] g = HostRows.of(Autograd.grad(loss, in)[0]);
        int[][] order = new int[s.x.length][];
        for (int i = 0; i < red.length; i++) {
            order[red[i]] = s.removalOrder(red[i], g[i]);
        }
        for (int round = 0; ; round++) {
            final int r = round;
            int[] trying = Arrays.stream(red).filter(n -> r < order[n].length).toArray();
            if (trying.length == 0) {
                return;
            }
            double[][] proposals = new double[s.x.length][];
            for (int n : trying) {
                proposals[n] = s.without(n, order[n][round]);
            }
            Tensor logits = s.batch.model().logits(HostRows.tensor(proposals, trying, s.batch.images()), 256);
            boolean[] reached = s.reached(logits, trying);
            for (int i = 0; i < trying.length; i++) {
                int n = trying[i];
                if (reached[i]) {
                    s.x[n] = proposals[n];
                    s.selected[n][order[n][round]] = false;
                }
                s.iterations[n]++;
            }
        }
    }

    /** Per-image state: current values, bounds, weights and the chosen pixels. */
    private final class State {
        final Batch batch;
        final double[][] x0;
        final double[][] x;
        final double[][] weights;
        final boolean[][] selected;
        final boolean[] fooled;
        final int[] iterations;
        final int[] labels;
        final int[] aim;
        final int channels;
        final int plane;

        State(Batch batch) {
            this.batch = batch;
            x0 = HostRows.of(batch.images());
            x = HostRows.copy(x0);
            int n = x0.length;
            int[] shape = batch.images().shape();
            channels = shape[1];
            plane = shape[2] * shape[3];
            weights = new double[n][];
            for (int i = 0; i < n; i++) {
                weights[i] = distortion == Distortion.UNIFORM ? DistortionMap.uniform(shape[2], shape[3])
                        : DistortionMap.localDeviation(x0[i], channels, shape[2], shape[3], floor);
            }
            selected = new boolean[n][plane];
            fooled = new boolean[n];
            iterations = new int[n];
            labels = batch.labels().toIntArray();
            aim = batch.aimedAt().toIntArray();
        }

        Tensor aimed(int[] which) {
            int[] t = new int[which.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = aim[which[i]];
            }
            return Tensor.ofInts(t, t.length).to(batch.images().device());
        }

        /** Whether each image of {@code which} reaches the goal under {@code logits} [which.length, K]. */
        boolean[] reached(Tensor logits, int[] which) {
            double[][] z = HostRows.of(logits);
            boolean[] out = new boolean[which.length];
            for (int i = 0; i < which.length; i++) {
                int pred = HostRows.argmax(z[i]);
                out[i] = batch.targeted() ? pred == aim[which[i]] : pred != labels[which[i]];
            }
            return out;
        }

        /** One increase step of image n with gradient g: choose new pixels, then step on all chosen ones. */
        void grow(int n, double[] g) {
            double[] score = new double[plane];
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    score[p] += Math.abs(g[c * plane + p]);
                }
            }
            for (int pick = 0; pick < pixelsPerStep; pick++) {
                int best = -1;
                for (int p = 0; p < plane; p++) {
                    if (!selected[n][p] && (best < 0 || score[p] * weights[n][p] > score[best] * weights[n][best])) {
                        best = p;
                    }
                }
                if (best < 0) {
                    break; // every pixel is chosen
                }
                selected[n][best] = true;
            }
            double max = 0;
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    max = selected[n][p] ? Math.max(max, Math.abs(g[c * plane + p])) : max;
                }
            }
            for (int c = 0; c < channels && max > 0; c++) {
                for (int p = 0; p < plane; p++) {
                    int k = c * plane + p;
                    if (selected[n][p]) {
                        x[n][k] = clip(x[n][k] - step * eps() * g[k] / max, x0[n][k]);
                    }
                }
            }
            iterations[n]++;
        }

        /** Chosen pixels of image n, least first-order contribution |Σ_c g·δ| first (ties: lower index). */
        int[] removalOrder(int n, double[] g) {
            double[] contribution = new double[plane];
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    int k = c * plane + p;
                    contribution[p] += g[k] * (x[n][k] - x0[n][k]);
                }
            }
            return Arrays.stream(HostRows.where(selected[n])).boxed()
                    .sorted(Comparator.comparingDouble((Integer p) -> Math.abs(contribution[p])))
                    .mapToInt(Integer::intValue).toArray();
        }

        /** Image n's current values with pixel p (all channels) back at the original. */
        double[] without(int n, int p) {
            double[] out = x[n].clone();
            for (int c = 0; c < channels; c++) {
                out[c * plane + p] = x0[n][c * plane + p];
            }
            return out;
        }

        double[][] masks() {
            double[][] m = new double[x.length][channels * plane];
            for (int n = 0; n < m.length; n++) {
                for (int c = 0; c < channels; c++) {
                    for (int p = 0; p < plane; p++) {
                        m[n][c * plane + p] = selected[n][p] ? 1 : 0;
                    }
                }
            }
            return m;
        }
    }
}
