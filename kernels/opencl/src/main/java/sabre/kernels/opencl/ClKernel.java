package sabre.kernels.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

/**
 * What every OpenCL op family shares: the backend, allocation of contiguous result tensors, launches, and the
 * error flag through which kernels report data-dependent errors (an index out of range).
 */
abstract class ClKernel {
    final OpenClBackend backend;

    ClKernel(OpenClBackend backend) {
        this.backend = backend;
    }

    ClRuntime rt() {
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
    ClStorage errorFlag() {
        ClStorage s = ClStorage.allocate(backend, DType.INT32, 2);
        CL.clEnqueueFillBuffer(rt().queue, s.mem(), Pointer.to(new int[] {0}), 4, 0, 8, 0, null, null);
        return s;
    }

    /**
     * Reads and releases an error flag; when a kernel raised it, throws {@code message} formatted with the
     * offending value.
     */
    void check(ClStorage flag, String message) {
        int[] e = new int[2];
        CL.clEnqueueReadBuffer(rt().queue, flag.mem(), true, 0, 8, Pointer.to(e), 0, null, null);
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
            ((ClStorage) temp.storage()).release();
        }
    }

    /** Releases a backend-internal temporary tensor now. */
    static void free(Tensor temp) {
        ((ClStorage) temp.storage()).release();
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
