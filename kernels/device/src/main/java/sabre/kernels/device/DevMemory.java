package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.Tensor;
import sabre.tensor.spi.MemoryOps;

/**
 * Allocation, host transfer (blocking reads and writes of the whole buffer), strided copies and casts on the
 * device. Host arrays are converted to the storage type on the host before upload: FLOAT32 rounds to nearest,
 * INT32 truncates toward zero (wrapping like {@code (int) (long) v}), BOOL stores {@code v != 0}.
 *
 * <pre>{@code Tensor t = ((DeviceBackend) Backends.get(Device.parse("cuda"))).memory().upload(hostTensor);}</pre>
 */
public final class DevMemory extends DevKernel implements MemoryOps {
    DevMemory(DeviceBackend backend) {
        super(backend);
    }

    @Override
    public Tensor fromDoubles(double[] data, int[] shape, DType dtype) {
        Tensor t = alloc(dtype, shape);
        Object p = switch (dtype) {
            case FLOAT64 -> data;
            case FLOAT32 -> {
                float[] f = new float[data.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) data[i];
                }
                yield f;
            }
            case INT32 -> {
                int[] v = new int[data.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) (long) data[i];
                }
                yield v;
            }
            case BOOL -> {
                byte[] b = new byte[data.length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (data[i] != 0 ? 1 : 0);
                }
                yield b;
            }
        };
        return write(t, p, data.length);
    }

    @Override
    public Tensor fromFloats(float[] data, int[] shape) {
        return write(alloc(DType.FLOAT32, shape), data, data.length);
    }

    @Override
    public Tensor fromInts(int[] data, int[] shape, DType dtype) {
        if (dtype == DType.INT32) {
            return write(alloc(dtype, shape), data, data.length);
        }
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return fromDoubles(d, shape, dtype);
    }

    private Tensor write(Tensor t, Object p, int n) {
        if (n > 0) {
            rt().write(mem(t), p, (long) n * t.dtype().byteSize());
        }
        return t;
    }

    /** A host tensor (any backend) copied to this device. */
    public Tensor upload(Tensor host) {
        return switch (host.dtype()) {
            case FLOAT32 -> fromFloats(host.toFloatArray(), host.shape());
            case FLOAT64 -> fromDoubles(host.toDoubleArray(), host.shape(), DType.FLOAT64);
            case INT32, BOOL -> fromInts(host.toIntArray(), host.shape(), host.dtype());
        };
    }

    @Override
    public Tensor full(int[] shape, DType dtype, double value) {
        Tensor t = alloc(dtype, shape);
        int n = t.numel();
        if (n == 0) {
            return t;
        }
        Object pattern = switch (dtype) {
            case FLOAT64 -> new double[] {value};
            case FLOAT32 -> new float[] {(float) value};
            case INT32 -> new int[] {(int) (long) value};
            case BOOL -> new byte[] {(byte) (value != 0 ? 1 : 0)};
        };
        int size = dtype.byteSize();
        rt().fill(mem(t), pattern, size, (long) n * size);
        return t;
    }

    @Override
    public double[] toDoubles(Tensor t) {
        int n = t.numel();
        double[] out = new double[n];
        switch (t.dtype()) {
            case FLOAT64 -> read(t, out);
            case FLOAT32 -> {
                float[] f = toFloats(t);
                for (int i = 0; i < n; i++) {
                    out[i] = f[i];
                }
            }
            default -> {
                int[] v = toInts(t);
                for (int i = 0; i < n; i++) {
                    out[i] = v[i];
                }
            }
        }
        return out;
    }

    @Override
    public float[] toFloats(Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            double[] d = toDoubles(t);
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        float[] out = new float[t.numel()];
        read(t, out);
        return out;
    }

    @Override
    public int[] toInts(Tensor t) {
        int n = t.numel();
        switch (t.dtype()) {
            case INT32 -> {
                int[] out = new int[n];
                read(t, out);
                return out;
            }
            case BOOL -> {
                byte[] b = new byte[n];
                read(t, b);
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b[i];
                }
                return out;
            }
            default -> {
                Tensor ints = cast(t, DType.INT32); // truncation toward zero on the device
                int[] out = toInts(ints);
                free(ints);
                return out;
            }
        }
    }

    /** Blocking read of the elements of {@code t} in row-major order (through a contiguous copy if strided). */
    private void read(Tensor t, Object dst) {
        if (t.numel() == 0) {
            return;
        }
        Tensor c = dense(t);
        rt().read(mem(c), dst, (long) t.numel() * t.dtype().byteSize());
        done(c, t);
    }

    @Override
    public Tensor contiguous(Tensor t) {
        Tensor out = alloc(t.dtype(), t.shape());
        copyInto(t, out);
        return out;
    }

    /** Copies the elements of {@code src} into the (possibly strided) view {@code dst} of the same shape. */
    void copyInto(Tensor src, Tensor dst) {
        launch("memory", "-DT=" + bitsType(src.dtype()), "copy_view").view(src).buf(src).view(dst).buf(dst)
                .i(src.numel()).run(src.numel());
    }

    /** The kernel type that moves a dtype's bits (no arithmetic, so FLOAT64 copies need no fp64 support). */
    private static String bitsType(DType t) {
        return switch (t) {
            case FLOAT64 -> "ulong";
            case BOOL -> "uchar";
            default -> "uint";
        };
    }

    @Override
    public Tensor cast(Tensor t, DType dtype) {
        if (dtype == t.dtype()) {
            return contiguous(t);
        }
        if (!rt().fp64() && (dtype == DType.FLOAT64 || t.dtype() == DType.FLOAT64)) {
            return castOnHost(t, dtype);
        }
        Tensor out = alloc(dtype, t.shape());
        launch("memory", Types.of(t.dtype(), dtype), "cast").view(t).buf(t).buf(out).i(t.numel()).run(t.numel());
        return out;
    }

    /** Casts to or from FLOAT64 through the host when the device lacks FLOAT64 (documented fallback). */
    private Tensor castOnHost(Tensor t, DType dtype) {
        double[] d = toDoubles(t);
        if (dtype == DType.INT32) {
            for (int i = 0; i < d.length; i++) {
                d[i] = (int) d[i]; // Java's cast: truncation toward zero, NaN to 0, saturating
            }
        }
        return fromDoubles(d, t.shape(), dtype);
    }

    private static Object mem(Tensor t) {
        return ((DevStorage) t.storage()).handle();
    }
}
