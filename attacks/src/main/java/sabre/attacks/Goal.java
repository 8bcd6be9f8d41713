package sabre.attacks;

import sabre.tensor.Check;
import sabre.tensor.Generator;
import sabre.tensor.Shape;
import sabre.tensor.Tensor;

import java.util.Locale;

/**
 * What counts as success: untargeted (any class but the label), or targeted at a class chosen by a strategy —
 * given targets, a random other class (seeded per image), the least-likely class of the clean logits, or the next
 * class {@code (y + 1) mod K}.
 *
 * <pre>{@code Goal g = Goal.random(7); Tensor t = g.aimedAt(images, labels, cleanLogits);}</pre>
 */
public final class Goal {
    /** The targeting modes of the {@code --targeted} option. */
    public enum Mode { UNTARGETED, GIVEN, RANDOM, LEAST_LIKELY, NEXT }

    private final Mode mode;
    private final Tensor given;
    private final long seed;

    private Goal(Mode mode, Tensor given, long seed) {
        this.mode = mode;
        this.given = given;
        this.seed = seed;
    }

    public static Goal untargeted() {
        return new Goal(Mode.UNTARGETED, null, 0);
    }

    /** Targeted at {@code targets} (INT32 [N], one class per image). */
    public static Goal given(Tensor targets) {
        Check.indices("goal", targets);
        Check.rank("goal", targets, 1, "targets [N]");
        return new Goal(Mode.GIVEN, targets, 0);
    }

    /** Targeted at a uniformly drawn class other than the label, drawn per image from {@code seed}. */
    public static Goal random(long seed) {
        return new Goal(Mode.RANDOM, null, seed);
    }

    /** Targeted at the class with the lowest clean logit. */
    public static Goal leastLikely() {
        return new Goal(Mode.LEAST_LIKELY, null, 0);
    }

    /** Targeted at {@code (label + 1) mod classes}. */
    public static Goal nextClass() {
        return new Goal(Mode.NEXT, null, 0);
    }

    /** Parses {@code none|random|least-likely|next} (given targets come from a file, not a name). */
    public static Goal parse(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none", "untargeted" -> untargeted();
            case "random" -> random(seed);
            case "least-likely", "ll" -> leastLikely();
            case "next" -> nextClass();
            default -> throw new IllegalArgumentException("goal: unknown targeting mode '" + name
                    + "' (none, random, least-likely, next)");
        };
    }

    public Mode mode() {
        return mode;
    }

    public boolean targeted() {
        return mode != Mode.UNTARGETED;
    }

    /**
     * The class each image's objective refers to, INT32 [N]: the label when untargeted, else the target.
     *
     * @param cleanLogits the model's logits on the clean images [N, K]
     */
    public Tensor aimedAt(Tensor images, Tensor labels, Tensor cleanLogits) {
        int n = labels.shape(0);
        int classes = cleanLogits.shape(1);
        return switch (mode) {
            case UNTARGETED -> labels;
            case GIVEN -> checkedTargets(labels, classes);
            case LEAST_LIKELY -> cleanLogits.argmin(1, false);
            case NEXT -> nextClasses(labels, classes);
            case RANDOM -> randomOthers(images, labels, classes);
        };
    }

    private Tensor checkedTargets(Tensor labels, int classes) {
        int n = labels.shape(0);
        Check.arg(given.shape(0) == n, "goal", "expected %d targets, found shape %s", n, Shape.str(given.shape()));
        int[] t = given.toIntArray();
        int[] y = labels.toIntArray();
        for (int i = 0; i < n; i++) {
            Check.arg(t[i] >= 0 && t[i] < classes, "goal", "target %d of sample %d is outside [0, %d)", t[i], i,
                    classes);
            // a target equal to the label would count the unchanged image as a success
            Check.arg(t[i] != y[i], "goal", "target of sample %d equals its label %d: a targeted attack aims at "
                    + "another class", i, y[i]);
        }
        return given;
    }

    private static Tensor nextClasses(Tensor labels, int classes) {
        int[] t = labels.toIntArray();
        for (int i = 0; i < t.length; i++) {
            t[i] = (t[i] + 1) % classes;
        }
        return Tensor.ofInts(t, t.length).to(labels.device());
    }

    private Tensor randomOthers(Tensor images, Tensor labels, int classes) {
        Check.arg(classes >= 2, "goal", "a random target needs at least 2 classes, found %d", classes);
        int[] y = labels.toIntArray();
        int[] t = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            Generator g = SampleSeeds.forImage(seed, images, i);
            int shift = 1 + Tensor.randint(g, 0, classes - 1, 1).toIntArray()[0];
            t[i] = (y[i] + shift) % classes;
        }
        return Tensor.ofInts(t, t.length).to(labels.device());
    }

    @Override
    public String toString() {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
