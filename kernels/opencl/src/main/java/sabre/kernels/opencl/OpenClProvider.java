package sabre.kernels.opencl;

import sabre.kernels.device.DeviceBackend;
import sabre.tensor.Device;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.BackendProvider;

/**
 * Registers the OpenCL backend for device type {@code opencl} (its own type: it never replaces {@code cpu}). When
 * the JOCL native cannot load or no OpenCL platform/device exists it reports itself unavailable with the reason,
 * and asking for {@code opencl} then fails with an {@link IllegalArgumentException} naming it.
 *
 * <pre>{@code Tensor x = Tensor.zeros(Device.parse("opencl"), DType.FLOAT32, 2, 3);}</pre>
 */
public final class OpenClProvider implements BackendProvider {
    /** Null when an OpenCL device was found, else why not (probed once, on first use). */
    private static volatile String absence;
    private static volatile boolean probed;

    @Override
    public boolean serves(String deviceType) {
        return deviceType.equals("opencl");
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
            synchronized (OpenClProvider.class) {
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
            // loads the JOCL native (bundled in its jar) and the ICD loader, then lists the devices
            return ClRuntime.devices().isEmpty() ? "no OpenCL platform or device found" : null;
        } catch (LinkageError | RuntimeException e) {
            return "OpenCL unusable: " + e;
        }
    }

    @Override
    public Backend create(Device device) {
        try {
            return new DeviceBackend(device, ClRuntime.open(device.index()));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("device " + device + ": " + e.getMessage(), e);
        }
    }
}
