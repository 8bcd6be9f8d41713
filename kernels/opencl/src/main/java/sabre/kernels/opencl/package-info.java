/**
 * The OpenCL backend (found through {@link sabre.kernels.opencl.OpenClProvider}): serves device type
 * {@code opencl} (index = device number over all platforms, {@code opencl:0} first) through JOCL. It is a device
 * type of its own and never replaces {@code cpu}; where no OpenCL platform is installed the provider reports itself
 * unavailable and {@code opencl} is refused with the reason. Select it with {@code --device opencl},
 * {@code -Dsabre.device=opencl} or {@code SABRE_DEVICE=opencl}.
 *
 * <p>This package holds only the OpenCL runtime ({@code ClRuntime}: context, queue, buffers, and the program
 * cache that compiles each shared kernel source once per context and element type behind
 * {@code prelude-opencl.h}); the op families and the kernels are {@link sabre.kernels.device}'s, shared with CUDA.
 * {@code -Dsabre.opencl.nofp64=true} simulates a device without {@code cl_khr_fp64} (FLOAT64 then runs on the host).
 *
 * <pre>{@code
 * Tensor x = Tensor.normal(new Generator(1), Device.parse("opencl"), DType.FLOAT32, 0, 1, 8, 3, 32, 32);
 * }</pre>
 */
package sabre.kernels.opencl;
