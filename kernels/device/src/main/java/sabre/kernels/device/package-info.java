/**
 * What the GPU backends share ({@link sabre.kernels.device.DeviceBackend} over a
 * {@link sabre.kernels.device.DeviceRuntime}): kernels/opencl and kernels/cuda each supply only a runtime (device,
 * buffers, transfers, launches) and a provider; the op families, the launch geometry and the kernels are the same.
 *
 * <p>Memory: tensors live in device buffers ({@code cl_mem}, {@code CUdeviceptr}); host data moves only through
 * the {@link sabre.tensor.spi.MemoryOps} calls. Internal temporaries are released as soon as a kernel sequence has
 * been enqueued; buffers behind user tensors are released by a {@link java.lang.ref.Cleaner} when the tensor is
 * unreachable, and past {@code sabre.<type>.gcBytes} live bytes the backend requests a collection. Live bytes are
 * tracked ({@link sabre.kernels.device.DeviceBackend#liveDeviceBytes()}).
 *
 * <p>Kernels: resources {@code sabre/kernels/device/*.cl}, written once in a small dialect of OpenCL C — the macros
 * {@code KERNEL}, {@code WORKGROUP}, {@code INLINE}, {@code GLOBAL}, {@code LOCAL}, {@code LOCAL_PTR},
 * {@code BARRIER()}, {@code GLOBAL_ID(d)}, {@code LOCAL_ID(d)}, {@code GROUP_ID(d)}, {@code ATOMIC_CAS},
 * {@code MUL_HI}, {@code UINT4}, {@code INT_SAT_RTZ} — defined by {@code prelude-opencl.h} (OpenCL, compiled at run
 * time per element type) and {@code prelude-cuda.h} (CUDA C++, compiled to PTX ahead of time). Element types come
 * as build options ({@code Types}). On the device, for FLOAT32, INT32/BOOL where the SPI allows them, and FLOAT64:
 * <ul>
 *   <li>memory: fill, strided copy, casts; elementwise: unary, clamp, binary, compare, where — strided and
 *       broadcast (stride-0) operands read in place;</li>
 *   <li>reductions: sum/mean/amax/amin, argmax/argmin, variance, p-norms (one work-group tree per output);</li>
 *   <li>linalg: batched, strided (transposes in place) GEMM with 64×64 local-memory tiles and 4×4 register
 *       blocks;</li>
 *   <li>conv2d, its input and weight gradients: chunked im2col + batched GEMM over groups × images, col2im as a
 *       deterministic gather (any stride, padding, dilation, groups);</li>
 *   <li>pooling: max pool and its backward; average and adaptive average pool (and backward) as separable tap maps;
 *       layout: cat, pad (constant/reflect/replicate) and nearest/bilinear resizing, with backward as transposed
 *       tap maps;</li>
 *   <li>batch norm (training, eval, backward); softmax, log-softmax, fused cross-entropy;</li>
 *   <li>index: gather, scatter-add, index-select, one-hot, sort and top-k (stable merge sort);</li>
 *   <li>random: Philox 4×32-10 per element — uniform, randint and bernoulli bit-identical to the reference; normal
 *       from the same bits and formula (the device's double log/cos may differ from Java's in the last ulp).</li>
 * </ul>
 *
 * <p>Host fallback — the only one: on a device without FLOAT64 (an OpenCL device without {@code cl_khr_fp64}),
 * FLOAT64 buffers still live on the device (copies move their bits), but every op family call involving FLOAT64
 * copies its operands to the host, runs the reference family and copies the results back ({@code HostFallback});
 * casts to and from FLOAT64 convert on the host. FLOAT32 kernels then compute Philox uniforms and normals in float.
 * PoCL, most OpenCL GPUs and every CUDA device have fp64, so nothing falls back there. Views and index kernels
 * handle up to 8 (merged) dimensions.
 *
 * <pre>{@code
 * Tensor x = Tensor.normal(new Generator(1), Device.parse("opencl"), DType.FLOAT32, 0, 1, 8, 3, 32, 32);
 * }</pre>
 */
package sabre.kernels.device;
