#!/usr/bin/env python3
"""Reference for the disclosure audit's linear programs (scipy.optimize.linprog, HiGHS).

Writes Tests/RendementCoreTests/Fixtures/disclosure_lp.json:
- "programs": random small LPs  min c.x  s.t. A x = b, lower <= x <= upper
  with their optimal value (or "infeasible"/"unbounded");
- "tables": random tables with hierarchies (a total = sum of parts, nested,
  and two-way tables), some cells hidden, with the interval [min, max] a
  reader can derive for every hidden cell (non-negative cells; a cell
  marked with a lower bound >= the threshold where the table says so).

Run: scripts/reference/.venv/bin/python scripts/reference/disclosure_lp.py
"""
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

rng = np.random.default_rng(20261201)


def solve(c, A, b, lower, upper):
    bounds = [(lo, None if up == float("inf") else up) for lo, up in zip(lower, upper)]
    r = linprog(c, A_eq=A if len(A) else None, b_eq=b if len(b) else None, bounds=bounds, method="highs")
    if r.status == 2:
        return "infeasible"
    if r.status == 3:
        return "unbounded"
    assert r.status == 0, r.message
    return float(r.fun)


def programs(count):
    out = []
    for _ in range(count):
        n = int(rng.integers(2, 7))
        m = int(rng.integers(1, n + 1))
        A = rng.integers(-3, 4, size=(m, n)).astype(float)
        x0 = rng.integers(0, 10, size=n).astype(float)
        b = A @ x0
        if rng.random() < 0.15:
            b = b + rng.integers(1, 5, size=m) * 7.0  # often infeasible
        lower = [float(v) for v in rng.integers(0, 3, size=n)]
        upper = [float("inf") if rng.random() < 0.5 else lo + float(rng.integers(3, 15)) for lo in lower]
        c = rng.integers(-4, 5, size=n).astype(float)
        out.append({"objective": c.tolist(), "rows": A.tolist(), "rhs": b.tolist(), "lower": lower,
                    "upper": [None if u == float("inf") else u for u in upper], "expected": solve(c, A, b, lower, upper)})
    return out


def table(threshold=10):
    """A two-way table (rows x columns, with margins) whose cells are random counts."""
    R, C = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    inner = rng.integers(0, 30, size=(R, C))
    small = rng.random((R, C)) < 0.3
    inner[small] = rng.integers(1, threshold, size=int(small.sum()))
    cells, names = [], []
    def add(name, value):
        names.append(name)
        cells.append(int(value))
        return len(cells) - 1
    idx = [[add(f"r{i}c{j}", inner[i, j]) for j in range(C)] for i in range(R)]
    rows = [add(f"r{i}", inner[i].sum()) for i in range(R)]
    cols = [add(f"c{j}", inner[:, j].sum()) for j in range(C)]
    grand = add("all", inner.sum())
    relations = [{"total": rows[i], "parts": idx[i]} for i in range(R)]
    relations += [{"total": cols[j], "parts": [idx[i][j] for i in range(R)]} for j in range(C)]
    relations += [{"total": grand, "parts": rows}, {"total": grand, "parts": cols}]
    hidden = [bool(rng.random() < 0.35) for _ in cells]
    if rng.random() < 0.3:
        hidden[grand] = False
    lower = [float(threshold) if hidden[k] and cells[k] >= threshold and rng.random() < 0.3 else 0.0 for k in range(len(cells))]
    # the reader's linear programs
    hid = [k for k in range(len(cells)) if hidden[k]]
    pos = {k: j for j, k in enumerate(hid)}
    A, b = [], []
    for r in relations:
        row = [0.0] * len(hid)
        rhs = 0.0
        for k, coef in [(r["total"], -1.0)] + [(p, 1.0) for p in r["parts"]]:
            if k in pos:
                row[pos[k]] += coef
            else:
                rhs -= coef * cells[k]
        if any(row):
            A.append(row)
            b.append(rhs)
    intervals = []
    for k in hid:
        e = [0.0] * len(hid)
        e[pos[k]] = 1.0
        lo = solve(e, A, b, [lower[x] for x in hid], [float("inf")] * len(hid))
        e[pos[k]] = -1.0
        hi = solve(e, A, b, [lower[x] for x in hid], [float("inf")] * len(hid))
        intervals.append({"cell": k, "low": lo, "high": None if hi == "unbounded" else -hi})
    return {"names": names, "values": cells, "hidden": hidden, "lower": lower,
            "relations": relations, "intervals": intervals}


def main():
    root = Path(__file__).resolve().parents[2]
    out = root / "Tests" / "RendementCoreTests" / "Fixtures" / "disclosure_lp.json"
    data = {"source": "scipy.optimize.linprog(method='highs')", "scipy": __import__("scipy").__version__,
            "programs": programs(60), "tables": [table() for _ in range(40)]}
    out.write_text(json.dumps(data, indent=1) + "\n")
    print("wrote", out, file=sys.stderr)


if __name__ == "__main__":
    main()
