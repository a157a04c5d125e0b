#!/usr/bin/env bash
# Builds the DocC catalogue of RendementStats without warnings -- the
# equivalent of `swift package generate-documentation` without the DocC
# plugin (which would be a dependency): the compiler writes the module's
# symbol graph, and the toolchain's `docc` turns it and the catalogue
# (Sources/RendementStats/RendementStats.docc) into a documentation archive.
#
#   bash scripts/build-documentation.sh [OUTPUT_DIR]      (default .build/RendementStats.doccarchive)
#
# Any DocC warning (an unresolved symbol link, a malformed article) fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/RendementStats.doccarchive}"
scratch=".build/documentation-build"
graphs="$scratch/symbol-graphs"
rm -rf "$graphs" && mkdir -p "$graphs"
swift build --scratch-path "$scratch" --target RendementStats \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs" \
  -Xswiftc -symbol-graph-minimum-access-level -Xswiftc public >/dev/null
docc convert Sources/RendementStats/RendementStats.docc \
  --additional-symbol-graph-dir "$graphs" \
  --fallback-display-name RendementStats \
  --fallback-bundle-identifier nl.rendement.RendementStats \
  --fallback-bundle-version 1.0.0 \
  --output-dir "$out" \
  --warnings-as-errors
echo "documentation archive: $out"
