"""Recall of annotated quantities by `summarizer.evidence.numbers.find_numbers`.

Data: numbers_dev.jsonl (NewsQuant sentences, CQE evaluation, EMNLP 2023): gold `quantities[]`
with `value` as a string. A single value is "6.0" or "1.99E-29"; a range is "low-high"
("252.0-287.0"; the corpus also writes "from 36,040 to 34,935" as "36040.0-34935.0").

A gold value is *found* when some mention in the sentence has it (relative tolerance 1e-6) as
its `value`, its `high`, or its number as written. The corpus scales magnitudes ("$800 million"
-> 800000000.0) as `value` does, but a few annotations keep the written number ("S $1mil" -> 1),
so the written number is accepted too (on the dev set this changes nothing: 610/617 either
way). A range is found when both of its ends are found (anywhere among the sentence's
mentions: the corpus writes changes such as "from 208 pounds to 193" as ranges too). Gold
values of exactly 1 are left out: the corpus often infers them from "a" or "one of".

Also printed, for information: mentions per sentence whose value matches no gold value (dates,
years and times are shown apart, since the corpus does not annotate them), and the time taken.

Run: .venv/bin/python bench/eval_numbers.py [--verbose]
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import load_or_skip  # noqa: E402
from summarizer.evidence.numbers import find_numbers, is_statistic  # noqa: E402
from summarizer.evidence.types import NumberMention  # noqa: E402

WRITTEN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
RANGE = re.compile(r"(-?[\d.]+(?:[eE][-+]?\d+)?)-(-?[\d.]+(?:[eE][-+]?\d+)?)")
UNANNOTATED_KINDS = frozenset({"date", "year", "time"})


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


def mention_values(m: NumberMention) -> list[float]:
    values = [v for v in (m.value, m.high) if v is not None]
    # the number as written, unscaled: for the few annotations that keep "1" for "$1mil"
    for w in WRITTEN.findall(m.text)[:2]:
        try:
            values.append(float(w.replace(",", "")))
        except ValueError:
            continue
    return values


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every missed gold value")
    ap.add_argument("--extra", action="store_true", help="print mentions that match no gold value")
    args = ap.parse_args()
    rows = load_or_skip("numbers_dev.jsonl")

    found = total = 0
    by_shape: Counter[str] = Counter()
    found_by_shape: Counter[str] = Counter()
    extra = extra_stat = extra_dates = mentions = 0
    misses: list[str] = []
    for row in rows:
        text = row["text"]
        found_mentions = find_numbers(text)
        mentions += len(found_mentions)
        have = [v for m in found_mentions for v in mention_values(m)]
        gold_all: list[float] = []
        for q in row["quantities"]:
            values = gold_values(str(q["value"]))
            gold_all.extend(values)
            if not values or (len(values) == 1 and close(values[0], 1.0)):
                continue
            shape = "range" if len(values) == 2 else "single"
            total += 1
            by_shape[shape] += 1
            if all(any(close(g, h) for h in have) for g in values):
                found += 1
                found_by_shape[shape] += 1
            else:
                misses.append(
                    f"{row['id']}: gold {q['value']} {q['unit']!r}\n    {text}\n    found: "
                    + ", ".join(
                        f"{m.text!r}={m.value}" + (f"..{m.high}" if m.high else "")
                        for m in found_mentions
                    )  # fmt: skip
                )
        for m in found_mentions:
            if any(close(g, v) for g in gold_all for v in mention_values(m)):
                continue
            if m.kind in UNANNOTATED_KINDS:
                extra_dates += 1
                continue
            extra += 1
            extra_stat += is_statistic(m)
            if args.extra:
                print(f"extra {row['id']}: {m.text!r} {m.kind} {m.value} {m.unit!r}")

    if args.verbose:
        for line in misses:
            print("miss", line)
    n = len(rows)
    texts = [row["text"] for row in rows]
    passes = []
    for _ in range(3):  # the best of three passes: the first pays for warming up
        t0 = time.perf_counter()
        for text in texts:
            find_numbers(text)
        passes.append(time.perf_counter() - t0)
    elapsed = min(passes)
    print(f"sentences: {n}, gold values (excluding exactly 1): {total}")
    print(f"recall of gold values: {found}/{total} = {found / max(total, 1):.3f}")
    for shape in ("single", "range"):
        print(f"  {shape}: {found_by_shape[shape]}/{by_shape[shape]}"
              f" = {found_by_shape[shape] / max(by_shape[shape], 1):.3f}")  # fmt: skip
    print(f"mentions: {mentions} ({mentions / n:.2f} per sentence)")
    print(f"mentions matching no gold value: {extra} ({extra / n:.2f} per sentence; "
          f"{extra_stat} of them statistics) + {extra_dates} dates/years/times")  # fmt: skip
    print(f"find_numbers: {elapsed / n * 1e6:.0f} us per sentence")
    seed = ROOT / "fixtures" / "articles" / "operation-safe-city.txt"
    if seed.exists():
        article = seed.read_text(encoding="utf-8")
        runs = []
        for _ in range(50):
            t0 = time.perf_counter()
            find_numbers(article)
            runs.append(time.perf_counter() - t0)
        runs.sort()
        print(f"find_numbers on the seed article ({len(article)} chars): "
              f"{runs[len(runs) // 2] * 1e6:.0f} us median")  # fmt: skip


if __name__ == "__main__":
    main()
