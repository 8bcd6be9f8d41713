#!/usr/bin/env bash
# Benchmarks of `sabre serve` (docs/serve.md): per-image recognition + Grad-CAM latency, then a loopback load test
# (50 clients posting images for 30 s). Usage: bench/serve.sh [RUN_DIR] (default runs/demo/model; trained if absent).
# Run it on an otherwise idle machine; the figures go to bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="${1:-runs/demo/model}"
"$root/sabre" --version >/dev/null   # builds when needed
cp="$root/apps/target/classes:$root/apps/target/lib/*"
java --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp "$cp" sabre.apps.serve.ServeBench latency "$run" 200
java --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp "$cp" sabre.apps.serve.ServeBench load "$run" 50 30
