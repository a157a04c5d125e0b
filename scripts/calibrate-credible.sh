#!/usr/bin/env bash
# Calibration of the matched design's headline and credibility diagnostics by
# simulation (issue "Credible effects"), with a release build of rendement:
#   A. no effect, a x3 crisis in the 3 months before intake: share of seeds
#      whose headline test (BVH, 2 months, all clients, rate ratio) has
#      p < 0.05 AND credible = true (target <= 0.07), with the default
#      anticipation of 3 months; and with --anticipation 0, the share in
#      which the placebo or the pre-trend test flags the crisis (>= 0.90);
#   B. no effect, no crisis, clients selected on their latent rate: share of
#      p < 0.05 for the 12-month BVH rate ratio (target 0.03-0.07);
#   C. a planted effect (latent selection, x2 crisis): coverage of the 95% CI
#      of the per-band BVH rate ratios against truth.json (target 0.93-0.97)
#      and the share with credible = true for the headline (>= 0.90);
#   D. as A, but clients selected on their observed recent record (intake at a
#      suspect incident, more likely after many contacts in the last 12
#      months): the same share, for a mechanism the anticipation window does
#      not cover;
#   E. as A, but the crisis lasts 6 months, longer than the anticipation
#      window of 3: part of it lies in the baseline, so the pre-trend test
#      and the placebo must keep the headline from calling the return an
#      effect (the same share, target <= 0.07);
#   plus the matched share and the largest |SMD| after matching per scenario.
#   bash scripts/calibrate-credible.sh [SEEDS] [PERSONS] [WORKDIR]
set -euo pipefail
seeds="${1:-200}"
persons="${2:-20000}"
work="${3:-/tmp/rendement-credible}"
cd "$(dirname "$0")/.."
swift build -c release --product rendement >/dev/null
mkdir -p "$work"
# A copy of the binary: a rebuild during the run does not change it.
cp "$(swift build -c release --show-bin-path)/rendement" "$work/rendement"
bin="$work/rendement"
one() {
  local scenario="$1" seed="$2" dir="$work/$1-$2"
  local gen=()
  case "$scenario" in
    A) gen=(--effect none --selection latent --spike-factor 3 --spike-months 3) ;;
    D) gen=(--effect none --selection observed --spike-factor 3 --spike-months 3) ;;
    B) gen=(--effect none --selection latent --spike-factor 1) ;;
    C) gen=(--effect planted --selection latent --spike-factor 2 --spike-months 3) ;;
    E) gen=(--effect none --selection latent --spike-factor 3 --spike-months 6) ;;
  esac
  [ -f "$dir/out/effects.csv" ] && return 0
  rm -rf "$dir"; mkdir -p "$dir"
  "$bin" generate --out "$dir/data" --seed "$seed" --persons "$persons" "${gen[@]}" >/dev/null
  for kind in veiligheidshuizen personen bvh hks clienten; do
    "$bin" import "$kind" "$dir/data/$kind.csv" --db "$dir/s.sqlite" >/dev/null
  done
  "$bin" match --db "$dir/s.sqlite" --out "$dir/out" --seed "$seed" > "$dir/match.txt"
  "$bin" analyze --db "$dir/s.sqlite" --out "$dir/out" >/dev/null
  if [ "$scenario" = A ] || [ "$scenario" = D ] || [ "$scenario" = E ]; then "$bin" analyze --db "$dir/s.sqlite" --out "$dir/out0" --anticipation 0 >/dev/null; fi
  rm -rf "$dir/data/bvh.csv" "$dir/data/hks.csv" "$dir/data/personen.csv" "$dir/s.sqlite"*
}
export -f one; export bin work persons
for scenario in ${SCENARIOS:-A B C D E}; do
  seq 1 "$seeds" | xargs -P 2 -I{} bash -c "one $scenario {}"
done
SCENARIOS="${SCENARIOS:-A B C D E}" python3 "scripts/calibrate-credible.py" "$work" "$seeds"
