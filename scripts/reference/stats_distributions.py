"""Reference values for RendementStats special functions and distributions.

Usage: python stats_distributions.py <fixture-dir>
Writes distributions.json: a list of cases {name, dist, params, fn, x, expected}.
References: scipy.special (gammaln, gammainc, gammaincc, betainc, betaincc, betaln)
and scipy.stats (norm, t, chi2, f, binom, poisson), versions recorded in the file.
"""
import sys
import numpy as np
import scipy
from scipy import special, stats
from dist_common import write
import mpmath as mp

mp.mp.dps = 50

out = sys.argv[1]


def mp_root(f, lo, hi):
    """Root of increasing-or-decreasing f on [lo, hi] (log-scale variable), mpmath precision."""
    flo = f(lo)
    for _ in range(400):
        mid = (lo + hi) / 2
        fm = f(mid)
        if (fm > 0) == (flo > 0):
            lo, flo = mid, fm
        else:
            hi = mid
        if hi - lo < mp.mpf(10) ** -30:
            break
    return (lo + hi) / 2


def to_double(u):
    """exp(u) as a double: inf beyond the double range (true quantile overflows)."""
    return float("inf") if u > 709.78 else float(mp.exp(u))


def mp_f_quantile(d1, d2, p, upper):
    """x with P(F > x) = p (upper) or P(F <= x) = p, by bisection on log x in 50-digit arithmetic."""
    a, b = mp.mpf(d1) / 2, mp.mpf(d2) / 2
    target = mp.log(mp.mpf(p))

    def f(u):
        x = mp.exp(u)
        y = mp.mpf(d2) / (d1 * x + d2)
        xx = d1 * x / (d1 * x + d2)
        val = mp.betainc(b, a, 0, y, regularized=True) if upper else mp.betainc(a, b, 0, xx, regularized=True)
        return mp.log(val) - target
    return to_double(mp_root(f, mp.mpf(-800), mp.mpf(800)))


