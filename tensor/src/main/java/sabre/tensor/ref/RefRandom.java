package sabre.tensor.ref;

import sabre.tensor.DType;
import sabre.tensor.Philox;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.RandomOps;

/** Philox-based random draws for the reference backend, element {@code i} using counter {@code offset + i}. */
public final class RefRandom extends RefKernel implements RandomOps {
    /** The reference implementation, allocating its results as host memory of {@code backend}. */
    public RefRandom(Backend backend) {
        super(backend);
    }

    /** A uniform in [0, 1) at the precision of {@code dtype}. */
    private static double unit(long seed, long counter, DType dtype) {
        int[] lanes = Philox.block(seed, counter);
        return dtype == DType.FLOAT64 ? Philox.unitDouble(lanes[0], lanes[1]) : Philox.unitFloat(lanes[0]);
    }

    @Override
    public Tensor uniform(int[] shape, DType dtype, double low, double high, long seed, long offset) {
        double[] out = new double[prod(shape, 0, shape.length)];
        // rounding low + (high−low)·u to the dtype may reach high: keep the documented [low, high)
        double top = dtype == DType.FLOAT64 ? Math.nextDown(high) : Math.nextDown((float) high);
        for (int i = 0; i < out.length; i++) {
            double v = low + (high - low) * unit(seed, offset + i, dtype);
            out[i] = high > low ? Math.min(dtype == DType.FLOAT64 ? v : (float) v, top) : low;
        }
        return make(out, shape, dtype);
    }

    @Override
    public Tensor normal(int[] shape, DType dtype, double mean, double std, long seed, long offset) {
        double[] out = new double[prod(shape, 0, shape.length)];
        for (int i = 0; i < out.length; i++) {
            int[] lanes = Philox.block(seed, offset + i);
            double u1 = 1 - Philox.unitDouble(lanes[0], lanes[1]); // in (0, 1]: log is finite
            double u2 = Philox.unitDouble(lanes[2], lanes[3]);
            // Box–Muller: sqrt(−2 ln u1)·cos(2π u2)
            out[i] = mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return make(out, shape, dtype);
    }

    @Override
    public Tensor randint(int[] shape, int low, int high, long seed, long offset) {
        int[] out = new int[prod(shape, 0, shape.length)];
        long range = (long) high - low;
        for (int i = 0; i < out.length; i++) {
            long bits = Philox.block(seed, offset + i)[0] & 0xFFFFFFFFL;
            out[i] = (int) (low + ((bits * range) >>> 32)); // Lemire's multiply-shift range reduction
        }
        return makeInts(out, shape);
    }

    @Override
    public Tensor bernoulli(int[] shape, DType dtype, double p, long seed, long offset) {
        double[] out = new double[prod(shape, 0, shape.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = unit(seed, offset + i, DType.FLOAT64) < p ? 1 : 0;
        }
        return make(out, shape, dtype);
    }
}
