package sabre.kernels.opencl;

import sabre.kernels.device.DeviceProvider;
import sabre.kernels.device.DeviceRuntime;

/**
 * Registers the OpenCL backend for device type {@code opencl}. When the JOCL native cannot load or no OpenCL
 * platform/device exists it reports itself unavailable with the reason, and asking for {@code opencl} then fails
 * with an {@link IllegalArgumentException} naming it.
 *
 * <pre>{@code Tensor x = Tensor.zeros(Device.parse("opencl"), DType.FLOAT32, 2, 3);}</pre>
 */
public final class OpenClProvider extends DeviceProvider {
    @Override
    protected String type() {
        return "opencl";
    }

    /** Loads the JOCL native (bundled in its jar) and the ICD loader, then lists the devices. */
    @Override
    protected String findDevice() {
        return ClRuntime.devices().isEmpty() ? "no OpenCL platform or device found" : null;
    }

    @Override
    protected DeviceRuntime open(int index) {
        return ClRuntime.open(index);
    }
}
