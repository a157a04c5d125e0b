"""Reference fixtures for the survival routines of RendementStats.

    python stats_survival.py <output-folder>

Writes
  survival_cases.csv     the simulated inputs (case,time,event,group,stratum,x1,x2,x3),
                         also read by stats_survival.R (R survival cross-check);
  survival_lifelines.json lifelines results: Kaplan-Meier with its default
                         log-log ("exponential Greenwood") intervals, the
                         multivariate log-rank test and CoxPHFitter (Efron ties),
                         plus the same for the Rossi data (rossi.csv, shipped
                         with lifelines).
"""
import csv
import json
import sys

import lifelines
import numpy as np
import pandas as pd
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test

OUT = sys.argv[1]
rng = np.random.default_rng(1980)


def arr(a):
    return [None if not np.isfinite(v) else float(v) for v in np.asarray(a, dtype=float).ravel()]


cases = {}


def add(name, time, event, group=None, stratum=None, x=None):
    n = len(time)
    group = np.zeros(n, int) if group is None else group
    stratum = np.zeros(n, int) if stratum is None else stratum
    x = np.zeros((n, 3)) if x is None else x
    cases[name] = pd.DataFrame({"time": np.asarray(time, float), "event": np.asarray(event, int), "group": group,
                                "stratum": stratum, "x1": x[:, 0], "x2": x[:, 1], "x3": x[:, 2]})


# Heavy ties (integer times), two groups, ~30% censored, covariates for Cox.
n = 80
x = rng.normal(size=(n, 3))
g = rng.integers(0, 2, size=n)
lin = 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.4 * g
t = np.ceil(rng.exponential(8 * np.exp(-lin)))
c = np.ceil(rng.uniform(2, 25, size=n))
add("ties_two_groups", np.minimum(t, c), (t <= c).astype(int), g, None, x)
# Three groups, two strata, continuous times.
n = 150
x = rng.normal(size=(n, 3))
g = rng.integers(0, 3, size=n)
s = rng.integers(0, 2, size=n)
lin = 0.3 * x[:, 0] + 0.6 * x[:, 2] + 0.3 * g - 0.5 * s
t = rng.weibull(1.3, size=n) * 10 * np.exp(-lin / 1.3)
c = rng.uniform(1, 20, size=n)
add("three_groups_strata", np.round(np.minimum(t, c), 3), (t <= c).astype(int), g, s, x)
# All censored.
add("all_censored", [3, 5, 5, 8, 9, 12], [0] * 6)
# A single event.
add("single_event", [2, 4, 4, 6, 7, 9, 10, 11], [0, 0, 1, 0, 0, 0, 0, 0], np.array([0, 1, 0, 1, 0, 1, 0, 1]))
# Survival reaches 0 (last subject has the event).
add("reaches_zero", [1, 2, 2, 3, 4, 5], [1, 1, 0, 1, 1, 1], np.array([0, 0, 1, 1, 0, 1]))
# S hits exactly 0.5 on a plateau (median is a midpoint in R).
add("median_plateau", list(range(1, 11)), [1] * 10, np.array([0, 1] * 5))
# One subject.
add("one_subject", [5.0], [1])

rows = []
for name, df in cases.items():
    for r in df.itertuples(index=False):
        rows.append([name, r.time, r.event, r.group, r.stratum, r.x1, r.x2, r.x3])
with open(f"{OUT}/survival_cases.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "time", "event", "group", "stratum", "x1", "x2", "x3"])
    for r in rows:
        w.writerow([r[0], repr(float(r[1])), int(r[2]), int(r[3]), int(r[4])] + [repr(float(v)) for v in r[5:]])

rossi = pd.read_csv(f"{OUT}/rossi.csv")

results = {"versions": {"lifelines": lifelines.__version__, "numpy": np.__version__, "pandas": pd.__version__}, "cases": []}


def km(name, T, E):
    kmf = KaplanMeierFitter().fit(T, E, alpha=0.05)
    tl = kmf.timeline
    sf = kmf.survival_function_.iloc[:, 0].values
    ci = kmf.confidence_interval_
    keep = tl > 0  # lifelines prepends t=0
    ev = kmf.event_table
    return {"name": name, "kind": "km", "time": arr(tl[keep]), "survival": arr(sf[keep]),
            "lower_loglog": arr(ci.iloc[:, 0].values[keep]), "upper_loglog": arr(ci.iloc[:, 1].values[keep]),
            "at_risk": arr(ev["at_risk"].values[ev.index.values > 0]), "events": arr(ev["observed"].values[ev.index.values > 0])}


for name, df in cases.items():
    results["cases"].append(km(name, df.time.values, df.event.values))
results["cases"].append(km("rossi_fin0", rossi.week[rossi.fin == 0].values, rossi.arrest[rossi.fin == 0].values))
results["cases"].append(km("rossi_fin1", rossi.week[rossi.fin == 1].values, rossi.arrest[rossi.fin == 1].values))

# Log-rank (unstratified) via lifelines.
for name in ["ties_two_groups", "three_groups_strata", "single_event", "reaches_zero", "median_plateau"]:
    df = cases[name]
    r = multivariate_logrank_test(df.time, df.group, df.event)
    results["cases"].append({"name": name, "kind": "logrank", "chisq": float(r.test_statistic),
                             "df": int(r.degrees_of_freedom), "p": float(r.p_value)})
r = multivariate_logrank_test(rossi.week, rossi.fin, rossi.arrest)
results["cases"].append({"name": "rossi", "kind": "logrank", "chisq": float(r.test_statistic), "df": 1, "p": float(r.p_value)})


def cox(name, df, duration, event, covs, strata=None):
    cph = CoxPHFitter(penalizer=0.0)
    cols = covs + [duration, event] + ([strata] if strata else [])
    cph.fit(df[cols], duration_col=duration, event_col=event, strata=[strata] if strata else None,
            fit_options={"precision": 1e-14, "max_steps": 200})
    s = cph.summary
    lr = cph.log_likelihood_ratio_test()
    return {"name": name, "kind": "cox", "covariates": covs, "strata": strata,
            "coef": arr(s["coef"].values), "se": arr(s["se(coef)"].values), "z": arr(s["z"].values),
            "p": arr(s["p"].values), "hr_lower": arr(s["exp(coef) lower 95%"].values),
            "hr_upper": arr(s["exp(coef) upper 95%"].values), "loglik": float(cph.log_likelihood_),
            "lr_chisq": float(lr.test_statistic), "lr_df": int(lr.degrees_freedom), "lr_p": float(lr.p_value)}


results["cases"].append(cox("rossi", rossi, "week", "arrest", ["fin", "age", "race", "wexp", "mar", "paro", "prio"]))
results["cases"].append(cox("ties_two_groups", cases["ties_two_groups"], "time", "event", ["x1", "x2", "x3", "group"]))
results["cases"].append(cox("three_groups_strata", cases["three_groups_strata"], "time", "event", ["x1", "x2", "x3"], "stratum"))

with open(f"{OUT}/survival_lifelines.json", "w") as f:
    json.dump(results, f, indent=1)
print("wrote survival_cases.csv, survival_lifelines.json")
