/**
 * The fast CPU backend ({@link sabre.kernels.cpu.CpuBackend}, found through {@link sabre.kernels.cpu.CpuProvider}):
 * serves device {@code cpu} ahead of the reference backend whenever this module is on the class path and the JVM runs
 * with {@code --add-modules jdk.incubator.vector}. Host memory is {@link sabre.tensor.host.HostStorage}, so tensors
 * move freely between this backend and the reference families it reuses for the ops and dtypes it does not
 * accelerate. Threads: {@code -Dsabre.threads=N} (default: available processors); results are bit-identical for any
 * thread count. GEMM blocking can be tuned with {@code sabre.gemm.kc}, {@code .nc}, {@code .mb}, {@code .mc},
 * {@code .nt} (benchmarking only).
 */
package sabre.kernels.cpu;
