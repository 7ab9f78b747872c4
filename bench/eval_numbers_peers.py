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

Side by side: when quantulum3 is importable (`pip install quantulum3`; not a dependency of this
project), the same scorer runs it on the same cases and prints its figure beside ours on every
line, so "at or above quantulum3 on every news-relevant category" is read off one run. A range
quantulum3 reports as a mean with an uncertainty counts as its two ends. Without it, the figure
the issue quotes (.64 on the Recognizers suite) is shown for reference.

Run: .venv/bin/python bench/eval_numbers_peers.py [--verbose] [--half even|odd]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
import warnings
from collections import Counter
from collections.abc import Callable
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


Spans = list[tuple[int, int, list[float]]]


def ours(text: str) -> Spans:
    return [
        (n.start, n.end, [v for v in (n.value, n.high) if v is not None])
        for n in gather(text).numbers
    ]


def quantulum3_parser() -> Callable[[str], Spans] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser  # type: ignore[import-not-found]
    except ImportError:
        return None

    def spans(text: str) -> Spans:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found_ = parser.parse(text)
        out: Spans = []
        for q in found_:
            values = [float(q.value)]
            if q.uncertainty:
                values += [q.value - q.uncertainty, q.value + q.uncertainty]
            out.append((q.span[0], q.span[1], values))
        return out

    return spans


def found(gold: dict[str, Any], numbers: Spans) -> bool:
    start, end = gold["start"], gold["end"]
    values: list[float] = []
    for n_start, n_end, n_values in numbers:
        if n_start < end and start < n_end:
            values += n_values
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
    peer = quantulum3_parser()
    hit: Counter[str] = Counter()
    peer_hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        mine = ours(row["text"])
        theirs = peer(row["text"]) if peer else []
        for g in row["gold"]:
            cat = g["category"]
            skip = cat.startswith(SKIPPABLE)
            ok = found(g, mine)
            keys = [f"category {cat}"] + ([] if skip else ["overall", f"suite {row['suite']}"])
            for key in keys:
                total[key] += 1
                hit[key] += ok
                peer_hit[key] += bool(peer) and found(g, theirs)
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
        if peer:
            below = "  <- below quantulum3" if peer_hit[key] > hit[key] else ""
            note = f"   (quantulum3: {peer_hit[key] / total[key]:.3f}){below}"
        elif suite in QUANTULUM3_REFERENCE:
            note = f"   (quantulum3: {QUANTULUM3_REFERENCE[suite]:.2f})"
        if key.startswith("category") and key.removeprefix("category ").startswith(SKIPPABLE):
            note = "   (skippable; not in totals)"
        print(f"{key}: {hit[key]}/{total[key]} = {hit[key] / total[key]:.3f}{note}")


if __name__ == "__main__":
    main()
