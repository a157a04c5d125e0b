"""Helpers of scripts/calibrate-staggered.sh (the not-yet-treated comparison, issue 13).

  plant DATA_DIR OUT_CSV SEED RATE MONTHS
      writes extra BVH rows (role betrokkene, one new incident each): every
      client's first intake with a plan of approach gets Poisson(RATE) extra
      contacts in each of the MONTHS whole calendar months after the intake
      month, on a uniform day of that month (inside the BVH period). The true
      effect over window W is RATE * min(W, MONTHS) extra contacts per client.
  summary WORKDIR SEEDS RATE MONTHS
      reads every seed's staggered.csv (all clients, BVH) and prints the share
      of p < 0.05 without an effect, the share of pre-trend tests with
      p < 0.05, and the coverage of the 95% CIs of the planted effect.
"""
import csv
import datetime as dt
import json
import random
import sys
from pathlib import Path


def plant(data, out, seed, rate, months):
    truth = json.loads((Path(data) / "truth.json").read_text())
    end = dt.date.fromisoformat(truth["periods"]["bvh"][1])
    rng = random.Random(seed)
    first = {}
    with open(Path(data) / "clienten.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            # A plan of approach is "ja" or the date it was made (the importer reads both as yes).
            plan = r["plan_van_aanpak"].strip()
            if not r["instroomdatum"] or not (plan == "ja" or is_date(plan)):
                continue
            day = dt.date.fromisoformat(r["instroomdatum"])
            if r["persoon_id"] not in first or day < first[r["persoon_id"]][0]:
                first[r["persoon_id"]] = (day, r["geboortedatum"], r["geslacht"])
    rows = 0
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["registratienummer", "persoon_id", "rol", "pleegdatum", "registratiedatum", "incidentcode",
                    "incidentomschrijving", "gemeente", "geboortedatum", "geslacht"])
        for person in sorted(first):
            intake, birth, sex = first[person]
            for k in range(1, months + 1):
                y, m = divmod(intake.year * 12 + intake.month - 1 + k, 12)
                start = dt.date(y, m + 1, 1)
                nxt = dt.date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1)
                if nxt - dt.timedelta(days=1) > end:
                    break
                for _ in range(poisson(rng, rate)):
                    day = start + dt.timedelta(days=rng.randrange((nxt - start).days))
                    rows += 1
                    w.writerow([f"BVHX-{seed}-{rows}", person, "betrokkene", day.isoformat(), day.isoformat(), "E34",
                                "Overlast i.v.m. drugs/drank", "Zwolle", birth, sex])
    print(f"planted {rows} extra contacts for {len(first)} clients")


def is_date(text):
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def poisson(rng, lam):
    # Knuth's method (small rates).
    import math
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["scope_type"] == "all" and r["age_band"] == "all" and r["source"] == "bvh"]


def summary(work, seeds, rate, months):
    stats = {}
    for seed in range(1, seeds + 1):
        for kind in ("none", "planted"):
            path = Path(work) / f"S-{seed}" / f"out-{kind}" / "staggered.csv"
            if not path.exists():
                continue
            for r in rows(path):
                if not r["p_value"]:
                    continue
                w = int(r["window_months"])
                s = stats.setdefault((kind, w), {"n": 0, "sig": 0, "cover": 0, "pre": 0, "est": 0.0})
                s["n"] += 1
                s["sig"] += float(r["p_value"]) < 0.05
                s["pre"] += bool(r["pretrend_p"]) and float(r["pretrend_p"]) < 0.05
                truth = rate * min(w, months) if kind == "planted" else 0.0
                s["cover"] += float(r["ci_low"]) <= truth <= float(r["ci_high"])
                s["est"] += float(r["att_events_per_client"]) - truth
    print("scenario  window  seeds  share p<0.05  coverage 95% CI  mean bias  pre-trend p<0.05")
    for (kind, w), s in sorted(stats.items()):
        n = s["n"]
        print(f"{kind:8s}  {w:6d}  {n:5d}  {s['sig'] / n:12.3f}  {s['cover'] / n:15.3f}  {s['est'] / n:9.3f}  {s['pre'] / n:16.3f}")


if __name__ == "__main__":
    if sys.argv[1] == "plant":
        plant(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]))
    else:
        summary(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
