package sabre.tensor.ref;

import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.host.HostStorage;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.MemoryOps;

import java.util.Arrays;

/** Allocation, host transfer, contiguous copies and casts for the reference backend. */
public final class RefMemory extends RefKernel implements MemoryOps {
    /** The reference implementation, allocating its results as host memory of {@code backend}. */
    public RefMemory(Backend backend) {
        super(backend);
    }

    @Override
    public Tensor fromDoubles(double[] data, int[] shape, DType dtype) {
        return make(data, shape, dtype);
    }

    @Override
    public Tensor fromFloats(float[] data, int[] shape) {
        return Tensor.wrap(new HostStorage.F32(backend, data.clone()), shape);
    }

    @Override
    public Tensor fromInts(int[] data, int[] shape, DType dtype) {
        return make(Arrays.stream(data).asDoubleStream().toArray(), shape, dtype);
    }

    @Override
    public Tensor full(int[] shape, DType dtype, double value) {
        double[] data = new double[RefKernel.prod(shape, 0, shape.length)];
        Arrays.fill(data, value);
        return make(data, shape, dtype);
    }

    @Override
    public double[] toDoubles(Tensor t) {
        return read(t);
    }

    @Override
    public float[] toFloats(Tensor t) {
        double[] d = read(t);
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    @Override
    public int[] toInts(Tensor t) {
        return readInts(t);
    }

    @Override
    public Tensor contiguous(Tensor t) {
        return make(read(t), t.shape(), t.dtype());
    }

    @Override
    public Tensor cast(Tensor t, DType dtype) {
        double[] d = read(t);
        if (dtype == DType.INT32) {
            for (int i = 0; i < d.length; i++) {
                // NaN maps to 0 and ±∞ saturate, as Java's (int) cast does; finite values truncate toward zero
                d[i] = (int) d[i];
            }
        }
        return make(d, t.shape(), dtype);
    }
}
