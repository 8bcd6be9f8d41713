package sabre.tests.devices;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.Pool2dParams;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.Backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On every GPU device (opencl, cuda): sizes beyond the op table's samples (several GEMM tiles, image chunks, long sort lines) against the reference,
 * the Philox draws bit for bit, and data-dependent errors raised from kernels.
 */
@ParameterizedClass
@MethodSource("sabre.tests.devices.GpuDevices#devices")
class KernelAccuracyTest {
    @Parameter
    Device device;
    @BeforeEach
    void device() {
        GpuDevices.skipPlaceholder(device);
    }

    private static Tensor randn(long seed, Device d, int... shape) {
        return Tensor.normal(new Generator(seed), d, DType.FLOAT32, 0, 1, shape);
    }

    @Test
    void batchedTransposedGemmSpanningSeveralTiles() {
        Tensor a = randn(1, Device.REFERENCE, 3, 90, 130).transpose(1, 2); // [3, 130, 90], transposed view
        Tensor b = randn(2, Device.REFERENCE, 3, 90, 70);
        Tensor expected = a.matmul(b);
        Tensor actual = randn(1, device, 3, 90, 130).transpose(1, 2).matmul(randn(2, device, 3, 90,
                70));
        GpuDevices.assertClose("matmul [3,130,90]x[3,90,70]", expected, actual, 1e-5);
    }

    @Test
    void moreBatchesThanOneLaunchTakes() { // CUDA's grid z limit splits the batches into several launches
        int batches = 65535 + 3;
        Tensor a = randn(10, Device.REFERENCE, batches, 1, 2);
        Tensor b = randn(11, Device.REFERENCE, batches, 2, 1);
        GpuDevices.assertClose("matmul of " + batches + " batches", a.matmul(b),
                randn(10, device, batches, 1, 2).matmul(randn(11, device, batches, 2, 1)), 1e-5);
    }

    @Test
    void broadcastAndHighRankBatches() {
        for (int[][] shapes : new int[][][] {{{2, 1, 5, 4}, {1, 3, 4, 6}}, {{2, 3, 2, 5, 4}, {2, 3, 2, 4, 6}}}) {
            Tensor a = randn(8, Device.REFERENCE, shapes[0]);
            Tensor b = randn(9, Device.REFERENCE, shapes[1]);
            GpuDevices.assertClose("matmul rank " + shapes[0].length, a.matmul(b),
                    randn(8, device, shapes[0]).matmul(randn(9, device, shapes[1])), 1e-5);
        }
    }

    @Test
    void groupedStridedDilatedConvAndGradients() {
        Conv2dParams p = new Conv2dParams(2, 1, 1, 2, 2, 1, 2);
        int[] xs = {3, 4, 13, 11};
        int[] ws = {6, 2, 3, 3};
        Tensor x = randn(3, Device.REFERENCE, xs);
        Tensor w = randn(4, Device.REFERENCE, ws);
        Tensor y = Functional.conv2d(x, w, null, p);
        Tensor xc = randn(3, device, xs);
        Tensor wc = randn(4, device, ws);
        Tensor yc = Functional.conv2d(xc, wc, null, p);
        GpuDevices.assertClose("conv2d", y, yc, 1e-5);
        Tensor g = randn(5, Device.REFERENCE, y.shape());
        Tensor gc = randn(5, device, y.shape());
        GpuDevices.assertClose("conv2d input grad", Functional.conv2dInputGrad(g, w, xs, p),
                Functional.conv2dInputGrad(gc, wc, xs, p), 1e-5);
        GpuDevices.assertClose("conv2d weight grad", Functional.conv2dWeightGrad(g, x, ws, p),
                Functional.conv2dWeightGrad(gc, xc, ws, p), 1e-5);
    }

    @Test
    void longSortLinesMatchTheReference() {
        Tensor x = randn(6, Device.REFERENCE, 3, 1000).floor(); // many ties: stability matters
        Tensor xc = randn(6, device, 3, 1000).floor();
        assertArrayEquals(x.argsort(1, true).toIntArray(), xc.argsort(1, true).toIntArray());
        assertArrayEquals(x.topk(17, 1, false, true).indices().toIntArray(),
                xc.topk(17, 1, false, true).indices().toIntArray());
    }

    /**
     * Uniform, randint and bernoulli are bit-identical to the reference; normal uses the same bits and formula, and
     * the device's double log/cos agree with Java's to the last ulp or two (so FLOAT32 normals round identically).
     */
    @Test
    void philoxDrawsMatchTheReference() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            assertArrayEquals(Tensor.uniform(new Generator(9), Device.REFERENCE, t, -3, 5, 1000).toDoubleArray(),
                    Tensor.uniform(new Generator(9), device, t, -3, 5, 1000).toDoubleArray(), "uniform " + t);
        }
        assertArrayEquals(Tensor.normal(new Generator(9), Device.REFERENCE, DType.FLOAT32, 1, 2, 1000).toDoubleArray(),
                Tensor.normal(new Generator(9), device, DType.FLOAT32, 1, 2, 1000).toDoubleArray());
        GpuDevices.assertClose("normal FLOAT64", Tensor.normal(new Generator(9), Device.REFERENCE, DType.FLOAT64, 1,
                2, 1000), Tensor.normal(new Generator(9), device, DType.FLOAT64, 1, 2, 1000), 1e-15);
        Backend ref = Backends.get(Device.REFERENCE);
        Backend cl = Backends.get(device);
        int[] shape = {1000};
        assertArrayEquals(ref.random().randint(shape, -7, 1 << 30, 3, 11).toIntArray(),
                cl.random().randint(shape, -7, 1 << 30, 3, 11).toIntArray());
        assertArrayEquals(ref.random().bernoulli(shape, DType.BOOL, 0.3, 3, 11).toIntArray(),
                cl.random().bernoulli(shape, DType.BOOL, 0.3, 3, 11).toIntArray());
    }

    @Test
    void kernelsRaiseDataDependentErrorsNamingTheOp() {
        Tensor x = randn(7, device, 2, 3);
        Tensor bad = Tensor.ofInts(new int[] {0, 3}, 2, 1).to(device);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.gather(1, bad));
        assertTrue(e.getMessage().startsWith("gather:"), e.getMessage());
        Tensor target = Tensor.ofInts(new int[] {0, 5}, 2).to(device);
        e = assertThrows(IllegalArgumentException.class, () -> Functional.crossEntropy(x, target, 0));
        assertTrue(e.getMessage().startsWith("cross_entropy:"), e.getMessage());
        Tensor ints = Tensor.ofInts(new int[] {2, 3}, 2).to(device);
        Tensor negative = Tensor.ofInts(new int[] {1, -1}, 2).to(device);
        e = assertThrows(IllegalArgumentException.class, () -> ints.pow(negative));
        assertTrue(e.getMessage().startsWith("pow:"), e.getMessage());
        // dilation 3 with padding 1 over 2 rows: the only window reads rows −1 and 2, both padding
        Pool2dParams p = new Pool2dParams(2, 2, 1, 1, 1, 1, 3, 3, false);
        e = assertThrows(IllegalArgumentException.class,
                () -> Functional.maxPool2d(randn(8, device, 1, 1, 2, 2), p));
        assertTrue(e.getMessage().startsWith("max_pool2d:"), e.getMessage());
    }
}
