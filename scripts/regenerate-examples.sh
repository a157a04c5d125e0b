#!/usr/bin/env bash
# Regenerates the example report set in reports/demo (the demo on seed 1),
# so anyone can see what a report looks like before installing anything.
# `rendement demo` itself writes to ./rendement-demo (not tracked), so a new
# user's checkout stays unmodified; this script is the one place that updates
# the committed example.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift run -c release rendement demo --out "$work/demo"
rm -rf reports/demo
cp -R "$work/demo/report" reports/demo
