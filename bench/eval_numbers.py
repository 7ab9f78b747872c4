"""Recall of annotated quantities in the `statistics` the CLI writes, and unit agreement.

Data: numbers_dev.jsonl (NewsQuant sentences, CQE evaluation, EMNLP 2023): gold `quantities[]`
with `value` as a string ("6.0", "1.99E-29"; a range "252.0-287.0") and a `normalized_unit`.

What is measured is the product: the sentences are written to a JSONL file, run through
`summarizer summarize --engine offline -f jsonl` as a subprocess, and only the output's
`statistics` are read. A gold value is *found* when a statistic of its sentence has it (relative
tolerance 1e-6) as `value` or `high`; a range when both ends are found (the corpus also writes
changes, "from 208 pounds to 193", as ranges). Gold values of exactly 1 are left out (the corpus
infers them from "a" or "one of"), and so are gold quantities that are years or dates, which a
summary's statistics leave out by design (README, "Statistics").

Unit agreement: of the found gold values whose unit is written in the sentence (gold `unit` not
"-"; the corpus also infers units a reader supplies), the share whose statistic carries the same
unit: `currency` (ISO 4217) for money (also for prices: "dollar per barrel"), kind percent for
percentages, otherwise the unit word compared singular and lower-case, a few abbreviations
spelled out ("mph", "km"), and any word of the gold unit agreeing. For information, how often
`approximate` agrees with the gold `change` ("~", ">", "<" are hedged; "=" exact).

Run: .venv/bin/python bench/eval_numbers.py [--verbose] [--half even|odd]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import load_or_skip  # noqa: E402

RANGE = re.compile(r"(-?[\d.]+(?:[eE][-+]?\d+)?)-(-?[\d.]+(?:[eE][-+]?\d+)?)")
# The gold's currency names and the ISO code a statistic should carry for them.
GOLD_CURRENCY = {
    "dollar": "USD", "australian dollar": "AUD", "canadian dollar": "CAD", "euro": "EUR",
    "japanese yen": "JPY", "pound sterling": "GBP", "malaysian ringgit": "MYR",
    "chinese yuan": "CNY", "shekel": "ILS", "indian rupee": "INR", "new zealand dollar": "NZD",
    "hong kong dollar": "HKD", "singapore dollar": "SGD", "swiss franc": "CHF",
}  # fmt: skip
ABBREVIATIONS = {
    "mph": "mile per hour", "km": "kilometre", "km/h": "kilometre per hour", "cm": "centimetre",
    "mm": "millimetre", "m": "metre", "kg": "kilogram", "g": "gram", "lb": "pound",
    "lbs": "pound", "ft": "foot", "feet": "foot", "gb": "gigabyte", "mb": "megabyte",
    "tb": "terabyte", "hp": "horsepower", "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt",
    "hz": "hertz", "ghz": "gigahertz", "mhz": "megahertz", "mpg": "mile per gallon",
    "min": "minute", "mins": "minute", "sec": "second", "hr": "hour", "hrs": "hour",
    "yr": "year", "yrs": "year", "sqm": "square metre", "sq m": "square metre",
    "meters": "metre", "meter": "metre", "metres": "metre", "liter": "litre", "w": "watt",
    "v": "volt", "kwh": "kilowatt hour", "mah": "milliampere-hour", "pts": "point",
    "bps": "basis point", "percentage points": "percentage point", "years": "year",
}  # fmt: skip


def half_of(row_id: str) -> str:
    """A stable split by id: develop on one half, check the rule holds on the other."""
    return "even" if hashlib.sha1(row_id.encode()).digest()[0] % 2 == 0 else "odd"


def gold_values(raw: str) -> list[float]:
    """One value, or the two ends of a range."""
    try:
        return [float(raw)]
    except ValueError:
        pass
    m = RANGE.fullmatch(raw.strip())
    if m is None:
        return []
    return [float(m.group(1)), float(m.group(2))]


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _singular(word: str) -> str:
    w = word.lower().strip(".")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def unit_agrees(gold: dict[str, Any], stat: dict[str, Any]) -> bool:
    norm = str(gold.get("normalized_unit") or "").lower()
    money = norm.split(" per ")[0]  # "dollar per barrel": a price, its currency the dollar
    if stat.get("kind") == "money" or money in GOLD_CURRENCY:
        if gold.get("unit") == "p" and stat.get("unit") == "pence":
            return True  # "200p": the corpus calls a share price in pence "point"
        return GOLD_CURRENCY.get(money) == stat.get("currency") or (
            norm in ("cent", "sen") and (stat.get("unit") or "").rstrip("s") in norm
        )
    if norm == "percentage":
        return stat.get("kind") == "percent"
    unit = str(stat.get("unit") or "").lower()
    if not unit:
        return False
    ours = ABBREVIATIONS.get(unit, ABBREVIATIONS.get(_singular(unit), unit))
    ours_words = {_singular(w) for w in re.split(r"[\s-]+", ours)}
    gold_words = {_singular(w) for w in re.split(r"[\s-]+", norm)} | {
        _singular(str(gold.get("unit") or ""))
    }
    return bool(ours_words & gold_words) or _singular(ours) in (_singular(norm), "")


def run_cli(rows: list[dict[str, Any]]) -> tuple[dict[str, list[dict[str, Any]]], float]:
    """The offline engine's statistics per sentence id, through the CLI as a subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "sentences.jsonl"
        out = Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps({"id": row["id"], "text": row["text"]}) + "\n")
        exe = Path(sys.executable).with_name("summarizer")
        cmd = [str(exe), "summarize", "--engine", "offline", "-f", "jsonl", str(src), "-o"]
        t0 = time.perf_counter()
        subprocess.run([*cmd, str(out)], check=True, capture_output=True)
        elapsed = time.perf_counter() - t0
        stats: dict[str, list[dict[str, Any]]] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            result = json.loads(line)
            if "summary" in result:
                stats[result["article"]["id"]] = result["summary"]["statistics"]
    return stats, elapsed


