#!/usr/bin/env bash
# Recomputes the staggered difference-in-differences fixture with csdid (a
# Python port of R `did`) in its own virtual environment (csdid's
# dependencies are kept out of the main reference environment). CI does not
# run this: the fixture is committed.
#
#   bash scripts/reference/make-staggered-fixtures.sh
#
# VENV=/path reuses an existing virtual environment.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${VENV:-$here/.venv-staggered}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/requirements-staggered.txt"
fi
"$venv/bin/python" "$here/staggered_did.py" "$root/Packages/RendementStats/Tests/RendementStatsTests/Fixtures"
