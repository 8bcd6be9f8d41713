package sabre.tensor.spi;

import sabre.tensor.Tensor;

/** Matrix products. */
public interface LinalgOps {
    /**
     * Batched {@code a @ b}: a is {@code [..., m, k]}, b is {@code [..., k, n]}, both of rank ≥ 2 with equal batch
     * dimensions (broadcast already applied). Transposed operands arrive as strided views; a backend may read them
     * in place instead of copying.
     */
    Tensor matmul(Tensor a, Tensor b);
}
