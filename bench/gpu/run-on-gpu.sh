#!/usr/bin/env bash
# On the GPU machine, with .gpu/ from bench/gpu/build-bundle.sh beside it: runs the op table on device cuda against
# the reference (OpConformanceTest: forward of every op in FLOAT32 and FLOAT64, gradchecks; OpErrorTest: every
# documented error), the CUDA backend's own tests (CudaBackendTest, CudaProviderTest), the GPU kernel tests of
# sabre.tests.devices and DeviceTrainingTest (a few training steps on every device match the reference), through
# the JUnit console launcher.
# cpu is compared too (it is always present); opencl only if an OpenCL ICD is installed there.
# Reports (JUnit XML) go to $OUT/junit when $OUT is set, else to .gpu/reports.
# Usage: bench/gpu/run-on-gpu.sh [extra ConsoleLauncher options, e.g. --include-classname '.*CudaBackend.*']
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
ldconfig -p | grep -q libcuda || export LD_LIBRARY_PATH=/usr/local/nvidia/lib64:${LD_LIBRARY_PATH:-}
if command -v nvidia-smi > /dev/null; then nvidia-smi -L; else echo "nvidia-smi not found"; fi
java=.gpu/jre/bin/java
[ -x "$java" ] || java=java
reports=${OUT:-.gpu}/junit
"$java" --add-modules jdk.incubator.vector -cp '.gpu/lib/*' org.junit.platform.console.ConsoleLauncher execute \
    --disable-banner --details=summary --details-theme=ascii --reports-dir="$reports" \
    --select-class sabre.kernels.cuda.CudaProviderTest --select-class sabre.kernels.cuda.CudaBackendTest \
    --select-class sabre.tests.ops.OpConformanceTest --select-class sabre.tests.ops.OpErrorTest \
    --select-class sabre.tests.DeviceTrainingTest --select-package sabre.tests.devices "$@"