def is_year(gold: dict[str, Any], text: str) -> bool:
    """A gold quantity that is a year ("in 2016") or a date: statistics leave these out."""
    values = gold_values(str(gold["value"]))
    unit = str(gold.get("unit") or "")
    return (
        unit in ("-", "")
        and bool(values)
        and all(v.is_integer() and 1900 <= v <= 2100 for v in values)
        and re.search(rf"\b{int(values[0])}\b", text) is not None
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every missed gold value")
    ap.add_argument("--units", action="store_true", help="print every unit disagreement")
    ap.add_argument("--half", choices=("even", "odd"), help="score one half of the sentences")
    args = ap.parse_args()
    rows = load_or_skip("numbers_dev.jsonl")
    if args.half:
        rows = [r for r in rows if half_of(r["id"]) == args.half]
    stats, elapsed = run_cli(rows)

    found = total = years = unit_total = unit_ok = 0
    hedge_total: Counter[bool] = Counter()
    hedge_ok: Counter[bool] = Counter()
    by_shape: Counter[str] = Counter()
    found_by_shape: Counter[str] = Counter()
    for row in rows:
        text = row["text"]
        got = stats.get(row["id"], [])
        for q in row["quantities"]:
            values = gold_values(str(q["value"]))
            if not values or (len(values) == 1 and close(values[0], 1.0)):
                continue
            if is_year(q, text):
                years += 1
                continue
            shape = "range" if len(values) == 2 else "single"
            total += 1
            by_shape[shape] += 1
            ends = [[v for v in (s["value"], s.get("high")) if v is not None] for s in got]
            hits = [any(close(g, v) for g in values for v in vs) for vs in ends]
            matched = [s for s, hit in zip(got, hits, strict=True) if hit]
            have = [v for vs in ends for v in vs]
            if all(any(close(g, h) for h in have) for g in values):
                found += 1
                found_by_shape[shape] += 1
                hedged = q.get("change") in ("~", ">", "<")
                hedge_total[hedged] += 1
                hedge_ok[hedged] += any(bool(s.get("approximate")) == hedged for s in matched)
                if str(q.get("unit") or "-") not in ("-", ""):
                    unit_total += 1
                    agree = any(unit_agrees(q, s) for s in matched)
                    unit_ok += agree
                    if not agree and args.units:
                        ours = [(s["text"], s.get("unit"), s.get("currency")) for s in matched]
                        print(f"unit {row['id']}: gold {q['unit']!r}/{q['normalized_unit']!r}"
                              f" ours {ours}")  # fmt: skip
            elif args.verbose:
                shown = ", ".join(
                    f"{s['text']!r}={s['value']}" + (f"..{s['high']}" if s.get("high") else "")
                    for s in got
                )
                print(f"miss {row['id']}: gold {q['value']} {q['unit']!r}\n    {text}\n    {shown}")

    n = len(rows)
    print(f"sentences: {n}" + (f" (half {args.half})" if args.half else ""))
    print(f"gold values scored: {total} (left out: exactly 1; {years} years)")
    recall = found / max(total, 1)
    print(f"recall of gold values in the output statistics: {found}/{total} = {recall:.3f}")
    for shape in ("single", "range"):
        print(f"  {shape}: {found_by_shape[shape]}/{by_shape[shape]}"
              f" = {found_by_shape[shape] / max(by_shape[shape], 1):.3f}")  # fmt: skip
    print(f"unit agreement (found values with a gold unit): {unit_ok}/{unit_total} = "
          f"{unit_ok / max(unit_total, 1):.3f}")  # fmt: skip
    hedged_s = f"{hedge_ok[True]}/{hedge_total[True]}"
    exact_s = f"{hedge_ok[False]}/{hedge_total[False]}"
    print(f"approximate agrees with the gold change (~ > <): hedged {hedged_s}, exact {exact_s}")
    print(f"CLI wall time: {elapsed:.2f} s for {n} sentences (includes start-up)")


if __name__ == "__main__":
    main()
