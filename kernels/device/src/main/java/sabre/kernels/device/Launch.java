package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One kernel launch: collects the arguments in order, then hands them to the runtime, which sets them and
 * enqueues the kernel. Empty launches (a zero global size) are skipped.
 *
 * <pre>{@code
 * Launch.of(rt, "elementwise", Types.of(t), "binary").view(a).buf(a).view(b).buf(b).buf(out).i(op).run(n);
 * }</pre>
 */
final class Launch {
    private final DeviceRuntime rt;
    private final String file;
    private final String options;
    private final String name;
    private final List<Object> args = new ArrayList<>();

    private Launch(DeviceRuntime rt, String file, String options, String name) {
        this.rt = rt;
        this.file = file;
        this.options = options;
        this.name = name;
    }

    static Launch of(DeviceRuntime rt, String file, String options, String name) {
        return new Launch(rt, file, options, name);
    }

    private Launch arg(Object a) {
        args.add(a);
        return this;
    }

    /** The buffer behind a tensor (its view is passed separately). */
    Launch buf(Tensor t) {
        return buf((DevStorage) t.storage());
    }

    Launch buf(DevStorage s) {
        return arg(s.handle());
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
        return arg(packed.clone());
    }

    Launch i(int v) {
        return arg(new int[] {v});
    }

    Launch l(long v) {
        return arg(new long[] {v});
    }

    Launch f(float v) {
        return arg(new float[] {v});
    }

    /** A scalar of the kernel's element type {@code T}: double for FLOAT64, float for FLOAT32, else int. */
    Launch scalar(DType t, double v) {
        return switch (t) {
            case FLOAT64 -> arg(new double[] {v});
            case FLOAT32 -> f((float) v);
            case INT32 -> i((int) v);
            case BOOL -> arg(new byte[] {(byte) (v != 0 ? 1 : 0)});
        };
    }

    /** Runs over {@code global} work-items (one dimension), the runtime choosing the work-group size. */
    void run(long global) {
        run(new long[] {global}, null);
    }

    /** Runs with explicit work-group sizes ({@code global} must be multiples of {@code local}). */
    void run(long[] global, long[] local) {
        for (long g : global) {
            if (g == 0) {
                return;
            }
        }
        rt.launch(file, options, name, args, global, local);
    }

    /** {@code n} rounded up to a multiple of {@code m}. */
    static long roundUp(long n, long m) {
        return (n + m - 1) / m * m;
    }
}
