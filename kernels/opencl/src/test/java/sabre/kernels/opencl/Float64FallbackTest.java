package sabre.kernels.opencl;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sabre.kernels.device.DeviceBackend;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** On a device without cl_khr_fp64 (simulated), FLOAT64 ops run on the host and FLOAT32 ops stay on the device. */
class Float64FallbackTest {
    private Backend noFp64;

    @BeforeEach
    void device() {
        OpenClFixture.backendOrSkip();
        noFp64 = new DeviceBackend(new Device("opencl", 0), ClRuntime.open(0, false));
    }

    private Tensor upload(Tensor host) {
        return ((DeviceBackend) noFp64).memory().upload(host);
    }

    @Test
    void float64ResultsEqualTheReference() {
        assertFalse(((DeviceBackend) noFp64).fp64());
        Tensor x = Tensor.normal(new Generator(1), Device.REFERENCE, DType.FLOAT64, 0, 1, 2, 3, 6, 5);
        Tensor w = Tensor.normal(new Generator(2), Device.REFERENCE, DType.FLOAT64, 0, 1, 4, 3, 3, 3);
        Conv2dParams p = Conv2dParams.of(1, 1);
        Tensor y = Functional.conv2d(upload(x), upload(w), null, p).transpose(0, 1).exp().sum(new int[] {1}, false);
        assertArrayEquals(Functional.conv2d(x, w, null, p).transpose(0, 1).exp().sum(new int[] {1}, false)
                .toDoubleArray(), y.toDoubleArray());
        Tensor f = upload(x.to(DType.FLOAT32));
        assertArrayEquals(x.to(DType.FLOAT32).relu().toFloatArray(), f.relu().toFloatArray());
        assertArrayEquals(x.to(DType.INT32).toIntArray(), upload(x).to(DType.INT32).toIntArray());
    }

    @Test
    void float32PhiloxDrawsWithoutFp64StayClose() {
        // without fp64 the kernels compute the uniform and Box–Muller arithmetic in float
        // absolute tolerances: uniforms lie in [-2, 3), these 500 normals within ±4
        assertArrayEquals(Tensor.uniform(new Generator(5), Device.REFERENCE, DType.FLOAT32, -2, 3, 500).toDoubleArray(),
                noFp64.random().uniform(new int[] {500}, DType.FLOAT32, -2, 3, 5, 0).toDoubleArray(), 4e-6, "uniform");
        assertArrayEquals(Tensor.normal(new Generator(5), Device.REFERENCE, DType.FLOAT32, 0, 1, 500).toDoubleArray(),
                noFp64.random().normal(new int[] {500}, DType.FLOAT32, 0, 1, 5, 0).toDoubleArray(), 5e-4, "normal");
    }
}
