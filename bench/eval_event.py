"""The offline engine's event against the Giveme5W1H gold (issue 13): who, where, date, what.

Data: events_dev.jsonl (64 articles, three coders' 5W1H phrases). The articles go through the
product, `summarizer summarize --engine offline -f jsonl` on a JSONL of {id, text, title,
published}, and the scores read the CLI's JSON.

Per article (only articles whose gold has that field with text count for it):
- who / where hit: some predicted item matches some gold phrase: content-token F1 >= .5, or one
  contains the other (case-insensitive, as whole tokens);
- date hit: `event.date` equals a coder's `parsed` date on `when`;
- what: the best content-token F1 between `event.what` and a gold `what` phrase, averaged.
Content tokens are lower-case words and numbers, stop words left out.

`date<=` is the ceiling of `date`: the share of articles with a gold date that the checker
(`summarizer.check`, the rule the offline engine's own date passes) accepts as `event.date`.
A gold day the text never names nor implies (the coders' world knowledge, a day after
`published`, "Sunday" parsed as Monday) is one no engine may answer, so `date` cannot exceed it.
`--misses` lists the date misses: the text's start, `published`, `when` / `date`, the gold, and
whether the checker accepts it.

The articles are split in two halves by a hash of their id (develop on one, check the other:
a rule that helps one half only is overfit); both halves and the whole are reported.

Run: .venv/bin/python bench/eval_event.py [--verbose] [--half A|B] [--misses]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import load_or_skip  # noqa: E402
from summarizer import check  # noqa: E402

STOP = frozenset(
    """a an the of and or in on at to for by with from as is was were be been being has have had
    it its this that these those he she they his her their who which what when where after
    before over into about than then there here not no but if so up out off said says will would
    can could may might also just more most very""".split()
)
WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def content_tokens(phrase: str) -> list[str]:
    return [w for w in WORD.findall(phrase.lower()) if w not in STOP]


def f1(pred: str, gold: str) -> float:
    p, g = content_tokens(pred), content_tokens(gold)
    if not p or not g:
        return 0.0
    common = sum(min(p.count(w), g.count(w)) for w in set(p))
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def contains(a: str, b: str) -> bool:
    ta, tb = " ".join(WORD.findall(a.lower())), " ".join(WORD.findall(b.lower()))
    if not ta or not tb or not content_tokens(a) or not content_tokens(b):
        return False
    return f" {ta} " in f" {tb} " or f" {tb} " in f" {ta} "


def matches(pred: str, gold: str) -> bool:
    return f1(pred, gold) >= 0.5 or contains(pred, gold)


def gold_phrases(row: dict[str, Any], field: str) -> list[str]:
    return [g["text"] for g in row["gold"].get(field, []) if g.get("text")]


def half(article_id: str) -> str:
    return "A" if hashlib.sha256(article_id.encode()).digest()[0] % 2 == 0 else "B"


def published(row: dict[str, Any]) -> str | None:
    value = row.get("published")
    return None if value in (None, "None") else str(value)  # one record of the corpus has none


def run_cli(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "events.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for r in rows:
                rec = {k: r[k] for k in ("id", "text", "title") if r.get(k)}
                if published(r):
                    rec["published"] = published(r)
                f.write(json.dumps(rec) + "\n")
        out = Path(tmp) / "out.jsonl"
        # The CLI of the interpreter running this script (a venv's), as a user would run it.
        cmd = [sys.executable, "-m", "summarizer", "summarize", "--engine", "offline"]
        subprocess.run([*cmd, "-f", "jsonl", "-o", str(out), str(src)], check=False)
        results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {r["article"]["id"]: r for r in results if r.get("article")}


def accepted(row: dict[str, Any], day: str) -> bool:
    """Whether the checker lets `day` stand as the article's `event.date` (no error there)."""
    summary = {"headline": "", "summary": "", "event": {"what": "", "date": day}}
    checked = check(row["text"], summary, title=row.get("title"), published=published(row))
    issues = checked.verification.issues
    return not any(i.path == "event.date" and i.severity == "error" for i in issues)


def print_miss(row: dict[str, Any], event: dict[str, Any], dates: set[str]) -> None:
    supported = [d for d in sorted(dates) if accepted(row, d)]
    print(f"--- {row['id'][-12:]} {half(row['id'])} published={published(row)}")
    print(f"  text: {row['text'][:240]!r}")
    print(f"  pred: when={event.get('when')!r} date={event.get('date')}")
    for g in row["gold"].get("when", []):
        if g.get("parsed"):
            print(f"  gold: {g.get('text')!r} = {g['parsed']} ({g['coderPhraseCount']} coders)")
    print(f"  checker accepts: {', '.join(supported) or 'none of the gold dates'}")


def score(
    rows: list[dict[str, Any]],
    results: dict[str, dict[str, Any]],
    verbose: bool,
    misses: bool = False,
) -> None:
    tallies: dict[str, dict[str, list[float]]] = {}
    for row in rows:
        res = results.get(row["id"])
        event = res["summary"]["event"] if res else {}
        got: dict[str, float] = {}
        for field in ("who", "where"):
            gold = gold_phrases(row, field)
            if gold:
                preds = event.get(field) or []
                got[field] = float(any(matches(p, g) for p in preds for g in gold))
        dates = {g["parsed"] for g in row["gold"].get("when", []) if g.get("parsed")}
        if dates:
            got["date"] = float(event.get("date") in dates)
            got["date<="] = float(any(accepted(row, d) for d in dates))
            if misses and not got["date"]:
                print_miss(row, event, dates)
        gold_what = gold_phrases(row, "what")
        if gold_what:
            got["what"] = max(f1(event.get("what") or "", g) for g in gold_what)
        for key in (half(row["id"]), "all"):
            for field, value in got.items():
                tallies.setdefault(key, {}).setdefault(field, []).append(value)
        if verbose:
            print(f"--- {row['id'][-12:]} {half(row['id'])} {got}")
            for field in ("who", "where", "when", "what"):
                print(f"  {field}: pred={event.get(field)!r} gold={gold_phrases(row, field)}")
            print(f"  date: pred={event.get('date')} gold={sorted(dates)} pub={row['published']}")
    fields = ("who", "where", "date", "date<=", "what")
    heads = ("who", "where", "date", "date<=", "what F1")
    print(f"{'half':<5} {'n':>3} " + " ".join(f"{h:>7}" for h in heads))
    for key in ("A", "B", "all"):
        t = tallies.get(key, {})
        cells = [f"{sum(t[f]) / len(t[f]):.2f}" if t.get(f) else "  -" for f in fields]
        n = sum(1 for r in rows if key == "all" or half(r["id"]) == key)
        print(f"{key:<5} {n:>3} " + " ".join(f"{c:>7}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--half", choices=["A", "B"], help="only this half")
    parser.add_argument("--misses", action="store_true", help="list the date misses")
    args = parser.parse_args(argv)
    rows = load_or_skip("events_dev.jsonl")
    if args.half:
        rows = [r for r in rows if half(r["id"]) == args.half]
    t0 = time.perf_counter()
    results = run_cli(rows)
    elapsed = time.perf_counter() - t0
    score(rows, results, args.verbose, args.misses)
    print(f"{len(results)} of {len(rows)} articles summarised in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
