package sabre.kernels.cuda;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import sabre.kernels.device.DeviceProvider;
import sabre.kernels.device.DeviceRuntime;

/**
 * Registers the CUDA backend for device type {@code cuda}. When the JCuda native or {@code libcuda.so.1} cannot
 * load (no NVIDIA driver), {@code cuInit} fails or no device exists, it reports itself unavailable with the reason,
 * and asking for {@code cuda} then fails with an {@link IllegalArgumentException} naming it.
 *
 * <pre>{@code Tensor x = Tensor.zeros(Device.parse("cuda"), DType.FLOAT32, 2, 3);}</pre>
 */
public final class CudaProvider extends DeviceProvider {
    @Override
    protected String type() {
        return "cuda";
    }

    /** Loads the JCuda driver native (from jcuda-natives; it links libcuda.so.1), then asks the driver. */
    @Override
    protected String findDevice() {
        int r = JCudaDriver.cuInit(0);
        if (r != CUresult.CUDA_SUCCESS) {
            return "CUDA driver unusable: cuInit returned " + CUresult.stringFor(r);
        }
        return CudaRuntime.deviceCount() == 0 ? "no CUDA device found" : null;
    }

    @Override
    protected String loadHint() {
        return " (the NVIDIA driver's libcuda.so.1 is needed)";
    }

    @Override
    protected DeviceRuntime open(int index) {
        return CudaRuntime.open(index);
    }
}
