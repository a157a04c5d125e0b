"""Survival formulas shared by the reference scripts (no Swift code involved)."""
from scipy import stats


def stratified_weighted_logrank(df, group="client", stratum="set", weight="weight"):
    """The two-group log-rank test stratified by `stratum` with case weights, from its
    textbook formula (Collett, Modelling Survival Data, 3rd ed., sec. 2.6; lifelines'
    variance factor for weighted counts): at every distinct event time t of a stratum,
    n = sum of weights at risk (time >= t), d = sum of weights of the events at t,
    O1 += d1, E1 += d n1 / n, V += f d n1 (n - n1) / n^2 with f = (n - d)/(n - 1)
    (1 where n = 1); chi-square (O1 - E1)^2 / V on 1 df.
    Neither lifelines (no strata) nor R's survdiff (no weights) computes this."""
    o = e = v = 0.0
    for _, g in df.groupby(stratum):
        for t in sorted(g.time[g.event == 1].unique()):
            risk = g[g.time >= t]
            dead = risk[(risk.time == t) & (risk.event == 1)]
            n, d = risk[weight].sum(), dead[weight].sum()
            n1, d1 = risk[weight][risk[group] == 1].sum(), dead[weight][dead[group] == 1].sum()
            f = (n - d) / (n - 1) if n != 1 else 1.0
            o += d1
            e += d * n1 / n
            v += f * d * n1 * (n - n1) / n ** 2
    chisq = (o - e) ** 2 / v
    return {"observed_clients": o, "expected_clients": e, "variance": v, "chisq": chisq, "p": float(stats.chi2.sf(chisq, 1))}
