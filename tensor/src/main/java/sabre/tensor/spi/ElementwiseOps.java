package sabre.tensor.spi;

import sabre.tensor.BinaryOp;
import sabre.tensor.CompareOp;
import sabre.tensor.SgdStep;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;

/**
 * Elementwise ops. Binary operands arrive with equal shapes (broadcast already applied as views) and equal types.
 * The fused ops ({@link #reluBackward}, {@link #addRelu}, {@link #sgdUpdate}) have default bodies composed of the
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
}
