#!/usr/bin/env python3
"""Independent recomputation of the before/after figures of effects.csv
(data-schema/contract.md section 4) from canonical extracts and a matches.csv, with
pandas, numpy, scipy and statsmodels. Shares no code with the Swift side.

    python analysis_effects.py --extracts DIR --matches matches.csv \
        --bvh-period 2009-01-01,2014-12-31 --hks-period 2006-01-01,2014-12-31 \
        --windows 1,2,3,6,12 --out effects_reference.json

Definitions implemented here, straight from the contract:
- window W with anticipation M: before = [index - (M + W) months,
  index - M months), after = (index + G days, index + W months], calendar
  months with the day clamped to the month end (each boundary counted from
  the index date); the index day and the anticipation months count in neither
  window (G = grace days, default 0);
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
  G/(G-1) * (N-1)/(N-K) with N = 4 sets, K = 4), Wald CI and p;
- placebo: the same rate ratio around a pseudo-intake S months (default 12)
  before the index date, windows of W' = min(W, S - M) months, no grace days
  and no anticipation; a unit qualifies when [p - W', p + W'] lies in the
  observation period;
- pre-trend: months -24..-(M+1) before the index date (month -k =
  [index - k months, index - k + 1 months)); a unit qualifies when those months
  lie in the observation period; per set the client's monthly counts and the
  mean of its qualifying controls', summed over the reference year -24..-13
  and three-month bins of -12..-(M+1) counted back from the last month (a
  shorter remainder joins the first of them; six-month bins when a bin has
  no event in either group); a Poisson GLM with group,
  bin, and group x bin terms, cluster-robust by set; Wald chi-square of the
  group x bin terms, F = W / q with df (q, G - 1);
- sensitivity: the rate ratio for anticipation M = 0..6.
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
    ap.add_argument("--anticipation", type=int, default=0)
    ap.add_argument("--placebo-shift", type=int, default=12)
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

    def counts(person, role, index, source, w, m=None, grace=None, shift=0):
        """Before/after counts of a unit; m = anticipation, shift = placebo months."""
        m = args.anticipation if m is None else m
        grace = args.grace_days if grace is None else grace
        index_excl = index
        index = add_months(index, -shift) if shift else index
        lo, hi = add_months(index, -(m + w)), add_months(index, w)
        before_end = add_months(index, -m)
        after_start = index + dt.timedelta(days=grace)
        excluded = set()
        if role == "control":
            excluded = {r for r, d in suspect_by_person.get(person, []) if d == index_excl}
        before = after = 0
        for d in event_days(person, source, excluded):
            if lo <= d < before_end:
                before += 1
            elif after_start < d <= hi:
                after += 1
        return before, after

    def event_days(person, source, excluded):
        if source == "bvh":
            return [d for reg, d in bvh_by_person.get(person, []) if reg not in excluded]
        return [d for pv, d, links in hks_by_person.get(person, []) if not excluded.intersection(links)]

    def monthly(person, role, index, source, months):
        excluded = set()
        if role == "control":
            excluded = {r for r, d in suspect_by_person.get(person, []) if d == index}
        days = event_days(person, source, excluded)
        out = []
        for k in months:  # k is negative: month k = [index + k months, index + k + 1 months)
            lo = add_months(index, k)
            hi = index if k == -1 else add_months(index, k + 1)
            out.append(sum(1 for d in days if lo <= d < hi))
        return out

    def build_sets(source, w, m=None, shift=0, wp=None):
        p_from, p_to = periods[source]
        m = args.anticipation if m is None else m
        length = w if wp is None else wp
        grace = args.grace_days if shift == 0 else 0
        anticipation = m if shift == 0 else 0

        def qualifies(index):
            index = add_months(index, -shift) if shift else index
            return add_months(index, -(anticipation + length)) >= p_from and add_months(index, length) <= p_to
        sets = []
        for set_id, g in matches.groupby("set_id", sort=True):
            client = g[g["role"] == "client"].iloc[0]
            if not qualifies(client["index_date"]):
                continue
            cb, ca = counts(client["persoon_id"], "client", client["index_date"], source, length, anticipation, grace, shift)
            ctrl = []
            for _, c in g[g["role"] == "control"].iterrows():
                if qualifies(c["index_date"]):
                    ctrl.append(counts(c["persoon_id"], "control", c["index_date"], source, length, anticipation, grace, shift))
            if ctrl:
                sets.append((set_id, cb, ca, ctrl))
        return sets

    def rate_ratio(sets):
        n = len(sets)
        if n < 2:
            return None
        y, X, groups = [], [], []
        for k, s in enumerate(sets):
            kb = np.mean([c[0] for c in s[3]]); ka = np.mean([c[1] for c in s[3]])
            for group, period, count in ((1, 0, s[1]), (1, 1, s[2]), (0, 0, kb), (0, 1, ka)):
                y.append(count); X.append([1, group, period, group * period]); groups.append(k)
        y = np.array(y, float); X = np.array(X, float)
        cells = [y[(X[:, 1] == g) & (X[:, 2] == p)].sum() for g in (0, 1) for p in (0, 1)]
        if min(cells) <= 0:
            return None
        fit = sm.GLM(y, X, family=sm.families.Poisson()).fit(cov_type="cluster", cov_kwds={"groups": np.array(groups)})
        beta, se = fit.params[3], fit.bse[3]
        z = st.norm.ppf(0.975)
        return {"rate_ratio": math.exp(beta), "rate_ratio_ci_low": math.exp(beta - z * se),
                "rate_ratio_ci_high": math.exp(beta + z * se), "p_rate_ratio": float(fit.pvalues[3])}

    def pretrend(source):
        m = args.anticipation
        months = list(range(-24, -m))  # -24 .. -(m+1)
        if len(months) < 2:
            return {"pretrend_reason": "no_room"}
        p_from, p_to = periods[source]

        def qualifies(index):
            end = index if months[-1] == -1 else add_months(index, months[-1] + 1)
            return add_months(index, -24) >= p_from and end - dt.timedelta(days=1) <= p_to
        panel = []
        for set_id, g in matches.groupby("set_id", sort=True):
            client = g[g["role"] == "client"].iloc[0]
            if not qualifies(client["index_date"]):
                continue
            ctrl = [monthly(c["persoon_id"], "control", c["index_date"], source, months)
                    for _, c in g[g["role"] == "control"].iterrows() if qualifies(c["index_date"])]
            if ctrl:
                panel.append((monthly(client["persoon_id"], "client", client["index_date"], source, months),
                              list(np.mean(np.array(ctrl, float), axis=0))))
        out = {"pretrend_n_sets": len(panel), "pretrend_first_month": months[0], "pretrend_last_month": months[-1]}
        if len(panel) < 2:
            out["pretrend_reason"] = "too_few_sets"
            return out
        for width in (3, 6):
            n = len(months)
            ref = 12 if n > 12 else 0
            bins, end = [], n
            while end - width >= ref:
                bins.insert(0, list(range(end - width, end))); end -= width
            if end > ref:
                if bins:
                    bins[0] = list(range(ref, end)) + bins[0]
                else:
                    bins = [list(range(ref, end))]
            if ref:
                bins.insert(0, list(range(0, ref)))
            b = len(bins)
            y, X, groups = [], [], []
            for k, (cl, co) in enumerate(panel):
                for group, series in ((1, cl), (0, co)):
                    for j, idx in enumerate(bins):
                        row = [1.0, group] + [1.0 if j == t else 0.0 for t in range(b - 1)] \
                            + [float(group) if j == t else 0.0 for t in range(b - 1)]
                        y.append(sum(series[i] for i in idx)); X.append(row); groups.append(k)
            y = np.array(y, float); X = np.array(X, float)
            cell_totals = [y[(X[:, 1] == g) & (np.arange(len(y)) % b == j)].sum() for g in (0, 1) for j in range(b)]
            if min(cell_totals) <= 0:
                out["pretrend_reason"] = "no_events"
                continue
            fit = sm.GLM(y, X, family=sm.families.Poisson()).fit(cov_type="cluster", cov_kwds={"groups": np.array(groups)})
            q = b - 1
            R = np.zeros((q, X.shape[1]))
            for t in range(q):
                R[t, b + 1 + t] = 1.0
            wald = fit.wald_test(R, use_f=False, scalar=True)
            W = float(np.asarray(wald.statistic).squeeze())
            G = len(panel)
            out.update({"pretrend_bin_months": width, "pretrend_f": W / q, "pretrend_df1": q, "pretrend_df2": G - 1,
                        "p_pretrend": float(st.f.sf(W / q, q, G - 1)), "pretrend_chi2": W})
            out.pop("pretrend_reason", None)
            return out
        return out

    results = []
    for source in ("bvh", "hks"):
        trend = pretrend(source)
        for w in windows:
            sets = build_sets(source, w)
            n = len(sets)
            row = {"source": source, "window_months": w, "n_sets": n, "n_clients": n,
                   "n_controls": sum(len(s[3]) for s in sets)}
            row.update(trend)
            wp = min(w, args.placebo_shift - args.anticipation)
            if wp >= 1:
                placebo = build_sets(source, w, shift=args.placebo_shift, wp=wp)
                row["placebo_window_months"] = wp
                row["placebo_n_sets"] = len(placebo)
                rr = rate_ratio(placebo)
                if rr:
                    row.update({"placebo_" + k if not k.startswith("p_") else "p_placebo": v for k, v in rr.items()})
            row["sensitivity"] = []
            for m in range(0, 7):
                alt = build_sets(source, w, m=m)
                entry = {"anticipation_months": m, "n_sets": len(alt)}
                rr = rate_ratio(alt)
                if rr:
                    entry.update(rr)
                row["sensitivity"].append(entry)
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
            rr = rate_ratio(sets)
            if rr:
                row.update(rr)
            results.append(row)
    with open(args.out, "w") as f:
        json.dump({"reference": "scripts/reference/analysis_effects.py",
                   "versions": {"numpy": np.__version__, "scipy": __import__("scipy").__version__,
                                "statsmodels": sm.__version__, "pandas": pd.__version__},
                   "grace_days": args.grace_days, "anticipation_months": args.anticipation,
                   "placebo_shift_months": args.placebo_shift, "effects": results}, f, indent=1)


if __name__ == "__main__":
    main()
