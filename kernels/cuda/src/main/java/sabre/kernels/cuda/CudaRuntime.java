package sabre.kernels.cuda;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import sabre.kernels.device.DeviceRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CUDA device through the JCuda driver API: its primary context, device buffers ({@link CUdeviceptr}) and the
 * committed PTX modules (see {@link PtxVariants}), loaded with {@code cuModuleLoadData} on first use. Every call
 * runs on the legacy default stream, so launches, copies and fills are ordered; all of them are serialised on this
 * object, which first makes the context current on the calling thread (the cleaner's thread included).
 *
 * <pre>{@code Backend b = new DeviceBackend(new Device("cuda", 0), CudaRuntime.open(0));}</pre>
 */
final class CudaRuntime extends DeviceRuntime {
    /** Work-items per block for one-dimensional launches without a fixed group size. */
    private static final int BLOCK = 256;

    private final CUcontext context = new CUcontext();
    private final String deviceName;
    private final long globalMemBytes;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<String, CUfunction> functions = new HashMap<>();

    private CudaRuntime(CUdevice device, String deviceName, long globalMemBytes) {
        this.deviceName = deviceName;
        this.globalMemBytes = globalMemBytes;
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    }

    /**
     * Opens CUDA device {@code index}.
     *
     * @throws IllegalStateException when the driver fails or no such device exists
     */
    static CudaRuntime open(int index) {
        check(JCudaDriver.cuInit(0), "cuInit");
        int count = deviceCount();
        if (index >= count) {
            throw new IllegalStateException("CUDA device index " + index + " out of range: " + count + " device(s)");
        }
        CUdevice device = new CUdevice();
        check(JCudaDriver.cuDeviceGet(device, index), "cuDeviceGet");
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        long[] mem = new long[1];
        check(JCudaDriver.cuDeviceTotalMem(mem, device), "cuDeviceTotalMem");
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        return new CudaRuntime(device, new String(name, 0, len, StandardCharsets.US_ASCII), mem[0]);
    }

    /** Number of CUDA devices (after a successful {@code cuInit}). */
    static int deviceCount() {
        int[] n = new int[1];
        check(JCudaDriver.cuDeviceGetCount(n), "cuDeviceGetCount");
        return n[0];
    }

    /** Throws when a driver call did not return {@code CUDA_SUCCESS}. */
    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new IllegalStateException("cuda: " + call + " failed: " + CUresult.stringFor(result));
        }
    }

    @Override
    public String type() {
        return "cuda";
    }

    @Override
    public String deviceName() {
        return deviceName;
    }

    @Override
    public boolean fp64() {
        return true;
    }

    @Override
    public long globalMemBytes() {
        return globalMemBytes;
    }

    private void current() {
        check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    @Override
    protected synchronized Object allocate(long bytes) {
        current();
        CUdeviceptr p = new CUdeviceptr();
        int r = JCudaDriver.cuMemAlloc(p, Math.max(bytes, 8));
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            return null;
        }
        check(r, "cuMemAlloc(" + bytes + ")");
        return p;
    }

    @Override
    protected synchronized void free(Object buffer) {
        current();
        check(JCudaDriver.cuMemFree((CUdeviceptr) buffer), "cuMemFree");
    }

    @Override
    protected synchronized void write(Object buffer, Object host, long bytes) {
        current();
        check(JCudaDriver.cuMemcpyHtoD((CUdeviceptr) buffer, host(host), bytes), "cuMemcpyHtoD");
    }

    @Override
    protected synchronized void read(Object buffer, Object host, long bytes) {
        current();
        check(JCudaDriver.cuMemcpyDtoH(host(host), (CUdeviceptr) buffer, bytes), "cuMemcpyDtoH");
    }

    /** 1- and 4-byte patterns are plain memsets; an 8-byte one is two strided 32-bit memsets (low, high word). */
    @Override
    protected synchronized void fill(Object buffer, Object pattern, int patternBytes, long bytes) {
        current();
        CUdeviceptr p = (CUdeviceptr) buffer;
        if (pattern instanceof byte[] b) {
            check(JCudaDriver.cuMemsetD8(p, b[0], bytes), "cuMemsetD8");
        } else if (pattern instanceof float[] || pattern instanceof int[]) {
            int bits = pattern instanceof float[] f ? Float.floatToRawIntBits(f[0]) : ((int[]) pattern)[0];
            check(JCudaDriver.cuMemsetD32(p, bits, bytes / 4), "cuMemsetD32");
        } else {
            long bits = pattern instanceof double[] d ? Double.doubleToRawLongBits(d[0]) : ((long[]) pattern)[0];
            check(JCudaDriver.cuMemsetD2D32(p, 8, (int) bits, 1, bytes / 8), "cuMemsetD2D32");
            check(JCudaDriver.cuMemsetD2D32(p.withByteOffset(4), 8, (int) (bits >>> 32), 1, bytes / 8),
                    "cuMemsetD2D32");
        }
    }

    /**
     * Grid = global / local per axis (one-dimensional launches without a group size use blocks of {@value #BLOCK}
     * and a rounded-up grid: the kernels bound-check their index against n).
     */
    @Override
    protected synchronized void launch(String file, String options, String name, List<Object> args, long[] global,
                                       long[] local) {
        current();
        CUfunction f = function(file, options, name);
        int[] grid = {1, 1, 1};
        int[] block = {1, 1, 1};
        for (int d = 0; d < global.length; d++) {
            block[d] = local == null ? (int) Math.min(BLOCK, global[d]) : (int) local[d];
            grid[d] = Math.toIntExact((global[d] + block[d] - 1) / block[d]);
        }
        Pointer[] params = new Pointer[args.size()];
        for (int i = 0; i < params.length; i++) {
            Object a = args.get(i);
            params[i] = a instanceof CUdeviceptr p ? Pointer.to(p) : host(a);
        }
        check(JCudaDriver.cuLaunchKernel(f, grid[0], grid[1], grid[2], block[0], block[1], block[2], 0, null,
                Pointer.to(params), null), "launching " + name + " of " + file);
    }

    private CUfunction function(String file, String options, String name) {
        String key = file + '|' + options + '|' + name;
        CUfunction f = functions.get(key);
        if (f == null) {
            f = new CUfunction();
            check(JCudaDriver.cuModuleGetFunction(f, module(file, options), name), "cuModuleGetFunction " + name);
            functions.put(key, f);
        }
        return f;
    }

    /** The loaded module of {@code file} built with {@code options} (loaded on first use; tests load them all). */
    synchronized CUmodule module(String file, String options) {
        current();
        String resource = PtxVariants.resource(file, options);
        if (resource == null) {
            throw new IllegalStateException("cuda: no PTX for " + file + ".cl with '" + options + "': add the pair to "
                    + "PtxVariants and run kernels/cuda/build-ptx.sh");
        }
        CUmodule m = modules.get(resource);
        if (m == null) {
            m = new CUmodule();
            check(JCudaDriver.cuModuleLoadData(m, ptx(resource)), "cuModuleLoadData " + resource);
            modules.put(resource, m);
        }
        return m;
    }

    /** The committed PTX text, NUL-terminated as {@code cuModuleLoadData} expects. */
    private static byte[] ptx(String resource) {
        try (InputStream in = CudaRuntime.class.getResourceAsStream(PtxVariants.FOLDER + resource)) {
            if (in == null) {
                throw new IllegalStateException("cuda: " + resource + " missing from the class path");
            }
            byte[] text = in.readAllBytes();
            byte[] z = new byte[text.length + 1];
            System.arraycopy(text, 0, z, 0, text.length);
            return z;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pointer to a primitive array (host data or a by-value kernel argument). */
    private static Pointer host(Object array) {
        return Pointer.toBuffer(hostBuffer(array));
    }
}
