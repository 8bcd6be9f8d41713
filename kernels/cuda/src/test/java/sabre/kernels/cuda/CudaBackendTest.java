package sabre.kernels.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sabre.kernels.device.DeviceBackend;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What is particular to CUDA, on a real device: the driver accepts every committed PTX module, fills of 1-, 4- and
 * 8-byte patterns (the last as two strided 32-bit memsets) and strided copies are exact. Each test skips, with the
 * reason, where no CUDA device is present. The kernels themselves are checked against the reference on cuda by
 * the op table (tests: OpConformanceTest, OpErrorTest) and by tests/sabre.tests.devices (larger geometries,
 * Philox bit for bit, kernel-raised errors, live device memory).
 */
class CudaBackendTest {
    private static final Device CUDA = Device.parse("cuda");
    private DeviceBackend backend;

    @BeforeEach
    void device() {
        CudaProvider provider = new CudaProvider();
        Assumptions.assumeTrue(provider.available(), () -> "no CUDA: " + provider.unavailableReason());
        backend = (DeviceBackend) Backends.get(CUDA);
    }

    @Test
    void theDriverLoadsEveryPtxModule() {
        CudaRuntime rt = CudaRuntime.open(0);
        for (String line : PtxVariants.lines()) {
            String[] f = line.split("\t");
            assertDoesNotThrow(() -> rt.module(f[1], f[2]), f[0]);
        }
    }

    @Test
    void fillsAndCopiesEveryWidth() {
        for (DType t : DType.values()) {
            Tensor full = Tensor.full(CUDA, t, -2.5, 3, 5, 7);
            double[] expected = Tensor.full(Device.REFERENCE, t, -2.5, 3, 5, 7).toDoubleArray();
            assertArrayEquals(expected, full.toDoubleArray(), "fill " + t);
            assertArrayEquals(expected, full.transpose(0, 1).contiguous().transpose(0, 1).toDoubleArray(),
                    "strided copy " + t);
        }
        assertEquals("cuda", backend.name());
    }
}
