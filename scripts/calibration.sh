#!/usr/bin/env bash
# Calibration of the analysis on synthetic data (issue "Outcome analysis"):
#   1. with no effect planted, the share of seeds with p < 0.05 for the
#      2-month BVH difference-in-differences should be near 0.05;
#   2. with the planted effect, the share of seeds whose 95% CI of the rate
#      ratio covers truth.json's factor (per age band, 2 and 12 months).
#   bash scripts/calibration.sh [SEEDS] [PERSONS] [WORKDIR]
set -euo pipefail
seeds="${1:-200}"
persons="${2:-20000}"
work="${3:-/tmp/rendement-calibration}"
cd "$(dirname "$0")/.."
swift build -c release --product rendement >/dev/null
bin="$(swift build -c release --show-bin-path)/rendement"
mkdir -p "$work"
one() {
  local effect="$1" seed="$2" dir="$work/$1-$2"
  rm -rf "$dir"; mkdir -p "$dir"
  "$bin" generate --out "$dir/data" --seed "$seed" --persons "$persons" --effect "$effect" >/dev/null
  for kind in veiligheidshuizen personen bvh hks clienten; do
    "$bin" import "$kind" "$dir/data/$kind.csv" --db "$dir/s.sqlite" >/dev/null
  done
  "$bin" match --db "$dir/s.sqlite" --out "$dir/out" --seed "$seed" >/dev/null
  "$bin" analyze --db "$dir/s.sqlite" --out "$dir/out" >/dev/null
  rm -rf "$dir/data/bvh.csv" "$dir/data/hks.csv" "$dir/data/personen.csv" "$dir/s.sqlite"*
}
export -f one; export bin work persons
for effect in none planted; do
  seq 1 "$seeds" | xargs -P 2 -I{} bash -c "one $effect {}"
done
python3 - "$work" "$seeds" <<'PY'
import csv, json, sys
work, seeds = sys.argv[1], int(sys.argv[2])
def rows(effect, seed):
    return list(csv.DictReader(open(f"{work}/{effect}-{seed}/out/effects.csv")))
# 1. Type I error under no effect.
sig = n = 0
for s in range(1, seeds + 1):
    for r in rows("none", s):
        if r["scope_type"] == "all" and r["age_band"] == "all" and r["source"] == "bvh" and r["window_months"] == "2" and r["p_value"]:
            n += 1; sig += float(r["p_value"]) < 0.05
print(f"no effect: p < 0.05 for the 2-month BVH did in {sig} of {n} seeds = {sig / n:.3f} (target 0.03-0.07)")
# 2. Coverage of the planted rate ratios.
for w in ("2", "12"):
    cover = total = 0
    for s in range(1, seeds + 1):
        truth = json.load(open(f"{work}/planted-{s}/data/truth.json"))
        expected = {(e["band"], str(e["window_months"])): e["rate_ratio"] for e in truth["expected_rate_ratios"]}
        for r in rows("planted", s):
            if r["scope_type"] == "all" and r["age_band"] != "all" and r["source"] == "bvh" and r["window_months"] == w and r["rate_ratio_ci_low"]:
                total += 1
                cover += float(r["rate_ratio_ci_low"]) <= expected[(r["age_band"], w)] <= float(r["rate_ratio_ci_high"])
    print(f"planted effect: the 95% CI of the BVH rate ratio per age band covers the truth in {cover} of {total} = {cover / total:.3f} (W={w} months)")
PY
