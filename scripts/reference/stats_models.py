"""Reference fixtures for the model half of RendementStats: regression,
meta-analysis and covariate balance.

    python stats_models.py <output-folder>

Regression values come from statsmodels (version recorded in each file).
Meta-analysis fixed/DL values come from statsmodels.stats.meta_analysis
.combine_effects; DL meta-regression (metafor rma(mods=, method="DL") is not
available) is re-implemented here from the metafor documentation and checked
against statsmodels WLS with weights 1/(v_i + tau^2). Balance statistics are an
independent re-implementation of the documented cobalt/MatchIt formulas (there
is no Python cobalt).
"""
import json
import sys
import warnings

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.meta_analysis import combine_effects

OUT = sys.argv[1]
VERSIONS = {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__}


def arr(a):
    return [None if (isinstance(v, float) and not np.isfinite(v)) else float(v) for v in np.asarray(a, dtype=float).ravel()]


def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, list):
        return [clean(v) for v in o]
    if isinstance(o, float) and not np.isfinite(o):
        return None
    return o


def dump(name, cases):
    with open(f"{OUT}/{name}", "w") as f:
        json.dump(clean({"versions": VERSIONS, "cases": cases}), f, indent=1, allow_nan=False)


# --------------------------------------------------------------- regression
def fit_summary(res, cluster_res=None):
    out = {"params": arr(res.params), "bse": arr(res.bse), "pvalues": arr(res.pvalues),
           "tvalues": arr(res.tvalues), "llf": float(res.llf)}
    ci = np.asarray(res.conf_int(0.05))
    out["ci_lower"] = arr(ci[:, 0]); out["ci_upper"] = arr(ci[:, 1])
    if cluster_res is not None:
        cci = np.asarray(cluster_res.conf_int(0.05))
        out["cluster"] = {"bse": arr(cluster_res.bse), "pvalues": arr(cluster_res.pvalues),
                          "tvalues": arr(cluster_res.tvalues),
                          "ci_lower": arr(cci[:, 0]), "ci_upper": arr(cci[:, 1]),
                          "use_t": bool(cluster_res.use_t),
                          "df_inference": float(getattr(cluster_res, "df_resid_inference", np.nan) or np.nan)}
    return out


