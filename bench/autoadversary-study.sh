#!/usr/bin/env bash
# AutoAdversary's sparsity study (docs/attacks.md): one setting changed at a time from the defaults, on the first N
# correctly classified test images of a trained run, PGD base at ε; one `sabre attack` per setting, then a table of
# ASR, L0 (elements) and seconds per image. Resumable: a setting whose results.json exists is not run again.
#
# Usage: bench/autoadversary-study.sh --run RUN_DIR [--out DIR] [--n 100] [--eps 8/255] [--sabre PATH] [--threads N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run=""; out=runs/autoadversary-study; n=100; eps=8/255; sabre="$root/sabre"; threads=()
while [ $# -gt 0 ]; do
  case "$1" in
    --run) run="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --n) n="$2"; shift 2 ;;
    --eps) eps="$2"; shift 2 ;;
    --sabre) sabre="$2"; shift 2 ;;
    --threads) threads=(--threads "$2"); shift 2 ;;
    *) echo "autoadversary-study: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$run" ] || { echo "autoadversary-study: --run RUN_DIR is required" >&2; exit 2; }
mkdir -p "$out"

# label|options: the settings of the study, each one change from the defaults (or a named combination), the most
# informative first (a stopped study has them); the table lists those run so far
settings=(
  "defaults|"
  "dense PGD (reference)|pgd"
  "alpha-end 200 (the default before 2026-12-03)|--alpha-end 200"
  "alpha-end 10|--alpha-end 10"
  "alpha-end 3|--alpha-end 3"
  "α fixed at 1|--alpha-start 1 --alpha-end 1"
  "prune-steps 300|--prune-steps 300"
  "α fixed at 1, prune-steps 300|--alpha-start 1 --alpha-end 1 --prune-steps 300"
  "alpha-end 10, prune-steps 300|--alpha-end 10 --prune-steps 300"
  "α 0.1 → 100 (AdvMask's schedule)|--alpha-start 0.1 --alpha-end 100"
  "lambda-rate 0.1|--lambda-rate 0.1"
  "α fixed at 1, lambda-rate 0.1|--alpha-start 1 --alpha-end 1 --lambda-rate 0.1"
  "lambda 1|--lambda 1"
  "lambda 20|--lambda 20"
  "encoder-lr 0.01|--encoder-lr 0.01"
  "init-logit 0.5|--init-logit 0.5"
  "loss ce|--loss ce"
  "delta-step 0 (δ frozen)|--delta-step 0"
  "free logits|--encoder none --encoder-lr 0.05"
  "free logits, alpha-end 200|--encoder none --encoder-lr 0.05 --alpha-end 200"
)

slug() { echo "$1" | sed 's/α/alpha/g' | tr -c 'a-zA-Z0-9\n' '-' | tr -s '-'; }
for entry in "${settings[@]}"; do
  label="${entry%%|*}"; options="${entry#*|}"
  dir="$out/$(slug "$label")"
  [ -f "$dir/results.json" ] && continue
  method=autoadversary; extra=($options)
  if [ "$options" = pgd ]; then method=pgd; extra=(); fi
  echo "$(date -u +%FT%TZ) $label" >&2
  "$sabre" attack --run "$run" --n "$n" --correct-only --eps "$eps" --out "$dir" --method "$method" "${threads[@]}" "${extra[@]}" \
      > "$dir.log" 2>&1
done

# the table from each results.json (one result per setting: its first ε)
{
  echo "| setting | ASR | L0 (elements) | s / image |"
  echo "| --- | --- | --- | --- |"
  for entry in "${settings[@]}"; do
    label="${entry%%|*}"
    [ -f "$out/$(slug "$label")/results.json" ] || continue
    jq -r --arg name "$label" 'if type == "array" then .[0] else . end
        | "| \($name) | \(if .asr == null then "n/a" else "\(.asr * 1000 | round / 10) %" end)"
          + " | \(if .l0_elements == null then "n/a" else "\(.l0_elements * 10 | round / 10)" end)"
          + " | \(.seconds_per_image * 100 | round / 100) |"' "$out/$(slug "$label")/results.json"
  done
} > "$out/table.md"
cat "$out/table.md"
