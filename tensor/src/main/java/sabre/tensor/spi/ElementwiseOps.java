package sabre.tensor.spi;

import sabre.tensor.BinaryOp;
import sabre.tensor.CompareOp;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;

/** Elementwise ops. Binary operands arrive with equal shapes (broadcast already applied as views) and equal types. */
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
}
