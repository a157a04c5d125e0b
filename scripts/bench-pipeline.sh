#!/usr/bin/env bash
# Times the whole pipeline on the `national` synthetic data (release build):
# generate, import (five files), match, analyze and report, with peak memory
# per step (/usr/bin/time -v) and the total of import -> report. Figures go
# into the issue notes, never into a test.
#   bash scripts/bench-pipeline.sh [WORKDIR] [SCALE]
set -euo pipefail
work="${1:-/tmp/rendement-bench}"
scale="${2:-national}"
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || (apt-get update -qq && apt-get install -y -qq time >/dev/null)
swift build -c release --product rendement >/dev/null
bin="$(swift build -c release --show-bin-path)/rendement"
mkdir -p "$work"
measure() {
  local label="$1"; shift
  /usr/bin/time -v "$@" > "$work/$label.out" 2> "$work/$label.time" || { cat "$work/$label.out" "$work/$label.time"; exit 1; }
  local wall=$(grep "Elapsed (wall clock)" "$work/$label.time" | awk '{print $NF}')
  local rss=$(grep "Maximum resident set size" "$work/$label.time" | awk '{print $NF}')
  printf "%-22s wall %8s   peak RSS %6d MB\n" "$label" "$wall" $((rss / 1024))
  if [ "$label" != generate ]; then total=$(python3 -c "import sys; p=sys.argv[1].split(':'); print($total + sum(float(x) * 60 ** i for i, x in enumerate(reversed(p))))" "$wall"); fi
}
total=0
if [ ! -f "$work/data/truth.json" ]; then measure generate "$bin" generate --out "$work/data" --scale "$scale" --seed 1; fi
rm -f "$work/store.sqlite" "$work/store.sqlite-wal" "$work/store.sqlite-shm"
for kind in veiligheidshuizen personen bvh hks clienten; do
  measure "import-$kind" "$bin" import "$kind" "$work/data/$kind.csv" --db "$work/store.sqlite"
done
measure match "$bin" match --db "$work/store.sqlite" --out "$work/output"
grep -E "^Matched|^Time" "$work/match.out"
measure analyze "$bin" analyze --db "$work/store.sqlite" --out "$work/output"
grep -E "^Matched sets|^Time" "$work/analyze.out"
rm -rf "$work/report"
measure report "$bin" report --db "$work/store.sqlite" --out "$work/report"
printf "%-22s wall %8.1f s (import, match, analyze and report)\n" "total" "$total"
