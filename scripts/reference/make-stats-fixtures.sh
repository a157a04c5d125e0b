#!/usr/bin/env bash
# Recomputes every statistics fixture under Packages/RendementStats/Tests/RendementStatsTests/Fixtures
# with independent references (numpy, scipy, statsmodels, lifelines; R survival
# when Rscript is present). CI does not run this: the fixtures are committed.
#
#   bash scripts/reference/make-stats-fixtures.sh
#
# VENV=/path reuses an existing virtual environment.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${VENV:-$here/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/requirements.txt"
fi
out="$root/Packages/RendementStats/Tests/RendementStatsTests/Fixtures"
mkdir -p "$out"
for script in "$here"/stats_*.py; do
  echo "reference: $(basename "$script")"
  "$venv/bin/python" "$script" "$out"
done
if command -v Rscript >/dev/null 2>&1; then
  for script in "$here"/stats_*.R; do
    [ -e "$script" ] || continue
    echo "reference: $(basename "$script")"
    Rscript "$script" "$out"
  done
else
  echo "Rscript not found: R fixtures kept as committed (apt-get install r-base-core r-cran-survival)" >&2
fi
echo "fixtures written to $out"
