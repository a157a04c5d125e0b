#!/usr/bin/env python3
"""Independent reference for the cooperation indicators and the Stappenmeter
figures (issue 16; docs/cooperation.md, data-schema/outputs.md).

Writes a small deterministic fixture of inputs (registry, clienten,
stappenmeter with the default instrument, a few Veiligheidshuis-quarter
points for the ecological association) and recomputes every figure from the
raw CSV with pandas, scipy and statsmodels -- its own parsing, its own
grouping -- into expected.json. The Swift tests
(Tests/RendementEndToEndTests/CooperationReferenceTests.swift) import the
inputs with rendement and compare.

    scripts/reference/.venv/bin/python scripts/reference/cooperation_reference.py \
        Tests/RendementEndToEndTests/Fixtures/cooperation
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

HOUSES = ["Haaglanden", "Fryslân", "Twente"]
GROUPS = ["jeugd", "veelplegers"]
MEETINGS = ["jeugd", "nazorg"]
STEPS = ["signalering", "informatiedeling", "gezamenlijke_analyse", "integraal_plan", "uitvoering", "monitoring", "afschaling_nazorg"]
LABELS = {"helemaal niet": 1, "nauwelijks": 2, "deels": 3, "grotendeels": 4, "volledig": 5}
NOT_SCORED = {"", "nvt", "n.v.t.", "weet niet"}
QUARTERS = [(y, q) for y in (2012, 2013) for q in (1, 2, 3, 4)]


def write_inputs(out, rng):
    with open(os.path.join(out, "veiligheidshuizen.csv"), "w", encoding="utf-8") as f:
        f.write("veiligheidshuis,regio,opgericht,gemeenten\nHaaglanden,Den Haag,2006,9\nFryslân,Noord-Nederland,2008,24\nTwente,Oost-Nederland,2010,14\n")
    rows = []
    persons = [f"P{i:04d}" for i in range(260)]
    for i in range(420):
        p = persons[int(rng.integers(0, len(persons)))] if i >= 260 else persons[i]
        house = HOUSES[int(rng.integers(0, 3))] if i < 260 else HOUSES[hash_house(p)]
        group = GROUPS[int(rng.integers(0, 2))]
        intake = pd.Timestamp("2012-01-01") + pd.Timedelta(days=int(rng.integers(0, 731)))
        aanmeld = (intake - pd.Timedelta(days=int(rng.integers(0, 40)))).strftime("%Y-%m-%d") if rng.random() < 0.6 else ""
        u = rng.random()
        if u < 0.25:
            plan = "nee"
        elif u < 0.45:
            plan = "ja"
        elif u < 0.48:
            plan = (intake - pd.Timedelta(days=int(rng.integers(1, 20)))).strftime("%d-%m-%Y")
        else:
            plan = (intake + pd.Timedelta(days=int(rng.integers(0, 120)))).strftime("%d-%m-%Y")
        partners = str(int(rng.integers(1, 9))) if rng.random() < 0.7 else ""
        birth = f"{int(rng.integers(1960, 2000))}-0{int(rng.integers(1, 10))}-1{int(rng.integers(0, 10))}"
        rows.append([p, house, group, "", aanmeld, intake.strftime("%Y-%m-%d"), plan, "", partners, birth, "man"])
    cols = ["persoon_id", "veiligheidshuis", "doelgroep", "casusoverleg", "aanmelddatum", "instroomdatum", "plan_van_aanpak",
            "uitstroomdatum", "aantal_partners", "geboortedatum", "geslacht"]
    # Each person keeps one birth date (the fixture is about registrations, not the conflict rule).
    births = {}
    for r in rows:
        r[9] = births.setdefault(r[0], r[9])
    pd.DataFrame(rows, columns=cols).to_csv(os.path.join(out, "clienten.csv"), index=False)

    forms = []
    for k in range(330):
        house = HOUSES[k % 3]
        maturity = {"Haaglanden": 3.4, "Fryslân": 2.8, "Twente": 2.2}[house]
        qi = int(rng.integers(0, 8))
        y, q = QUARTERS[qi]
        day = pd.Timestamp(year=y, month=3 * q - 2, day=1) + pd.Timedelta(days=int(rng.integers(0, 88)))
        cells = []
        for s in STEPS:
            v = int(np.clip(np.round(maturity + 0.12 * qi + rng.normal(0, 0.9)), 1, 5))
            u = rng.random()
            if u < 0.08:
                cells.append("")
            elif u < 0.11:
                cells.append("n.v.t.")
            elif u < 0.16:
                cells.append({v2: k2 for k2, v2 in LABELS.items()}[v])
            else:
                cells.append(str(v))
        if all(c in ("", "n.v.t.") for c in cells):
            cells[0] = "3"
        forms.append([house, MEETINGS[int(rng.integers(0, 2))], day.strftime("%Y-%m-%d"),
                      ["voorzitter", "procesregisseur", "ketenpartner"][int(rng.integers(0, 3))]] + cells)
    pd.DataFrame(forms, columns=["veiligheidshuis", "casusoverleg", "invuldatum", "rol_invuller"] + STEPS).to_csv(
        os.path.join(out, "stappenmeter.csv"), index=False)

    points = []
    for h in HOUSES:
        for y, q in QUARTERS[:4]:
            score = round(float(rng.uniform(2, 4.5)), 4)
            points.append({"veiligheidshuis": h, "quarter": f"{y}Q{q}", "mean_score": score, "questionnaires": int(rng.integers(10, 30)),
                           "did": round(float(-0.1 * score + rng.normal(0, 0.15)), 4), "clients": int(rng.integers(10, 40))})
    with open(os.path.join(out, "association_points.json"), "w") as f:
        json.dump(points, f, indent=1)


def hash_house(p):
    return int(p[1:]) % 3


def quarter_of(ts):
    return f"{ts.year}Q{(ts.month - 1) // 3 + 1}"


def parse_date(s):
    s = str(s).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return pd.to_datetime(s, format=fmt)
        except ValueError:
            pass
    return None


def select(df, **conditions):
    """Rows where each named column equals its value (None: any value)."""
    mask = pd.Series(True, index=df.index)
    for col, val in conditions.items():
        if val is not None:
            mask &= df[col] == val
    return df[mask]


def q7(values, p):
    return float(np.quantile(np.asarray(values, dtype=float), p, method="linear"))


def indicators(out):
    df = pd.read_csv(os.path.join(out, "clienten.csv"), dtype=str, keep_default_na=False)
    df["intake"] = pd.to_datetime(df["instroomdatum"], format="%Y-%m-%d")
    low = df["plan_van_aanpak"].str.lower()
    df["plan"] = low != "nee"
    df["plan_date"] = [parse_date(v) if v not in ("ja", "nee") else None for v in low]
    df["plan_days"] = [(d - i).days if d is not None else np.nan for d, i in zip(df["plan_date"], df["intake"])]
    df["partners"] = pd.to_numeric(df["aantal_partners"].replace("", np.nan))
    df["quarter"] = df["intake"].map(quarter_of)
    # Repeat: the same person at the same house with an intake on an earlier day within the 12 calendar months before.
    rep = []
    for _, r in df.iterrows():
        same = df[(df.persoon_id == r.persoon_id) & (df.veiligheidshuis == r.veiligheidshuis)]
        start = r.intake - pd.DateOffset(months=12)
        rep.append(bool(((same.intake < r.intake) & (same.intake >= start)).any()))
    df["repeat"] = rep
    df["qindex"] = df["intake"].dt.year * 4 + (df["intake"].dt.month - 1) // 3
    last = int(df.qindex.max())
    cells = []
    for h in [None] + sorted(df.veiligheidshuis.unique()):
        for g in [None] + sorted(df.doelgroep.unique()):
            groups = [(q, False, select(df, veiligheidshuis=h, doelgroep=g, quarter=q)) for q in [None] + sorted(df.quarter.unique())]
            # Rolling years: the intakes of a quarter and the three before it, for every quarter up to the last of the data.
            base = select(df, veiligheidshuis=h, doelgroep=g)
            for end in range(int(df.qindex.min()), last + 1):
                groups.append((f"{end // 4}Q{end % 4 + 1}", True, base[(base.qindex > end - 4) & (base.qindex <= end)]))
            for q, rolling, sub in groups:
                if len(sub) == 0:
                    continue
                dated = sub[sub.plan_days >= 0]
                part = sub[sub.partners.notna()]
                cells.append({
                    "veiligheidshuis": h, "doelgroep": g, "quarter": q, "rolling_year": rolling,
                    "registrations": int(len(sub)), "persons": int(sub.persoon_id.nunique()),
                    "with_plan": int(sub.plan.sum()), "repeats": int(sub.repeat.sum()),
                    "plan_days_n": int(len(dated)), "plan_days_persons": int(dated.persoon_id.nunique()),
                    "plan_days": [q7(dated.plan_days, p) for p in (0.25, 0.5, 0.75)] if len(dated) else None,
                    "plan_before_intake": int((sub.plan_days < 0).sum()),
                    "partners_n": int(len(part)), "partners_persons": int(part.persoon_id.nunique()),
                    "partners_mean": float(part.partners.mean()) if len(part) else None,
                    "partners_median": q7(part.partners, 0.5) if len(part) else None,
                })
    return cells


def score_of(text):
    t = str(text).strip().lower()
    if t in NOT_SCORED:
        return np.nan
    if t in LABELS:
        return float(LABELS[t])
    return float(int(t))


def stappenmeter(out):
    df = pd.read_csv(os.path.join(out, "stappenmeter.csv"), dtype=str, keep_default_na=False)
    for s in STEPS:
        df[s] = df[s].map(score_of)
    df["total"] = df[STEPS].mean(axis=1, skipna=True)
    df["date"] = pd.to_datetime(df["invuldatum"], format="%Y-%m-%d")
    df["quarter"] = df["date"].map(quarter_of)
    df["qindex"] = df["date"].dt.year * 4 + (df["date"].dt.month - 1) // 3
    cells = []
    for h in [None] + sorted(df.veiligheidshuis.unique()):
        for m in [None] + sorted(df.casusoverleg.unique()):
            for q in [None] + sorted(df.quarter.unique()):
                sub = select(df, veiligheidshuis=h, casusoverleg=m, quarter=q)
                if len(sub) == 0:
                    continue
                for step in [None] + STEPS:
                    v = sub["total" if step is None else step].dropna().to_numpy()
                    if len(v) == 0:
                        continue
                    n = len(v)
                    mean = float(v.mean())
                    sd = float(v.std(ddof=1)) if n > 1 else None
                    if n < 2:
                        ci = None
                    elif sd == 0:
                        ci = [mean, mean]  # scipy returns NaN for a zero scale; the interval is the point
                    else:
                        ci = [float(c) for c in stats.t.interval(0.95, n - 1, loc=mean, scale=sd / np.sqrt(n))]
                    cells.append({"veiligheidshuis": h, "casusoverleg": m, "quarter": q, "step": step, "n": int(n), "mean": mean,
                                  "sd": sd, "ci": ci, "quartiles": [q7(v, p) for p in (0.25, 0.5, 0.75)],
                                  "distribution": None if step is None else [int((v == k).sum()) for k in range(1, 6)]})
    trends = []
    for h in [None] + sorted(df.veiligheidshuis.unique()):
        sub = select(df, veiligheidshuis=h)
        for step in [None] + STEPS:
            d = sub[["qindex", "total" if step is None else step]].dropna()
            y = d.iloc[:, 1].to_numpy()
            x = (d.qindex - d.qindex.min()).to_numpy(dtype=float)
            entry = {"veiligheidshuis": h, "step": step, "n": int(len(d)), "quarters": int(d.qindex.nunique())}
            if d.qindex.nunique() < 3:
                entry["reason"] = "too_few_quarters"
            else:
                fit = sm.OLS(y, sm.add_constant(x)).fit()
                entry.update({"slope": float(fit.params[1]), "ci": [float(c) for c in fit.conf_int()[1]], "p": float(fit.pvalues[1])})
            trends.append(entry)
    return cells, trends


def association(out):
    with open(os.path.join(out, "association_points.json")) as f:
        points = json.load(f)
    x = np.array([p["mean_score"] for p in points])
    y = np.array([p["did"] for p in points])
    lr = stats.linregress(x, y)
    tq = stats.t.ppf(0.975, len(x) - 2)
    return {"slope": float(lr.slope), "ci": [float(lr.slope - tq * lr.stderr), float(lr.slope + tq * lr.stderr)],
            "p": float(lr.pvalue), "r": float(lr.rvalue), "n": len(points)}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write_inputs(out, np.random.default_rng(16))
    cells, trends = stappenmeter(out)
    expected = {"indicators": indicators(out), "scores": cells, "trends": trends, "association": association(out)}
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=None, separators=(",", ":"), allow_nan=False)
    print(f"wrote {out}: {len(expected['indicators'])} indicator cells, {len(cells)} score cells, {len(trends)} trends")


if __name__ == "__main__":
    main()
