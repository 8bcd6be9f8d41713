#!/usr/bin/env bash
# Side-by-side benchmark of Sabre (kernels/cpu) and PyTorch 1.13 (Debian python3-torch, 2 threads) on this machine.
#
# Usage: bench/compare.sh [--quick] [--workload NAME[,NAME...]] [--warmup-s S] [--runs N] [--min-run-s S]
#                         [--out FILE.jsonl] [--no-build]
#
#   --quick      sgemm-1024, conv-fwdbwd, resnet20-train, smallcnn-train; 5 s warm-up, 0.5 s runs (about 2 minutes)
#   default      every workload of `java ... sabre.bench.Bench --list`; 10 s warm-up, 1 s runs (about 9 minutes)
#
# PyTorch's torch.mm in Debian's build calls the reference BLAS (~6 GFLOP/s), so each SGEMM workload gets a second
# line against oneDNN's inner product (torch._C._nn.mkldnn_linear), the fast GEMM the same PyTorch uses for conv.
#
# Each workload runs in its own process, Sabre first, then PyTorch, never both at once (two cores: anything else
# running distorts both figures). Each engine warms up (>= 3 s is the floor; Sabre's training steps still speed up
# by 10-30 % between 3 s and 10 s, see bench/README.md), then times --runs runs (default 5) of >= --min-run-s
# seconds each; figures are per call. A line is flagged when other processes used > 5 % of the CPUs meanwhile.
# Two lines per workload:
#
#   workload  Sabre median ms [min..max] throughput  PyTorch median ms [min..max] throughput  ratio
#     alloc MiB/call  Sabre MiB/call (MiB/s, GC count / ms)  PyTorch -
#
# ratio = PyTorch median time / Sabre median time (= Sabre throughput / PyTorch throughput): > 1 means Sabre is
# faster. The second line is the JVM heap allocated per call by all of Sabre's threads over the timed runs, its rate
# and the collections meanwhile (PyTorch has no comparable figure: "-"). The raw JSON lines (with every sample, each
# process's peak RSS and the allocation fields) go to --out (default bench/target/compare-<date>.jsonl). Extra JVM
# flags: SABRE_JAVA_OPTS (e.g. a JFR recording); the heap is the launcher's (./sabre --java-heap-opts: -Xmx from SABRE_HEAP or 1.5 GiB).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

quick=0; build=1; warmup=""; runs=5; minrun=""; workloads=""; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --workload|-w) workloads="${workloads:+$workloads,}$2"; shift ;;
    --warmup-s) warmup="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --min-run-s) minrun="$2"; shift ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

all="sgemm-1024,sgemm-256x2304x1024,conv-fwd,conv-fwdbwd,conv16x32-fwdbwd,conv32x16-fwdbwd,conv64x8-fwdbwd,resnet20-train,resnet18-train,resnet20-infer,resnet18-infer,resnet18-inputgrad,smallcnn-train"
if [ $quick = 1 ]; then
  workloads="${workloads:-sgemm-1024,conv-fwdbwd,resnet20-train,smallcnn-train}"
  minrun="${minrun:-0.5}"
  warmup="${warmup:-5}"
fi
warmup="${warmup:-10}"
workloads="${workloads:-$all}"
minrun="${minrun:-1}"
py=/usr/bin/python3   # Debian's torch lives in the system interpreter
if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "compare.sh: $py cannot import torch (apt-get install python3-torch)" >&2; exit 1
fi

if [ $build = 1 ]; then
  echo "compare.sh: building (mvn -q package -DskipTests -pl bench -am) ..." >&2
  mvn -B -ntp -q package -DskipTests -pl bench -am >&2
fi
jar=$(ls bench/target/sabre-bench-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
[ -n "$jar" ] || { echo "compare.sh: bench/target/sabre-bench-*.jar missing; run without --no-build" >&2; exit 1; }

mkdir -p bench/target
out="${out:-bench/target/compare-$(date -u +%Y%m%dT%H%M%SZ).jsonl}"
: > "$out"

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+dirty'), $(nproc) cpus, load$(uptime | sed 's/.*load average//')" >&2
echo "# warm-up ${warmup} s, ${runs} runs of >= ${minrun} s; times per call; ratio = PyTorch time / Sabre time (> 1: Sabre faster)" >&2

cpu_busy() {  # percent of all CPUs busy over 1 s, read from /proc/stat while this script runs nothing
  local a b
  a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

line() {  # one result line from a Sabre and a PyTorch JSON line
  "$py" - "$1" "$2" "$3" <<'PY'
import json, sys
s, p = (json.loads(a) for a in sys.argv[1:3])
def fig(r):
    return "%9.2f [%.2f..%.2f] %7.1f %s" % (r["median"], r["min"], r["max"], r["throughput"], r["throughput_unit"])
noisy = [r["engine"] for r in (s, p) if r.get("other_cpu_pct", 0) > 5]
note = "  [others used >5%% CPU during the %s runs]" % "+".join(noisy) if noisy else ""
print("%-20s %-40s %-40s %5.2f%s%s" % (s["workload"], fig(s), fig(p), p["median"] / s["median"], sys.argv[3], note),
      flush=True)
if not sys.argv[3] and "alloc_mib_per_op" in s:  # heap allocation per call, once per workload (Sabre only)
    heap = "%9.2f (%.0f MiB/s, GC %d / %d ms)" % (s["alloc_mib_per_op"], s["alloc_mib_per_s"], s["gc_count"], s["gc_ms"])
    print(("%-20s %-40s %9s" % ("  alloc MiB/call", heap, "-")).rstrip(), flush=True)
PY
}

printf '%-20s %-40s %-40s %s\n' workload "sabre ms median [min..max] thr" "pytorch ms median [min..max] thr" ratio
IFS=',' read -r -a list <<< "$workloads"
for w in "${list[@]}"; do
  before=$(cpu_busy)
  [ "$before" -lt 15 ] || echo "# warning: ${before}% of the CPUs busy before $w: its figures are suspect" >&2
  s=$(java --add-modules jdk.incubator.vector -Djava.awt.headless=true $(./sabre --java-heap-opts) ${SABRE_JAVA_OPTS:-} \
        -cp "$jar:bench/target/lib/*" sabre.bench.Bench --workload "$w" --warmup-s "$warmup" --runs "$runs" \
        --min-run-s "$minrun" 2> >(grep -v -e 'Using incubator modules' >&2) | tail -1)
  p=$("$py" bench/pytorch/bench_torch.py --workload "$w" --warmup-s "$warmup" --runs "$runs" --min-run-s "$minrun" \
        | tail -1)
  printf '%s\n%s\n' "$s" "$p" >> "$out"
  line "$s" "$p" ""
  case "$w" in
    sgemm-*)  # torch.mm here is the reference BLAS; also compare with oneDNN's inner product, PyTorch's fast GEMM
      p=$("$py" bench/pytorch/bench_torch.py --workload "$w:onednn" --warmup-s "$warmup" --runs "$runs" \
            --min-run-s "$minrun" | tail -1)
      printf '%s\n' "$p" >> "$out"
      line "$s" "$p" " (vs oneDNN)" ;;
  esac
  after=$(cpu_busy)
  [ "$after" -lt 15 ] || echo "# warning: ${after}% of the CPUs busy after $w: its figures are suspect" >&2
done
echo "# raw results: $out" >&2
