"""Shared helpers for stats_distributions.py and stats_tests.py (not itself a fixture script).

Floats are written with Python's repr (shortest string that round-trips the
IEEE double exactly, i.e. up to 17 significant digits). Non-finite values are
written as the strings "nan", "inf", "-inf"; the Swift FixtureLoader maps them back.
"""
import json
import math
import os


def clean(v):
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if hasattr(v, "ndim") and getattr(v, "ndim", 0) > 0:
        return clean(v.tolist())
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict)):
        try:
            return clean(v.item())
        except Exception:
            pass
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    if hasattr(v, "tolist"):
        return clean(v.tolist())
    return v


def write(outdir, name, payload):
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, name)
    with open(path, "w") as fh:
        json.dump(clean(payload), fh, indent=0, allow_nan=False)
        fh.write("\n")
    print(f"  wrote {path}")