def regression_cases():
    rng = np.random.default_rng(20261129)
    cases = []

    def design(n, k, scale=1.0):
        X = rng.normal(size=(n, k)) * scale
        return np.column_stack([np.ones(n), X])

    # OLS
    for name, n, k, G in [("ols_basic", 200, 3, 20), ("ols_small", 12, 1, 4), ("ols_tiny_clusters", 30, 2, 3)]:
        X = design(n, k)
        y = X @ rng.normal(size=k + 1) + rng.normal(size=n) * 1.5
        g = rng.integers(0, G, size=n)
        res = sm.OLS(y, X).fit()
        cres = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": g})
        s = fit_summary(res, cres)
        tres = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": g}, use_t=True)
        tci = np.asarray(tres.conf_int(0.05))
        s["cluster_use_t"] = {"bse": arr(tres.bse), "pvalues": arr(tres.pvalues), "ci_lower": arr(tci[:, 0]),
                              "ci_upper": arr(tci[:, 1]), "df_inference": float(tres.df_resid_inference)}
        s.update({"rsquared": float(res.rsquared), "rsquared_adj": float(res.rsquared_adj), "ssr": float(res.ssr),
                  "df_resid": float(res.df_resid)})
        cases.append({"name": name, "model": "ols", "x": X.tolist(), "y": arr(y), "clusters": g.tolist(), "expected": s})

    # Logistic (Logit, offset) and weighted via GLM Binomial
    for name, n, k, G, use_offset in [("logit_basic", 300, 3, 25, False), ("logit_offset", 250, 2, 10, True),
                                      ("logit_rare", 400, 2, 30, False), ("logit_tiny_clusters", 60, 1, 2, False)]:
        X = design(n, k)
        b = rng.normal(size=k + 1) * 0.8
        if name == "logit_rare":
            b[0] = -3.0
        off = rng.normal(size=n) * 0.5 if use_offset else np.zeros(n)
        p = 1 / (1 + np.exp(-(X @ b + off)))
        y = (rng.uniform(size=n) < p).astype(float)
        g = rng.integers(0, G, size=n)
        res = sm.Logit(y, X, offset=off).fit(disp=0, method="newton", tol=1e-14, maxiter=100)
        cres = sm.Logit(y, X, offset=off).fit(disp=0, method="newton", tol=1e-14, maxiter=100,
                                              cov_type="cluster", cov_kwds={"groups": g})
        s = fit_summary(res, cres)
        s["fitted"] = arr(res.predict())
        cases.append({"name": name, "model": "logit", "x": X.tolist(), "y": arr(y), "offset": arr(off),
                      "clusters": g.tolist(), "expected": s})
    # weighted binomial GLM
    n = 200
    X = design(n, 2)
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(X @ np.array([0.2, 1.0, -0.7]))))).astype(float)
    w = rng.uniform(0.2, 3.0, size=n)
    g = rng.integers(0, 15, size=n)
    m = sm.GLM(y, X, family=sm.families.Binomial(), var_weights=w)
    res = m.fit(tol=1e-14)
    cres = sm.GLM(y, X, family=sm.families.Binomial(), var_weights=w).fit(tol=1e-14, cov_type="cluster", cov_kwds={"groups": g})
    cases.append({"name": "logit_weighted_glm", "model": "logit", "x": X.tolist(), "y": arr(y), "weights": arr(w),
                  "clusters": g.tolist(), "expected": fit_summary(res, cres)})

    # Separation cases: record what statsmodels does.
    def sep_case(name, X, y, kind):
        rec = {"name": name, "model": "logit_separation", "x": X.tolist(), "y": arr(y), "kind": kind}
        with warnings.catch_warnings(record=True) as wlist:
            warnings.simplefilter("always")
            try:
                r = sm.Logit(y, X).fit(disp=0, method="newton", maxiter=100)
                rec["statsmodels"] = {"raised": None, "warnings": sorted({type(x.message).__name__ for x in wlist}),
                                      "params": arr(r.params), "bse": arr(r.bse)}
            except Exception as e:  # PerfectSeparationError in older statsmodels
                rec["statsmodels"] = {"raised": type(e).__name__, "message": str(e)}
        return rec

    x1 = np.linspace(-2, 2, 40)
    Xs = np.column_stack([np.ones(40), x1])
    cases.append(sep_case("separation_complete", Xs, (x1 > 0).astype(float), "complete"))
    yq = (x1 > 0).astype(float)
    x2 = np.where(x1 > 0, 1.0, 0.0)  # x2=1 => y=1 always; x2=0 mixed
    yq = np.where(x2 == 1, 1.0, (rng.uniform(size=40) < 0.5).astype(float))
    Xq = np.column_stack([np.ones(40), x2, rng.normal(size=40)])
    cases.append(sep_case("separation_quasi", Xq, yq, "quasiComplete"))
    Xc = np.ones((10, 1))
    cases.append(sep_case("separation_all_ones", Xc, np.ones(10), "complete"))

    # Poisson GLM with offset, weights, zero counts
    for name, n, k, G, use_w, low in [("poisson_basic", 300, 2, 20, False, False), ("poisson_offset_weights", 250, 3, 12, True, False),
                                      ("poisson_zero_heavy", 200, 1, 8, False, True)]:
        X = design(n, k)
        b = rng.normal(size=k + 1) * 0.4
        b[0] = -1.5 if low else 0.8
        expo = rng.uniform(0.5, 5.0, size=n)
        off = np.log(expo)
        mu = np.exp(X @ b + off)
        y = rng.poisson(mu).astype(float)
        w = rng.uniform(0.5, 2.0, size=n) if use_w else np.ones(n)
        g = rng.integers(0, G, size=n)
        res = sm.GLM(y, X, family=sm.families.Poisson(), offset=off, var_weights=w).fit(tol=1e-14)
        cres = sm.GLM(y, X, family=sm.families.Poisson(), offset=off, var_weights=w).fit(
            tol=1e-14, cov_type="cluster", cov_kwds={"groups": g})
        s = fit_summary(res, cres)
        s.update({"deviance": float(res.deviance), "pearson_chi2": float(res.pearson_chi2), "zeros": int((y == 0).sum())})
        cases.append({"name": name, "model": "poisson", "x": X.tolist(), "y": arr(y), "offset": arr(off),
                      "weights": arr(w), "clusters": g.tolist(), "expected": s})

    # Negative binomial NB2
    for name, n, k, G, alpha in [("negbin_basic", 400, 2, 25, 0.7), ("negbin_offset", 300, 1, 10, 1.5), ("negbin_lowdisp", 500, 2, 40, 0.15),
                                     ("negbin_near_poisson", 300, 1, 15, 0.0)]:
        X = design(n, k)
        b = rng.normal(size=k + 1) * 0.4
        b[0] = 0.5
        off = np.log(rng.uniform(0.5, 3.0, size=n)) if name == "negbin_offset" else np.zeros(n)
        mu = np.exp(X @ b + off)
        lam = rng.gamma(1 / alpha, alpha * mu) if alpha > 0 else mu  # alpha = 0: plain Poisson counts
        y = rng.poisson(lam).astype(float)
        g = rng.integers(0, G, size=n)
        mod = sm.NegativeBinomial(y, X, loglike_method="nb2", offset=off)
        res0 = mod.fit(disp=0, maxiter=1000)  # statsmodels default (bfgs), then polish with Newton
        res = mod.fit(start_params=res0.params, disp=0, method="newton", tol=1e-14, maxiter=200)
        cres = sm.NegativeBinomial(y, X, loglike_method="nb2", offset=off).fit(
            start_params=res0.params, disp=0, method="newton", tol=1e-14, maxiter=200,
            cov_type="cluster", cov_kwds={"groups": g})
        s = fit_summary(res, cres)
        s["converged"] = bool(res.mle_retvals["converged"]) and bool(np.all(np.isfinite(res.params)))
        if not s["converged"]:
            # Underdispersed counts: statsmodels ends with NaN parameters (alpha at
            # the boundary 0); the Swift fit must refuse with dispersionAtBoundary.
            s["poisson_llf"] = float(sm.GLM(y, X, family=sm.families.Poisson(), offset=off).fit().llf)
        cases.append({"name": name, "model": "negbin", "x": X.tolist(), "y": arr(y), "offset": arr(off),
                      "clusters": g.tolist(), "expected": s})
    return cases