def mp_t_isf(df, p):
    """t with P(T > t) = p, p < 1/2, via 0.5*I_x(df/2, 1/2), x = df/(df+t^2)."""
    nu = mp.mpf(df)
    target = mp.log(mp.mpf(p))

    def f(u):
        t = mp.exp(u)
        x = nu / (nu + t * t)
        return mp.log(mp.betainc(nu / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2) - target
    return to_double(mp_root(f, mp.mpf(-800), mp.mpf(800)))
rng = np.random.default_rng(20260101)
cases = []


REF = {"source": "scipy"}


def mp_or(mp_fn, scipy_fn):
    """50-digit mpmath value when its series converges; scipy otherwise (source recorded in the case)."""
    try:
        v = mp_fn()
        REF["source"] = "mpmath"
        return v
    except Exception:
        REF["source"] = "scipy"
        return scipy_fn()


def add(dist, params, fn, x, expected, ref=None):
    expected = float(expected)
    src = ref or REF["source"]
    REF["source"] = "scipy"
    cases.append({"name": f"{dist}{params}.{fn}({x!r})", "dist": dist, "params": [float(p) for p in params],
                  "fn": fn, "x": float(x), "expected": expected, "ref": src})


# ---- special functions ----
for x in [1e-300, 1e-10, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.7, 10.0, 55.5, 171.3, 1e3, 1e5, 1e10]:
    REF["source"] = "mpmath"
    add("special", [], "logGamma", x, mp.loggamma(mp.mpf(x)), ref="mpmath")
for a in [1e-3, 0.1, 0.5, 1.0, 2.5, 7.0, 30.0, 100.0, 1000.5, 1e5]:
    for r in [1e-3, 0.1, 0.5, 0.9, 1.0, 1.1, 2.0, 5.0, 20.0]:
        x = a * r
        if a < 1:
            x = r * 10
        # 50-digit mpmath references (independent of scipy/Boost)
        add("special", [a], "gammaP", x, mp_or(lambda: mp.gammainc(mp.mpf(a), 0, mp.mpf(x), regularized=True),
                                                lambda: special.gammainc(a, x)))
        add("special", [a], "gammaQ", x, mp_or(lambda: mp.gammainc(mp.mpf(a), mp.mpf(x), mp.inf, regularized=True),
                                                lambda: special.gammaincc(a, x)))
for a, b in [(0.5, 0.5), (1, 1), (2.5, 0.5), (0.5, 30), (10, 10), (100, 3), (1000, 1500), (0.01, 5), (5e4, 0.5), (50, 5e4)]:
    for x in [1e-10, 1e-3, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999, a / (a + b)]:
        x = float(x)
        add("special", [a, b], "beta", x, mp_or(lambda: mp.betainc(mp.mpf(a), mp.mpf(b), 0, mp.mpf(x), regularized=True),
                                                 lambda: special.betainc(a, b, x)))
        add("special", [a, b], "betaComplement", x, mp_or(lambda: mp.betainc(mp.mpf(b), mp.mpf(a), 0, 1 - mp.mpf(x), regularized=True),
                                                           lambda: special.betaincc(a, b, x)))
    # scipy.special.betaln is ~1e-11 off at (5e4, 0.5); mpmath reference
    REF["source"] = "mpmath"
    add("special", [a], "logBeta", b, mp.log(mp.beta(mp.mpf(a), mp.mpf(b))), ref="mpmath")

# random parameters (log-uniform) to exercise every branch of the incomplete beta / gamma code
for _ in range(150):
    a, b = float(np.exp(rng.uniform(np.log(0.05), np.log(2e4)))), float(np.exp(rng.uniform(np.log(0.05), np.log(2e4))))
    # x spread around the bulk a/(a+b): logit-normal with a wide scale
    m = np.log(a / b)
    x = float(1 / (1 + np.exp(-(m + rng.normal(0, 1.5 + 3 / np.sqrt(min(a, b) + 1))))))
    if not (0 < x < 1):
        continue
    add("special", [a, b], "beta", x, mp_or(lambda: mp.betainc(mp.mpf(a), mp.mpf(b), 0, mp.mpf(x), regularized=True),
                                             lambda: special.betainc(a, b, x)))
    add("special", [a, b], "betaComplement", x, mp_or(lambda: mp.betainc(mp.mpf(b), mp.mpf(a), 0, 1 - mp.mpf(x), regularized=True),
                                                       lambda: special.betaincc(a, b, x)))
for _ in range(150):
    a = float(np.exp(rng.uniform(np.log(0.01), np.log(5e4))))
    x = float(a * np.exp(rng.normal(0, 0.3 + 3 / np.sqrt(a + 1))))
    add("special", [a], "gammaP", x, mp_or(lambda: mp.gammainc(mp.mpf(a), 0, mp.mpf(x), regularized=True),
                                            lambda: special.gammainc(a, x)))
    add("special", [a], "gammaQ", x, mp_or(lambda: mp.gammainc(mp.mpf(a), mp.mpf(x), mp.inf, regularized=True),
                                            lambda: special.gammaincc(a, x)))

# ---- normal ----
zs = [-40.0, -37.5, -30.0, -20.0, -10.0, -5.0, -1.96, -1.0, -0.1, 0.0, 1e-8, 0.3, 1.0, 2.5, 5.0, 8.0, 10.0, 15.0, 20.0, 30.0, 37.0, 38.0]
for z in zs:
    add("normal", [0, 1], "cdf", z, stats.norm.cdf(z))
    add("normal", [0, 1], "sf", z, stats.norm.sf(z))
    add("normal", [0, 1], "pdf", z, stats.norm.pdf(z))
    add("normal", [0, 1], "logsf", z, stats.norm.logsf(z))
for z in [-3.0, 0.5, 12.0]:
    add("normal", [2.5, 0.3], "cdf", z, stats.norm.cdf(z, 2.5, 0.3))
    add("normal", [2.5, 0.3], "sf", z, stats.norm.sf(z, 2.5, 0.3))
    add("normal", [2.5, 0.3], "pdf", z, stats.norm.pdf(z, 2.5, 0.3))
ps = [1e-300, 1e-100, 1e-30, 1e-15, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.4999, 0.5, 0.6, 0.9, 0.975, 0.999, 1 - 1e-9, 1 - 1e-12]
for p in ps:
    add("normal", [0, 1], "quantile", p, stats.norm.ppf(p))
    add("normal", [0, 1], "isf", p, stats.norm.isf(p))
    add("normal", [-1.0, 4.0], "quantile", p, stats.norm.ppf(p, -1.0, 4.0))
for p in rng.uniform(0, 1, 40):
    add("normal", [0, 1], "quantile", p, stats.norm.ppf(p))

# ---- Student t ----
dfs = [0.5, 1.0, 1.5, 2.0, 3.0, 4.7, 10.0, 30.0, 100.0, 1e4, 1e6]
ts = [-50.0, -5.0, -2.0, -0.5, 0.0, 0.2, 1.0, 2.0, 3.5, 10.0, 100.0, 1e4, 1e10]
for df in dfs:
    for t in ts:
        add("t", [df], "cdf", t, stats.t.cdf(t, df))
        add("t", [df], "sf", t, stats.t.sf(t, df))
        add("t", [df], "pdf", t, stats.t.pdf(t, df))
    for p in [1e-300, 1e-30, 1e-12, 1e-6, 0.001, 0.025, 0.2, 0.5, 0.7, 0.975, 0.999, 1 - 1e-10]:
        if p < 1e-20 and df < 1000:
            # scipy's t.ppf overflows / loses accuracy here: 50-digit mpmath reference
            q = mp_t_isf(df, p)
            add("t", [df], "quantile", p, -q, ref="mpmath")
            add("t", [df], "isf", p, q, ref="mpmath")
            continue
        add("t", [df], "quantile", p, stats.t.ppf(p, df))
        add("t", [df], "isf", p, stats.t.isf(p, df))

def mp_t_logcdf(t, df):
    """log P(T <= t) in 50-digit arithmetic (scipy's t.logsf/logcdf lose accuracy near 0)."""
    nu, t = mp.mpf(df), mp.mpf(t)
    small = mp.betainc(nu / 2, mp.mpf(1) / 2, 0, nu / (nu + t * t), regularized=True) / 2
    return mp.log(small) if t < 0 else mp.log1p(-small)


for df in [1.0, 3.0, 25.0]:
    for t in [-300.0, -40.0, -3.0, 0.5, 8.0, 1e5]:
        add("t", [df], "logsf", t, mp_t_logcdf(-t, df), ref="mpmath")
        add("t", [df], "logcdf", t, mp_t_logcdf(t, df), ref="mpmath")
for z in [-38.5, -30.0, -3.0, 0.0, 2.0, 9.0]:
    add("normal", [0, 1], "logcdf", z, stats.norm.logcdf(z))

# ---- chi-squared ----
kdfs = [0.3, 1.0, 2.0, 3.0, 5.5, 10.0, 50.0, 200.0, 1000.0, 1e5]
for k in kdfs:
    for r in [1e-4, 0.01, 0.3, 0.8, 1.0, 1.3, 2.0, 4.0, 10.0, 50.0]:
        x = k * r if k >= 1 else r * 5
        add("chi2", [k], "cdf", x, stats.chi2.cdf(x, k))
        add("chi2", [k], "sf", x, stats.chi2.sf(x, k))
        # pdf from 50-digit mpmath (scipy's chi2.pdf is ~2e-11 off at k = 1e5)
        xm, km = mp.mpf(x), mp.mpf(k)
        REF["source"] = "mpmath"
        add("chi2", [k], "pdf", x, mp.exp(-xm / 2 + (km / 2 - 1) * mp.log(xm) - km / 2 * mp.log(2) - mp.loggamma(km / 2)), ref="mpmath")
    for p in [1e-300, 1e-30, 1e-12, 1e-6, 0.01, 0.05, 0.5, 0.95, 0.99, 1 - 1e-12]:
        add("chi2", [k], "quantile", p, stats.chi2.ppf(p, k))
        add("chi2", [k], "isf", p, stats.chi2.isf(p, k))
for x in [100.0, 150.0, 300.0, 700.0, 1000.0, 1300.0, 1370.0]:
    for k in [1.0, 4.0, 30.0]:
        add("chi2", [k], "sf", x, stats.chi2.sf(x, k))
        add("chi2", [k], "logsf", x, stats.chi2.logsf(x, k))
for x in [1500.0, 2000.0, 5000.0]:
    # scipy returns -inf here; 50-digit mpmath reference log Q(k/2, x/2)
    add("chi2", [3.0], "logsf", x, mp.log(mp.gammainc(mp.mpf(3) / 2, mp.mpf(x) / 2, mp.inf, regularized=True)), ref="mpmath")

# ---- F ----
fdfs = [(1, 1), (1, 10), (2.5, 7.3), (5, 2), (10, 100), (30, 30), (100, 1000), (0.7, 3.0)]
for d1, d2 in fdfs:
    for x in [1e-6, 0.01, 0.2, 0.5, 1.0, 1.7, 3.0, 10.0, 100.0, 1e4, 1e8]:
        add("f", [d1, d2], "cdf", x, stats.f.cdf(x, d1, d2))
        add("f", [d1, d2], "sf", x, stats.f.sf(x, d1, d2))
        add("f", [d1, d2], "pdf", x, stats.f.pdf(x, d1, d2))
    for x in [1e-4, 0.5, 3.0, 1e3]:
        # 50-digit mpmath references (scipy's f.logsf underflows to -inf in the far tail)
        w = mp.mpf(d1) * x
        xx, yy = w / (w + d2), mp.mpf(d2) / (w + d2)
        add("f", [d1, d2], "logsf", x, mp.log(mp.betainc(mp.mpf(d2) / 2, mp.mpf(d1) / 2, 0, yy, regularized=True)), ref="mpmath")
        add("f", [d1, d2], "logcdf", x, mp.log(mp.betainc(mp.mpf(d1) / 2, mp.mpf(d2) / 2, 0, xx, regularized=True)), ref="mpmath")
    for p in [1e-100, 1e-12, 1e-4, 0.05, 0.5, 0.9, 0.95, 0.999, 1 - 1e-10]:
        # scipy's f.isf loses accuracy in the far upper tail (rel. err ~1e-5 at 1e-12,
        # inf at 1e-100): quantiles use a 50-digit mpmath bisection instead.
        add("f", [d1, d2], "quantile", p, mp_f_quantile(d1, d2, p, upper=False) if p < 0.5 else mp_f_quantile(d1, d2, 1 - p, upper=True), ref="mpmath")
        add("f", [d1, d2], "isf", p, mp_f_quantile(d1, d2, p, upper=True) if p < 0.5 else mp_f_quantile(d1, d2, 1 - p, upper=False), ref="mpmath")

# ---- binomial ----
for n, p in [(1, 0.5), (10, 0.3), (20, 0.05), (50, 0.5), (100, 0.99), (1000, 0.001), (1000, 0.37), (100000, 0.2)]:
    ks = sorted(set([0, 1, 2, n // 10, n // 4, n // 2, int(n * p), int(n * p) + 1, n - 1, n] + [int(k) for k in rng.integers(0, n + 1, 6)]))
    for k in ks:
        # pmf reference in 50-digit arithmetic (scipy's pmf is ~1e-10 off for large n)
        add("binom", [n, p], "pmf", k, mp.binomial(n, k) * mp.mpf(p) ** k * (1 - mp.mpf(p)) ** (n - k), ref="mpmath")
        add("binom", [n, p], "cdf", k, stats.binom.cdf(k, n, p))
        add("binom", [n, p], "sf", k, stats.binom.sf(k, n, p))
    for q in [1e-12, 0.001, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999]:
        add("binom", [n, p], "quantile", q, stats.binom.ppf(q, n, p))

# ---- Poisson ----
for mu in [1e-3, 0.5, 1.0, 3.7, 10.0, 100.0, 1000.0, 1e5]:
    ks = sorted(set([0, 1, 2, int(mu), int(mu) + 1, int(mu * 2) + 3, int(mu * 5) + 10, int(mu / 3)] + [int(k) for k in rng.poisson(mu, 4)]))
    for k in ks:
        add("poisson", [mu], "pmf", k, mp.exp(k * mp.log(mp.mpf(mu)) - mp.mpf(mu) - mp.loggamma(k + 1)), ref="mpmath")
        add("poisson", [mu], "cdf", k, stats.poisson.cdf(k, mu))
        add("poisson", [mu], "sf", k, stats.poisson.sf(k, mu))
    for q in [1e-12, 0.001, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999]:
        add("poisson", [mu], "quantile", q, stats.poisson.ppf(q, mu))

write(out, "distributions.json", {"generator": "scripts/reference/stats_distributions.py",
                                  "scipy": scipy.__version__, "mpmath": mp.__version__, "numpy": np.__version__, "cases": cases})
