package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.Tensor;

/**
 * What every device op family shares: the backend, allocation of contiguous result tensors, launches, and the
 * error flag through which kernels report data-dependent errors (an index out of range).
 */
abstract class DevKernel {
    final DeviceBackend backend;

    DevKernel(DeviceBackend backend) {
        this.backend = backend;
    }

    DeviceRuntime rt() {
        return backend.runtime();
    }

    /** A new contiguous (uninitialised) tensor on the device. */
    Tensor alloc(DType dtype, int[] shape) {
        return backend.alloc(dtype, shape);
    }

    /** A launch of {@code kernel} from {@code file}.cl built for {@code options}. */
    Launch launch(String file, String options, String kernel) {
        return Launch.of(rt(), file, options, kernel);
    }

    /** A zeroed two-int error flag: {@code [raised, value]}. */
    DevStorage errorFlag() {
        DevStorage s = DevStorage.allocate(backend, DType.INT32, 2);
        rt().fill(s.handle(), new int[] {0}, 4, 8);
        return s;
    }

    /**
     * Reads and releases an error flag; when a kernel raised it, throws {@code message} formatted with the
     * offending value.
     */
    void check(DevStorage flag, String message) {
        int[] e = new int[2];
        rt().read(flag.handle(), e, 8);
        flag.release();
        if (e[0] != 0) {
            throw new IllegalArgumentException(String.format(message, e[1]));
        }
    }

    /** {@code t} itself when contiguous, else a contiguous device copy (release it with {@link #done}). */
    Tensor dense(Tensor t) {
        return t.isContiguous() && t.offset() == 0 ? t : backend.memory().contiguous(t);
    }

    /** Releases {@code temp} now when it is a copy made by {@link #dense} (not the caller's tensor). */
    static void done(Tensor temp, Tensor original) {
        if (temp != original) {
            ((DevStorage) temp.storage()).release();
        }
    }

    /** Releases a backend-internal temporary tensor now. */
    static void free(Tensor temp) {
        ((DevStorage) temp.storage()).release();
    }

    /** Product of {@code shape[from..to)}. */
    static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }
}
