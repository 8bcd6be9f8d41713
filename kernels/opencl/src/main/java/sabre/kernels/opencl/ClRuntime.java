package sabre.kernels.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;
import sabre.kernels.device.DeviceRuntime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OpenCL device with its context and in-order command queue, and the cache of built programs and kernels:
 * each shared kernel source ({@code sabre/kernels/device/*.cl}) is compiled once per context for each set of build
 * options (the element types), behind {@code prelude-opencl.h} and {@code common.cl}, then reused. All kernel
 * launches are serialised on this object (kernel arguments are not thread-safe).
 *
 * <pre>{@code Backend b = new DeviceBackend(new Device("opencl", 0), ClRuntime.open(0));}</pre>
 */
final class ClRuntime extends DeviceRuntime {
    final cl_context context;
    final cl_command_queue queue;
    final cl_device_id device;
    private final String deviceName;
    /** True when the device supports {@code cl_khr_fp64}: FLOAT64 kernels then run on the device. */
    private final boolean fp64;
    private final long globalMemBytes;

    private final Map<String, cl_program> programs = new ConcurrentHashMap<>();
    private final Map<String, cl_kernel> kernels = new ConcurrentHashMap<>();
    /** Prepended to every program: the dialect's OpenCL macros, then the shared helpers. */
    private final String common = source("prelude-opencl.h") + "\n" + source("common.cl");

    // clCreateCommandQueue is deprecated since OpenCL 2.0 but is the call every 1.2+ platform has
    @SuppressWarnings("deprecation")
    private ClRuntime(cl_device_id device, String deviceName, boolean fp64, long globalMemBytes) {
        this.device = device;
        this.deviceName = deviceName;
        this.fp64 = fp64;
        this.globalMemBytes = globalMemBytes;
        this.context = CL.clCreateContext(null, 1, new cl_device_id[] {device}, null, null, null);
        this.queue = CL.clCreateCommandQueue(context, device, 0, null);
    }

    /**
     * Opens device {@code index} counted over all platforms in platform order.
     *
     * @throws IllegalStateException when no OpenCL platform or no such device exists
     */
    static ClRuntime open(int index) {
        return open(index, !Boolean.getBoolean("sabre.opencl.nofp64"));
    }

    /** As {@link #open(int)}, using cl_khr_fp64 only when {@code allowFp64} (false simulates a device without it). */
    static ClRuntime open(int index, boolean allowFp64) {
        CL.setExceptionsEnabled(true);
        List<cl_device_id> all = devices();
        if (index >= all.size()) {
            throw new IllegalStateException(all.isEmpty() ? "no OpenCL device found (is an ICD such as pocl-opencl-icd "
                    + "installed?)" : "OpenCL device index " + index + " out of range: " + all.size() + " device(s)");
        }
        cl_device_id d = all.get(index);
        String extensions = infoString(d, CL.CL_DEVICE_EXTENSIONS);
        long[] mem = new long[1];
        CL.clGetDeviceInfo(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE, Sizeof.cl_ulong, Pointer.to(mem), null);
        return new ClRuntime(d, infoString(d, CL.CL_DEVICE_NAME), allowFp64 && extensions.contains("cl_khr_fp64"),
                mem[0]);
    }

    /** Every device of every platform, in platform order (empty when no platform is installed). */
    static List<cl_device_id> devices() {
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        try {
            CL.clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            return List.of(); // CL_PLATFORM_NOT_FOUND_KHR: the ICD loader found no platform
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        List<cl_device_id> out = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            int[] n = new int[1];
            try {
                CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, 0, null, n);
            } catch (CLException e) {
                continue; // CL_DEVICE_NOT_FOUND on this platform
            }
            cl_device_id[] ds = new cl_device_id[n[0]];
            CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, ds.length, ds, null);
            out.addAll(List.of(ds));
        }
        return out;
    }

    private static String infoString(cl_device_id d, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1), StandardCharsets.US_ASCII);
    }

    /** The kernel {@code name} of program {@code file} built with {@code options}; built on first use. */
    cl_kernel kernel(String file, String options, String name) {
        String key = file + '|' + options + '|' + name;
        cl_kernel k = kernels.get(key);
        if (k == null) {
            synchronized (this) {
                k = kernels.computeIfAbsent(key, x -> CL.clCreateKernel(program(file, options), name, null));
            }
        }
        return k;
    }

    private cl_program program(String file, String options) {
        return programs.computeIfAbsent(file + '|' + options, key -> {
            String src = common + "\n" + source(file + ".cl");
            cl_program p = CL.clCreateProgramWithSource(context, 1, new String[] {src}, null, null);
            String opts = options + (fp64 ? " -DHAS_FP64=1" : "");
            try {
                CL.clBuildProgram(p, 0, null, opts, null, null);
            } catch (CLException e) {
                throw new IllegalStateException("opencl: building " + file + ".cl with '" + opts + "' failed:\n"
                        + buildLog(p), e);
            }
            return p;
        });
    }

    private String buildLog(cl_program p) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(p, device, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(p, device, CL.CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        return new String(buf, StandardCharsets.UTF_8);
    }

    @Override
    public String type() {
        return "opencl";
    }

    @Override
    public String deviceName() {
        return deviceName;
    }

    @Override
    public boolean fp64() {
        return fp64;
    }

    @Override
    public long globalMemBytes() {
        return globalMemBytes;
    }

    /** A new uninitialised buffer (OpenCL refuses empty ones), or null when the device is out of memory. */
    @Override
    protected Object allocate(long bytes) {
        try {
            return CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, Math.max(bytes, 8), null, null);
        } catch (CLException e) {
            if (e.getStatus() == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || e.getStatus() == CL.CL_OUT_OF_RESOURCES
                    || e.getStatus() == CL.CL_OUT_OF_HOST_MEMORY || e.getStatus() == CL.CL_INVALID_BUFFER_SIZE) {
                return null;
            }
            throw e;
        }
    }

    @Override
    protected void free(Object buffer) {
        CL.clReleaseMemObject((cl_mem) buffer); // OpenCL defers the free until queued commands complete
    }

    @Override
    protected void write(Object buffer, Object host, long bytes) {
        CL.clEnqueueWriteBuffer(queue, (cl_mem) buffer, true, 0, bytes, host(host), 0, null, null);
    }

    @Override
    protected void read(Object buffer, Object host, long bytes) {
        CL.clEnqueueReadBuffer(queue, (cl_mem) buffer, true, 0, bytes, host(host), 0, null, null);
    }

    @Override
    protected void fill(Object buffer, Object pattern, int patternBytes, long bytes) {
        CL.clEnqueueFillBuffer(queue, (cl_mem) buffer, host(pattern), patternBytes, 0, bytes, 0, null, null);
    }

    @Override
    protected void launch(String file, String options, String name, List<Object> args, long[] global,
                          long[] local) {
        cl_kernel k = kernel(file, options, name);
        synchronized (this) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof cl_mem m) {
                    CL.clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
                } else {
                    CL.clSetKernelArg(k, i, bytes(a), host(a));
                }
            }
            CL.clEnqueueNDRangeKernel(queue, k, global.length, null, global, local, 0, null, null);
        }
    }

    /** A pointer to a primitive array (host data or a by-value kernel argument). */
    private static Pointer host(Object array) {
        return Pointer.toBuffer(hostBuffer(array));
    }
}
