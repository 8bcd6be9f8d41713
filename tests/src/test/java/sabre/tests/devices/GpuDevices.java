package sabre.tests.devices;

import org.junit.jupiter.api.Assumptions;
import sabre.kernels.device.DeviceBackend;
import sabre.tensor.Device;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backends;
import sabre.tests.ops.TestDevices;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The GPU devices installed here — those served by kernels/device (opencl, cuda) — for the kernel tests of this
 * package, which are {@code @ParameterizedClass}es over {@link #devices()}. Where none is installed the list holds
 * the reference device as a placeholder, which {@link #skipPlaceholder} turns into counted skips.
 *
 * <pre>{@code @ParameterizedClass @MethodSource("sabre.tests.devices.GpuDevices#devices") class MyTest { ... }}</pre>
 */
public final class GpuDevices {
    private GpuDevices() {
    }

    /** GPU devices, or just {@link Device#REFERENCE} as a placeholder when there is none. */
    public static List<Device> devices() {
        List<Device> gpus = TestDevices.nonReference().stream()
                .filter(d -> Backends.get(d) instanceof DeviceBackend).toList();
        return gpus.isEmpty() ? List.of(Device.REFERENCE) : gpus;
    }

    /** Skips the calling test (counted) when {@code device} is the placeholder; returns its backend otherwise. */
    public static DeviceBackend skipPlaceholder(Device device) {
        Assumptions.assumeFalse(device.equals(Device.REFERENCE), "no GPU device (opencl, cuda) is installed here");
        return (DeviceBackend) Backends.get(device);
    }

    /** |a − e| ≤ tol·(1 + |e|) elementwise (NaN where NaN is expected), with equal shapes. */
    public static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
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
