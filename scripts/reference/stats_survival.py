"""Reference fixtures for the survival routines of RendementStats.

    python stats_survival.py <output-folder>

Writes
  survival_cases.csv     the simulated inputs (case,time,event,group,stratum,x1,x2,x3),
                         also read by stats_survival.R (R survival cross-check);
  survival_lifelines.json lifelines results: Kaplan-Meier with its default
                         log-log ("exponential Greenwood") intervals, the
                         multivariate log-rank test and CoxPHFitter (Efron ties),
                         plus the same for the Rossi data (rossi.csv, shipped
                         with lifelines);
  survival_matched.csv   matched 1:k sets (k = 1..3; clients weight 1, controls
                         1/k): case,set,client,time,event,weight,age, with integer
                         days (ties) and a tie-free copy; also read by
                         stats_survival.R;
  survival_matched.json  on those sets: weighted Kaplan-Meier (lifelines; its
                         confidence limits are not used as a reference, since
                         its variance truncates the weighted numbers at risk to
                         integers) and weighted log-rank (lifelines), weighted Cox with cluster_col /
                         strata (lifelines, on the tie-free copy: lifelines'
                         robust score residuals do not handle ties), PHReg with
                         groups / strata (statsmodels, unweighted, Breslow
                         ties), and the weighted log-rank stratified by set
                         computed here from its textbook formula (neither
                         lifelines nor R's survdiff take both weights and strata).
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

# ---------------------------------------------------------------- matched sets
import warnings

import statsmodels
from lifelines.statistics import multivariate_logrank_test as mlt
from statsmodels.duration.hazard_regression import PHReg
from survival_common import stratified_weighted_logrank

mrng = np.random.default_rng(2014)


def matched_sets(n_sets, continuous):
    rows = []
    for s_ in range(n_sets):
        k = int(mrng.choice([1, 2, 3, 3]))
        for j in range(k + 1):
            client = 1 if j == 0 else 0
            age = int(mrng.integers(14, 60))
            t = mrng.exponential(250 * np.exp(-0.35 * client + 0.01 * (age - 30)))
            c = mrng.uniform(20, 600)
            if not continuous:
                t, c = np.ceil(t), np.ceil(c)
            rows.append({"set": s_, "client": client, "time": float(min(t, c)), "event": int(t <= c),
                         "weight": 1.0 if client else 1.0 / k, "age": float(age)})
    return pd.DataFrame(rows)


matched = {"matched_tied": matched_sets(160, False), "matched_continuous": matched_sets(120, True)}
with open(f"{OUT}/survival_matched.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "set", "client", "time", "event", "weight", "age"])
    for name, df in matched.items():
        for r in df.itertuples(index=False):
            w.writerow([name, r.set, r.client, repr(r.time), r.event, repr(r.weight), repr(r.age)])


def lifelines_cox(df, **kw):
    cph = CoxPHFitter()
    df = df.assign(stratum=df.set)   # lifelines takes the cluster column out before it reads the strata
    cols = (["time", "event", "client", "weight"] + (["set"] if "cluster_col" in kw else []) + (["age"] if kw.pop("age", False) else [])
            + (["stratum"] if "strata" in kw else []))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cph.fit(df[cols], "time", "event", weights_col="weight", fit_options={"precision": 1e-14, "max_steps": 200}, **kw)
    s_ = cph.summary
    return {"covariates": list(s_.index), "coef": arr(s_["coef"].values), "se": arr(s_["se(coef)"].values),
            "p": arr(s_["p"].values), "loglik": float(cph.log_likelihood_)}


mresults = {"versions": {"lifelines": lifelines.__version__, "statsmodels": statsmodels.__version__}, "cases": []}
for name, df in matched.items():
    for client in (1, 0):
        g = df[df.client == client]
        kmf = KaplanMeierFitter().fit(g.time, g.event, weights=g.weight)
        tl = kmf.timeline
        keep = tl > 0
        ev = kmf.event_table
        ci = kmf.confidence_interval_
        mresults["cases"].append({"name": name, "kind": "km_weighted", "client": client, "time": arr(tl[keep]),
                                  "survival": arr(kmf.survival_function_.iloc[:, 0].values[keep]),
                                  "lower_loglog": arr(ci.iloc[:, 0].values[keep]), "upper_loglog": arr(ci.iloc[:, 1].values[keep]),
                                  "at_risk": arr(ev["at_risk"].values[ev.index.values > 0])})
    r = mlt(df.time, df.client, df.event, weights=df.weight)
    mresults["cases"].append({"name": name, "kind": "logrank_weighted", "chisq": float(r.test_statistic), "p": float(r.p_value)})
    mresults["cases"].append({"name": name, "kind": "logrank_weighted_stratified", **stratified_weighted_logrank(df)})
    # Cox: lifelines (weights; robust by set only where there are no ties).
    mresults["cases"].append({"name": name, "kind": "cox_lifelines_pooled", **lifelines_cox(df)})
    if name == "matched_continuous":
        mresults["cases"].append({"name": name, "kind": "cox_lifelines_cluster", **lifelines_cox(df, cluster_col="set")})
        mresults["cases"].append({"name": name, "kind": "cox_lifelines_cluster_age", **lifelines_cox(df, cluster_col="set", age=True)})
        mresults["cases"].append({"name": name, "kind": "cox_lifelines_strata_cluster", **lifelines_cox(df, cluster_col="set", strata=["stratum"])})
    # statsmodels PHReg: unweighted, Breslow ties, robust by set (groups), with and without strata.
    for strat in (False, True):
        model = PHReg(df.time.values, df[["client"]].values, status=df.event.values, ties="breslow",
                      strata=df.set.values if strat else None)
        fit = model.fit(groups=df.set.values)
        naive = model.fit()
        # (With strata, statsmodels leaves the score residuals of sets without an event NaN, so its
        # robust SE is NaN there; only the model-based SE is compared then.)
        mresults["cases"].append({"name": name, "kind": "cox_statsmodels_breslow" + ("_strata" if strat else ""),
                                  "coef": arr(fit.params), "robust_se": arr(fit.bse), "naive_se": arr(naive.bse)})

with open(f"{OUT}/survival_matched.json", "w") as f:
    json.dump(mresults, f, indent=1)
print("wrote survival_matched.csv, survival_matched.json")
