package sabre.kernels.device;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.spi.BackendProvider;
import sabre.tensor.spi.Backends;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Explicit release of device storage (package-private in kernels/device), exercised on the OpenCL runtime. */
class StorageReleaseTest {
    private DeviceBackend backend;

    @BeforeEach
    void device() {
        Device cl = Device.parse("opencl");
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.serves("opencl")).findFirst().orElseThrow();
        Assumptions.assumeTrue(provider.available(), () -> "no OpenCL: " + provider.unavailableReason());
        backend = (DeviceBackend) Backends.get(cl);
    }

    @Test
    void releaseIsImmediateAndIdempotent() {
        long before = backend.liveDeviceBytes();
        DevStorage s = DevStorage.allocate(backend, DType.FLOAT32, 1000);
        assertEquals(before + 4000, backend.liveDeviceBytes());
        s.release();
        s.release();
        assertEquals(before, backend.liveDeviceBytes());
    }
}
