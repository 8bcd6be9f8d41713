/**
 * The CUDA backend (found through {@link sabre.kernels.cuda.CudaProvider}): serves device type {@code cuda}
 * ({@code cuda:0} first) through the JCuda 12.6 driver API, which needs only {@code libcuda.so.1} and so runs on
 * CUDA 12 and 13 drivers alike (JCuda's NVRTC and cuBLAS would need CUDA 12 libraries and are not used). Where no
 * driver or device exists the provider reports itself unavailable and {@code cuda} is refused with the reason.
 * Select it with {@code --device cuda}, {@code -Dsabre.device=cuda} or {@code SABRE_DEVICE=cuda}.
 *
 * <p>The op families and kernels are {@link sabre.kernels.device}'s, shared with OpenCL; this package holds the
 * runtime ({@code CudaRuntime}: primary context, {@code CUdeviceptr} buffers, ordered launches on the default
 * stream) and the list of compiled variants ({@link sabre.kernels.cuda.PtxVariants}). Kernels are committed PTX for
 * sm_90 (resources {@code sabre/kernels/cuda/ptx/}, made by {@code kernels/cuda/build-ptx.sh} with nvcc and loaded
 * with {@code cuModuleLoadData}; the driver JIT-compiles it for newer GPUs). {@code PtxFreshnessTest} fails when a
 * kernel source changed without rebuilding the PTX; {@code PtxAssemblesTest} runs {@code ptxas -arch=sm_90} on it
 * where ptxas is installed. {@code -Dsabre.cuda.gcBytes=N} sets the live size past which unreachable tensors are
 * collected.
 *
 * <pre>{@code
 * Tensor x = Tensor.normal(new Generator(1), Device.parse("cuda"), DType.FLOAT32, 0, 1, 8, 3, 32, 32);
 * }</pre>
 */
package sabre.kernels.cuda;
