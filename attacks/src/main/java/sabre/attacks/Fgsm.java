package sabre.attacks;

/**
 * FGSM (Goodfellow et al. 2015): one step of size ε along the sign of the gradient, {@code x' = Π(x + ε·sign(∇J))}.
 *
 * <pre>{@code AttackResult r = new Fgsm().eps(8 / 255.0).run(f, images, labels);}</pre>
 */
public final class Fgsm extends DenseAttack<Fgsm> {
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
