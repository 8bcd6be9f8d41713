package sabre.kernels.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a GPU API must provide for {@link DeviceBackend} to run every op family on it: one device, its buffers,
 * blocking host transfers, fills and kernel launches by (program, build options, kernel name). The kernels
 * themselves are shared: the {@code .cl} resources under {@code sabre/kernels/device/} are written in one dialect
 * (macros from {@code prelude-opencl.h} or {@code prelude-cuda.h}), so an implementation compiles them with its own
 * prelude — at run time (OpenCL) or ahead of time (CUDA PTX).
 *
 * <p>Buffers are opaque handles ({@code cl_mem}, {@code CUdeviceptr}). Kernel arguments arrive in order as either
 * a buffer handle or a primitive array holding a value passed by value: {@code int[]} (one int or a struct of
 * ints), {@code long[1]}, {@code float[1]}, {@code double[1]} or {@code byte[1]}.
 *
 * <pre>{@code Backend b = new DeviceBackend(new Device("opencl", 0), clRuntime);}</pre>
 */
public abstract class DeviceRuntime {
    /** Folder of the shared kernel sources on the class path. */
    public static final String SOURCES = "/sabre/kernels/device/";

    final MemoryTracker tracker = new MemoryTracker();

    /** The device type this runtime serves ({@code opencl}, {@code cuda}); also the system-property prefix. */
    public abstract String type();

    /** The device's name as the driver reports it. */
    public abstract String deviceName();

    /** Whether FLOAT64 kernels run on the device; otherwise FLOAT64 ops run on the host. */
    public abstract boolean fp64();

    /** Bytes of global memory on the device. */
    public abstract long globalMemBytes();

    /** A new uninitialised buffer of {@code bytes} (at least 8), or null when device memory is exhausted. */
    protected abstract Object allocate(long bytes);

    /** Releases a buffer; work already queued on it completes first. */
    protected abstract void free(Object buffer);

    /** Blocking copy of {@code bytes} from the primitive array {@code host} into the start of {@code buffer}. */
    protected abstract void write(Object buffer, Object host, long bytes);

    /** Blocking copy of the first {@code bytes} of {@code buffer} into the primitive array {@code host}. */
    protected abstract void read(Object buffer, Object host, long bytes);

    /** Fills the first {@code bytes} of {@code buffer} with the one-element array {@code pattern} repeated. */
    protected abstract void fill(Object buffer, Object pattern, int patternBytes, long bytes);

    /**
     * Runs kernel {@code name} of program {@code file} built with {@code options} over {@code global} work-items in
     * work-groups of {@code local} (null: one-dimensional, the runtime picks; kernels bound-check their index).
     * Launches are ordered: a later launch, read or write sees the effects of an earlier one.
     */
    protected abstract void launch(String file, String options, String name, List<Object> args, long[] global,
                                   long[] local);

    /** The text of a shared kernel source ({@code file.cl}, or a prelude {@code file.h}). */
    public static String source(String fileName) {
        try (InputStream in = DeviceRuntime.class.getResourceAsStream(SOURCES + fileName)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + fileName + " missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A primitive array (host data or a by-value argument) as an array-backed NIO buffer at position 0, which
     * JOCL's and JCuda's {@code Pointer.toBuffer} both accept.
     */
    protected static Buffer hostBuffer(Object array) {
        if (array instanceof float[] f) {
            return FloatBuffer.wrap(f);
        }
        if (array instanceof double[] d) {
            return DoubleBuffer.wrap(d);
        }
        if (array instanceof int[] i) {
            return IntBuffer.wrap(i);
        }
        if (array instanceof long[] l) {
            return LongBuffer.wrap(l);
        }
        if (array instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        throw new IllegalArgumentException("not a primitive array: " + array);
    }

    /** Bytes of a primitive array (the size of a by-value argument). */
    public static long bytes(Object array) {
        Buffer b = hostBuffer(array);
        int element = b instanceof ByteBuffer ? 1 : (b instanceof IntBuffer || b instanceof FloatBuffer ? 4 : 8);
        return (long) element * b.capacity();
    }
}
