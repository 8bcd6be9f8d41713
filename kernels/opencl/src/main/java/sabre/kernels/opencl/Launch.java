package sabre.kernels.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One kernel launch: collects the arguments in order, then sets them and enqueues the kernel under the runtime's
 * lock. Empty launches (a zero global size) are skipped.
 *
 * <pre>{@code
 * Launch.of(rt, "elementwise", Types.of(t), "binary").view(a).buf(a).view(b).buf(b).buf(out).i(op).run(n);
 * }</pre>
 */
final class Launch {
    private final ClRuntime rt;
    private final cl_kernel kernel;
    private final List<Object[]> args = new ArrayList<>();

    private Launch(ClRuntime rt, cl_kernel kernel) {
        this.rt = rt;
        this.kernel = kernel;
    }

    static Launch of(ClRuntime rt, String file, String options, String name) {
        return new Launch(rt, rt.kernel(file, options, name));
    }

    private Launch arg(long size, Pointer p) {
        args.add(new Object[] {size, p});
        return this;
    }

    /** The buffer behind a tensor (its view is passed separately). */
    Launch buf(Tensor t) {
        return buf(((ClStorage) t.storage()).mem());
    }

    Launch buf(ClStorage s) {
        return buf(s.mem());
    }

    Launch buf(cl_mem m) {
        return arg(Sizeof.cl_mem, Pointer.to(m));
    }

    /** The tensor's strided geometry as a {@code View} struct. */
    Launch view(Tensor t) {
        return view(View.of(t));
    }

    Launch view(View v) {
        return ints(v.packed());
    }

    /** A small struct of ints passed by value. */
    Launch ints(int[] packed) {
        return arg((long) Sizeof.cl_int * packed.length, Pointer.to(packed));
    }

    Launch i(int v) {
        return arg(Sizeof.cl_int, Pointer.to(new int[] {v}));
    }

    Launch l(long v) {
        return arg(Sizeof.cl_long, Pointer.to(new long[] {v}));
    }

    Launch f(float v) {
        return arg(Sizeof.cl_float, Pointer.to(new float[] {v}));
    }

    /** A scalar of the kernel's element type {@code T}: double for FLOAT64, float for FLOAT32, else int. */
    Launch scalar(DType t, double v) {
        return switch (t) {
            case FLOAT64 -> arg(Sizeof.cl_double, Pointer.to(new double[] {v}));
            case FLOAT32 -> f((float) v);
            case INT32 -> i((int) v);
            case BOOL -> arg(1, Pointer.to(new byte[] {(byte) (v != 0 ? 1 : 0)}));
        };
    }

    /** A local-memory argument of {@code bytes}. */
    Launch local(long bytes) {
        return arg(bytes, null);
    }

    /** Runs over {@code global} work-items, the runtime choosing the work-group size. */
    void run(long... global) {
        run(global, null);
    }

    /** Runs with explicit work-group sizes ({@code global} must be multiples of {@code local}). */
    void run(long[] global, long[] local) {
        for (long g : global) {
            if (g == 0) {
                return;
            }
        }
        synchronized (rt) {
            for (int i = 0; i < args.size(); i++) {
                CL.clSetKernelArg(kernel, i, (Long) args.get(i)[0], (Pointer) args.get(i)[1]);
            }
            CL.clEnqueueNDRangeKernel(rt.queue, kernel, global.length, null, global, local, 0, null, null);
        }
    }

    /** {@code n} rounded up to a multiple of {@code m}. */
    static long roundUp(long n, long m) {
        return (n + m - 1) / m * m;
    }
}
