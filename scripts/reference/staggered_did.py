"""Reference for the staggered difference-in-differences (Callaway & Sant'Anna 2021).

Writes Packages/RendementStats/Tests/RendementStatsTests/Fixtures/staggered.json:
a small generated panel (monthly counts of 260 units, cohorts in periods 6..17 of
20 and a group never treated, anticipation 2) and
- ATT(g, t) with not-yet-treated comparison units, universal base period, and
  their analytic standard errors: csdid 0.4.3 (a port of R `did`), est_method
  'reg', bstrap False;
- the event-time effects theta(e) (csdid `aggte(typec='dynamic')`) and the
  cumulative effects over the first w periods (w times the overall ATT of
  `aggte(typec='dynamic', balance_e=w-1, min_e=0, max_e=w-1)`);
- the same from a direct numpy implementation of the formulas (checked here
  against csdid to 1e-10), which also gives the joint Wald pre-trend test of
  theta(e), e = -8..-(anticipation+2), and the Gaussian critical value of the
  uniform band (the 0.95 quantile of max |Z_e| / sd_e, Z ~ N(0, V), 400,000 draws).

Run with a Python that has csdid (scripts/reference/make-staggered-fixtures.sh).
"""
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

warnings.filterwarnings("ignore")
from csdid.att_gt import ATTgt  # noqa: E402

T, ANTICIPATION, EVENT_TIMES = 20, 2, (-8, 6)
WINDOWS = [1, 2, 3, 6]
PRE = (-8, -(ANTICIPATION + 2))


def panel(seed=20261201):
    """Units with a latent rate, a calendar trend, a pre-intake rise and an effect after intake."""
    rng = np.random.default_rng(seed)
    cohorts = [None] * 40 + [int(g) for g in rng.integers(6, 18, size=220)]
    y = np.zeros((len(cohorts), T))
    for i, g in enumerate(cohorts):
        rate = rng.gamma(2.0, 0.4)
        for t in range(T):
            mu = rate * (1 + 0.02 * t)
            if g is not None and g - ANTICIPATION <= t < g:
                mu *= 1.8
            if g is not None and t >= g:
                mu *= 0.7
            y[i, t] = rng.poisson(mu)
    return cohorts, y


def csdid_results(cohorts, y, strata=None):
    rows = [{"id": i + 1, "year": t + 1, "g": 0 if g is None else g + 1, "y": y[i, t], "s": 0 if strata is None else strata[i]}
            for i, g in enumerate(cohorts) for t in range(T)]
    df = pd.DataFrame(rows)
    fit = ATTgt(yname="y", tname="year", idname="id", gname="g", data=df, control_group="notyettreated",
                xformla=None if strata is None else "~C(s)",
                anticipation=ANTICIPATION).fit(est_method="reg", base_period="universal", bstrap=False)
    r = fit.results
    cells = []
    for g, t, att, se in zip(r["group"], r["year"], r["att"], r["se"]):
        g, t = int(g) - 1, int(t) - 1
        if EVENT_TIMES[0] <= t - g <= EVENT_TIMES[1] and t != g - ANTICIPATION - 1:
            cells.append({"group": g, "period": t, "att": float(att), "se": float(se)})
    dyn = fit.aggte(typec="dynamic").atte
    events = [{"e": int(e), "att": float(a), "se": float(s)} for e, a, s in zip(dyn["egt"], dyn["att_egt"], np.ravel(dyn["se_egt"]))
              if EVENT_TIMES[0] <= e <= EVENT_TIMES[1] and e != -ANTICIPATION - 1]
    cumulative = []
    for w in WINDOWS:
        a = fit.aggte(typec="dynamic", balance_e=w - 1, min_e=0, max_e=w - 1).atte
        cumulative.append({"w": w, "att": w * float(a["overall_att"]), "se": w * float(np.ravel(a["overall_se"])[0])})
    return cells, events, cumulative


