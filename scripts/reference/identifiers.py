#!/usr/bin/env python3
"""Reference for the pseudonymiser's content checks (IdentifierShape): BSN
eleven-test and IBAN mod-97 validity as python-stdnum decides them
(stdnum.nl.bsn.is_valid, stdnum.iban.is_valid / calc_check_digits).

    python3 scripts/reference/identifiers.py Tests/RendementImportTests/Fixtures

Writes identifiers.json: {"bsn": [{"value", "valid"}], "iban": [{"value", "valid"}]}.
Seeded: the same file every run.
"""
import json
import os
import random
import sys

from stdnum import iban
from stdnum.nl import bsn

rng = random.Random(20261201)


def bsn_cases():
    cases = []
    # Random nine-digit strings: about one in eleven passes.
    for _ in range(400):
        v = "".join(rng.choice("0123456789") for _ in range(9))
        if v != "000000000":
            cases.append({"value": v, "valid": bsn.is_valid(v)})
    # Valid ones drawn until 100 are found, and each with one digit changed.
    found = 0
    while found < 100:
        v = "".join(rng.choice("0123456789") for _ in range(9))
        if v == "000000000" or not bsn.is_valid(v):
            continue
        found += 1
        cases.append({"value": v, "valid": True})
        i = rng.randrange(9)
        w = v[:i] + str((int(v[i]) + rng.randrange(1, 10)) % 10) + v[i + 1:]
        if w != "000000000":
            cases.append({"value": w, "valid": bsn.is_valid(w)})
    return cases


FORMATS = {  # country: BBAN as (letters, digits)
    "NL": (4, 10), "BE": (0, 12), "DE": (0, 18), "GB": (4, 14), "FR": (0, 23), "ES": (0, 20),
}


def random_bban(country):
    letters, digits = FORMATS[country]
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(letters)) + \
        "".join(rng.choice("0123456789") for _ in range(digits))


def iban_cases():
    cases = []
    for _ in range(200):
        country = rng.choice(sorted(FORMATS))
        bban = random_bban(country)
        value = country + iban.calc_check_digits(country + "00" + bban) + bban
        if not iban.is_valid(value):
            continue  # a BBAN the country's own rules refuse (e.g. a national check digit)
        cases.append({"value": value, "valid": True})
        # One character changed (a digit for a digit, a letter for a letter).
        i = rng.randrange(4, len(value))
        c = value[i]
        alphabet = "0123456789" if c.isdigit() else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        w = value[:i] + rng.choice([a for a in alphabet if a != c]) + value[i + 1:]
        cases.append({"value": w, "valid": iban.is_valid(w)})
        # Printed in groups of four.
        cases.append({"value": " ".join(value[k:k + 4] for k in range(0, len(value), 4)), "valid": True})
    return cases


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    data = {"source": "python-stdnum " + __import__("stdnum").__version__, "bsn": bsn_cases(), "iban": iban_cases()}
    with open(os.path.join(out, "identifiers.json"), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(f"identifiers.json: {len(data['bsn'])} BSN cases, {len(data['iban'])} IBAN cases")


if __name__ == "__main__":
    main()
