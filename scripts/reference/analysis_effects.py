#!/usr/bin/env python3
"""Independent recomputation of the before/after figures of effects.csv
(data-schema/contract.md section 4) from canonical extracts and a matches.csv, with
pandas, numpy, scipy and statsmodels. Shares no code with the Swift side.

    python analysis_effects.py --extracts DIR --matches matches.csv \
        --bvh-period 2009-01-01,2014-12-31 --hks-period 2006-01-01,2014-12-31 \
        --windows 1,2,3,6,12 --out effects_reference.json

Definitions implemented here, straight from the contract:
- window W: before = [index - W months, index), after = (index + G days,
  index + W months], calendar months with the day clamped to the month end;
  the index day counts in neither window (G = grace days, default 0);
- bvh event = distinct registratienummer with role verdachte or betrokkene,
  dated by its (earliest) pleegdatum; hks event = distinct pv_nummer, dated by
  its earliest pleegdatum;
- a control's index incidents (its BVH incidents as verdachte on the index
  date) and every pv linked to them count in neither window;
- a unit qualifies for W when [index - W months, index + W months] lies within
  the source's observation period; a set needs its client and >= 1 control;
- control figures: mean over sets of the mean over the set's qualifying
  controls; d = change(client) - mean change(controls);
- did CI and p: one-sample t on d; p_wilcoxon: scipy.stats.wilcoxon(d);
- prevalence did: the same on the set-level differences of the indicators
  (any event), with a one-sample t CI and p;
- rate ratio: Poisson GLM (log link) on group, period and group x period with
  four rows per set: the client's before and after counts and the mean before
  and after counts of the set's qualifying controls (the same estimating
  equations as weighting each of m controls by 1/m); cluster-robust covariance
  by set (statsmodels cov_type='cluster', default CR1 correction
  G/(G-1) * (N-1)/(N-K) with N = 4 sets, K = 4), Wald CI and p.
"""
import argparse
import calendar
import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import scipy.stats as st
import statsmodels.api as sm


def add_months(d, months):
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def parse_period(text):
    a, b = text.split(",")
    return dt.date.fromisoformat(a), dt.date.fromisoformat(b)


