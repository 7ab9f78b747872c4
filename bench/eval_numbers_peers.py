"""Recall on the peers' own test suites, read through the public `gather()`.

Data: numbers_peers_dev.jsonl (MIT): quantulum3's English tests and Microsoft Recognizers-Text's
English Number, NumberRange, Percent, Ordinal and Currency specs. Each gold item has `start`/`end`,
`value` (+ `alt_values`), `lo`/`hi` for ranges and a `match` rule: `value` (one number), `range`
or `pair` (both ends).

Why `gather()` and not the CLI's `statistics`: the suites test number *recognition*, ordinals and
bare numbers included ("the 4th", "192."), which a summary deliberately does not list as
statistics (README, "Statistics"). `gather(text).numbers` is the public evidence the statistics
are drawn from, with the same values, highs and units. (NewsQuant, in bench/eval_numbers.py, is
scored on the CLI's statistics.)

A gold item is found when a number `gather()` found overlaps its span and has its value (as
`value` or `high`, relative tolerance 1e-6); a range or pair when its low and high ends are both
among the overlapping numbers' values. Categories the README of the data marks as skippable for
a news extractor (dates/years, identifiers) are shown apart and left out of the totals. Cases
with no gold items (negative tests) are not scored here.

Reference: quantulum3 scores .64 on the Recognizers suite (issue 12).

Run: .venv/bin/python bench/eval_numbers_peers.py [--verbose] [--half even|odd]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import load_or_skip  # noqa: E402
from summarizer.evidence import gather  # noqa: E402

SKIPPABLE = ("date/year", "identifiers")
QUANTULUM3_REFERENCE = {"recognizers": 0.64}


def half_of(row_id: str) -> str:
    """A stable split by id: develop on one half, check the rule holds on the other."""
    return "even" if hashlib.sha1(row_id.encode()).digest()[0] % 2 == 0 else "odd"


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def found(gold: dict[str, Any], text: str) -> bool:
    start, end = gold["start"], gold["end"]
    values: list[float] = []
    for n in gather(text).numbers:
        if n.start < end and start < n.end:
            values += [v for v in (n.value, n.high) if v is not None]
    if gold["match"] in ("range", "pair") and gold.get("lo") is not None:
        return all(any(close(v, g) for v in values) for g in (gold["lo"], gold["hi"]))
    wanted = gold.get("alt_values") or [gold["value"]]
    return any(close(v, g) for v in values for g in wanted)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every missed gold item")
    ap.add_argument("--half", choices=("even", "odd"), help="score one half of the cases by id")
    args = ap.parse_args()
    rows = load_or_skip("numbers_peers_dev.jsonl")
    if args.half:
        rows = [r for r in rows if half_of(r["id"] + r["suite"]) == args.half]
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        for g in row["gold"]:
            cat = g["category"]
            skip = cat.startswith(SKIPPABLE)
            ok = found(g, row["text"])
            keys = [f"category {cat}"] + ([] if skip else ["overall", f"suite {row['suite']}"])
            for key in keys:
                total[key] += 1
                hit[key] += ok
            if not ok and args.verbose:
                got = [
                    (n.text, n.value, n.high, n.unit, n.kind) for n in gather(row["text"]).numbers
                ]
                lo_hi = f"({g.get('lo')}..{g.get('hi')})"
                print(f"miss {row['id']} [{cat}] {g['surface']!r}={g['value']} {lo_hi}"
                      f"\n    {row['text'][:160]}\n    {got}")  # fmt: skip
    print(f"cases: {len(rows)}" + (f" (half {args.half})" if args.half else ""))
    for key in sorted(total, key=lambda k: (not k.startswith("overall"), k)):
        note = ""
        suite = key.removeprefix("suite ")
        if suite in QUANTULUM3_REFERENCE:
            note = f"   (quantulum3: {QUANTULUM3_REFERENCE[suite]:.2f})"
        if key.startswith("category") and key.removeprefix("category ").startswith(SKIPPABLE):
            note = "   (skippable; not in totals)"
        print(f"{key}: {hit[key]}/{total[key]} = {hit[key] / total[key]:.3f}{note}")


if __name__ == "__main__":
    main()