# --------------------------------------------------------------- meta-analysis
def meta_cases():
    rng = np.random.default_rng(7)
    cases = []
    specs = [("meta_het", 12, 0.3), ("meta_homog", 8, 0.0), ("meta_two", 2, 0.2), ("meta_large", 40, 0.1),
             ("meta_het_strong", 20, 0.6), ("meta_het_small", 5, 0.8), ("meta_het_large", 60, 0.4)]
    for name, k, tau in specs:
        v = rng.uniform(0.01, 0.2, size=k)
        theta = rng.normal(0.3, tau, size=k) if tau > 0 else np.full(k, 0.3)
        y = rng.normal(theta, np.sqrt(v))
        res = combine_effects(y, v, method_re="dl")
        fe_w = 1 / v
        fe = np.sum(fe_w * y) / np.sum(fe_w)
        ci = res.conf_int(alpha=0.05)  # fixed and random via summary frame
        sf = res.summary_frame(alpha=0.05)
        # statsmodels 0.15 does NOT truncate the DL tau^2 at zero (negative tau^2
        # gives NaN random-effects SEs); metafor and DerSimonian & Laird do. When
        # tau^2 < 0 the truncated DL result equals the fixed-effect one, so the
        # expected random-effects values are taken from the fixed-effect row and
        # I^2 is clipped at 0 (metafor's convention); the raw values are recorded.
        truncated = bool(res.tau2 < 0)
        raw = {"tau2_statsmodels": float(res.tau2), "i2_statsmodels": float(res.i2)}
        if truncated:
            sf.loc["random effect", ["eff", "sd_eff", "ci_low", "ci_upp"]] = sf.loc["fixed effect", ["eff", "sd_eff", "ci_low", "ci_upp"]]
            res.mean_effect_re = res.mean_effect_fe
            res.sd_eff_w_re = res.sd_eff_w_fe
            res.tau2 = 0.0
            res.i2 = max(0.0, float(res.i2))
        case = {"name": name, "y": arr(y), "v": arr(v), "truncated": truncated, "statsmodels_raw": raw, "expected": {
            "fixed": float(res.mean_effect_fe), "fixed_se": float(res.sd_eff_w_fe),
            "random": float(res.mean_effect_re), "random_se": float(res.sd_eff_w_re),
            "tau2": float(res.tau2), "q": float(res.q), "q_df": float(k - 1),
            "q_pvalue": float(scipy.stats.chi2.sf(res.q, k - 1)), "i2": float(res.i2),
            "fixed_ci": arr(sf.loc["fixed effect", ["ci_low", "ci_upp"]]),
            "random_ci": arr(sf.loc["random effect", ["ci_low", "ci_upp"]]),
            "fixed_check": float(fe)}}
        # DL meta-regression on one moderator
        x = rng.normal(size=k)
        if k >= 3:
            X = np.column_stack([np.ones(k), x])
            W = np.diag(1 / v)
            XtWX_inv = np.linalg.inv(X.T @ W @ X)
            P = W - W @ X @ XtWX_inv @ X.T @ W
            qe = float(y @ P @ y)
            tau2 = max(0.0, (qe - (k - 2)) / np.trace(P))
            wr = 1 / (v + tau2)
            wls = sm.WLS(y, X, weights=wr).fit()
            cov = np.linalg.inv(X.T @ np.diag(wr) @ X)
            b = cov @ X.T @ (wr * y)
            se = np.sqrt(np.diag(cov))
            assert np.allclose(b, wls.params, rtol=1e-10)
            z = b / se
            zc = scipy.stats.norm.ppf(0.975)
            case["moderator"] = arr(x)
            case["expected"]["metareg"] = {"tau2": tau2, "qe": qe, "qe_pvalue": float(scipy.stats.chi2.sf(qe, k - 2)),
                                           "coef": arr(b), "se": arr(se), "z": arr(z),
                                           "p": arr(2 * scipy.stats.norm.sf(np.abs(z))),
                                           "ci_lower": arr(b - zc * se), "ci_upper": arr(b + zc * se)}
        cases.append(case)
    return cases


