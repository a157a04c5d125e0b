#!/usr/bin/env bash
# Calibration of the not-yet-treated comparison (staggered
# difference-in-differences, issue 13; docs/staggered.md) by simulation:
# for every seed, extracts with NO effect, clients selected on their latent
# rate and a x3 crisis in the 3 months before intake are generated, imported,
# matched and analysed with the default anticipation of 3 months
# (--design staggered): the share of seeds with p < 0.05 is the type-I error
# (target 0.03-0.07). Then a known effect is planted on the same extracts --
# every client gets Poisson(RATE) extra BVH contacts in each of the MONTHS
# whole months after the intake month, imported as a second BVH file -- and
# the analysis is repeated: the share of 95% CIs that cover RATE * min(W,
# MONTHS) is the coverage (target 0.93-0.97).
#   bash scripts/calibrate-staggered.sh [SEEDS] [PERSONS] [WORKDIR]
# CONFIG=debug uses the debug build (no release build needed); BIN=path uses that binary.
set -euo pipefail
seeds="${1:-25}"
persons="${2:-10000}"
work="${3:-/tmp/rendement-staggered}"
rate="${RATE:-0.3}" months="${MONTHS:-6}"
config="${CONFIG:-release}"
cd "$(dirname "$0")/.."
mkdir -p "$work"
# A copy of the binary: a rebuild during the run does not change it (BIN=path: that binary, no build).
if [ -n "${BIN:-}" ]; then cp "$BIN" "$work/rendement"; else
  swift build -c "$config" --product rendement >/dev/null
  cp "$(swift build -c "$config" --show-bin-path)/rendement" "$work/rendement"
fi
bin="$work/rendement"
one() {
  local seed="$1" dir="$work/S-$1"
  [ -f "$dir/out-planted/staggered.csv" ] && return 0
  rm -rf "$dir"; mkdir -p "$dir"
  "$bin" generate --out "$dir/data" --seed "$seed" --persons "$persons" --effect none --selection latent \
    --spike-factor 3 --spike-months 3 >/dev/null
  for kind in veiligheidshuizen personen bvh hks clienten; do
    "$bin" import "$kind" "$dir/data/$kind.csv" --db "$dir/s.sqlite" >/dev/null
  done
  "$bin" match --db "$dir/s.sqlite" --out "$dir/out-none" --seed "$seed" >/dev/null
  "$bin" analyze --db "$dir/s.sqlite" --out "$dir/out-none" --design staggered >/dev/null
  python3 scripts/calibrate-staggered.py plant "$dir/data" "$dir/data/bvh-extra.csv" "$seed" "$rate" "$months" >/dev/null
  "$bin" import bvh "$dir/data/bvh-extra.csv" --db "$dir/s.sqlite" >/dev/null
  "$bin" match --db "$dir/s.sqlite" --out "$dir/out-planted" --seed "$seed" >/dev/null
  "$bin" analyze --db "$dir/s.sqlite" --out "$dir/out-planted" --design staggered >/dev/null
  rm -rf "$dir/data/bvh.csv" "$dir/data/hks.csv" "$dir/data/personen.csv" "$dir/s.sqlite"*
}
export -f one; export bin work persons rate months
seq 1 "$seeds" | xargs -P "${JOBS:-2}" -I{} bash -c "one {}"
python3 scripts/calibrate-staggered.py summary "$work" "$seeds" "$rate" "$months"
