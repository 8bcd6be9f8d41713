package sabre.apps.attack;

import sabre.attacks.Attack;
import sabre.attacks.DenseAttack;
import sabre.attacks.Fgsm;
import sabre.attacks.Goal;
import sabre.attacks.IFgsm;
import sabre.attacks.MiFgsm;
import sabre.attacks.Norm;
import sabre.attacks.Pgd;
import sabre.attacks.sparse.Ablation;
import sabre.attacks.sparse.AutoAdversary;
import sabre.tensor.Tensor;

import java.util.List;
import java.util.Locale;

/**
 * Which attack to build, by the CLI's names: a dense method ({@code fgsm, ifgsm, pgd, pgd-l2, mifgsm}) or
 * {@code autoadversary} on a base ({@code ifgsm, pgd, mifgsm}), with steps, targeting, seed and the pruning
 * options. A fresh attack is built per radius and per batch, so given targets follow the batch.
 *
 * <pre>{@code Attack a = AttackSpec.dense("pgd").build(8 / 255.0, 0, 100);}</pre>
 *
 * @param steps dense steps, or null for the method's default
 * @param targeting {@code none|random|least-likely|next}, ignored when {@code targets} is given
 * @param targets INT32 [N] target classes for all images, or null
 * @param pruneSteps AutoAdversary pruning steps, or null for its default
 * @param lambda AutoAdversary's initial λ, or null for its default
 */
public record AttackSpec(String method, String base, Integer steps, String targeting, Tensor targets, long seed,
                         Integer pruneSteps, Double lambda, AutoAdversary.Encoder encoder,
                         AutoAdversary.MaskUnit mask) {
    /** The dense methods. */
    public static final List<String> DENSE = List.of("fgsm", "ifgsm", "pgd", "pgd-l2", "mifgsm");
    /** The bases AutoAdversary prunes. */
    public static final List<String> BASES = List.of("ifgsm", "pgd", "mifgsm");
    /** The pruning method's name. */
    public static final String AUTOADVERSARY = "autoadversary";

    public AttackSpec {
        method = method.toLowerCase(Locale.ROOT);
        base = base.toLowerCase(Locale.ROOT);
        if (!DENSE.contains(method) && !method.equals(AUTOADVERSARY)) {
            throw new IllegalArgumentException("--method: unknown attack '" + method + "' (" + String.join(", ", DENSE)
                    + ", " + AUTOADVERSARY + ")");
        }
        if (!BASES.contains(base)) {
            throw new IllegalArgumentException("--base: AutoAdversary prunes " + String.join(", ", BASES)
                    + ", not '" + base + "'");
        }
        Goal.parse(targeting, seed); // validates the name before any work
    }

    /** An untargeted attack with default settings. */
    public static AttackSpec dense(String method) {
        return new AttackSpec(method, "pgd", null, "none", null, 0, null, null, AutoAdversary.Encoder.AUTO,
                AutoAdversary.MaskUnit.ELEMENT);
    }

    /** The same options with AutoAdversary on {@code base} (with {@code pruneSteps}, null for the default). */
    public AttackSpec pruned(String baseMethod, Integer pruningSteps) {
        return new AttackSpec(AUTOADVERSARY, baseMethod, steps, targeting, targets, seed, pruningSteps, lambda, encoder,
                mask);
    }

    /** Whether this is AutoAdversary. */
    public boolean isPruning() {
        return method.equals(AUTOADVERSARY);
    }

    /** The base attack's name for AutoAdversary, else null. */
    public String baseName() {
        return isPruning() ? base : null;
    }

    /** The attack at radius {@code eps} for images {@code start .. start + len} of the input. */
    public Attack build(double eps, int start, int len) {
        return isPruning() ? autoAdversary(eps, start, len) : denseAttack(method, eps, start, len);
    }

    /** AutoAdversary on the base at radius {@code eps} for images {@code start .. start + len}. */
    public AutoAdversary autoAdversary(double eps, int start, int len) {
        AutoAdversary a = new AutoAdversary().base(denseAttack(base, eps, start, len)).encoder(encoder).maskUnit(mask)
                .seed(seed);
        if (pruneSteps != null) {
            a.steps(pruneSteps);
        }
        if (lambda != null) {
            a.lambda(lambda);
        }
        return a;
    }

    /** The thesis's ablation of AutoAdversary on the base at {@code eps}, for images {@code start .. start + len}. */
    public Ablation ablation(double eps, int start, int len) {
        return new Ablation(autoAdversary(eps, start, len));
    }

    /** A dense attack by name at radius {@code eps}, with this spec's steps, goal and seed. */
    public DenseAttack<?> denseAttack(String name, double eps, int start, int len) {
        DenseAttack<?> a = switch (name) {
            case "fgsm" -> new Fgsm();
            case "ifgsm" -> new IFgsm();
            case "pgd" -> new Pgd();
            case "pgd-l2" -> new Pgd().norm(Norm.L2);
            case "mifgsm" -> new MiFgsm();
            default -> throw new IllegalArgumentException("unknown dense attack '" + name + "'");
        };
        if (steps != null && !name.equals("fgsm")) {
            a.steps(steps);
        }
        return a.eps(eps).goal(goal(start, len)).seed(seed);
    }

    private Goal goal(int start, int len) {
        return targets != null ? Goal.given(targets.narrow(0, start, len)) : Goal.parse(targeting, seed);
    }
}
