package sabre.attacks.registry;

import sabre.attacks.DenseAttack;
import sabre.attacks.Norm;
import sabre.attacks.Objective;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options the gradient attacks under an ε-ball share, as torchattacks users know them: {@code steps},
 * {@code alpha} (the step size), {@code norm}, {@code loss}/{@code kappa} and {@code early-stop}; and how they are
 * applied to a {@link DenseAttack} together with the context's ε, goal and seed.
 *
 * <pre>{@code Attack a = DenseOptions.apply(new IFgsm(), context, values);}</pre>
 */
public final class DenseOptions {
    private DenseOptions() {
    }

    /**
     * The shared options; {@code steps} only when the attack iterates ({@code defaultSteps} > 0), {@code norm}
     * defaulting to {@code defaultNorm}.
     */
    public static List<AttackOption> common(int defaultSteps, Norm defaultNorm) {
        List<AttackOption> out = new ArrayList<>();
        if (defaultSteps > 0) {
            out.add(AttackOption.integer("steps", String.valueOf(defaultSteps), "Gradient steps."));
            out.add(AttackOption.real("alpha", null, "Step size (default: eps/4 under L-inf, eps/5 under L2; "
                    + "2/255 at eps 8/255)."));
            out.add(AttackOption.flag("early-stop", false, "Stop updating an image once it is fooled."));
        }
        out.add(AttackOption.choice("norm", name(defaultNorm), "The ball's norm.", "linf", "l2"));
        out.add(AttackOption.choice("loss", "ce", "Loss: cross-entropy or the C&W margin.", "ce", "cw"));
        out.add(AttackOption.real("kappa", "0", "Confidence of the C&W margin (with --loss cw)."));
        return out;
    }

    /** Applies the context and the shared options to {@code attack}; returns it. */
    public static <A extends DenseAttack<A>> A apply(A attack, AttackContext context, OptionValues v) {
        attack.eps(context.eps()).goal(context.goal()).seed(context.seed());
        attack.norm(v.choice("norm").equals("l2") ? Norm.L2 : Norm.LINF);
        if (v.has("kappa") && !v.choice("loss").equals("cw")) {
            throw new IllegalArgumentException("--kappa is the C&W margin's confidence: it needs --loss cw");
        }
        attack.objective(Objective.parse(v.choice("loss"), v.real("kappa")));
        v.ifInt("steps", attack::steps);
        v.ifReal("alpha", attack::stepSize);
        v.ifFlag("early-stop", attack::earlyStop);
        return attack;
    }

    private static String name(Norm norm) {
        return norm.name().toLowerCase(Locale.ROOT);
    }
}
