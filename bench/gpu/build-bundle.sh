#!/usr/bin/env bash
# Builds .gpu/ (gitignored): everything needed to run Sabre's CUDA checks on a GPU machine that has no Maven, no
# network and maybe no Java (see GPU.md):
#   .gpu/jre/   a jlink runtime (java.logging for JCuda's loader, jdk.incubator.vector for kernels/cpu, java.desktop
#               for PNG reports, java.sql/java.management/java.naming/jdk.unsupported for the libraries)
#   .gpu/lib/   the Sabre jars, every runtime and test dependency (JCuda with its linux-x86_64 natives), the test
#               classes of tests/ (the op table, OpConformanceTest, OpErrorTest, DeviceTrainingTest) and of
#               kernels/cuda (CudaBackendTest), and the JUnit console launcher that runs them
# Then copy the working tree (or just .gpu/ and bench/gpu/) to the GPU machine and run bench/gpu/run-on-gpu.sh.
# Usage: bench/gpu/build-bundle.sh          (from anywhere; about 1 minute plus the Maven build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=$root/.gpu
junit_platform=1.14.1   # the JUnit Platform release that goes with the root pom's junit.version 5.14.1
rm -rf "$out"
mkdir -p "$out/lib"

# 1. jars (test classes compiled, tests not run) and all dependencies of tests and apps, test scope included;
#    JUnit itself comes from the console launcher below, so its jars are left out here
mvn -B -ntp -q -DskipTests package dependency:copy-dependencies -pl tests,apps,kernels/cuda -am \
    -DincludeScope=test -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian \
    -DoutputDirectory="$out/lib"
cp apps/target/sabre-apps-*.jar kernels/cuda/target/sabre-kernels-cuda-*.jar "$out/lib/"
jar --create --file "$out/lib/sabre-tests-classes.jar" -C tests/target/test-classes .
jar --create --file "$out/lib/sabre-kernels-cuda-tests.jar" -C kernels/cuda/target/test-classes .
mvn -B -ntp -q -N dependency:copy \
    -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_platform -DoutputDirectory="$out/lib"

# 2. a small Java runtime beside the jars
modules=java.base,java.logging,java.desktop,java.sql,java.management,java.naming,jdk.unsupported,jdk.incubator.vector
jlink --add-modules "$modules" \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out/jre"

echo "bundle: $(du -sh "$out" | cut -f1) in $out ($(ls "$out/lib" | wc -l) jars)"
