"""How long `summarizer.verify.check` takes for one ~5 KB article's summary, in-process.

Two workloads:
- the seed article (fixtures/articles/operation-safe-city.txt, 3.2 KB) with a hand-built
  summary: six quotes with speakers (two found only after normalisation), six statistics;
- dev articles of 4-6 KB (../shared/eval/quotes_dev.jsonl, skipped if absent), each with a
  summary holding every annotated quote (speaker as annotated) and every statistic-like number:
  heavier than a model's summary.

Each call is timed cold: every per-text cache of the evidence and verify modules is cleared
first, and a new article index is built by `check` itself. The evidence (quoted passages,
numbers) is gathered once per article outside the timing, as the engines do; the time of
`gather` (its per-text cache cleared) is shown on its own line, and `check(text, summary)`
without evidence, which gathers it, is timed too: that is what the public API call costs on an
article seen for the first time.
The dev summaries are also timed with one word changed in their middle quote: the near-match
path (`fuzzy`, and the second look at it among its neighbours) is the costly one.
Last, a long summary of a long article: the dev articles joined, every statistic-like number a
statistic and repeated in the summary text, at a quarter and at the full size; the time per
statistic stays flat when the checks are linear (they were statistics x numbers).

Run: .venv/bin/python bench/bench_check.py [--repeat N]
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import EVAL_DIR  # noqa: E402
from bench.bench_same_output import clear_caches  # noqa: E402
from summarizer import verify  # noqa: E402
from summarizer.evidence import Evidence, gather  # noqa: E402
from summarizer.evidence.numbers import is_statistic  # noqa: E402
from summarizer.models import Event, Quote, Statistic, Summary  # noqa: E402

SEED = ROOT / "fixtures" / "articles" / "operation-safe-city.txt"

SEED_SUMMARY: dict[str, Any] = {
    "headline": "About 100 arrested in Los Angeles in ICE sweep of sanctuary jurisdictions",
    "summary": "A four-day nationwide ICE operation targeting sanctuary jurisdictions led to 498 "
    "arrests, 101 of them in Los Angeles. Immigrant-rights advocates condemned it.",
    "event": {
        "what": "ICE's four-day 'Operation Safe City' immigration sweep",
        "who": ["U.S. Immigration and Customs Enforcement", "Tom Homan", "Angelica Salas"],
        "where": ["Los Angeles", "Philadelphia"],
        "when": "last week",
    },
    "quotes": [
        {
            "text": "Sanctuary jurisdictions that do not honor detainers or allow us access to "
            "jails and prisons are shielding criminal aliens from immigration enforcement and "
            "creating a magnet for illegal immigration,",
            "speaker": "Tom Homan",
            "speaker_role": "ICE Acting Director",
        },
        {
            "text": "As a result, ICE is forced to dedicate more resources to conduct at-large "
            "arrests in these communities.",
            "speaker": "Tom Homan",
        },
        {
            "text": "We have a hard time believing anything ICE has to tell us about those it "
            "arrested this week in this dastardly operation.",
            "speaker": "Angelica Salas",
        },
        {
            "text": "We are deeply troubled by this politically motivated and cruel form of "
            "immigration enforcement",
            "speaker": "Angelica Salas",
        },
        {
            "text": "We are never going to stop enforcing the laws (as) we are authorized and "
            "required to do,",
            "speaker": "Matthew Albence",
        },
        {
            # A model's straight apostrophe for the article's curly one: the normalized path.
            "text": "But we are very clear that ICE's actions make our cities unsafe",
            "speaker": "Salas",
        },
    ],
    "statistics": [
        {"text": "100", "value": 100, "unit": "people", "describes": "arrested in LA area"},
        {"text": "four-day", "value": 4, "unit": "days", "describes": "length of the sweep"},
        {"text": "498", "value": 498, "unit": "people", "describes": "arrested nationally"},
        {"text": "107", "value": 107, "unit": "people", "describes": "arrests in Philadelphia"},
        {"text": "101", "value": 101, "unit": "people", "describes": "arrests in Los Angeles"},
        {"text": "42", "value": 42, "unit": "countries", "describes": "countries of origin"},
    ],
}


def one_word_changed(summary: Summary) -> Summary:
    """The summary with one word of its middle quote changed (a word the article lacks)."""
    if not summary.quotes:
        return summary
    k = len(summary.quotes) // 2
    quote = summary.quotes[k]
    words = quote.text.split(" ")
    w = len(words) // 2
    words[w] = "zzyzx" + words[w][-1:] if words[w][-1:] in ",.;:!?" else "zzyzx"
    quotes = list(summary.quotes)
    quotes[k] = quote.model_copy(update={"text": " ".join(words)})
    return summary.model_copy(update={"quotes": quotes})


def time_calls(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        clear_caches()
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    median = statistics.median(times)
    print(f"{label:<44} median {median:.3f} ms   p90 {p90:.3f} ms   (n={len(times)})")


def dev_cases() -> list[tuple[str, Summary, Evidence]]:
    path = EVAL_DIR / "quotes_dev.jsonl"
    if not path.exists():
        print(f"skipped dev articles: {path} not found (set SUMMARIZER_EVAL_DIR)")
        return []
    cases = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            text = row["text"]
            if not 4000 <= len(text.encode("utf-8")) <= 6000:
                continue
            ev = gather(text)
            summary = Summary(
                headline=row.get("title") or "untitled",
                summary="",
                event=Event(what=row.get("title") or "untitled"),
                quotes=[Quote(text=q["text"], speaker=q["speaker"]) for q in row["quotes"]],
                statistics=[
                    Statistic(text=n.text, value=n.value, unit=n.unit, describes="a number")
                    for n in ev.numbers
                    if is_statistic(n)
                ],
            )
            cases.append((text, summary, ev))
    return cases


def long_case(cases: list[tuple[str, Summary, Evidence]], part: float) -> tuple[str, Summary]:
    """The first `part` of the dev articles joined, and a summary holding every statistic-like
    number of it, each also written in the summary's text."""
    text = "\n\n".join(t for t, _, _ in cases[: max(1, int(len(cases) * part))])
    numbers = [n for n in gather(text).numbers if is_statistic(n)]
    summary = Summary(
        headline="untitled",
        summary=" ".join(f"It was {n.text}." for n in numbers),
        event=Event(what="untitled"),
        statistics=[
            Statistic(text=n.text, value=n.value, unit=n.unit, describes="a number")
            for n in numbers
        ],
    )
    return text, summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()

    text = SEED.read_text(encoding="utf-8")
    ev = gather(text)
    seed = Summary.model_validate(SEED_SUMMARY)
    checked = verify.check(text, seed, evidence=ev)
    print(
        f"seed article: {len(text.encode())} bytes, {len(seed.quotes)} quotes, "
        f"{len(seed.statistics)} statistics, passed={checked.verification.passed}"
    )
    report(
        "check(), seed summary",
        time_calls(lambda: verify.check(text, seed, evidence=ev), args.repeat),
    )
    report(
        "check() from a dict, seed summary",
        time_calls(lambda: verify.check(text, SEED_SUMMARY, evidence=ev), args.repeat),
    )
    report(
        "gather() alone, seed article", time_calls(lambda: gather(text), max(20, args.repeat // 10))
    )
    report(
        "check() without evidence (gathers), seed",
        time_calls(lambda: verify.check(text, seed), max(20, args.repeat // 10)),
    )

    cases = dev_cases()
    if cases:
        n_quotes = statistics.median(len(s.quotes) for _, s, _ in cases)
        n_stats = statistics.median(len(s.statistics) for _, s, _ in cases)
        print(
            f"dev articles of 4-6 KB: {len(cases)} (median {n_quotes:g} quotes, "
            f"{n_stats:g} statistics per summary)"
        )
        per_call: list[float] = []
        repeat = max(5, args.repeat // 20)
        for text, summary, ev in cases:
            per_call.extend(
                time_calls(functools.partial(verify.check, text, summary, evidence=ev), repeat)
            )
        report("check(), dev summaries", per_call)
        changed: list[float] = []
        for text, summary, ev in cases:
            call = functools.partial(verify.check, text, one_word_changed(summary), evidence=ev)
            changed.extend(time_calls(call, repeat))
        report("check(), one word changed in one quote", changed)
        gathering: list[float] = []
        with_gather: list[float] = []
        for text, summary, _ in cases:
            gathering.extend(time_calls(functools.partial(gather, text), 3))
            with_gather.extend(time_calls(functools.partial(verify.check, text, summary), 3))
        report("gather() alone, dev articles", gathering)
        report("check() without evidence (gathers), dev", with_gather)
        per_stat = []
        for part in (0.25, 1.0):
            text, summary = long_case(cases, part)
            ev = gather(text)
            call = functools.partial(verify.check, text, summary, evidence=ev)
            ms = statistics.median(time_calls(call, 3))
            per_stat.append(ms / len(summary.statistics))
            print(
                f"check(), long summary: {len(text) // 1000} KB, "
                f"{len(summary.statistics)} statistics   {ms:.1f} ms"
            )
        print(f"  time per statistic, full / quarter size: {per_stat[1] / per_stat[0]:.2f}")


if __name__ == "__main__":
    main()
