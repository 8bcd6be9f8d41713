package sabre.attacks;

import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.DenseOptions;

/**
 * I-FGSM / BIM (Kurakin et al. 2017): FGSM repeated with step α from δ = 0, projecting after each step. Defaults as
 * torchattacks' BIM: 10 steps of α = ε/4 (2/255 at ε = 8/255).
 *
 * <pre>{@code AttackResult r = new IFgsm().eps(8 / 255.0).steps(10).run(f, images, labels);}</pre>
 */
public final class IFgsm extends DenseAttack<IFgsm> {
    /** The registry entry. */
    public static final AttackEntry ENTRY = new AttackEntry("ifgsm", "I-FGSM / BIM (Kurakin et al. 2017): FGSM "
            + "repeated with projection, from delta = 0.", true, 8 / 255.0, DenseOptions.common(10, Norm.LINF),
            (c, v) -> DenseOptions.apply(new IFgsm(), c, v));

    public IFgsm() {
        super(10);
    }

    @Override
    public String name() {
        return "ifgsm";
    }

    @Override
    public StepRule newStepRule() {
        return norm()::steepest;
    }
}
