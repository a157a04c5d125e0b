#!/usr/bin/env python3
"""Reference values for RendementStats.NormalPower from statsmodels
NormalIndPower with ratio=0 (one-sample two-sided z test). The solved effect
sizes and sample sizes are exact roots of statsmodels' power function
(scipy brentq, xtol 1e-15), since statsmodels' own solve_power stops near 1e-6."""
import json
import sys

from scipy.optimize import brentq

from statsmodels.stats.power import NormalIndPower

out = sys.argv[1]
p = NormalIndPower()
cases = []
for d in (0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 1.2):
    for n in (5, 12, 30, 80, 250, 1000, 5000):
        for alpha in (0.05, 0.01):
            cases.append({"effect_size": d, "n": n, "alpha": alpha,
                          "power": float(p.power(d, nobs1=n, alpha=alpha, ratio=0, alternative="two-sided"))})
mde = []
for n in (5, 12, 30, 80, 250, 1000, 5000):
    for power in (0.8, 0.9):
        root = brentq(lambda d: p.power(d, nobs1=n, alpha=0.05, ratio=0) - power, 1e-9, 50, xtol=1e-15, rtol=1e-15)
        mde.append({"n": n, "alpha": 0.05, "power": power, "effect_size": float(root),
                    "statsmodels_solve_power": float(p.solve_power(effect_size=None, nobs1=n, alpha=0.05, power=power, ratio=0))})
need = []
for d in (0.05, 0.1, 0.2, 0.5, 1.0):
    for power in (0.8, 0.9):
        root = brentq(lambda n: p.power(d, nobs1=n, alpha=0.05, ratio=0) - power, 1e-6, 1e9, xtol=1e-12, rtol=1e-15)
        need.append({"effect_size": d, "alpha": 0.05, "power": power, "n": float(root),
                     "statsmodels_solve_power": float(p.solve_power(effect_size=d, nobs1=None, alpha=0.05, power=power, ratio=0))})
with open(f"{out}/power.json", "w") as f:
    json.dump({"reference": "statsmodels NormalIndPower(ratio=0)", "power": cases, "mde": mde, "n": need}, f, indent=1)
