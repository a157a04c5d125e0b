#!/usr/bin/env python3
"""A deliberately simple matcher, only for making analysis fixtures that do
not depend on the Swift matcher: every client (first intake with a plan of
approach) gets up to K persons who were never registered as clients and who
were BVH suspects in the client's intake month (chosen at random with a seed,
each person used once), with their suspect date as index date.
Writes a matches.csv in the contract's form (section 3).

    python simple_matches.py EXTRACTS_DIR OUT.csv [--k 2] [--seed 1] [--max-clients N]
"""
import argparse

import numpy as np
import pandas as pd

ap = argparse.ArgumentParser()
ap.add_argument("extracts")
ap.add_argument("out")
ap.add_argument("--k", type=int, default=2)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--max-clients", type=int, default=400)
args = ap.parse_args()

registrations = pd.read_csv(f"{args.extracts}/clienten.csv", dtype=str, keep_default_na=False)
ever_clients = set(registrations["persoon_id"])
with_plan = registrations[registrations["plan_van_aanpak"] != "nee"].sort_values(["instroomdatum", "persoon_id"])
clients = with_plan.drop_duplicates("persoon_id").head(args.max_clients)
bvh = pd.read_csv(f"{args.extracts}/bvh.csv", dtype=str, keep_default_na=False)
suspects = bvh[(bvh["rol"] == "verdachte") & ~bvh["persoon_id"].isin(ever_clients)][["persoon_id", "pleegdatum"]]
suspects = suspects.drop_duplicates().sort_values(["pleegdatum", "persoon_id"])
by_month = {m: g for m, g in suspects.groupby(suspects["pleegdatum"].str[:7])}
rng = np.random.default_rng(args.seed)
used, rows = set(), []
for set_id, (_, c) in enumerate(clients.iterrows(), start=1):
    pool = by_month.get(c["instroomdatum"][:7])
    if pool is None:
        continue
    pool = pool[~pool["persoon_id"].isin(used)].drop_duplicates("persoon_id")
    if pool.empty:
        continue
    take = pool.iloc[rng.permutation(len(pool))[: args.k]]
    rows.append((set_id, "client", c["persoon_id"], c["veiligheidshuis"], c["instroomdatum"], 1.0))
    for _, p in take.iterrows():
        used.add(p["persoon_id"])
        rows.append((set_id, "control", p["persoon_id"], c["veiligheidshuis"], p["pleegdatum"], 1.0 / len(take)))
pd.DataFrame(rows, columns=["set_id", "role", "persoon_id", "veiligheidshuis", "index_date", "weight"]).to_csv(args.out, index=False)
