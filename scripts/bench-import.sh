#!/bin/sh
# Benchmark of `rendement import bvh` on the national synthetic BVH extract
# (17M rows, 1.9 GB), against the naive baseline `sqlite3 .import` into a
# bare table (no validation, no types, no indexes). Prints rows/s of both,
# their ratio, and peak RSS (from /usr/bin/time -v).
#
#   scripts/bench-import.sh [DATA_DIR]
#
# DATA_DIR must hold bvh.csv from `rendement generate --scale national --seed 1`;
# default /tmp/gn if present, else it is generated into $TMPDIR.
set -eu
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for peak RSS)" >&2
  apt-get install -y time >/dev/null
fi
swift build -c release --product rendement
BIN=$(pwd)/.build/release/rendement
DATA=${1:-}
if [ -z "$DATA" ]; then
  if [ -f /tmp/gn/bvh.csv ]; then DATA=/tmp/gn; else DATA=${TMPDIR:-/tmp}/rendement-bench-national; fi
fi
if [ ! -f "$DATA/bvh.csv" ]; then
  "$BIN" generate --scale national --seed 1 --out "$DATA"
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rendement-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
SIZE=$(stat -c %s "$DATA/bvh.csv")
echo "input: $DATA/bvh.csv ($SIZE bytes)"

# Warm the page cache once so both runs read from memory.
cat "$DATA/bvh.csv" > /dev/null

/usr/bin/time -v -o "$WORK/naive.time" sqlite3 "$WORK/naive.sqlite" ".mode csv" ".import $DATA/bvh.csv raw"
NAIVE_ROWS=$(sqlite3 "$WORK/naive.sqlite" "SELECT count(*) FROM raw")
rm -f "$WORK/naive.sqlite"

/usr/bin/time -v -o "$WORK/import.time" "$BIN" import bvh "$DATA/bvh.csv" --db "$WORK/store.sqlite" --rejects "$WORK" > "$WORK/import.out"
cat "$WORK/import.out"
ROWS=$(sqlite3 "$WORK/store.sqlite" "SELECT rows_read FROM imports ORDER BY import_id DESC LIMIT 1")
STORE_SIZE=$(stat -c %s "$WORK/store.sqlite")

python3 - "$WORK/naive.time" "$NAIVE_ROWS" "$WORK/import.time" "$ROWS" "$STORE_SIZE" <<'PY'
import sys
def parse(path):
    wall = rss = None
    for line in open(path):
        line = line.strip()
        if line.startswith("Elapsed (wall clock)"):
            t = line.split("): ")[1].split(":")
            wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(t)))
        if line.startswith("Maximum resident set size"):
            rss = int(line.split(": ")[1]) / 1024
    return wall, rss
nw, nr = parse(sys.argv[1]); iw, ir = parse(sys.argv[3])
nrows, rows, store = int(sys.argv[2]), int(sys.argv[4]), int(sys.argv[5])
print(f"naive sqlite3 .import : {nrows:,} rows in {nw:.1f} s = {nrows / nw:,.0f} rows/s, peak RSS {nr:,.0f} MiB")
print(f"rendement import bvh  : {rows:,} rows in {iw:.1f} s = {rows / iw:,.0f} rows/s, peak RSS {ir:,.0f} MiB, store {store / 2**20:,.0f} MiB")
print(f"ratio (rendement / naive rows/s): {(rows / iw) / (nrows / nw):.2f}")
PY
