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
  --anticipation 3 --dump-sets --out "$out/effects_from_sets.json"
echo "wrote $out/effects_from_sets.json"

# Survival and age moderation on matched 1:3 sets made by the reference itself
# (lifelines, statsmodels, pandas), with R's coxph and survfit when Rscript is present.
"$venv/bin/python" "$here/analysis_survival.py" "$out/survival_matched_sets.json"
if command -v Rscript >/dev/null 2>&1; then
  Rscript "$here/analysis_survival.R" "$out/survival_matched_sets.csv" "$out/survival_matched_sets_r.json"
else
  echo "Rscript not found: survival_matched_sets_r.json kept as committed (apt-get install r-base-core r-cran-survival)" >&2
fi
rm -f "$out/survival_matched_sets.csv"

# The whole pipeline: the Swift importer and matcher on generated data, the
# matched sets exported as matches.csv, and the reference recomputing every
# figure from the extracts and that export. The Swift end-to-end test rebuilds
# the same store (same seed, same periods) and compares its effects.
e2e="$root/Tests/RendementEndToEndTests/Fixtures"
mkdir -p "$e2e"
"$bin" generate --out "$work/pipeline" --persons 6000 --seed 13 >/dev/null
"$bin" import veiligheidshuizen "$work/pipeline/veiligheidshuizen.csv" --db "$work/pipeline.sqlite" >/dev/null
"$bin" import personen "$work/pipeline/personen.csv" --db "$work/pipeline.sqlite" >/dev/null
"$bin" import bvh "$work/pipeline/bvh.csv" --db "$work/pipeline.sqlite" --periode-van 2009-01-01 --periode-tot 2014-12-31 >/dev/null
"$bin" import hks "$work/pipeline/hks.csv" --db "$work/pipeline.sqlite" --periode-van 2006-01-01 --periode-tot 2014-12-31 >/dev/null
"$bin" import clienten "$work/pipeline/clienten.csv" --db "$work/pipeline.sqlite" >/dev/null
"$bin" match --db "$work/pipeline.sqlite" --out "$work/pipeline-out" --export "$work/pipeline-matches.csv" >/dev/null
"$venv/bin/python" "$here/analysis_effects.py" --extracts "$work/pipeline" --matches "$work/pipeline-matches.csv" \
  --bvh-period 2009-01-01,2014-12-31 --hks-period 2006-01-01,2014-12-31 --windows 1,2,3,6,12 \
  --anticipation 3 --out "$e2e/effects_pipeline.json"
echo "wrote $e2e/effects_pipeline.json"

# The cooperation indicators and Stappenmeter figures (issue 16): the fixture's
# inputs and the pandas/scipy/statsmodels figures, from the script alone.
"$venv/bin/python" "$here/cooperation_reference.py" "$e2e/cooperation"
