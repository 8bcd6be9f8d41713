package sabre.kernels.opencl;

import org.junit.jupiter.api.Assumptions;
import sabre.kernels.device.DeviceBackend;
import sabre.tensor.Device;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared by the module's tests: the OpenCL device (tests skip where none is installed) and comparisons. */
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

    /** |a − e| ≤ tol·(1 + |e|) elementwise (NaN where NaN is expected), with equal shapes. */
    static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i]) : Math.abs(e[i] - a[i]) <= tol * (1 + Math.abs(e[i]));
            if (!ok) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
            }
        }
    }
}
