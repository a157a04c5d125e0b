#!/usr/bin/env python3
"""Independent reference for the survival and age-moderation tables of the
analysis (survival.csv, survival_summary.csv, age_moderation.csv), on matched
1:3 sets made here: lifelines, statsmodels and pandas; analysis_survival.R adds
R's coxph (robust / stratified by set) and survfit (medians, intervals).
Shares no code with the Swift side.

    python analysis_survival.py OUT.json

Definitions implemented here, straight from data-schema/outputs.md:
- a member (client or control) is followed from its index date; its time is
  the days to its first BVH event strictly after the index date (grace 0)
  and on or before the end of the observation period (2014-12-31), else the
  days to the period end (censored); a member whose index date lies after the
  period end is not followed;
- a set enters when its client and at least one control are followed; the
  client weighs 1, each of its k followed controls 1/k;
- n_at_risk at day t = members with time >= t; n_events_cumulative = members
  with an event at time <= t; n_sets = sets with a member of the group at
  risk at t; survival = the weighted Kaplan-Meier estimate at t
  (lifelines KaplanMeierFitter(weights=));
- log-rank stratified by set with weights (survival_common.py); Cox pooled
  with weights (lifelines, Efron);
- age moderation: OLS of the set-level difference d on the client's age
  (statsmodels OLS) and the age x client x after term of a Poisson GLM over
  four rows per set (client before/after, mean of its controls before/after),
  cluster-robust by set (statsmodels GLM cov_type='cluster').
"""
import datetime as dt
import json
import sys
import warnings

import lifelines
import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
from lifelines import CoxPHFitter, KaplanMeierFitter

from survival_common import stratified_weighted_logrank

OUT = sys.argv[1]
rng = np.random.default_rng(19)
PERIOD_END = dt.date(2014, 12, 31)
DAYS = [7, 14, 30, 61, 91, 122, 152, 183, 274, 365, 548, 730]


def member(index, client, age):
    """A member with a BVH history: an event before the index, sometimes one on the index
    day (never counted) and a first event after it at an exponential time."""
    events = [index - dt.timedelta(days=int(rng.integers(5, 300)))]
    if rng.random() < 0.1:
        events.append(index)
    gap = int(np.ceil(rng.exponential(260 * np.exp(-0.3 * client + 0.012 * (age - 30)))))
    events.append(index + dt.timedelta(days=gap))
    if rng.random() < 0.3:
        events.append(index + dt.timedelta(days=gap + int(rng.integers(0, 40))))
    return {"index": index.isoformat(), "age": int(age), "events": sorted(e.isoformat() for e in events)}


sets = []
for s in range(64):
    index = dt.date(2012, 1, 1) + dt.timedelta(days=int(rng.integers(0, 1060)))
    if s == 0:
        index = PERIOD_END - dt.timedelta(days=7)     # censored exactly on a reported day
    age = int(rng.integers(14, 60))
    client = member(index, 1, age)
    controls = []
    for _ in range(3):
        c_index = index + dt.timedelta(days=int(rng.integers(-3, 4)))
        if rng.random() < 0.15:
            c_index = dt.date(2015, 2, 1)             # outside the period: not followed
        controls.append(member(c_index, 0, max(12, age + int(rng.integers(-2, 3)))))
    if s == 1:                                        # an event exactly on day 7, a tie with set 2
        client["events"] = [(index + dt.timedelta(days=7)).isoformat()]
    if s == 2:
        client["events"] = [(index + dt.timedelta(days=7)).isoformat()]
    sets.append({"id": s, "client": client, "controls": controls})
# The client of set 0 has no event after its index date.
sets[0]["client"]["events"] = [(PERIOD_END - dt.timedelta(days=100)).isoformat()]


def observation(m):
    index = dt.date.fromisoformat(m["index"])
    if index > PERIOD_END or index >= PERIOD_END:
        return None
    after = [dt.date.fromisoformat(e) for e in m["events"] if dt.date.fromisoformat(e) > index]
    first = min(after) if after else None
    if first is not None and first <= PERIOD_END:
        return (first - index).days, 1
    return (PERIOD_END - index).days, 0


