package sabre.tensor.ref;

import sabre.tensor.DType;
import sabre.tensor.Storage;
import sabre.tensor.spi.Backend;

/**
 * Reference-backend memory: a Java array per dtype, read and written as doubles (exact for every supported type).
 * Writing to FLOAT32 rounds to nearest; to INT32 truncates toward zero; to BOOL stores whether the value is ≠ 0.
 */
abstract class RefStorage implements Storage {
    private final Backend backend;

    RefStorage(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    abstract double get(int i);

    abstract void set(int i, double v);

    static RefStorage allocate(Backend backend, DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new F32(backend, new float[n]);
            case FLOAT64 -> new F64(backend, new double[n]);
            case INT32 -> new I32(backend, new int[n]);
            case BOOL -> new Bool(backend, new boolean[n]);
        };
    }

    static final class F32 extends RefStorage {
        final float[] data;

        F32(Backend b, float[] data) {
            super(b);
            this.data = data;
        }

        public DType dtype() {
            return DType.FLOAT32;
        }

        public int size() {
            return data.length;
        }

        double get(int i) {
            return data[i];
        }

        void set(int i, double v) {
            data[i] = (float) v;
        }
    }

    static final class F64 extends RefStorage {
        final double[] data;

        F64(Backend b, double[] data) {
            super(b);
            this.data = data;
        }

        public DType dtype() {
            return DType.FLOAT64;
        }

        public int size() {
            return data.length;
        }

        double get(int i) {
            return data[i];
        }

        void set(int i, double v) {
            data[i] = v;
        }
    }

    static final class I32 extends RefStorage {
        final int[] data;

        I32(Backend b, int[] data) {
            super(b);
            this.data = data;
        }

        public DType dtype() {
            return DType.INT32;
        }

        public int size() {
            return data.length;
        }

        double get(int i) {
            return data[i];
        }

        void set(int i, double v) {
            data[i] = (int) v;
        }
    }

    static final class Bool extends RefStorage {
        final boolean[] data;

        Bool(Backend b, boolean[] data) {
            super(b);
            this.data = data;
        }

        public DType dtype() {
            return DType.BOOL;
        }

        public int size() {
            return data.length;
        }

        double get(int i) {
            return data[i] ? 1 : 0;
        }

        void set(int i, double v) {
            data[i] = v != 0;
        }
    }
}
