package sabre.tensor.spi;

import sabre.tensor.AdamStep;
import sabre.tensor.BinaryOp;
import sabre.tensor.CompareOp;
import sabre.tensor.SgdStep;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;

/**
 * Elementwise ops. Binary operands arrive with equal shapes (broadcast already applied as views) and equal types.
 * The fused ops ({@link #reluBackward}, {@link #addRelu}, {@link #sgdUpdate}, {@link #adamUpdate}) have default bodies composed of the
 * primitives: the defaults are their specification, and a backend overrides them only to save memory passes.
 */
public interface ElementwiseOps {
    /** {@code op(x)} with result type {@link UnaryOp#resultType}. */
    Tensor unary(UnaryOp op, Tensor x);

    /** {@code min(max(x, lo), hi)}; ±infinity disables a side. */
    Tensor clamp(Tensor x, double lo, double hi);

    /** {@code a op b}, result of the operands' type. */
    Tensor binary(BinaryOp op, Tensor a, Tensor b);

    /** {@code a op b} as a BOOL mask. */
    Tensor compare(CompareOp op, Tensor a, Tensor b);

    /** {@code cond ? a : b}; cond is BOOL, a and b share a type. */
    Tensor where(Tensor cond, Tensor a, Tensor b);

    /**
     * ReLU's backward from its output: {@code y > 0 ? g : 0}, a select (PyTorch's {@code threshold_backward}), so
     * an infinite or NaN {@code g} where {@code y ≤ 0} (or y is NaN) gives 0. g and y share shape and type.
     *
     * <pre>{@code Tensor dx = backend.elementwise().reluBackward(g, y);}</pre>
     */
    default Tensor reluBackward(Tensor g, Tensor y) {
        return where(compare(CompareOp.GT, y, Tensor.zerosLike(y)), g, Tensor.zerosLike(g));
    }

    /**
     * {@code relu(a + b)}, the residual join of a ResNet block, in one pass where the backend can.
     *
     * <pre>{@code Tensor out = backend.elementwise().addRelu(branch, shortcut);}</pre>
     */
    default Tensor addRelu(Tensor a, Tensor b) {
        return unary(UnaryOp.RELU, binary(BinaryOp.ADD, a, b));
    }

    /**
     * One step of {@code torch.optim.SGD} on one parameter θ with gradient g (same shape and type), momentum buffer
     * b (null before the first step, or when μ = 0), learning rate η, momentum μ, dampening τ, weight decay λ:
     * <pre>
     *   d ← g + λθ                                   (λ ≠ 0)
     *   b ← d on the first step, else μb + (1 − τ)d    (μ ≠ 0)
     *   d ← d + μb with Nesterov, else d ← b            (μ ≠ 0)
     *   θ ← θ − ηd
     * </pre>
     * This default is that sequence of tensor ops, each scalar a weak scalar of θ's type; a backend's fused kernel
     * must perform the same rounded operations per element, in the same order, so its result is bit-identical.
     *
     * <pre>{@code SgdStep s = backend.elementwise().sgdUpdate(p, g, null, 0.1, 0.9, 0, 5e-4, false);}</pre>
     */
    default SgdStep sgdUpdate(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum,
                              double dampening, double weightDecay, boolean nesterov) {
        Tensor d = weightDecay == 0 ? grad : grad.add(param.mul(weightDecay));
        Tensor buffer = null;
        if (momentum != 0) {
            buffer = momentumBuffer == null ? d : momentumBuffer.mul(momentum).add(d.mul(1 - dampening));
            d = nesterov ? d.add(buffer.mul(momentum)) : buffer;
        }
        return new SgdStep(param.add(d.mul(-lr)), buffer);
    }

    /**
     * One step of {@code torch.optim.Adam} (or, with {@code decoupled}, {@code AdamW}) on one parameter θ with
     * gradient g at step t ≥ 1, first and second moments m, v (both null on the first step: zeros), AMSGrad's
     * running maximum v̂ (null on the first step or without AMSGrad), learning rate η, betas β₁ β₂, ε, weight
     * decay λ:
     * <pre>
     *   θ ← θ(1 − ηλ) (decoupled) or g ← g + λθ (L2; only when λ ≠ 0)
     *   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
     *   v̂ ← max(v̂, v) with AMSGrad, else v̂ = v
     *   θ ← θ − η/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
     * </pre>
     * This default is that sequence of tensor ops, each scalar a weak scalar of θ's type; a backend's fused kernel
     * must perform the same rounded operations per element, in the same order, so its result is bit-identical.
     *
     * <pre>{@code AdamStep s = backend.elementwise().adamUpdate(p, g, null, null, null, 1, 1e-3, 0.9, 0.999, 1e-8, 0, false, false);}</pre>
     */
    default AdamStep adamUpdate(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq,
                                int step, double lr, double beta1, double beta2, double eps, double weightDecay,
                                boolean decoupled, boolean amsgrad) {
        Tensor zeros = expAvg == null || (amsgrad && maxExpAvgSq == null) ? Tensor.zerosLike(param) : null;
        Tensor p = param;
        Tensor g = grad;
        if (weightDecay != 0 && decoupled) {
            p = p.mul(1 - lr * weightDecay);
        } else if (weightDecay != 0) {
            g = g.add(p.mul(weightDecay));
        }
        Tensor m = (expAvg == null ? zeros : expAvg).mul(beta1).add(g.mul(1 - beta1));
        Tensor v = (expAvgSq == null ? zeros : expAvgSq).mul(beta2).add(g.mul(g).mul(1 - beta2));
        Tensor vHat = amsgrad ? (maxExpAvgSq == null ? zeros : maxExpAvgSq).maximum(v) : v;
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        Tensor denom = vHat.sqrt().div(Math.sqrt(biasCorrection2)).add(eps);
        return new AdamStep(p.add(m.div(denom).mul(-lr / biasCorrection1)), m, v, amsgrad ? vHat : null);
    }
}
