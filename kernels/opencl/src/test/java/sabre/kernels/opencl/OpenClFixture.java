package sabre.kernels.opencl;

import org.junit.jupiter.api.Assumptions;
import sabre.kernels.device.DeviceBackend;
import sabre.tensor.Device;
import sabre.tensor.spi.Backends;

/** Shared by the module's tests: the OpenCL device (tests skip where none is installed). */
final class OpenClFixture {
    static final Device CL = Device.parse("opencl");

    private OpenClFixture() {
    }

    /** Skips the calling test (counted as skipped) when no OpenCL platform is installed. */
    static DeviceBackend backendOrSkip() {
        OpenClProvider provider = new OpenClProvider();
        Assumptions.assumeTrue(provider.available(), () -> "no OpenCL: " + provider.unavailableReason());
        return (DeviceBackend) Backends.get(CL);
    }
}