class Direct:
    """The formulas of Callaway & Sant'Anna (2021) and R did's aggte, written out with numpy."""

    def __init__(self, cohorts, y, entries=None, strata=None, base_length=1):
        self.g = np.array([np.inf if g is None else g for g in cohorts], dtype=float)
        self.s = np.zeros(len(cohorts)) if strata is None else np.array(strata, dtype=float)
        self.entry = np.zeros(len(cohorts)) if entries is None else np.array(entries, dtype=float)
        self.y, self.n = y, len(cohorts)
        self.groups = sorted({g for g in cohorts if g is not None})
        self.cells = {}
        for g in self.groups:
            b = g - ANTICIPATION - 1
            bs = b - base_length + 1
            if bs < 0:
                continue
            for e in range(EVENT_TIMES[0], EVENT_TIMES[1] + 1):
                t = g + e
                if 0 <= t < T and (base_length > 1 or t != b):
                    at_risk = self.entry <= min(t, bs)
                    treated = (self.g == g) & at_risk
                    control = (self.g > max(t, b) + ANTICIPATION) & (self.g != g) & at_risk
                    # Conditional parallel trends within strata: only treated units whose stratum has comparison units.
                    treated &= np.isin(self.s, self.s[control])
                    control &= np.isin(self.s, self.s[treated])
                    if not treated.any() or not control.any():
                        continue
                    d = y[:, t] - y[:, bs:b + 1].mean(axis=1)
                    mu0 = {k: d[control & (self.s == k)].mean() for k in np.unique(self.s[treated])}
                    gap = d - np.array([mu0.get(k, 0.0) for k in self.s])
                    att = gap[treated].mean()
                    n1 = treated.sum()
                    psi = np.zeros(self.n)
                    psi[treated] = self.n / n1 * (gap[treated] - att)
                    for k in mu0:
                        c = control & (self.s == k)
                        psi[c] = -self.n / n1 * (np.sum(treated & (self.s == k)) / c.sum()) * gap[c]
                    self.cells[(g, t)] = (att, psi)

    def aggregate(self, keys_by_group):
        pg = {g: np.mean(self.g == g) for g in keys_by_group}
        s = sum(pg.values())
        att_g = {g: sum(self.cells[k][0] for k in ks) for g, ks in keys_by_group.items()}
        theta = sum(pg[g] * att_g[g] for g in keys_by_group) / s
        psi = np.zeros(self.n)
        for g, ks in keys_by_group.items():
            for k in ks:
                psi += pg[g] / s * self.cells[k][1]
            # the influence function of the estimated weights (did's wif), in closed form
            psi += (self.g == g) * (att_g[g] - theta) / s
        return theta, np.sqrt(np.sum(psi ** 2)) / self.n, psi

    def event(self, e):
        keys = {g: [(g, g + e)] for g in self.groups if (g, g + e) in self.cells}
        return self.aggregate(keys) if keys else None

    def cumulative(self, w):
        keys = {g: [(g, g + e) for e in range(w)] for g in self.groups if all((g, g + e) in self.cells for e in range(w))}
        return self.aggregate(keys)