# --------------------------------------------------------------- balance
# Independent re-implementation of the documented cobalt (bal.tab / col_w_smd,
# col_w_vr, col_w_ks; cobalt FAQ "How are standardized mean differences
# computed") and MatchIt (summary.matchit) conventions:
#  * group means are weighted: sum(w x)/sum(w);
#  * the SMD standardisation factor is computed in the UNWEIGHTED sample
#    (s.d.denom "treated" for the ATT = treated SD, "pooled" = sqrt((s1^2+s0^2)/2));
#  * variances: continuous -> sum(w)/(sum(w)^2 - sum(w^2)) * sum(w (x - m)^2)
#    (n-1 denominator when unweighted); binary -> p (1 - p) (cobalt col.w.v);
#  * binary covariates: raw difference in proportions by default (cobalt
#    binary = "raw"); standardised option divides by sqrt(p_t (1 - p_t));
#  * variance ratio = treated / control (weighted);
#  * eCDF: weighted eCDFs of both groups evaluated at every distinct value;
#    mean and max of |F_t - F_c| (MatchIt eCDF Mean / eCDF Max, cobalt KS);
#    for binary covariates both equal |p_t - p_c| (MatchIt).
def wmean(x, w):
    return np.sum(w * x) / np.sum(w)


def wvar(x, w, binary=False):
    m = wmean(x, w)
    if binary:
        return m * (1 - m)
    sw = np.sum(w)
    return sw / (sw ** 2 - np.sum(w ** 2)) * np.sum(w * (x - m) ** 2)


def ecdf_stats(x, t, w):
    xt, wt = x[t == 1], w[t == 1]
    xc, wc = x[t == 0], w[t == 0]
    u = np.unique(x)
    ft = np.array([np.sum(wt[xt <= a]) for a in u]) / np.sum(wt)
    fc = np.array([np.sum(wc[xc <= a]) for a in u]) / np.sum(wc)
    d = np.abs(ft - fc)
    return float(np.mean(d)), float(np.max(d))


def balance_cases():
    rng = np.random.default_rng(99)
    cases = []
    for name, n, binary, weighted in [("bal_cont_unweighted", 150, False, False), ("bal_cont_weighted", 200, False, True),
                                      ("bal_binary_weighted", 180, True, True), ("bal_binary_unweighted", 90, True, False),
                                      ("bal_ties", 120, False, True)]:
        t = (rng.uniform(size=n) < 0.4).astype(float)
        if binary:
            x = (rng.uniform(size=n) < 0.3 + 0.2 * t).astype(float)
        elif name == "bal_ties":
            x = rng.integers(0, 6, size=n).astype(float) + t
        else:
            x = rng.normal(size=n) + 0.5 * t
        w = np.where(t == 1, 1.0, rng.uniform(0.1, 3.0, size=n)) if weighted else np.ones(n)
        xt, xc, wt, wc = x[t == 1], x[t == 0], w[t == 1], w[t == 0]
        mt, mc = wmean(xt, wt), wmean(xc, wc)
        sd_t = np.sqrt(wvar(xt, np.ones(len(xt)), binary))
        sd_c = np.sqrt(wvar(xc, np.ones(len(xc)), binary))
        pooled = np.sqrt((sd_t ** 2 + sd_c ** 2) / 2)
        if binary:
            em = ex = abs(mt - mc)
        else:
            em, ex = ecdf_stats(x, t, w)
        cases.append({"name": name, "x": arr(x), "treated": arr(t), "weights": arr(w), "binary": binary, "expected": {
            "mean_treated": mt, "mean_control": mc, "raw_difference": mt - mc,
            "smd_treated": (mt - mc) if binary else (mt - mc) / sd_t,
            "smd_treated_std": (mt - mc) / sd_t, "smd_pooled_std": (mt - mc) / pooled,
            "variance_ratio": float(wvar(xt, wt, binary) / wvar(xc, wc, binary)),
            "ecdf_mean": em, "ecdf_max": ex}})
    return cases


dump("models_regression.json", regression_cases())
dump("models_meta.json", meta_cases())
dump("models_balance.json", balance_cases())
print("wrote models_regression.json, models_meta.json, models_balance.json")