def load_events(extracts):
    bvh = pd.read_csv(f"{extracts}/bvh.csv", dtype=str, keep_default_na=False)
    bvh["pleegdatum"] = pd.to_datetime(bvh["pleegdatum"]).dt.date
    contacts = bvh[bvh["rol"].isin(["verdachte", "betrokkene"])]
    bvh_events = contacts.groupby(["persoon_id", "registratienummer"], as_index=False)["pleegdatum"].min()
    suspects = bvh[bvh["rol"] == "verdachte"][["persoon_id", "registratienummer", "pleegdatum"]].drop_duplicates()

    hks = pd.read_csv(f"{extracts}/hks.csv", dtype=str, keep_default_na=False)
    hks["pleegdatum"] = pd.to_datetime(hks["pleegdatum"]).dt.date
    hks_events = hks.groupby(["persoon_id", "pv_nummer"], as_index=False).agg(
        pleegdatum=("pleegdatum", "min"),
        links=("registratienummer", lambda s: sorted(set(x for x in s if x))))
    return bvh_events, suspects, hks_events


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--extracts", required=True)
    ap.add_argument("--matches", required=True)
    ap.add_argument("--bvh-period", required=True)
    ap.add_argument("--hks-period", required=True)
    ap.add_argument("--windows", default="1,2,3,6,12")
    ap.add_argument("--grace-days", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dump-sets", action="store_true", help="also write every set's counts (for estimator fixtures)")
    args = ap.parse_args()

    periods = {"bvh": parse_period(args.bvh_period), "hks": parse_period(args.hks_period)}
    windows = [int(w) for w in args.windows.split(",")]
    bvh_events, suspects, hks_events = load_events(args.extracts)
    matches = pd.read_csv(args.matches, dtype=str)
    matches["index_date"] = pd.to_datetime(matches["index_date"]).dt.date

    bvh_by_person = {p: list(zip(g["registratienummer"], g["pleegdatum"])) for p, g in bvh_events.groupby("persoon_id")}
    hks_by_person = {p: list(zip(g["pv_nummer"], g["pleegdatum"], g["links"])) for p, g in hks_events.groupby("persoon_id")}
    suspect_by_person = {p: list(zip(g["registratienummer"], g["pleegdatum"])) for p, g in suspects.groupby("persoon_id")}

    def counts(person, role, index, source, w):
        lo, hi = add_months(index, -w), add_months(index, w)
        after_start = index + dt.timedelta(days=args.grace_days)
        excluded = set()
        if role == "control":
            excluded = {r for r, d in suspect_by_person.get(person, []) if d == index}
        before = after = 0
        if source == "bvh":
            for reg, d in bvh_by_person.get(person, []):
                if reg in excluded:
                    continue
                if lo <= d < index:
                    before += 1
                elif after_start < d <= hi:
                    after += 1
        else:
            for pv, d, links in hks_by_person.get(person, []):
                if excluded.intersection(links):
                    continue
                if lo <= d < index:
                    before += 1
                elif after_start < d <= hi:
                    after += 1
        return before, after

    results = []
    for source in ("bvh", "hks"):
        p_from, p_to = periods[source]
        for w in windows:
            sets = []
            for set_id, g in matches.groupby("set_id", sort=True):
                def qualifies(index):
                    return add_months(index, -w) >= p_from and add_months(index, w) <= p_to
                client = g[g["role"] == "client"].iloc[0]
                if not qualifies(client["index_date"]):
                    continue
                cb, ca = counts(client["persoon_id"], "client", client["index_date"], source, w)
                ctrl = []
                for _, c in g[g["role"] == "control"].iterrows():
                    if qualifies(c["index_date"]):
                        ctrl.append(counts(c["persoon_id"], "control", c["index_date"], source, w))
                if ctrl:
                    sets.append((set_id, cb, ca, ctrl))
            n = len(sets)
            row = {"source": source, "window_months": w, "n_sets": n, "n_clients": n,
                   "n_controls": sum(len(s[3]) for s in sets)}
            if args.dump_sets:
                row["sets"] = [[int(s[1]), int(s[2]), [[int(b), int(a)] for b, a in s[3]]] for s in sets]
            if n == 0:
                results.append(row)
                continue
            cb = np.array([s[1] for s in sets], float)
            ca = np.array([s[2] for s in sets], float)
            kb = np.array([np.mean([c[0] for c in s[3]]) for s in sets])
            ka = np.array([np.mean([c[1] for c in s[3]]) for s in sets])
            kbp = np.array([np.mean([c[0] > 0 for c in s[3]]) for s in sets])
            kap = np.array([np.mean([c[1] > 0 for c in s[3]]) for s in sets])
            d = (ca - cb) - (ka - kb)
            pdiff = ((ca > 0).astype(float) - (cb > 0)) - (kap - kbp)
            row.update({
                "clients_before_mean": cb.mean(), "clients_after_mean": ca.mean(),
                "controls_before_mean": kb.mean(), "controls_after_mean": ka.mean(),
                "clients_before_prev": (cb > 0).mean(), "clients_after_prev": (ca > 0).mean(),
                "controls_before_prev": kbp.mean(), "controls_after_prev": kap.mean(),
                "did": d.mean(),
            })
            if n >= 2 and d.std(ddof=1) > 0:
                t = st.ttest_1samp(d, 0.0)
                ci = t.confidence_interval(0.95)
                row.update({"did_ci_low": ci.low, "did_ci_high": ci.high, "p_value": t.pvalue})
            if np.any(d != 0):
                row["p_wilcoxon"] = st.wilcoxon(d).pvalue
            row["prev_did"] = pdiff.mean()
            if n >= 2 and pdiff.std(ddof=1) > 0:
                tp = st.ttest_1samp(pdiff, 0.0)
                cip = tp.confidence_interval(0.95)
                row.update({"prev_did_ci_low": cip.low, "prev_did_ci_high": cip.high, "p_prev": tp.pvalue})
            # Poisson GLM of person-period counts.
            y, X, groups = [], [], []
            for k in range(n):
                for group, period, count in ((1, 0, cb[k]), (1, 1, ca[k]), (0, 0, kb[k]), (0, 1, ka[k])):
                    y.append(count); X.append([1, group, period, group * period]); groups.append(k)
            y = np.array(y, float)
            X = np.array(X, float)
            cells = [y[(X[:, 1] == g) & (X[:, 2] == p)].sum() for g in (0, 1) for p in (0, 1)]
            if min(cells) > 0 and n >= 2:
                model = sm.GLM(y, X, family=sm.families.Poisson())
                fit = model.fit(cov_type="cluster", cov_kwds={"groups": np.array(groups)})
                beta, se = fit.params[3], fit.bse[3]
                row.update({"rate_ratio": math.exp(beta),
                            "rate_ratio_ci_low": math.exp(beta - st.norm.ppf(0.975) * se),
                            "rate_ratio_ci_high": math.exp(beta + st.norm.ppf(0.975) * se),
                            "p_rate_ratio": float(fit.pvalues[3])})
            results.append(row)
    with open(args.out, "w") as f:
        json.dump({"reference": "scripts/reference/analysis_effects.py",
                   "versions": {"numpy": np.__version__, "scipy": __import__("scipy").__version__,
                                "statsmodels": sm.__version__, "pandas": pd.__version__},
                   "grace_days": args.grace_days, "effects": results}, f, indent=1)


if __name__ == "__main__":
    main()
