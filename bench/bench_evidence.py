"""How long `summarizer.evidence.gather` takes on an article seen for the first time.

Reads the dev articles of 4-6 KB from ../shared/eval/quotes_dev.jsonl (skipped if absent; the
directory can be set with SUMMARIZER_EVAL_DIR) and times `gather(text)` with every cache cleared
first: `gather`'s own and the per-text caches inside the evidence modules, since a text met again
would otherwise reuse work a first call must do. The parts are timed too: the quoted passages
with their speakers (`find_quoted_passages`) and the numbers (`find_numbers`).

The machine this runs on may be shared and noisy: rounds go over all articles in turn, and the
median and p90 are taken over every call.

Run: .venv/bin/python bench/bench_evidence.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import EVAL_DIR  # noqa: E402
from summarizer.evidence import attribution as attribution_mod  # noqa: E402
from summarizer.evidence import gather  # noqa: E402
from summarizer.evidence import kinds as kinds_mod  # noqa: E402
from summarizer.evidence import names as names_mod  # noqa: E402
from summarizer.evidence import numbers as numbers_mod  # noqa: E402
from summarizer.evidence import quotes as quotes_mod  # noqa: E402
from summarizer.evidence import text as text_mod  # noqa: E402
from summarizer.evidence.attribution import pronouns as pronouns_mod  # noqa: E402

MODULES: tuple[ModuleType, ...] = (
    numbers_mod,
    quotes_mod,
    names_mod,
    attribution_mod,
    pronouns_mod,  # its per-text caches (the package re-exports none)
    kinds_mod,
    text_mod,
)


def clear_caches() -> None:
    gather.cache_clear()
    for module in MODULES:
        for name in dir(module):
            cache_clear = getattr(getattr(module, name), "cache_clear", None)
            if callable(cache_clear):
                cache_clear()


def articles() -> list[str]:
    path = EVAL_DIR / "quotes_dev.jsonl"
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            if 4000 <= len(text.encode("utf-8")) <= 6000:
                out.append(text)
    return out


def time_cold(fn: Callable[[str], object], text: str) -> float:
    clear_caches()
    t0 = time.perf_counter()
    fn(text)
    return (time.perf_counter() - t0) * 1000


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    median = statistics.median(times)
    print(f"{label:<36} median {median:.3f} ms   p90 {p90:.3f} ms   (n={len(times)})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5, help="passes over the articles (default 5)")
    args = ap.parse_args()
    texts = articles()
    if not texts:
        print(f"skipped: no dev articles of 4-6 KB under {EVAL_DIR} (set SUMMARIZER_EVAL_DIR)")
        return
    parts: dict[str, Callable[[str], object]] = {
        "gather()": gather,
        "find_quoted_passages()": quotes_mod.find_quoted_passages,
        "find_numbers()": numbers_mod.find_numbers,
    }
    for text in texts:  # warm up: imports, regex compilation
        gather(text)
    times: dict[str, list[float]] = {label: [] for label in parts}
    for _ in range(max(1, args.rounds)):
        for text in texts:
            for label, fn in parts.items():
                times[label].append(time_cold(fn, text))
    print(f"dev articles of 4-6 KB: {len(texts)}, {args.rounds} rounds, caches cleared per call")
    for label, values in times.items():
        report(label, values)


if __name__ == "__main__":
    main()
