#!/usr/bin/env bash
# Fuzzes the reading side of the import (delimited-text reader, header
# matching, date and enumeration parsers, row validation of every kind) with
# libFuzzer; see docs/reliability.md ("Fuzzing").
#
#   scripts/fuzz.sh                 build, fuzz for FUZZ_SECONDS (default 1800), minimise the corpus
#   FUZZ_SECONDS=60 scripts/fuzz.sh a short run
#   scripts/fuzz.sh FILE...         build and run the fuzz binary on the given inputs only (reproduce a crash)
#
# The corpus lives in fuzz/corpus (committed; `swift test --filter FuzzCorpusTests`
# replays it with fuzz/seeds and fuzz/regressions). Crashes, timeouts and
# out-of-memory inputs land in fuzz/artifacts/ (not committed): minimise one with
#   .build-fuzz/release/rendement-fuzz -minimize_crash=1 -runs=100000 -exact_artifact_path=OUT FILE
# fix the cause and copy OUT into fuzz/regressions/.
#
# Environment: FUZZ_SECONDS, FUZZ_MAX_LEN (4096), FUZZ_MERGE (1: minimise
# fuzz/corpus after the run), FUZZ_LOG (fuzz log file, default .build-fuzz/fuzz.log).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

seconds="${FUZZ_SECONDS:-1800}"
max_len="${FUZZ_MAX_LEN:-4096}"
merge="${FUZZ_MERGE:-1}"
log="${FUZZ_LOG:-.build-fuzz/fuzz.log}"
bin=.build-fuzz/release/rendement-fuzz

# libFuzzer's coverage instrumentation on every Swift module of the target;
# -D FUZZING makes the target's entry point libFuzzer's driver.
nice -n 10 swift build -c release --scratch-path .build-fuzz --product rendement-fuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING

# Let libFuzzer, not the Swift backtracer, handle a trap: it then writes the input.
export SWIFT_BACKTRACE=enable=no
mkdir -p fuzz/corpus fuzz/artifacts fuzz/regressions
common=(-max_len="$max_len" -dict=fuzz/import.dict -timeout=10 -rss_limit_mb=2048 -artifact_prefix=fuzz/artifacts/)

if [ "$#" -gt 0 ]; then
  exec "$bin" "${common[@]}" "$@"
fi

# New inputs go to a work copy of the corpus; seeds and regressions are read only.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R fuzz/corpus/. "$work/"
echo "fuzzing for ${seconds}s (log: $log)"
set +e
nice -n 10 "$bin" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 \
  "$work" fuzz/seeds fuzz/regressions >"$log" 2>&1
status=$?
set -e
grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log" | tail -2 || true
grep -E '^stat::' "$log" || true
grep -E 'ERROR: libFuzzer|SUMMARY|Test unit written' "$log" || true

if [ "$merge" = 1 ]; then
  merged="$(mktemp -d)"
  # A small set of inputs that keeps the features of the work corpus and the seeds
  # (set cover: about half the files of a plain -merge=1 for the same features).
  nice -n 10 "$bin" -set_cover_merge=1 -max_len="$max_len" "$merged" "$work" fuzz/seeds >>"$log" 2>&1
  rm -rf fuzz/corpus && mkdir -p fuzz/corpus && cp "$merged"/* fuzz/corpus/ 2>/dev/null || true
  rm -rf "$merged"
  echo "corpus: $(ls fuzz/corpus | wc -l) files, $(cat fuzz/corpus/* | wc -c) bytes"
fi
exit "$status"
