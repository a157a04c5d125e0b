#!/usr/bin/env bash
# Regenerates the example report set in reports/demo (the demo on seed 1),
# so anyone can see what a report looks like before installing anything.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf reports/demo
swift run -c release rendement demo --out reports/demo