rows = []
for s in sets:
    c = observation(s["client"])
    followed = [(m, observation(m)) for m in s["controls"]]
    followed = [(m, o) for m, o in followed if o is not None]
    if c is None or not followed:
        continue
    rows.append({"set": s["id"], "client": 1, "time": c[0], "event": c[1], "weight": 1.0, "age": s["client"]["age"]})
    for m, o in followed:
        rows.append({"set": s["id"], "client": 0, "time": o[0], "event": o[1], "weight": 1 / len(followed), "age": m["age"]})
df = pd.DataFrame(rows)

curves = []
for client in (1, 0):
    g = df[df.client == client]
    kmf = KaplanMeierFitter().fit(g.time, g.event, weights=g.weight)
    for d in DAYS:
        risk = g[g.time >= d]
        curves.append({"group": "clients" if client else "controls", "day": d, "n_at_risk": int(len(risk)),
                       "n_events_cumulative": int(((g.time <= d) & (g.event == 1)).sum()), "n_sets": int(risk.set.nunique()),
                       "survival": float(kmf.survival_function_at_times(d).iloc[0])})

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    cph = CoxPHFitter().fit(df[["time", "event", "client", "weight"]], "time", "event", weights_col="weight",
                            fit_options={"precision": 1e-14, "max_steps": 200})
pooled = {"coef": float(cph.params_["client"]), "se": float(cph.standard_errors_["client"])}

# Age moderation on counts made here: 40 sets of a client and 1-3 controls.
mod = []
for k in range(40):
    age = int(rng.integers(13, 55))
    m = int(rng.integers(1, 4))
    base = np.exp(0.9 - 0.02 * (age - 30))
    cb = int(rng.poisson(base)); ca = int(rng.poisson(base * np.exp(-0.4 + 0.012 * (age - 30))))
    kb = [int(rng.poisson(base)) for _ in range(m)]; ka = [int(rng.poisson(base)) for _ in range(m)]
    mod.append({"age": age, "client_before": cb, "client_after": ca, "controls_before": kb, "controls_after": ka})
y, X, groups, d, ages = [], [], [], [], []
for k, r in enumerate(mod):
    a = r["age"]
    kbm, kam = np.mean(r["controls_before"]), np.mean(r["controls_after"])
    for g, p, count in ((1, 0, r["client_before"]), (1, 1, r["client_after"]), (0, 0, kbm), (0, 1, kam)):
        y.append(count); X.append([1, g, p, g * p, a, a * g, a * p, a * g * p]); groups.append(k)
    d.append((r["client_after"] - r["client_before"]) - (kam - kbm)); ages.append(a)
glm = sm.GLM(np.array(y, float), np.array(X, float), family=sm.families.Poisson()).fit(
    cov_type="cluster", cov_kwds={"groups": np.array(groups)}, tol=1e-14)
ols = sm.OLS(np.array(d), sm.add_constant(np.array(ages, float))).fit()
ci_glm, ci_ols = glm.conf_int(0.05), ols.conf_int(0.05)

json.dump({
    "reference": "scripts/reference/analysis_survival.py",
    "versions": {"lifelines": lifelines.__version__, "statsmodels": statsmodels.__version__, "pandas": pd.__version__},
    "period_end": PERIOD_END.isoformat(), "sets": sets,
    "sample": {"n_sets": int(df.set.nunique()), "n_clients": int((df.client == 1).sum()), "n_controls": int((df.client == 0).sum())},
    "curves": curves,
    "logrank_stratified": stratified_weighted_logrank(df),
    "cox_pooled": pooled,
    "age_moderation": {
        "sets": mod,
        "log_rate_ratio": {"slope": float(glm.params[7]), "se": float(glm.bse[7]), "p": float(glm.pvalues[7]),
                           "ci": [float(ci_glm[7][0]), float(ci_glm[7][1])], "intercept": float(glm.params[3])},
        "difference": {"slope": float(ols.params[1]), "se": float(ols.bse[1]), "p": float(ols.pvalues[1]),
                       "ci": [float(ci_ols[1][0]), float(ci_ols[1][1])], "intercept": float(ols.params[0])},
    },
}, open(OUT, "w"), indent=1)
df.to_csv(OUT.replace(".json", ".csv"), index=False)
print(f"wrote {OUT} and the person table for analysis_survival.R")
