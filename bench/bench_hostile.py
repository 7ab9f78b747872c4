"""Is evidence gathering linear in the text? `summarizer.evidence.gather` on 200 KB inputs.

Two kinds of input:
- ordinary news: dev articles (../shared/eval/quotes_dev.jsonl; the fixture articles when it is
  absent) joined until the text reaches the size; goal: 200 KB in <= 50 ms;
- adversarial texts from `summarizer.testing.hostile` (unbalanced and nested quotation marks,
  lone closers, mixed mark families, digit-and-comma runs, dash chains, dotted runs, one huge
  paragraph, endless capitalised names); goal: each within 10x of the news figure.

Each input is also timed at a quarter of the size: the ratio of time per KB (full / quarter) stays
near 1 for a linear scan and grows with the size for a quadratic one. `gather` is timed cold: its
cache and the per-text caches inside the evidence modules are cleared before each call (a new
text misses them anyway; clearing keeps the figure honest when a text repeats).

Run: .venv/bin/python bench/bench_hostile.py [--size KB] [--repeat N] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import EVAL_DIR  # noqa: E402
from summarizer.evidence import gather  # noqa: E402
from summarizer.testing.hostile import GENERATORS  # noqa: E402

NEWS_GOAL_MS = 50.0
HOSTILE_FACTOR = 10.0


def news_text(size: int) -> str:
    path = EVAL_DIR / "quotes_dev.jsonl"
    if path.is_file():
        with path.open(encoding="utf-8") as f:
            articles = [json.loads(line)["text"] for line in f if line.strip()]
    else:
        articles = [
            p.read_text(encoding="utf-8")
            for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
        ]
    out: list[str] = []
    total = 0
    while total < size:
        for a in articles:
            out.append(a)
            total += len(a) + 2
            if total >= size:
                break
    return "\n\n".join(out)[:size]


def cold_ms(text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gather.cache_clear()
        # A changed last character makes a new text for every per-text cache inside.
        probe = text + " " * (len(times) + 1)
        t0 = time.perf_counter()
        gather(probe)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--size", type=int, default=200, help="input size in KB (default 200)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default=None, help="only this generator")
    args = ap.parse_args(argv)
    size = args.size * 1000
    gather("warm up: “the regexes,” she said, 12 percent.")
    inputs = {"news (dev articles)": news_text}
    inputs.update({k: v for k, v in GENERATORS.items() if k != "news"})
    if args.only:
        inputs = {k: v for k, v in inputs.items() if args.only in k}
    news_ms: float | None = None
    worst = 0.0
    print(f"gather() on {args.size} KB inputs, median of {args.repeat} cold calls")
    for name, make in inputs.items():
        full = make(size)
        quarter = make(size // 4)
        ms = cold_ms(full, args.repeat)
        q_ms = cold_ms(quarter, args.repeat)
        growth = (ms / len(full)) / max(1e-9, q_ms / len(quarter))
        if news_ms is None:
            news_ms = ms
            goal = f"goal <= {NEWS_GOAL_MS:.0f} ms {'ok' if ms <= NEWS_GOAL_MS else 'ABOVE'}"
        else:
            worst = max(worst, ms)
            limit = HOSTILE_FACTOR * max(news_ms, 1e-9)
            goal = f"{ms / news_ms:5.1f}x news {'ok' if ms <= limit else 'ABOVE 10x'}"
        print(f"  {name:<22} {ms:9.1f} ms  per-KB growth x4 size: {growth:4.2f}  {goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
