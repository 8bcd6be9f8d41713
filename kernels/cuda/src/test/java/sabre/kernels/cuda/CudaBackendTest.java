package sabre.kernels.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sabre.kernels.device.DeviceBackend;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA backend against the reference on a real device: every kernel program is loaded at least once (so a
 * PTX the driver refuses fails here), fills of all widths, Philox draws bit-identical, data-dependent errors, and
 * live-memory accounting. Each test skips, with the reason, where no CUDA device is present; the full op table
 * runs on {@code cuda} in {@code tests} (OpConformanceTest) on such a machine.
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

    private static Tensor randn(long seed, Device d, DType t, int... shape) {
        return Tensor.normal(new Generator(seed), d, t, 0, 1, shape);
    }

    /** max |a − e| ≤ tol·(1 + max |e|), with equal shapes (no NaN in these inputs). */
    private static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        Tensor e = expected.to(DType.FLOAT64);
        double err = maxAbs(e.sub(actual.to(Device.REFERENCE).to(DType.FLOAT64)));
        double scale = 1 + maxAbs(e);
        assertTrue(err <= tol * scale, what + ": max error " + err + " exceeds " + tol + " x " + scale);
    }

    private static double maxAbs(Tensor t) {
        return t.abs().reshape(t.numel()).amax(new int[] {0}, false).item();
    }

    @Test
    void fillsAndCopiesEveryWidth() {
        for (DType t : DType.values()) {
            Tensor full = Tensor.full(CUDA, t, -2.5, 3, 5, 7);
            double[] expected = Tensor.full(Device.REFERENCE, t, -2.5, 3, 5, 7).toDoubleArray();
            assertArrayEquals(expected, full.toDoubleArray(), "fill " + t);
            assertArrayEquals(expected,
                    full.transpose(0, 1).contiguous().transpose(0, 1).toDoubleArray(), "strided copy " + t);
        }
    }

    @Test
    void kernelsMatchTheReference() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = t == DType.FLOAT64 ? 1e-12 : 1e-5;
            Tensor a = randn(1, Device.REFERENCE, t, 3, 70, 90);
            Tensor b = randn(2, Device.REFERENCE, t, 3, 90, 50);
            assertClose("matmul " + t, a.matmul(b), a.to(CUDA).matmul(b.to(CUDA)), tol);
            Tensor x = randn(3, Device.REFERENCE, t, 2, 4, 9, 9);
            Tensor w = randn(4, Device.REFERENCE, t, 6, 2, 3, 3);
            Conv2dParams p = new Conv2dParams(2, 1, 1, 1, 1, 1, 2);
            assertClose("conv2d " + t, Functional.conv2d(x, w, null, p),
                    Functional.conv2d(x.to(CUDA), w.to(CUDA), null, p), tol);
            assertClose("softmax " + t, x.softmax(1), x.to(CUDA).softmax(1), tol);
            assertClose("sum " + t, x.sum(new int[] {0, 2}, false), x.to(CUDA).sum(new int[] {0, 2}, false), tol);
            assertClose("sort " + t, x.sort(3, true).values(), x.to(CUDA).sort(3, true).values(), 0);
            assertClose("exp " + t, x.exp(), x.to(CUDA).exp(), tol);
        }
    }

    @Test
    void philoxDrawsAreBitIdentical() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            assertArrayEquals(Tensor.uniform(new Generator(9), Device.REFERENCE, t, -3, 5, 1000).toDoubleArray(),
                    Tensor.uniform(new Generator(9), CUDA, t, -3, 5, 1000).toDoubleArray(), "uniform " + t);
        }
    }

    @Test
    void dataDependentErrorsAreRaised() {
        Tensor x = randn(7, CUDA, DType.FLOAT32, 2, 3);
        Tensor bad = Tensor.ofInts(new int[] {0, 3}, 2, 1).to(CUDA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.gather(1, bad));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void repeatedWorkDoesNotLeakDeviceMemory() {
        System.gc();
        long before = backend.liveDeviceBytes();
        for (int i = 0; i < 200; i++) {
            randn(i, CUDA, DType.FLOAT32, 64, 64).matmul(randn(i + 1, CUDA, DType.FLOAT32, 64, 64)).sum().item();
        }
        for (int i = 0; i < 20 && backend.liveDeviceBytes() > before; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        assertTrue(backend.liveDeviceBytes() <= before, "live device bytes grew from " + before + " to "
                + backend.liveDeviceBytes());
        assertEquals("cuda", backend.name());
    }
}
