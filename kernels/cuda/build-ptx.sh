#!/usr/bin/env bash
# Regenerates the committed PTX of the CUDA backend from the shared kernel sources (kernels/device), for every
# (program, build options) pair in sabre.kernels.cuda.PtxVariants:
#   prelude-cuda.h + "#define" lines for the options + common.cl + <program>.cl  --nvcc -ptx -arch=sm_90-->
#   kernels/cuda/src/main/resources/sabre/kernels/cuda/ptx/<program>.<T>[.<R>].ptx
# Each file starts with "// sabre-sources-sha256 <hash>" (PtxVariants.sourceHash), which PtxFreshnessTest checks.
# The options become #defines after the prelude rather than -D flags: nvcc force-includes CUDA headers whose
# template parameters are named T and R.
# Usage: kernels/cuda/build-ptx.sh   (needs nvcc, default /usr/local/bin/nvcc, and Maven; SKIP_COMPILE=1 reuses
#        the compiled classes in target/)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
nvcc=${NVCC:-$(command -v nvcc || echo /usr/local/bin/nvcc)}
src=$root/kernels/device/src/main/resources/sabre/kernels/device
out=$root/kernels/cuda/src/main/resources/sabre/kernels/cuda/ptx
cd "$root"
[ -n "${SKIP_COMPILE:-}" ] || mvn -B -ntp -q -pl kernels/cuda -am compile
cp="kernels/cuda/target/classes:kernels/device/target/classes:tensor/target/classes"
hash=$(java -cp "$cp" sabre.kernels.cuda.PtxVariants --hash)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$out"/*.ptx
mkdir -p "$out"
java -cp "$cp" sabre.kernels.cuda.PtxVariants | while IFS=$'\t' read -r resource program options; do
  {
    cat "$src/prelude-cuda.h"
    for o in $options; do
      o=${o#-D}
      echo "#define ${o%%=*} ${o#*=}"
    done
    cat "$src/common.cl" "$src/$program.cl"
  } > "$work/$resource.cu"
  # 186: "pointless comparison of unsigned integer with zero" (int kernels compiled for uchar)
  "$nvcc" -ptx -arch=sm_90 -diag-suppress 186 -o "$work/$resource" "$work/$resource.cu"
  { echo "// sabre-sources-sha256 $hash"; echo "// $program.cl with $options"; cat "$work/$resource"; } \
      > "$out/$resource"
done
echo "wrote $(ls "$out" | wc -l) PTX files to $out (sources $hash)"
