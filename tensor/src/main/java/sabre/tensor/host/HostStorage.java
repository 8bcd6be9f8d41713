package sabre.tensor.host;

import sabre.tensor.DType;
import sabre.tensor.Storage;
import sabre.tensor.spi.Backend;

/**
 * Host memory for backends that compute on the Java heap (the reference backend, the CPU backend): one Java array
 * per dtype, also readable and writable element-wise as doubles (exact for every supported type). Writing a double
 * to FLOAT32 rounds to nearest, to INT32 truncates toward zero, to BOOL stores whether it is ≠ 0. Only backends use
 * this class; everything else moves data through {@link sabre.tensor.Tensor}'s host-transfer methods.
 *
 * <pre>{@code HostStorage.F32 s = new HostStorage.F32(backend, new float[n]); Tensor t = Tensor.wrap(s, shape);}</pre>
 */
public abstract class HostStorage implements Storage {
    private final Backend backend;

    protected HostStorage(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** Element {@code i} as a double. */
    public abstract double get(int i);

    /** Stores {@code v} (converted to this storage's type) at {@code i}. */
    public abstract void set(int i, double v);

    /** Zero-filled storage of {@code n} elements of {@code dtype} owned by {@code backend}. */
    public static HostStorage allocate(Backend backend, DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new F32(backend, new float[n]);
            case FLOAT64 -> new F64(backend, new double[n]);
            case INT32 -> new I32(backend, new int[n]);
            case BOOL -> new Bool(backend, new boolean[n]);
        };
    }

    /** F32 storage over a Java array. */
    public static final class F32 extends HostStorage {
        public final float[] data;

        public F32(Backend b, float[] data) {
            super(b);
            this.data = data;
        }

        public DType dtype() {
            return DType.FLOAT32;
        }

        public int size() {
            return data.length;
        }

        public double get(int i) {
            return data[i];
        }

        public void set(int i, double v) {
            data[i] = (float) v;
        }
    }

    /** F64 storage over a Java array. */
    public static final class F64 extends HostStorage {
        public final double[] data;

        public F64(Backend b, double[] data) {
            super(b);
            this.data = data;
        }

        public DType dtype() {
            return DType.FLOAT64;
        }

        public int size() {
            return data.length;
        }

        public double get(int i) {
            return data[i];
        }

        public void set(int i, double v) {
            data[i] = v;
        }
    }

    /** I32 storage over a Java array. */
    public static final class I32 extends HostStorage {
        public final int[] data;

        public I32(Backend b, int[] data) {
            super(b);
            this.data = data;
        }

        public DType dtype() {
            return DType.INT32;
        }

        public int size() {
            return data.length;
        }

        public double get(int i) {
            return data[i];
        }

        public void set(int i, double v) {
            data[i] = (int) (long) v; // wraps modulo 2^32 like int32 arithmetic (a plain (int) cast would saturate)
        }
    }

    /** Bool storage over a Java array. */
    public static final class Bool extends HostStorage {
        public final boolean[] data;

        public Bool(Backend b, boolean[] data) {
            super(b);
            this.data = data;
        }

        public DType dtype() {
            return DType.BOOL;
        }

        public int size() {
            return data.length;
        }

        public double get(int i) {
            return data[i] ? 1 : 0;
        }

        public void set(int i, double v) {
            data[i] = v != 0;
        }
    }
}
