package sabre.tests.devices;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.kernels.device.DeviceBackend;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device buffers are released on every GPU device: repeated training-like steps do not grow live device memory. */
@ParameterizedClass
@MethodSource("sabre.tests.devices.GpuDevices#devices")
class DeviceMemoryTest {
    @Parameter
    Device device;
    private DeviceBackend backend;

    @BeforeEach
    void device() {
        backend = GpuDevices.skipPlaceholder(device);
    }

    /** One small forward/backward-like step whose tensors all become garbage; returns a scalar read on the host. */
    private double step(Generator g, Tensor w) {
        Tensor x = Tensor.normal(g, device, DType.FLOAT32, 0, 1, 4, 3, 8, 8);
        Conv2dParams p = Conv2dParams.of(1, 1);
        Tensor y = Functional.conv2d(x, w, null, p).relu();
        Tensor logits = y.mean(new int[] {2, 3}, false);
        Tensor loss = Functional.crossEntropy(logits, Tensor.ofInts(new int[] {0, 1, 2, 3}, 4).to(device), 0);
        Tensor gw = Functional.conv2dWeightGrad(y, x, w.shape(), p);
        Tensor gx = Functional.conv2dInputGrad(y, w, x.shape(), p);
        return loss.sum().toDoubleArray()[0] + gw.sum().toDoubleArray()[0] + gx.sum().toDoubleArray()[0];
    }

    /** Live bytes once the cleaner has caught up (garbage-collects until the count stops falling). */
    private long settledLiveBytes() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            System.gc();
            Thread.sleep(20);
            long now = backend.liveDeviceBytes();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    @Test
    void thousandStepsDoNotGrowLiveDeviceMemory() throws InterruptedException {
        Generator g = new Generator(5);
        Tensor w = Tensor.normal(g, device, DType.FLOAT32, 0, 0.1, 4, 3, 3, 3);
        for (int i = 0; i < 10; i++) {
            step(g, w);
        }
        long before = settledLiveBytes();
        long peak = 0;
        for (int i = 0; i < 1000; i++) {
            step(g, w);
            peak = Math.max(peak, backend.liveDeviceBytes());
        }
        long after = settledLiveBytes();
        System.out.printf("%s live device bytes: %d before, %d after 1000 steps (peak %d)%n", device, before, after,
                peak);
        assertTrue(after <= before, "live device memory grew from " + before + " to " + after + " bytes");
    }
}
