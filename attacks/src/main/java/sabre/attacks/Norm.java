package sabre.attacks;

import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/**
 * The threat model of a dense attack: the ε-ball's norm. It gives the steepest-descent direction of a gradient under
 * that norm, the projection onto the ball intersected with the image box, and a uniform random start.
 *
 * <pre>{@code Tensor d = Norm.LINF.project(delta, images, 8 / 255.0);}</pre>
 */
public enum Norm {
    /** ‖δ‖∞ ≤ ε: steps along sign(g), projection clips each element. */
    LINF(0.25),
    /** ‖δ‖₂ ≤ ε per image: steps along g/‖g‖₂, projection rescales δ onto the sphere. */
    L2(0.2);

    private static final double TINY = 1e-12;
    private final double defaultStepRatio;

    Norm(double defaultStepRatio) {
        this.defaultStepRatio = defaultStepRatio;
    }

    /** Step size as a fraction of ε when none is set (torchattacks: 2/255 at ε = 8/255; 0.2 at ε = 1 for L2). */
    public double defaultStepRatio() {
        return defaultStepRatio;
    }

    /** The unit-norm direction of steepest increase of a linear function with gradient {@code g} [N, ...]. */
    public Tensor steepest(Tensor g) {
        return this == LINF ? g.sign() : g.div(perSampleL2(g).add(TINY));
    }

    /** δ projected onto {‖δ‖ ≤ ε} and then into the box: x + δ ∈ [0, 1]. */
    public Tensor project(Tensor delta, Tensor images, double eps) {
        Tensor inBall = this == LINF ? delta.clamp(-eps, eps)
                : delta.mul(perSampleL2(delta).add(TINY).pow(-1).mul(eps).clamp(0, 1)); // × min(1, ε/‖δ‖₂)
        return images.add(inBall).clamp(0, 1).sub(images);
    }

    /** A random start inside the ball (uniform per element for L∞; uniform radius, random direction for L2). */
    public Tensor randomStart(Generator[] perImage, Tensor images, double eps) {
        int[] one = images.shape().clone();
        one[0] = 1;
        Tensor[] parts = new Tensor[perImage.length];
        for (int n = 0; n < parts.length; n++) {
            if (this == LINF) {
                parts[n] = Tensor.uniform(perImage[n], images.device(), images.dtype(), -eps, eps, one);
            } else {
                Tensor dir = Tensor.normal(perImage[n], images.device(), images.dtype(), 0, 1, one);
                double radius = Tensor.uniform(perImage[n], images.device(), DType.FLOAT64, 0, 1, 1).item() * eps;
                parts[n] = dir.div(perSampleL2(dir).add(TINY)).mul(radius);
            }
        }
        return project(Tensor.cat(java.util.List.of(parts), 0), images, eps);
    }

    /** ‖g_n‖₂ as [N, 1, 1, 1] (or [N, 1, …] of g's rank). */
    static Tensor perSampleL2(Tensor g) {
        int[] axes = new int[g.dim() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return g.norm(2, axes, true);
    }
}