def main(out):
    cohorts, y = panel()
    cells, events, cumulative = csdid_results(cohorts, y)
    direct = Direct(cohorts, y)
    for c in cells:
        att, psi = direct.cells[(c["group"], c["period"])]
        assert abs(att - c["att"]) < 1e-10 and abs(np.sqrt(np.sum(psi ** 2)) / direct.n - c["se"]) < 1e-10, c
    for ev in events:
        att, se, _ = direct.event(ev["e"])
        assert abs(att - ev["att"]) < 1e-10 and abs(se - ev["se"]) < 1e-10, ev
    for cu in cumulative:
        att, se, _ = direct.cumulative(cu["w"])
        assert abs(att - cu["att"]) < 1e-10 and abs(se - cu["se"]) < 1e-10, cu
    pre = [direct.event(e) for e in range(PRE[0], PRE[1] + 1)]
    theta = np.array([p[0] for p in pre])
    psis = np.array([p[2] for p in pre])
    v = psis @ psis.T / direct.n ** 2
    wald = float(theta @ np.linalg.solve(v, theta))
    every = [direct.event(e) for e in range(EVENT_TIMES[0], EVENT_TIMES[1] + 1) if e != -ANTICIPATION - 1]
    psi_all = np.array([p[2] for p in every])
    cov = psi_all @ psi_all.T / direct.n ** 2
    sd = np.sqrt(np.diag(cov))
    z = np.random.default_rng(7).multivariate_normal(np.zeros(len(sd)), cov, size=400_000)
    crit = float(np.quantile(np.max(np.abs(z) / sd, axis=1), 0.95))
    # Units at risk only from their entry period (before it their outcome is a structural 0):
    # the same formulas on the units at risk in both periods of a cell (no csdid equivalent).
    rng = np.random.default_rng(99)
    entries = [int(rng.integers(1, 12)) if rng.random() < 0.3 else 0 for _ in cohorts]
    y_entry = y.copy()
    for i, e in enumerate(entries):
        y_entry[i, :e] = 0
    late = Direct(cohorts, y_entry, entries)
    with_entries = {
        "entries": entries, "outcomes": [float(v) for v in y_entry.ravel()],
        "cells": [{"group": g, "period": t, "att": float(a), "se": float(np.sqrt(np.sum(p ** 2)) / late.n)}
                  for (g, t), (a, p) in sorted(late.cells.items())],
        "event_study": [{"e": e, "att": float(r[0]), "se": float(r[1])}
                        for e in range(EVENT_TIMES[0], EVENT_TIMES[1] + 1) if e != -ANTICIPATION - 1 for r in [late.event(e)] if r],
        "cumulative": [{"w": w, "att": float(late.cumulative(w)[0]), "se": float(late.cumulative(w)[1])} for w in WINDOWS],
    }
    # Conditional parallel trends: three strata with trends of their own; csdid with xformla '~C(s)'.
    strata = [int(v) for v in np.random.default_rng(5).integers(0, 3, size=len(cohorts))]
    trend_rng = np.random.default_rng(6)
    y_strata = y + np.array([[trend_rng.poisson(0.04 * s * t) for t in range(T)] for s in strata], dtype=float)
    s_cells, s_events, s_cumulative = csdid_results(cohorts, y_strata, strata)
    within = Direct(cohorts, y_strata, strata=strata)
    for c in s_cells:
        att, psi = within.cells[(c["group"], c["period"])]
        assert abs(att - c["att"]) < 1e-10 and abs(np.sqrt(np.sum(psi ** 2)) / within.n - c["se"]) < 1e-10, c
    for ev in s_events:
        att, se, _ = within.event(ev["e"])
        assert abs(att - ev["att"]) < 1e-10 and abs(se - ev["se"]) < 1e-10, ev
    for cu in s_cumulative:
        att, se, _ = within.cumulative(cu["w"])
        assert abs(att - cu["att"]) < 1e-10 and abs(se - cu["se"]) < 1e-10, cu
    with_strata = {"strata": strata, "outcomes": [float(v) for v in y_strata.ravel()], "cells": s_cells,
                   "event_study": s_events, "cumulative": s_cumulative}
    # A base window of 4 periods (the mean outcome over g - 5 .. g - 2 as the base), with entries:
    # the direct implementation only.
    wide = Direct(cohorts, y_entry, entries, base_length=4)
    with_base_window = {
        "base_length": 4,
        "cells": [{"group": g, "period": t, "att": float(a), "se": float(np.sqrt(np.sum(p ** 2)) / wide.n)}
                  for (g, t), (a, p) in sorted(wide.cells.items())],
        "event_study": [{"e": e, "att": float(r[0]), "se": float(r[1])}
                        for e in range(EVENT_TIMES[0], EVENT_TIMES[1] + 1) for r in [wide.event(e)] if r],
        "cumulative": [{"w": w, "att": float(wide.cumulative(w)[0]), "se": float(wide.cumulative(w)[1])} for w in WINDOWS],
    }
    fixture = {
        "source": "scripts/reference/staggered_did.py (csdid 0.4.3, est_method reg, universal base, not yet treated)",
        "periods": T, "anticipation": ANTICIPATION, "event_times": list(EVENT_TIMES),
        "cohorts": cohorts, "outcomes": [float(v) for v in y.ravel()],
        "cells": cells, "event_study": events, "cumulative": cumulative,
        "wald": {"from": PRE[0], "to": PRE[1], "statistic": wald, "df": len(pre), "p": float(stats.chi2.sf(wald, len(pre)))},
        "uniform_critical_value_gaussian": crit,
        "with_entries": with_entries,
        "with_strata": with_strata,
        "with_base_window": with_base_window,
    }
    path = Path(out) / "staggered.json"
    path.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {path}: {len(cells)} cells, crit {crit:.4f}, wald {wald:.4f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
