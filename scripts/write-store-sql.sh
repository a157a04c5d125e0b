#!/bin/sh
# Writes data-schema/store.sql from StoreSchema.ddl (a test compares them).
set -eu
cd "$(dirname "$0")/.."
python3 - <<'PY'
import re
src = open("Sources/RendementStore/Schema/StoreSchema.swift").read()
migs = re.findall(r'Migration\(version: (\d+), summary: "([^"]*)", sql: """\n(.*?)\n        """\)', src, re.S)
out = "-- The rendement store (SQLite). Generated from RendementStore/Schema/StoreSchema.swift;\n"
out += "-- a test fails when this file and the migrations drift apart. Dates are day numbers\n"
out += "-- (days since 1970-01-01); PRAGMA user_version holds the schema version.\n"
for v, summary, sql in migs:
    lines = [l[8:] if l.startswith("        ") else l for l in sql.split("\n")]
    out += "\n-- version %s: %s\n%s\n" % (v, summary, "\n".join(lines))
open("data-schema/store.sql", "w").write(out)
PY
echo "wrote data-schema/store.sql"
