package sabre.tensor.spi;

import sabre.tensor.ReduceOp;
import sabre.tensor.Tensor;

/** Reductions. {@code axes} arrive normalised, sorted, non-empty and without repeats. */
public interface ReductionOps {
    /** Sum, mean, max or min over {@code axes}. Max/min of an empty set is an error raised by the caller. */
    Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDim);

    /** INT32 position of the first maximum ({@code max = true}) or minimum along {@code axis}. */
    Tensor argExtremum(Tensor x, int axis, boolean keepDim, boolean max);

    /** Variance {@code Σ(x−mean)² / (n − correction)} over {@code axes}. */
    Tensor variance(Tensor x, int[] axes, int correction, boolean keepDim);

    /** p-norm over {@code axes}: p = 0 counts non-zeros, p = ∞ is max |x|, otherwise {@code (Σ|x|^p)^(1/p)}. */
    Tensor norm(Tensor x, double p, int[] axes, boolean keepDim);
}
