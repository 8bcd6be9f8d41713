package sabre.kernels.cuda;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import sabre.kernels.device.DeviceBackend;
import sabre.tensor.Device;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.BackendProvider;

/**
 * Registers the CUDA backend for device type {@code cuda} (its own type: it never replaces {@code cpu}). When the
 * JCuda native or {@code libcuda.so.1} cannot load, {@code cuInit} fails or no device exists, it reports itself
 * unavailable with the reason, and asking for {@code cuda} then fails with an {@link IllegalArgumentException}
 * naming it.
 *
 * <pre>{@code Tensor x = Tensor.zeros(Device.parse("cuda"), DType.FLOAT32, 2, 3);}</pre>
 */
public final class CudaProvider implements BackendProvider {
    /** Null when a CUDA device was found, else why not (probed once, on first use). */
    private static volatile String absence;
    private static volatile boolean probed;

    @Override
    public boolean serves(String deviceType) {
        return deviceType.equals("cuda");
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean available() {
        return reason() == null;
    }

    @Override
    public String unavailableReason() {
        String r = reason();
        return r == null ? "" : r;
    }

    private static String reason() {
        if (!probed) {
            synchronized (CudaProvider.class) {
                if (!probed) {
                    absence = probe();
                    probed = true;
                }
            }
        }
        return absence;
    }

    private static String probe() {
        try {
            // loads the JCuda driver native (from jcuda-natives), which links libcuda.so.1, then asks the driver
            int r = JCudaDriver.cuInit(0);
            if (r != CUresult.CUDA_SUCCESS) {
                return "CUDA driver unusable: cuInit returned " + CUresult.stringFor(r);
            }
            return CudaRuntime.deviceCount() == 0 ? "no CUDA device found" : null;
        } catch (LinkageError | RuntimeException e) {
            String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return "CUDA unusable, is the NVIDIA driver (libcuda.so.1) installed? " + e.getClass().getSimpleName() + ": "
                    + detail;
        }
    }

    @Override
    public Backend create(Device device) {
        try {
            return new DeviceBackend(device, CudaRuntime.open(device.index()));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("device " + device + ": " + e.getMessage(), e);
        }
    }
}
