#!/usr/bin/env python3
"""Summarises scripts/calibrate-credible.sh: reads every seed's effects.csv,
balance.csv and truth.json and prints the shares the issue asks for."""
import csv, json, re, sys

work, seeds = sys.argv[1], int(sys.argv[2])


def effects(path):
    return list(csv.DictReader(open(path)))


def headline(rows, source="bvh", window="2", band="all"):
    for r in rows:
        if r["scope_type"] == "all" and r["age_band"] == band and r["source"] == source and r["window_months"] == window:
            return r
    return None


def share(k, n):
    return f"{k} of {n} = {k / n:.3f}" if n else "0 of 0"


def matching(scenario):
    matched = total = 0
    worst = 0.0
    for s in range(1, seeds + 1):
        text = open(f"{work}/{scenario}-{s}/match.txt").read()
        m = re.search(r"Matched: ([\d,]+) of ([\d,]+) clients", text)
        matched += int(m.group(1).replace(",", "")); total += int(m.group(2).replace(",", ""))
        for r in csv.DictReader(open(f"{work}/{scenario}-{s}/out/balance.csv")):
            if r["scope_type"] == "all" and r["smd_after"]:
                worst = max(worst, abs(float(r["smd_after"])))
    return f"matched {share(matched, total)} of clients; largest |SMD| after matching over seeds {worst:.3f}"


# A (and D). No effect, x3 crisis before intake.
import os
run = os.environ.get("SCENARIOS", "A B C D E").split()
for scenario, label in (("A", "latent selection, x3 crisis in 3 months"), ("D", "selection on the observed recent record, x3 crisis in 3 months"),
                        ("E", "latent selection, x3 crisis in 6 months")):
    if scenario not in run:
        continue
    sig_credible = flagged0 = n = n0 = 0
    for s in range(1, seeds + 1):
        r = headline(effects(f"{work}/{scenario}-{s}/out/effects.csv"))
        if r and r["p_rate_ratio"]:
            n += 1
            sig_credible += float(r["p_rate_ratio"]) < 0.05 and r["credible"] == "true"
        r0 = headline(effects(f"{work}/{scenario}-{s}/out0/effects.csv"))
        if r0 and r0["credible"]:
            n0 += 1
            flagged0 += ("pretrend_failed" in r0["credibility_reason"]) or ("placebo_failed" in r0["credibility_reason"])
    print(f"{scenario} (no effect, {label}): headline p < 0.05 and credible: {share(sig_credible, n)} (target <= 0.07)")
    print(f"{scenario} with --anticipation 0: placebo or pre-trend flags the crisis: {share(flagged0, n0)} (target >= 0.90)")
    print(f"{scenario} {matching(scenario)}")

# B. No effect, latent selection.
sig = n = 0
for s in (range(1, seeds + 1) if "B" in run else []):
    r = headline(effects(f"{work}/B-{s}/out/effects.csv"), window="12")
    if r and r["p_rate_ratio"]:
        n += 1
        sig += float(r["p_rate_ratio"]) < 0.05
if "B" in run:
    print(f"B (no effect, latent selection): 12-month BVH rate ratio p < 0.05: {share(sig, n)} (target 0.03-0.07)")
    print(f"B {matching('B')}")

# C. Planted effect: coverage per band and credibility of the headline.
if "C" not in run:
    raise SystemExit(0)
for w in ("2", "12"):
    cover = total = 0
    for s in range(1, seeds + 1):
        truth = json.load(open(f"{work}/C-{s}/data/truth.json"))
        expected = {(e["band"], str(e["window_months"])): e["rate_ratio"] for e in truth["expected_rate_ratios"]}
        for r in effects(f"{work}/C-{s}/out/effects.csv"):
            if r["scope_type"] == "all" and r["age_band"] != "all" and r["source"] == "bvh" and r["window_months"] == w \
                    and r["rate_ratio_ci_low"]:
                total += 1
                cover += float(r["rate_ratio_ci_low"]) <= expected[(r["age_band"], w)] <= float(r["rate_ratio_ci_high"])
    print(f"C (planted effect): 95% CI of the per-band BVH rate ratio covers the truth (W={w}): {share(cover, total)} (target 0.93-0.97)")
credible = n = 0
for s in range(1, seeds + 1):
    r = headline(effects(f"{work}/C-{s}/out/effects.csv"))
    if r and r["credible"]:
        n += 1
        credible += r["credible"] == "true"
print(f"C headline credible: {share(credible, n)} (target >= 0.90)")
print(f"C {matching('C')}")
