package sabre.attacks;

import sabre.autograd.F;
import sabre.autograd.Var;
import sabre.nn.Losses;
import sabre.tensor.Check;
import sabre.tensor.Tensor;

/**
 * What an attack minimises per sample, given logits, the class it aims at and whether it is targeted.
 * Cross-entropy: {@code CE(z, t)} targeted, {@code −CE(z, y)} untargeted. C&W margin with confidence κ:
 * {@code max(max_{j≠t} z_j − z_t, −κ)} targeted, {@code max(z_y − max_{j≠y} z_j, −κ)} untargeted — bounded below,
 * so once a sample is fooled by κ its term stops pulling and a sparsity penalty can shrink the perturbation.
 *
 * <pre>{@code Var perSample = Objective.crossEntropy().perSample(logits, labels, false);}</pre>
 */
public record Objective(Kind kind, double kappa) {
    /** The two supported losses. */
    public enum Kind { CE, CW }

    public Objective {
        Check.arg(kappa >= 0 && Double.isFinite(kappa), "objective", "kappa must be finite and >= 0, found %s", kappa);
    }

    /** Cross-entropy (the dense attacks' default, as in torchattacks). */
    public static Objective crossEntropy() {
        return new Objective(Kind.CE, 0);
    }

    /** The Carlini–Wagner margin with confidence {@code kappa}. */
    public static Objective cwMargin(double kappa) {
        return new Objective(Kind.CW, kappa);
    }

    /** Parses {@code ce} or {@code cw} (κ = {@code kappa}). */
    public static Objective parse(String name, double kappa) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "ce" -> crossEntropy();
            case "cw" -> cwMargin(kappa);
            default -> throw new IllegalArgumentException("objective: unknown loss '" + name + "' (ce, cw)");
        };
    }

    /** The value to minimise for each sample, [N]. */
    public Var perSample(Var logits, Tensor aimedAt, boolean targeted) {
        if (kind == Kind.CW) {
            return Losses.cwMargin(logits, aimedAt, kappa, targeted, F.Reduction.NONE);
        }
        Var ce = Losses.crossEntropy(logits, aimedAt, 0, F.Reduction.NONE);
        return targeted ? ce : ce.neg();
    }

    @Override
    public String toString() {
        return kind == Kind.CE ? "ce" : "cw(kappa=" + kappa + ")";
    }
}
