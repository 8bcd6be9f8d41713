#!/usr/bin/env bash
# Thesis Tables 4-1 and 4-4 (augmentation comparison and AdvMask ablation) on Fashion-MNIST, with the CAM figure and
# the costs, as one resumable script: rerun the same command after an interruption and finished runs are kept.
#
# Usage: bench/augment-tables.sh [--out DIR] [--model resnet20] [--limit-train N] [--limit-test N] [--epochs E]
#                                [--seeds "1 2 3"] [--released-seeds "1 2 3"] [--sabre PATH]
#   defaults: the reduced protocol of docs/augment.md (200 training images per class = 2,000, 200 test images per
#   class = 2,000, 15 epochs, seeds 1 2 3); --limit-train 0 --limit-test 0 --epochs 30 is the full protocol.
#   --released-seeds: the seeds of the extra `advmask --advmask-released` row (default: every seed; its mean and std
#   are over these seeds).
# Writes DIR/table.md (mean ± std of the last epoch's test accuracy per method and seconds per epoch), the runs
# DIR/<method>-s<seed>, the points file DIR/points.safetensors and DIR/cam-<method>/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out=runs/augment-tables; model=resnet20; limit_train=200; limit_test=200; epochs=15; seeds="1 2 3"; released=""
sabre="$root/sabre"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --limit-train) limit_train="$2"; shift 2 ;;
    --limit-test) limit_test="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --released-seeds) released="$2"; shift 2 ;;
    --sabre) sabre="$2"; shift 2 ;;
    *) echo "augment-tables: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$released" ] || released="$seeds"
mkdir -p "$out"
log="$out/log.txt"
common=(--model "$model" --data fashion-mnist --epochs "$epochs" --limit-train "$limit_train" --limit-test "$limit_test")

# a run is finished when its metrics.csv holds one row per epoch (header + E rows)
finished() { [ -f "$1/metrics.csv" ] && [ "$(wc -l < "$1/metrics.csv")" -gt "$epochs" ]; }

# train METHOD SEED [extra options]: skips a finished run, resumes an interrupted one
train() {
  local method="$1" seed="$2"; shift 2
  local dir="$out/$method-s$seed"
  if finished "$dir"; then return; fi
  local resume=(); [ -f "$dir/provenance.json" ] && resume=(--resume)
  echo "$(date -u +%FT%TZ) train $method seed $seed" | tee -a "$log"
  "$sabre" train "${common[@]}" --seed "$seed" --out "$dir" "${resume[@]}" "$@" >> "$log" 2>&1
}

# 1. the base model (Base's seed-1 run) and every training image's sensitive points (thesis §4.2, step 2)
train crop-flip 1
points="$out/points.safetensors"
if [ ! -f "$points" ]; then
  echo "$(date -u +%FT%TZ) advmask generate" | tee -a "$log"
  start=$(date +%s)
  "$sabre" advmask generate --run "$out/crop-flip-s1" --out "$points" >> "$log" 2>&1
  echo $(( $(date +%s) - start )) > "$out/points-seconds.txt"
fi

# 2. Table 4-1 (Base, Cutout, RE, HaS, GridMask, AdvMask, AdvMask as released) and Table 4-4 (Adv, Random+Mask,
#    Corner+Mask; Adv+Mask is advmask) for every seed
masked=(--advmask-points "$points")
for seed in $seeds; do
  for method in crop-flip cutout erasing hideandseek gridmask; do train "$method" "$seed" --augment "$method"; done
  train advmask "$seed" --augment advmask "${masked[@]}"
  case " $released " in *" $seed "*) train advmask-released "$seed" --augment advmask --advmask-released "${masked[@]}" ;; esac
  for method in adv random-mask corner-mask; do train "$method" "$seed" --augment "$method" "${masked[@]}"; done
done

# 3. the CAM figure: Base vs GridMask vs AdvMask on the same test images
for method in crop-flip gridmask advmask; do
  [ -d "$out/cam-$method" ] || "$sabre" cam --run "$out/$method-s1" --count 8 --out "$out/cam-$method" >> "$log" 2>&1
done

# 4. the table: last epoch's test accuracy (column 6) and mean seconds per epoch (column 7) over the seeds
{
  echo "| method | test accuracy (%), mean ± std over seeds $seeds | s / epoch |"
  echo "| --- | --- | --- |"
  for method in crop-flip cutout erasing hideandseek gridmask advmask advmask-released adv random-mask corner-mask; do
    over="$seeds"; [ "$method" = advmask-released ] && over="$released"
    for seed in $over; do tail -n 1 "$out/$method-s$seed/metrics.csv"; done | awk -F, -v m="$method" -v over="$over" '
      { acc[NR] = 100 * $6; s += 100 * $6; t += $7 }
      END { mean = s / NR; for (i = 1; i <= NR; i++) v += (acc[i] - mean) ^ 2
            # sample standard deviation (n − 1), as the thesis reports over runs
            if (NR == 1) { printf "| %s | %.2f (seed %s only) | %.1f |\n", m, mean, over, t; exit }
            printf "| %s | %.2f ± %.2f | %.1f |\n", m, mean, sqrt(v / (NR - 1)), t / NR }'
  done
  echo
  echo "Mask generation: $(cat "$out/points-seconds.txt") s for the training subset (limit-train $limit_train per class)."
} > "$out/table.md"
cat "$out/table.md"
