"""Quote extraction of the offline engine against human annotations (quotes_dev.jsonl).

What is scored is what a user gets: the articles are written to a JSONL of {"id", "text",
"title"} records and run through the CLI (`summarizer summarize --engine offline -f jsonl`, one
subprocess); its JSON output's quotes (span, kind, speaker) are compared with the annotations.
Which paragraphs of a multi-paragraph quote belong together is read from the public
`summarizer.evidence.gather()` (its passages' `continues`), to count such a quote once.
Figures are given for the whole file and for its two halves by id (crc32 even / odd): a rule that
helps one half and not the other is fitted to the file.

The metric is issue 3's, exactly:
- a gold quote is *found* when one predicted quote span covers >= 80% of its characters;
- a predicted quote is *correct* when >= 80% of its characters lie inside gold quotes or
  `other_quoted_spans` (titles, scare quotes: quoting them is not wrong);
- a predicted `direct` quote is *direct-correct* when >= 80% of its characters lie inside gold
  quotes alone;
- recall is reported for `direct` and `partial` gold quotes; precision over all predictions;
  direct precision over predicted `direct` quotes;
- speaker accuracy, on found quotes whose gold speaker is a name (not a pronoun, not null): the
  predicted speaker shares a name token with it (case-insensitive, stop words ignored) or one
  contains the other as whole words, one of them no stop word (a bare "The" is no speaker);
- count, per article: predicted quotes against gold quotes, the paragraphs of one multi-paragraph
  quote counting once (gold: `continues` paragraphs don't add; predicted: the engine emits one
  quote per paragraph, and paragraphs of one passage group count once).

Usage: .venv/bin/python bench/eval_quotes.py [--verbose] [--limit N] [--publisher NAME] [--half H]
(--half even|odd: the misses of one half only, to study one half and confirm on the other.)
Reads ../shared/eval/quotes_dev.jsonl relative to the repo (override: SUMMARIZER_EVAL_DIR).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import load_or_skip  # noqa: E402
from summarizer.evidence import gather  # noqa: E402

TARGETS = {
    "direct recall": 0.97,
    "partial recall": 0.80,
    "precision": 0.92,
    "direct precision": 0.97,
    "speaker accuracy": 0.92,
    "count equal": 0.80,
    "count within one": 0.95,
}
STOP = frozenset(
    """a an the of and or for in on at to with by from as is was his her their its our my
    mr mrs ms miss dr jr sr who which that this one""".split()
)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    """Characters of `span` inside the union of `spans`."""
    marks = sorted((max(s, span[0]), min(e, span[1])) for s, e in spans)
    total, reach = 0, span[0]
    for s, e in marks:
        s = max(s, reach)
        if e > s:
            total += e - s
            reach = e
    return total


def tokens(name: str) -> set[str]:
    return {t for t in re.findall(r"[\w’'\-]+", name.lower()) if t not in STOP}


def same_speaker(gold: str, pred: str | None) -> bool:
    if not pred:
        return False
    g, p = gold.lower().strip(), pred.lower().strip()
    return bool(tokens(g) & tokens(p)) or _within(p, g) or _within(g, p)


def _within(part: str, whole: str) -> bool:
    """`part` stands in `whole` as whole words ("trump" in "trump's") and holds a word that is not
    a stop word: a bare "The" is no speaker, though "at the National" holds it."""
    return bool(tokens(part)) and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", whole) is not None


@dataclass
class Tally:
    found: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    predicted: int = 0
    correct: int = 0
    direct: int = 0
    direct_correct: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    articles: int = 0
    count_equal: int = 0
    count_within_one: int = 0


def locate(text: str, quote_text: str, after: int) -> tuple[int, int] | None:
    i = text.find(quote_text, after)
    if i < 0:
        i = text.find(quote_text)
    return None if i < 0 else (i, i + len(quote_text))


def group_keys(text: str) -> dict[tuple[int, int], int]:
    """Passage span -> the group it counts in: a multi-paragraph quote's paragraphs share one,
    and so does a quote whose closing mark never comes with the quotation that follows it."""
    out: dict[tuple[int, int], int] = {}
    prev = None
    for p in gather(text).passages:
        if p.kind == "term":
            continue
        group = p.group
        if prev is not None and prev[1] != p.group and prev[0].outer_end == prev[0].end:
            group = prev[1]
        out[(p.start, p.end)] = group
        prev = (p, group)
    return out


def run_cli(rows: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], float]:
    """The CLI's results by id, and the seconds it took (one subprocess for all articles)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        out = Path(tmp) / "results.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for r in rows:
                rec = {"id": r["id"], "text": r["text"], "title": r.get("title")}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        exe = ROOT / ".venv" / "bin" / "summarizer"
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "summarizer"]
        cmd += ["summarize", "--engine", "offline", "-f", "jsonl", str(src), "-o", str(out)]
        env = {**os.environ, "SUMMARIZER_ENGINE": "offline"}
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        seconds = time.perf_counter() - t0
        if done.returncode not in (0, 3):
            raise SystemExit(f"summarizer failed ({done.returncode}): {done.stderr.strip()}")
        results = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                results[rec["article"]["id"]] = rec
    return results, seconds


