package sabre.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.host.HostStorage;
import sabre.tensor.ref.RefMemory;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.MemoryOps;

import java.util.Arrays;

/**
 * Allocation, host transfer and copies. FLOAT32 {@code fromFloats}, {@code full}, {@code toFloats},
 * {@code toDoubles}, {@code contiguous}, FLOAT32↔FLOAT64 and BOOL→FLOAT32 casts are direct (parallel strided) array copies;
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
        if (t.storage() instanceof HostStorage.Bool bool && dtype == DType.FLOAT32) {
            // masks (relu's backward: g·[x > 0]) become 0/1 floats
            boolean[] src = bool.data;
            int[] shape = t.shape();
            float[] out = new float[Host.numel(shape)];
            Host.Layout lay = Host.collapse(shape, t.strides(), Host.contiguousStrides(shape));
            int inner = lay.inner();
            int is = lay.innerStride(0);
            int base = t.offset();
            Parallel.range(lay.rows(), inner, 1 << 16, (lo, hi) -> {
                for (int r = lo; r < hi; r++) {
                    int s = base + lay.rowOffset(0, r);
                    int o = r * inner;
                    int j = 0;
                    if (is == 1) { // vector masks: a per-element branch on random masks mispredicts half the time
                        FloatVector one = FloatVector.broadcast(Host.S, 1f);
                        FloatVector zero = FloatVector.zero(Host.S);
                        for (; j + Host.L <= inner; j += Host.L) {
                            zero.blend(one, VectorMask.fromArray(Host.S, src, s + j)).intoArray(out, o + j);
                        }
                    }
                    for (; j < inner; j++) {
                        out[o + j] = src[s + j * is] ? 1f : 0f;
                    }
                }
            });
            return Host.wrap(backend, out, shape);
        }
        return ref.cast(t, dtype);
    }
}
