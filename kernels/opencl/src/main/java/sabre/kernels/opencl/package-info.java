/**
 * The OpenCL backend ({@link sabre.kernels.opencl.OpenClBackend}, found through
 * {@link sabre.kernels.opencl.OpenClProvider}): serves device type {@code opencl} (index = device number over all
 * platforms, {@code opencl:0} first) through JOCL. It is a device type of its own and never replaces {@code cpu};
 * where no OpenCL platform is installed the provider reports itself unavailable and {@code opencl} is refused
 * with the reason. Select it with {@code --device opencl}, {@code -Dsabre.device=opencl} or
 * {@code SABRE_DEVICE=opencl}.
 *
 * <p>Memory: tensors live in device buffers ({@code cl_mem}); host data moves only through the
 * {@link sabre.tensor.spi.MemoryOps} calls. Internal temporaries are released as soon as a kernel sequence has
 * been enqueued; buffers behind user tensors are released by a {@link java.lang.ref.Cleaner} when the tensor is
 * unreachable, and past {@code sabre.opencl.gcBytes} live bytes the backend requests a collection. Live bytes are
 * tracked ({@link sabre.kernels.opencl.OpenClBackend#liveDeviceBytes()}).
 *
 * <p>Kernels are OpenCL C resources ({@code sabre/kernels/opencl/*.cl}), compiled once per context and element
 * type and cached. On the device, for FLOAT32, INT32/BOOL where the SPI allows them, and FLOAT64:
 * <ul>
 *   <li>memory: fill, strided copy, casts; elementwise: unary, clamp, binary, compare, where — strided and
 *       broadcast (stride-0) operands read in place;</li>
 *   <li>reductions: sum/mean/amax/amin, argmax/argmin, variance, p-norms (one work-group tree per output);</li>
 *   <li>linalg: batched, strided (transposes in place) SGEMM/DGEMM with 64×64 local-memory tiles and 4×4
 *       register blocks;</li>
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
 * <p>Host fallback — the only one: on a device without {@code cl_khr_fp64}, FLOAT64 buffers still live on the
 * device (copies move their bits), but every op family call involving FLOAT64 copies its operands to the host, runs
 * the reference family and copies the results back ({@code HostFallback}); casts to and from FLOAT64 convert on the
 * host. FLOAT32 kernels then compute Philox uniforms and normals in float. PoCL and most GPUs have fp64, so
 * nothing falls back there. Views and index kernels handle up to 8 (merged) dimensions.
 *
 * <pre>{@code
 * Tensor x = Tensor.normal(new Generator(1), Device.parse("opencl"), DType.FLOAT32, 0, 1, 8, 3, 32, 32);
 * }</pre>
 */
package sabre.kernels.opencl;
