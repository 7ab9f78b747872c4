"""Issue 13, "any shape of text": the same quotes and speakers with or without line breaks.

Each quotes_dev article is flattened (its paragraphs, whitespace trimmed, joined with one space)
and the public `summarizer.evidence.gather()` runs on both forms. Reported, for the whole file
and its two halves by id (crc32 even / odd):
- passages differ: articles whose passages, compared by text (kind ignored), are not the same;
- speakers differ: articles whose (passage text, speaker) pairs are not the same;
- the speaker accuracy (and recall) of the flattened texts against gold, scored exactly as
  bench/eval_quotes.py scores it (through the CLI), gold offsets mapped onto the flat text,
  beside the same figures for the texts with their paragraphs.

Usage: .venv/bin/python bench/eval_flat.py [--verbose] [--limit N]
Reads ../shared/eval/quotes_dev.jsonl relative to the repo (override: SUMMARIZER_EVAL_DIR).
"""

from __future__ import annotations

import argparse
import re
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import load_or_skip  # noqa: E402
from bench.eval_quotes import Tally, evaluate, ratio, run_cli  # noqa: E402
from summarizer.evidence import gather  # noqa: E402

_LINE = re.compile(r"[^\n]+")


def flatten(text: str) -> tuple[str, list[int]]:
    """The text with its paragraphs joined by one space, and where each offset of `text` lands."""
    where = [0] * (len(text) + 1)
    parts: list[str] = []
    flat_len = 0
    prev_end, prev_flat = 0, 0
    for m in _LINE.finditer(text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if not body:
            continue
        s = m.start() + lead
        if parts:
            flat_len += 1  # the joining space
        for i in range(prev_end, s):  # the break between paragraphs: the end of the one before
            where[i] = prev_flat
        for k in range(len(body) + 1):
            where[s + k] = flat_len + k
        parts.append(body)
        flat_len += len(body)
        prev_end, prev_flat = s + len(body) + 1, flat_len
    for i in range(prev_end, len(text) + 1):
        where[i] = prev_flat
    return " ".join(parts), where


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    text, where = flatten(row["text"])

    def moved(q: dict[str, Any]) -> dict[str, Any]:
        return {**q, "start": where[q["start"]], "end": where[q["end"]]}

    return {
        **row,
        "text": text,
        "quotes": [moved(q) for q in row["quotes"]],
        "other_quoted_spans": [moved(o) for o in row["other_quoted_spans"]],
    }


def _norm(s: str) -> str:
    return " ".join(s.split())


def shape(text: str) -> tuple[list[str], list[tuple[str, str | None]]]:
    """The passages' texts and (text, speaker) pairs gather() finds, terms left out."""
    found = [p for p in gather(text).passages if p.kind != "term"]
    return [_norm(p.text) for p in found], [(_norm(p.text), p.speaker) for p in found]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--verbose", action="store_true", help="print the articles that differ")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args(argv)

    rows = load_or_skip("quotes_dev.jsonl")
    if args.limit:
        rows = rows[: args.limit]
    flats = [flat_row(r) for r in rows]
    diff_passages: set[str] = set()
    diff_speakers: set[str] = set()
    for row, flat in zip(rows, flats, strict=True):
        (pa, sa), (pb, sb) = shape(row["text"]), shape(flat["text"])
        if pa != pb:
            diff_passages.add(row["id"])
        if sa != sb:
            diff_speakers.add(row["id"])
            if args.verbose:
                print(f"DIFF [{row['id'].rsplit('/', 1)[-1][:40]}]")
                for x in sorted(set(sa) ^ set(sb), key=lambda t: t[0]):
                    side = "with breaks:" if x in sa else "flattened: "
                    print(f"  {side} {x[1]!r}: {x[0][:70]!r}")

    with_paras, _ = run_cli(rows)
    flattened, _ = run_cli(flats)
    halves: dict[str, list[int]] = {"all": list(range(len(rows))), "even": [], "odd": []}
    for i, r in enumerate(rows):
        halves["odd" if zlib.crc32(r["id"].encode()) % 2 else "even"].append(i)
    for name, idx in halves.items():
        tp, tf = Tally(), Tally()
        for i in idx:
            evaluate(rows[i], with_paras[rows[i]["id"]], tp, False)
            evaluate(flats[i], flattened[flats[i]["id"]], tf, False)
        ids = {rows[i]["id"] for i in idx}
        print(
            f"quotes_dev flat [{name}]: {len(idx)} articles; passages differ in "
            f"{len(ids & diff_passages)}, speakers differ in {len(ids & diff_speakers)}"
        )
        for label, t in (("paragraphs", tp), ("flattened", tf)):
            gold = t.gold["direct"] + t.gold["partial"]
            print(
                f"  {label:<10} speaker accuracy {ratio(t.speaker_right, t.speaker_total):.3f} "
                f"(on {t.speaker_total})  recall {ratio(sum(t.found.values()), gold):.3f}  "
                f"precision {ratio(t.correct, t.predicted):.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
