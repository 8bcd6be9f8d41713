package sabre.attacks;

import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.DenseOptions;

/**
 * FGSM (Goodfellow et al. 2015): one step of size ε along the sign of the gradient, {@code x' = Π(x + ε·sign(∇J))}.
 *
 * <pre>{@code AttackResult r = new Fgsm().eps(8 / 255.0).run(f, images, labels);}</pre>
 */
public final class Fgsm extends DenseAttack<Fgsm> {
    /** The registry entry: no steps or step size (one step of ε). */
    public static final AttackEntry ENTRY = new AttackEntry("fgsm", "FGSM (Goodfellow et al. 2015): one signed "
            + "gradient step of size eps.", true, 8 / 255.0, DenseOptions.common(0, Norm.LINF),
            (c, v) -> DenseOptions.apply(new Fgsm(), c, v));

    public Fgsm() {
        super(1);
        stepRatio(1.0);
    }

    @Override
    public String name() {
        return "fgsm";
    }

    @Override
    public StepRule newStepRule() {
        return norm()::steepest;
    }
}