def evaluate(row: dict[str, Any], result: dict[str, Any], tally: Tally, verbose: bool) -> None:
    text: str = row["text"]
    groups = group_keys(text)

    preds: list[tuple[tuple[int, int], str, str | None]] = []
    cursor = 0
    for q in result["summary"]["quotes"]:
        given = q.get("span")
        span = (given["start"], given["end"]) if given else locate(text, q["text"], cursor)
        if span is None:
            continue
        cursor = span[1]
        preds.append((span, q["kind"], q.get("speaker")))

    gold = [(q["start"], q["end"]) for q in row["quotes"]]
    other = [(o["start"], o["end"]) for o in row["other_quoted_spans"]]
    tag = row["id"].rsplit("/", 1)[-1][:40]

    for q, g in zip(row["quotes"], gold, strict=True):
        tally.gold[q["kind"]] += 1
        need = 0.8 * (g[1] - g[0])
        hits = [p for p in preds if overlap(p[0], g) >= need]
        if hits:
            tally.found[q["kind"]] += 1
        elif verbose:
            print(f"MISS [{tag}] {q['kind']}: {text[max(0, g[0] - 60) : g[1] + 30]!r}")
        speaker = q["speaker"]
        if hits and speaker and not q["speaker_is_pronoun"]:
            best = max(hits, key=lambda p: overlap(p[0], g))
            tally.speaker_total += 1
            if same_speaker(speaker, best[2]):
                tally.speaker_right += 1
            elif verbose:
                got = best[2]
                print(f"SPEAKER [{tag}] {q['kind']} gold={speaker!r} {got=}: {q['text'][:70]!r}")

    for span, kind, _ in preds:
        size = span[1] - span[0]
        tally.predicted += 1
        ok = covered(span, gold + other) >= 0.8 * size
        tally.correct += ok
        if kind == "direct":
            tally.direct += 1
            d_ok = covered(span, gold) >= 0.8 * size
            tally.direct_correct += d_ok
            if ok and not d_ok and verbose:
                print(f"DIRECT-TERM [{tag}]: {text[max(0, span[0] - 60) : span[1] + 20]!r}")
        if not ok and verbose:
            print(f"FALSE [{tag}] {kind}: {text[max(0, span[0] - 60) : span[1] + 20]!r}")

    n_gold = sum(1 for q in row["quotes"] if not q["continues"])
    seen: set[object] = set()
    for span, _, _ in preds:
        seen.add(("g", groups[span]) if span in groups else ("s", span))
    n_pred = len(seen)
    tally.articles += 1
    tally.count_equal += n_pred == n_gold
    tally.count_within_one += abs(n_pred - n_gold) <= 1
    if verbose and n_pred != n_gold:
        print(f"COUNT [{tag}] predicted {n_pred}, gold {n_gold}")


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def report(name: str, tally: Tally) -> None:
    figures = {
        "direct recall": ratio(tally.found["direct"], tally.gold["direct"]),
        "partial recall": ratio(tally.found["partial"], tally.gold["partial"]),
        "precision": ratio(tally.correct, tally.predicted),
        "direct precision": ratio(tally.direct_correct, tally.direct),
        "speaker accuracy": ratio(tally.speaker_right, tally.speaker_total),
        "count equal": ratio(tally.count_equal, tally.articles),
        "count within one": ratio(tally.count_within_one, tally.articles),
    }
    print(
        f"quotes_dev [{name}]: {tally.articles} articles, {sum(tally.gold.values())} gold quotes "
        f"({tally.gold['direct']} direct, {tally.gold['partial']} partial), "
        f"{tally.predicted} predicted ({tally.direct} direct)"
    )
    for key, value in figures.items():
        target = TARGETS[key]
        mark = "ok" if value >= target else "BELOW"
        print(f"  {key:<18} {value:.3f}   target >= {target:.2f}  {mark}")
    print(f"  speaker judged on {tally.speaker_total} found quotes with a named gold speaker")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--verbose", action="store_true", help="print misses and false positives")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--publisher", default=None, help="only articles from this publisher")
    ap.add_argument("--half", choices=["even", "odd"], help="print the misses of this half only")
    args = ap.parse_args(argv)

    rows = load_or_skip("quotes_dev.jsonl")
    if args.publisher:
        rows = [r for r in rows if r.get("publisher") == args.publisher]
    if args.limit:
        rows = rows[: args.limit]

    results, seconds = run_cli(rows)
    halves: dict[str, list[dict[str, Any]]] = {"all": rows, "even": [], "odd": []}
    for r in rows:
        halves["odd" if zlib.crc32(r["id"].encode()) % 2 else "even"].append(r)
    tallies: dict[str, Tally] = {}
    for name, part in halves.items():
        tally = tallies[name] = Tally()
        for row in part:
            evaluate(row, results[row["id"]], tally, args.verbose and name == (args.half or "all"))
    for name, tally in tallies.items():
        report(name, tally)
    print(f"  CLI time: {1000 * seconds / max(1, len(rows)):.1f} ms per article (one process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
