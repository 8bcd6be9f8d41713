package sabre.tensor.spi;

import sabre.tensor.DType;
import sabre.tensor.Tensor;

/**
 * Counter-based random draws (Philox 4×32-10, see {@link sabre.tensor.Philox}): element {@code i} of a draw uses
 * counter {@code offset + i} under key {@code seed}, so every backend produces the same bits for the same call.
 */
public interface RandomOps {
    /** Uniform on {@code [low, high)}. */
    Tensor uniform(int[] shape, DType dtype, double low, double high, long seed, long offset);

    /**
     * Normal with the given mean and standard deviation: Box–Muller with {@code u1 = 1 − unitDouble(lane0, lane1)}
     * and {@code u2 = unitDouble(lane2, lane3)}, {@code z = √(−2 ln u1)·cos(2π u2)}.
     */
    Tensor normal(int[] shape, DType dtype, double mean, double std, long seed, long offset);

    /** INT32 uniform on {@code [low, high)}. */
    Tensor randint(int[] shape, int low, int high, long seed, long offset);

    /** 1 with probability {@code p}, else 0, as {@code dtype} (BOOL or floating). */
    Tensor bernoulli(int[] shape, DType dtype, double p, long seed, long offset);
}
