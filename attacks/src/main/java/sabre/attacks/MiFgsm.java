package sabre.attacks;

import sabre.attacks.registry.AttackEntry;
import sabre.attacks.registry.AttackOption;
import sabre.attacks.registry.DenseOptions;
import sabre.tensor.Check;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.util.stream.Stream;

/**
 * MI-FGSM (Dong et al. 2018): I-FGSM on an accumulated gradient {@code g ← μ·g + ∇J / mean|∇J|} (the L1
 * normalisation per image, as in torchattacks), stepping along {@code sign(g)}. Defaults: 10 steps, α = ε/4, μ = 1.
 *
 * <pre>{@code AttackResult r = new MiFgsm().decay(1.0).run(f, images, labels);}</pre>
 */
public final class MiFgsm extends DenseAttack<MiFgsm> {
    /** The registry entry: the shared dense options and the momentum decay. */
    public static final AttackEntry ENTRY = new AttackEntry("mifgsm", "MI-FGSM (Dong et al. 2018): I-FGSM on an "
            + "accumulated, L1-normalised gradient.", true, 8 / 255.0, Stream.concat(
            DenseOptions.common(10, Norm.LINF).stream(), Stream.of(AttackOption.real("decay", "1",
                    "Momentum decay mu."))).toList(),
            (c, v) -> {
                MiFgsm a = DenseOptions.apply(new MiFgsm(), c, v);
                v.ifReal("decay", a::decay);
                return a;
            });

    private double decay = 1.0;
    private boolean randomStart;

    public MiFgsm() {
        super(10);
    }

    /** Momentum decay μ (default 1). */
    public MiFgsm decay(double value) {
        Check.arg(value >= 0 && Double.isFinite(value), name(), "decay must be finite and >= 0, found %s", value);
        decay = value;
        return this;
    }

    /** Start from a uniformly random point of the ball instead of δ = 0 (default off). */
    public MiFgsm randomStart(boolean value) {
        randomStart = value;
        return this;
    }

    @Override
    public String name() {
        return "mifgsm";
    }

    @Override
    protected Tensor start(Batch batch, double radius, Generator[] perImage) {
        return randomStart ? norm().randomStart(perImage, batch.images(), radius)
                : super.start(batch, radius, perImage);
    }

    @Override
    public StepRule newStepRule() {
        return new StepRule() {
            private Tensor momentum;

            @Override
            public Tensor direction(Tensor gradient) {
                int[] axes = new int[gradient.dim() - 1];
                for (int i = 0; i < axes.length; i++) {
                    axes[i] = i + 1;
                }
                Tensor scaled = gradient.div(gradient.abs().mean(axes, true).add(1e-12));
                momentum = momentum == null ? scaled : momentum.mul(decay).add(scaled);
                return norm().steepest(momentum);
            }
        };
    }
}
