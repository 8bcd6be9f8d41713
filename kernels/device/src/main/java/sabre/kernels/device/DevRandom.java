package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.spi.RandomOps;

/**
 * Philox draws on the device ({@code random.cl}), one work-item per element, bit-identical to the reference
 * backend: the same counters, the same bit extraction, and (with {@code cl_khr_fp64}) the same double arithmetic
 * before rounding to the dtype.
 */
final class DevRandom extends DevKernel implements RandomOps {
    DevRandom(DeviceBackend backend) {
        super(backend);
    }

    /** A scalar of the kernels' REAL type: double with fp64, else float. */
    private Launch real(Launch l, double v) {
        return rt().fp64() ? l.scalar(DType.FLOAT64, v) : l.f((float) v);
    }

    @Override
    public Tensor uniform(int[] shape, DType dtype, double low, double high, long seed, long offset) {
        Tensor y = alloc(dtype, shape);
        int n = y.numel();
        double top = dtype == DType.FLOAT64 ? Math.nextDown(high) : Math.nextDown((float) high);
        Launch l = launch("random", Types.of(dtype), "uniform").buf(y).l(seed).l(offset);
        real(real(real(l, low), high), top).i(n).run(n);
        return y;
    }

    @Override
    public Tensor normal(int[] shape, DType dtype, double mean, double std, long seed, long offset) {
        Tensor y = alloc(dtype, shape);
        int n = y.numel();
        Launch l = launch("random", Types.of(dtype), "normal").buf(y).l(seed).l(offset);
        real(real(l, mean), std).i(n).run(n);
        return y;
    }

    @Override
    public Tensor randint(int[] shape, int low, int high, long seed, long offset) {
        Tensor y = alloc(DType.INT32, shape);
        int n = y.numel();
        launch("random", Types.of(DType.INT32), "randint").buf(y).l(seed).l(offset).i(low).l((long) high - low).i(n)
                .run(n);
        return y;
    }

    @Override
    public Tensor bernoulli(int[] shape, DType dtype, double p, long seed, long offset) {
        Tensor y = alloc(dtype, shape);
        int n = y.numel();
        // u < p with u = bits·2^-53  ⇔  bits < ceil(p·2^53) (bits is an integer; p·2^53 is exact)
        long threshold = (long) Math.min(Math.max(Math.ceil(p * 0x1p53), 0), 0x1p53);
        launch("random", Types.of(dtype), "bernoulli").buf(y).l(seed).l(offset).l(threshold).i(n).run(n);
        return y;
    }
}
