#!/usr/bin/env bash
# Runs the whole pipeline on `medium` synthetic data with a release build and
# prints what the issues ask to measure: matched share, balance, recovery of
# the planted effect (truth.json), and the time of every stage.
#   bash scripts/check-medium.sh [SEED] [WORKDIR]
set -euo pipefail
seed="${1:-2}"
work="${2:-$(mktemp -d)}"
cd "$(dirname "$0")/.."
swift build -c release --product rendement >/dev/null
bin="$(swift build -c release --show-bin-path)/rendement"
rm -rf "$work/data" "$work/store.sqlite" "$work/output"
t() { local s=$(date +%s.%N); "$@"; echo "  ($(echo "$(date +%s.%N) - $s" | bc) s)"; }
echo "== generate medium (seed $seed)"; t "$bin" generate --out "$work/data" --scale medium --seed "$seed"
for kind in veiligheidshuizen personen bvh hks clienten; do
  echo "== import $kind"; t "$bin" import "$kind" "$work/data/$kind.csv" --db "$work/store.sqlite" | tail -3
done
echo "== match"; t "$bin" match --db "$work/store.sqlite" --out "$work/output" --export "$work/matches.csv"
echo "== analyze"; t "$bin" analyze --db "$work/store.sqlite" --out "$work/output"
python3 - "$work" <<'PY'
import csv, json, sys
from collections import defaultdict
work = sys.argv[1]
# The rules of matching, checked on the person-level export and the extracts.
registered = {r["persoon_id"] for r in csv.DictReader(open(f"{work}/data/clienten.csv"))}
sets = defaultdict(list)
for r in csv.DictReader(open(f"{work}/matches.csv")):
    sets[r["set_id"]].append(r)
controls = [u for s in sets.values() for u in s if u["role"] == "control"]
assert all(u["persoon_id"] not in registered for u in controls), "a control was registered at a Veiligheidshuis"
assert len({u["persoon_id"] for u in controls}) == len(controls), "a control was used twice"
for s in sets.values():
    client = [u for u in s if u["role"] == "client"][0]
    cy, cm = map(int, client["index_date"][:7].split("-"))
    for u in s:
        uy, um = map(int, u["index_date"][:7].split("-"))
        # Staged matching widens the intake month to +-3 months (relaxedMonthTolerance) in its later rounds.
        assert abs((uy * 12 + um) - (cy * 12 + cm)) <= 3, f"control index date more than 3 months from the intake month: {u}"
balance = [r for r in csv.DictReader(open(f"{work}/output/balance.csv")) if r["scope_type"] == "all"]
clients = int(balance[0]["n_clients_before"])
assert len(sets) >= 0.95 * clients, f"only {len(sets)} of {clients} clients matched"
assert all(abs(float(r["smd_after"])) <= 0.1 for r in balance), "an |SMD| after matching exceeds 0.1"
assert sum(abs(float(r["smd_before"])) > 0.1 for r in balance) >= 1, "clients should differ from candidates before matching (at least in age)"
print(f"== checks passed: {len(sets)} sets; no control registered, none used twice, all within 3 months of the client's intake month; every |SMD| after <= 0.1")
truth = json.load(open(f"{work}/data/truth.json"))
expected = {(e["band"], e["window_months"]): e["rate_ratio"] for e in truth["expected_rate_ratios"]}
print("== recovery: rate ratio per age band (all scopes, BVH) against truth.json")
print("band   W   estimate  (95% CI)          truth   inside")
for r in csv.DictReader(open(f"{work}/output/effects.csv")):
    if r["scope_type"] != "all" or r["age_band"] == "all" or r["source"] != "bvh" or not r["rate_ratio"]:
        continue
    key = (r["age_band"], int(r["window_months"]))
    lo, hi, est = float(r["rate_ratio_ci_low"]), float(r["rate_ratio_ci_high"]), float(r["rate_ratio"])
    tr = expected.get(key)
    print(f"{key[0]:6} {key[1]:2}  {est:7.3f}  ({lo:.3f} - {hi:.3f})  {tr:7.3f}   {'yes' if lo <= tr <= hi else 'NO'}")
for r in csv.DictReader(open(f"{work}/output/age_moderation.csv")):
    if r["source"] == "bvh":
        print(f"age slope of d, BVH W={r['window_months']}: {r['slope_per_year']} (CI {r['slope_ci_low']} to {r['slope_ci_high']})")
PY
