#!/usr/bin/env bash
# Recomputes the analysis fixtures under Tests/RendementAnalysisTests/Fixtures
# with the independent Python reference (pandas, scipy, statsmodels).
#   bash scripts/reference/make-analysis-fixtures.sh      (VENV=/path to reuse a venv)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${VENV:-$here/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/requirements.txt"
fi
out="$root/Tests/RendementAnalysisTests/Fixtures"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
swift build --product rendement >/dev/null
bin="$(swift build --show-bin-path)/rendement"
"$bin" generate --out "$work/data" --persons 4000 --seed 11 >/dev/null
"$venv/bin/python" "$here/simple_matches.py" "$work/data" "$work/matches.csv" --k 2 --seed 3 --max-clients 250
"$venv/bin/python" "$here/analysis_effects.py" --extracts "$work/data" --matches "$work/matches.csv" \
  --bvh-period 2009-01-01,2014-12-31 --hks-period 2006-01-01,2014-12-31 --windows 1,2,3,6,12 \
  --dump-sets --out "$out/effects_from_sets.json"
echo "wrote $out/effects_from_sets.json"
