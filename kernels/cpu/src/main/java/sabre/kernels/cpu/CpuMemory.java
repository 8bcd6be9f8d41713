package sabre.kernels.cpu;

import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.host.HostStorage;
import sabre.tensor.ref.RefMemory;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.MemoryOps;

import java.util.Arrays;

/**
 * Allocation, host transfer and copies. FLOAT32 {@code fromFloats}, {@code full}, {@code toFloats},
 * {@code toDoubles}, {@code contiguous} and FLOAT32↔FLOAT64 casts are direct (parallel strided) array copies;
 * everything else is the reference implementation. All results are exact, so they equal the reference's bits.
 */
final class CpuMemory implements MemoryOps {
    private final Backend backend;
    private final RefMemory ref;

    CpuMemory(Backend backend) {
        this.backend = backend;
        this.ref = new RefMemory(backend);
    }

    @Override
    public Tensor fromDoubles(double[] data, int[] shape, DType dtype) {
        if (dtype == DType.FLOAT32) {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            return Host.wrap(backend, f, shape);
        }
        if (dtype == DType.FLOAT64) {
            return Tensor.wrap(new HostStorage.F64(backend, data.clone()), shape);
        }
        return ref.fromDoubles(data, shape, dtype);
    }

    @Override
    public Tensor fromFloats(float[] data, int[] shape) {
        return Host.wrap(backend, data.clone(), shape);
    }

    @Override
    public Tensor fromInts(int[] data, int[] shape, DType dtype) {
        if (dtype == DType.INT32) {
            return Tensor.wrap(new HostStorage.I32(backend, data.clone()), shape);
        }
        return ref.fromInts(data, shape, dtype);
    }

    @Override
    public Tensor full(int[] shape, DType dtype, double value) {
        int n = Host.numel(shape);
        if (dtype == DType.FLOAT32) {
            float[] f = new float[n];
            if (value != 0 || Double.doubleToRawLongBits(value) != 0) {
                Arrays.fill(f, (float) value);
            }
            return Host.wrap(backend, f, shape);
        }
        if (dtype == DType.FLOAT64) {
            double[] d = new double[n];
            if (Double.doubleToRawLongBits(value) != 0) {
                Arrays.fill(d, value);
            }
            return Tensor.wrap(new HostStorage.F64(backend, d), shape);
        }
        return ref.full(shape, dtype, value);
    }

    @Override
    public double[] toDoubles(Tensor t) {
        if (Host.isF32(t)) {
            float[] f = Host.gather(t);
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        return ref.toDoubles(t);
    }

    @Override
    public float[] toFloats(Tensor t) {
        return Host.isF32(t) ? Host.gather(t) : ref.toFloats(t);
    }

    @Override
    public int[] toInts(Tensor t) {
        return ref.toInts(t);
    }

    @Override
    public Tensor contiguous(Tensor t) {
        return Host.isF32(t) ? Host.wrap(backend, Host.gather(t), t.shape()) : ref.contiguous(t);
    }

    @Override
    public Tensor cast(Tensor t, DType dtype) {
        if (Host.isF32(t) && dtype == DType.FLOAT32) {
            return contiguous(t);
        }
        if (Host.isF32(t) && dtype == DType.FLOAT64) {
            return Tensor.wrap(new HostStorage.F64(backend, toDoubles(t)), t.shape());
        }
        return ref.cast(t, dtype);
    }
}
