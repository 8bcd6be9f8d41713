package sabre.attacks.baselines;

import sabre.attacks.Attack;
import sabre.attacks.AttackResult;
import sabre.attacks.Batch;
import sabre.attacks.Classifier;
import sabre.attacks.Goal;
import sabre.attacks.SampleSeeds;
import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;
import sabre.tensor.Check;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Sparse-RS (Croce, Andriushchenko, Singh, Flammarion &amp; Hein 2022, "Sparse-RS: a versatile framework for
 * query-efficient sparse black-box adversarial attacks", AAAI), L0 threat model: a black-box random search (logits
 * only, no gradients) over sets M of k pixels whose values are corners of [0,1]^C. It starts from k random pixels
 * with random corners; each query moves {@code m = max(1, ⌊α_i·k⌋)} random pixels of M to random pixels outside it,
 * with fresh random corners (the pixels leaving M get their original values back), and keeps the candidate when
 * its loss decreases or it is misclassified. α_i follows the paper's piecewise schedule: α_init, then α_init / 2,
 * 4, 5, 6, 8, 10, 12, 15, 20 after 0, 50, 200, 500, 1000, 2000, 4000, 6000, 8000 of 10,000 queries (rescaled to
 * the budget). Loss: the margin {@code z_y − max_{j≠y} z_j} untargeted (or −CE), CE of the target targeted. An
 * image stops at its first misclassified candidate; its queries (the first evaluation included) are reported as its
 * iterations. Unbounded in L∞ (ε is ignored); L0 in pixels is at most k.
 *
 * <p>Defaults: k = 24 and α_init = 0.3 (the paper's CIFAR-10 L0 setting), 5,000 queries (the released code's
 * default; the paper's tables use 10,000, {@link #queries(int)}). Every random draw comes from the image's own
 * generator (the released code shares the swapped positions across the batch), so an image's search does not depend
 * on its batch.
 *
 * <pre>{@code AttackResult r = new SparseRs().k(24).queries(10_000).seed(0).run(f, images, labels);}</pre>
 */
public final class SparseRs implements Attack {
    /** The registry entry (unbounded: L0 = k pixels, L∞ measured). */
    public static final AttackEntry ENTRY = new AttackEntry("sparse-rs", "Sparse-RS (Croce et al. 2022, AAAI): "
            + "black-box random search over k pixels set to corners of [0,1]^C, with a query budget.", false,
            8 / 255.0, List.of(
            AttackOption.integer("k", "24", "Pixels perturbed (paper's CIFAR-10 setting 24)."),
            AttackOption.integer("queries", "5000", "Query budget per image (released code 5000, paper 10000)."),
            AttackOption.real("alpha-init", "0.3", "Initial fraction of the k pixels resampled per query."),
            AttackOption.choice("loss", "margin", "Untargeted loss: margin or ce (targeted always uses ce).",
                    "margin", "ce")),
            (c, v) -> {
                SparseRs a = new SparseRs().goal(c.goal()).seed(c.seed());
                v.ifInt("k", a::k);
                v.ifInt("queries", a::queries);
                v.ifReal("alpha-init", a::alphaInit);
                v.ifChoice("loss", l -> a.crossEntropy(l.equals("ce")));
                return a;
            });

    private static final int[] SCHEDULE_ENDS = {50, 200, 500, 1000, 2000, 4000, 6000, 8000};
    private static final double[] SCHEDULE_DIVISORS = {2, 4, 5, 6, 8, 10, 12, 15, 20};

    private int k = 24;
    private int queries = 5000;
    private double alphaInit = 0.3;
    private boolean crossEntropy;
    private Goal goal = Goal.untargeted();
    private long seed;

    /** Pixels perturbed (default 24). */
    public SparseRs k(int value) {
        Check.positive(name(), "k", value);
        k = value;
        return this;
    }

    /** Query budget per image (default 5000). */
    public SparseRs queries(int value) {
        Check.positive(name(), "queries", value);
        queries = value;
        return this;
    }

    /** Initial fraction of the k pixels resampled per query (default 0.3). */
    public SparseRs alphaInit(double value) {
        Check.arg(value > 0 && value <= 1, name(), "alpha-init must lie in (0, 1], found %s", value);
        alphaInit = value;
        return this;
    }

    /** Untargeted loss −CE instead of the margin (default off). */
    public SparseRs crossEntropy(boolean value) {
        crossEntropy = value;
        return this;
    }

    /** Untargeted (default) or a targeting strategy. */
    public SparseRs goal(Goal value) {
        goal = value;
        return this;
    }

    /** Seed of every random draw (drawn per image). */
    public SparseRs seed(long value) {
        seed = value;
        return this;
    }

    @Override
    public String name() {
        return "sparse-rs";
    }

    /** α_i at query i of a budget of {@code budget} queries (the paper's L0 schedule, rescaled to 10,000). */
    static double alpha(double alphaInit, int i, int budget) {
        int it = (int) ((long) i * 10000 / budget);
        if (it <= 0) {
            return alphaInit;
        }
        for (int s = 0; s < SCHEDULE_ENDS.length; s++) {
            if (it <= SCHEDULE_ENDS[s]) {
                return alphaInit / SCHEDULE_DIVISORS[s];
            }
        }
        return alphaInit / SCHEDULE_DIVISORS[SCHEDULE_DIVISORS.length - 1];
    }

    @Override
    public AttackResult run(Classifier model, Tensor images, Tensor labels) {
        try (Classifier.EvalScope scope = model.evalScope()) {
            Batch batch = Batch.of(model, images, labels, goal);
            long start = System.nanoTime();
            int n = batch.size();
            int c = images.shape(1);
            int h = images.shape(2);
            int w = images.shape(3);
            int plane = h * w;
            Check.arg(k < plane, name(), "k = %d must be below the %d pixels of a %dx%d image", k, plane, h, w);
            Generator[] gens = SampleSeeds.forImages(seed, images);
            int[] aim = batch.aimedAt().toIntArray();
            float[][] orig = new float[n][];
            Search[] search = new Search[n];
            for (int i = 0; i < n; i++) {
                orig[i] = images.select(0, i).toFloatArray();
                search[i] = new Search(orig[i], plane, c, k, gens[i]);
            }
            double[][] first = scores(model, candidates(search, IntStream.range(0, n).toArray(), images, false),
                    aim, IntStream.range(0, n).toArray(), batch.targeted());
            int[] used = new int[n];
            for (int i = 0; i < n; i++) {
                search[i].margin = first[0][i];
                search[i].loss = first[1][i];
                used[i] = 1;
            }
            for (int q = 1; q < queries; q++) {
                int[] open = IntStream.range(0, n).filter(i -> search[i].margin >= 0).toArray();
                if (open.length == 0) {
                    break;
                }
                int m = Math.max(1, (int) (alpha(alphaInit, q, queries) * k));
                for (int i : open) {
                    search[i].propose(orig[i], m, gens[i]);
                    used[i]++;
                }
                double[][] s = scores(model, candidates(search, open, images, true), aim, open, batch.targeted());
                for (int j = 0; j < open.length; j++) {
                    search[open[j]].judge(s[0][j], s[1][j]);
                }
            }
            Tensor adv = candidates(search, IntStream.range(0, n).toArray(), images, false);
            float[] masks = new float[n * c * plane];
            for (int i = 0; i < n; i++) {
                for (int p : search[i].in) {
                    for (int ch = 0; ch < c; ch++) {
                        masks[(i * c + ch) * plane + p] = 1;
                    }
                }
            }
            Tensor mask = Tensor.of(masks, n, c, h, w).to(images.dtype()).to(images.device());
            return batch.result(name(), 0, adv, mask, used,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** The best or the proposed image of each of {@code rows}, [A, C, H, W] like {@code like}. */
    private static Tensor candidates(Search[] search, int[] rows, Tensor like, boolean proposed) {
        int c = like.shape(1);
        int h = like.shape(2);
        int w = like.shape(3);
        int size = c * h * w;
        float[] out = new float[rows.length * size];
        for (int j = 0; j < rows.length; j++) {
            System.arraycopy(proposed ? search[rows[j]].proposal : search[rows[j]].best, 0, out, j * size, size);
        }
        return Tensor.of(out, rows.length, c, h, w).to(like.dtype()).to(like.device());
    }

    /** Margin (fooled below 0) and loss of each candidate: {@code [0][j]} margins, {@code [1][j]} losses. */
    private double[][] scores(Classifier model, Tensor candidates, int[] aim, int[] rows, boolean targeted) {
        double[] z = model.logits(candidates, 256).to(DType.FLOAT64).toDoubleArray();
        int classes = z.length / rows.length;
        double[][] out = new double[2][rows.length];
        for (int j = 0; j < rows.length; j++) {
            int t = aim[rows[j]];
            double chosen = z[j * classes + t];
            double other = Double.NEGATIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < classes; q++) {
                double v = z[j * classes + q];
                max = Math.max(max, v);
                if (q != t) {
                    other = Math.max(other, v);
                }
            }
            double sum = 0;
            for (int q = 0; q < classes; q++) {
                sum += Math.exp(z[j * classes + q] - max);
            }
            double ce = max + Math.log(sum) - chosen;
            out[0][j] = targeted ? other - chosen : chosen - other;
            out[1][j] = targeted ? ce : crossEntropy ? -ce : out[0][j];
        }
        return out;
    }

    /** One image's search state: the pixel set, its complement, the best image and the pending proposal. */
    private static final class Search {
        final int[] in;
        final int[] out;
        final float[] best;
        final int channels;
        final int plane;
        float[] proposal;
        int[] swapIn;
        int[] swapOut;
        double margin;
        double loss;

        Search(float[] orig, int plane, int channels, int k, Generator g) {
            this.plane = plane;
            this.channels = channels;
            int[] perm = Tensor.randperm(g, plane).toIntArray();
            in = java.util.Arrays.copyOfRange(perm, 0, k);
            out = java.util.Arrays.copyOfRange(perm, k, plane);
            best = orig.clone();
            paint(best, in, g);
        }

        /** Sets each pixel of {@code pixels} to a random corner of [0,1]^C. */
        private void paint(float[] image, int[] pixels, Generator g) {
            double[] u = Tensor.rand(g, DType.FLOAT64, pixels.length * channels).toDoubleArray();
            for (int j = 0; j < pixels.length; j++) {
                for (int ch = 0; ch < channels; ch++) {
                    image[ch * plane + pixels[j]] = u[j * channels + ch] > 0.5 ? 1f : 0f;
                }
            }
        }

        /** Moves m random pixels of the set to m random pixels outside it, with fresh corners. */
        void propose(float[] orig, int m, Generator g) {
            swapIn = firstOf(Tensor.randperm(g, in.length).toIntArray(), m);
            swapOut = firstOf(Tensor.randperm(g, out.length).toIntArray(), m);
            proposal = best.clone();
            int[] leaving = new int[m];
            int[] entering = new int[m];
            for (int j = 0; j < m; j++) {
                leaving[j] = in[swapIn[j]];
                entering[j] = out[swapOut[j]];
                for (int ch = 0; ch < channels; ch++) {
                    proposal[ch * plane + leaving[j]] = orig[ch * plane + leaving[j]];
                }
            }
            paint(proposal, entering, g);
        }

        /** Keeps the proposal when its loss is lower or it is misclassified (the released code's rule). */
        void judge(double newMargin, double newLoss) {
            boolean improved = newLoss < loss;
            if (improved) {
                loss = newLoss;
            }
            if (improved || newMargin < -1e-6) {
                margin = newMargin;
                System.arraycopy(proposal, 0, best, 0, best.length);
                for (int j = 0; j < swapIn.length; j++) {
                    int p = in[swapIn[j]];
                    in[swapIn[j]] = out[swapOut[j]];
                    out[swapOut[j]] = p;
                }
            }
        }

        private static int[] firstOf(int[] perm, int m) {
            return java.util.Arrays.copyOf(perm, m);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(k=%d, queries=%d, alpha-init=%s, loss=%s)", name(), k, queries,
                alphaInit, goal.targeted() ? "ce" : crossEntropy ? "ce" : "margin");
    }
}
