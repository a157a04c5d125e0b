#!/bin/sh
# Benchmark of `rendement import bvh` on the national synthetic BVH extract
# (17M rows, 1.9 GB), against the naive baseline `sqlite3 .import` into a
# bare table (no validation, no types, no indexes). Prints rows/s of both,
# their ratio, and peak RSS (from /usr/bin/time -v). RUNS=N sets how many
# times the import runs (default 3; median and best are printed).
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

# The import is run RUNS times (default 3): this VM's speed varies from run
# to run, so every run is printed with the median and the best.
RUNS=${RUNS:-3}
for i in $(seq "$RUNS"); do
  rm -f "$WORK"/store.sqlite*
  /usr/bin/time -v -o "$WORK/import.$i.time" "$BIN" import bvh "$DATA/bvh.csv" --db "$WORK/store.sqlite" --rejects "$WORK" > "$WORK/import.out"
done
cat "$WORK/import.out"
ROWS=$(sqlite3 "$WORK/store.sqlite" "SELECT rows_read FROM imports ORDER BY import_id DESC LIMIT 1")
STORE_SIZE=$(stat -c %s "$WORK/store.sqlite")

python3 - "$WORK/naive.time" "$NAIVE_ROWS" "$ROWS" "$STORE_SIZE" "$WORK"/import.*.time <<'PY'
import statistics, sys
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
nw, nr = parse(sys.argv[1])
nrows, rows, store = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
runs = [parse(p) for p in sys.argv[5:]]
print(f"naive sqlite3 .import : {nrows:,} rows in {nw:.1f} s = {nrows / nw:,.0f} rows/s, peak RSS {nr:,.0f} MiB")
for i, (w, r) in enumerate(runs, 1):
    print(f"rendement import bvh run {i}: {rows:,} rows in {w:.1f} s = {rows / w:,.0f} rows/s, peak RSS {r:,.0f} MiB")
iw = statistics.median(w for w, _ in runs)
best = min(w for w, _ in runs)
ir = max(r for _, r in runs)
print(f"rendement import bvh  : {rows:,} rows in {iw:.1f} s (median of {len(runs)}) = {rows / iw:,.0f} rows/s "
      f"(best {rows / best:,.0f} rows/s), peak RSS {ir:,.0f} MiB, store {store / 2**20:,.0f} MiB")
print(f"ratio (rendement / naive rows/s, median): {(rows / iw) / (nrows / nw):.2f}")
PY
