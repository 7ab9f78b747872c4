"""Quotes, speakers, numbers and the event on news in other outlets' and countries' house styles.

The corpus is `fixtures/outlets/` (19 short articles written for this project in the style of
British, wire, Indian, Canadian, Australian, New Zealand, Gulf, German, Hong Kong, Singapore,
Nigerian, Kenyan, Irish and French outlets; not real articles) with hand gold in
`fixtures/outlets/gold.jsonl`. What is scored is what a user gets: the articles go through the CLI
(`summarizer summarize --engine offline -f jsonl`, one subprocess) and its JSON is compared with
the gold, per article (one house style each) and over all.

Metrics (the quote ones are `bench/eval_quotes.py`'s):
- direct / partial recall: a gold quote is found when one predicted quote covers >= 80% of it;
- precision: a predicted quote is correct when >= 80% of it lies in gold quotes or in the gold's
  `other_quoted` (scare quotes and one-word mentions, neither required nor wrong);
- speaker: on found quotes, the predicted speaker shares a name token with the gold one (stop
  words and honorifics ignored) or one contains the other; "full": the predicted speaker is the
  gold one as written, honorifics aside (the name a reader wants, not a surname or a piece);
- count exact: the article's number of predicted quotes (those inside `other_quoted` left out)
  equals its number of gold quotes;
- numbers recall: a gold value (or one of its `alt_values`; a range needs its `high` too) is the
  `value` or `high` of some statistic in the output; unit agreement, on found values (the best of
  the statistics with that value): money has the gold ISO currency, a percent is a percent, a
  measure's unit holds the gold unit's first letters, a count is not money or a percent;
- who / where: some predicted item matches some gold phrase (`bench/eval_event.py`'s match:
  content-token F1 >= .5 or containment).

Usage: .venv/bin/python bench/eval_outlets.py [--verbose] [--only ID] [--results FILE]
(--results scores a JSONL the CLI wrote earlier instead of running it.)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.eval_event import matches  # noqa: E402
from bench.eval_quotes import covered, overlap, same_speaker  # noqa: E402

CORPUS = ROOT / "fixtures" / "outlets"
HONORIFICS = frozenset("mr mrs ms miss dr prof shri sri smt sir dame otunba sheikh".split())


def plain(name: str | None) -> str:
    words = (name or "").replace(".", " ").split()
    return " ".join(w for w in words if w.lower() not in HONORIFICS).lower()


@dataclass
class Tally:
    gold_direct: int = 0
    found_direct: int = 0
    gold_partial: int = 0
    found_partial: int = 0
    predicted: int = 0
    correct: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    speaker_full: int = 0
    articles: int = 0
    count_exact: int = 0
    values: int = 0
    values_found: int = 0
    unit_ok: int = 0
    who: list[float] = field(default_factory=list)
    where: list[float] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(self, name, mine + theirs)


def load() -> list[dict[str, Any]]:
    rows = []
    for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            row["text"] = (CORPUS / f"{row['id']}.txt").read_text(encoding="utf-8")
            rows.append(row)
    return rows


def run_cli(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "articles.jsonl", Path(tmp) / "results.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for r in rows:
                rec = {"id": r["id"], "text": r["text"], "title": r["title"]}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        exe = ROOT / ".venv" / "bin" / "summarizer"
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "summarizer"]
        cmd += ["summarize", "--engine", "offline", "-f", "jsonl", str(src), "-o", str(out)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 3):
            raise SystemExit(f"summarizer failed ({done.returncode}): {done.stderr.strip()}")
        results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {r["article"]["id"]: r for r in results if r.get("article")}


def gold_spans(text: str, items: list[str]) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for item in items:
        i = text.find(item, cursor)
        if i < 0:
            i = text.find(item)
        spans.append((i, i + len(item)))
        cursor = i + len(item)
    return spans


def close(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def unit_agrees(gold: dict[str, Any], stat: dict[str, Any]) -> bool:
    kind = gold["kind"]
    if kind == "money":
        return bool(stat.get("currency") == gold["currency"])
    if kind == "percent":
        return bool(stat.get("kind") == "percent" or stat.get("unit") == "%")
    if kind == "measure":
        return gold["unit"][:4].lower() in (stat.get("unit") or "").lower()
    return stat.get("kind") not in ("money", "percent")


def score_quotes(row: dict[str, Any], res: dict[str, Any], t: Tally, verbose: bool) -> None:
    text = row["text"]
    gold = gold_spans(text, [q["text"] for q in row["quotes"]])
    other = gold_spans(text, row["other_quoted"])
    preds = [
        ((q["span"]["start"], q["span"]["end"]), q["kind"], q.get("speaker"))
        for q in res["summary"]["quotes"]
        if q.get("span")
    ]
    for q, g in zip(row["quotes"], gold, strict=True):
        hits = [p for p in preds if overlap(p[0], g) >= 0.8 * (g[1] - g[0])]
        if q["kind"] == "direct":
            t.gold_direct += 1
            t.found_direct += bool(hits)
        else:
            t.gold_partial += 1
            t.found_partial += bool(hits)
        if not hits:
            if verbose:
                print(f"  MISS {q['kind']}: {q['text'][:70]!r}")
            continue
        best = max(hits, key=lambda p: overlap(p[0], g))
        t.speaker_total += 1
        t.speaker_full += plain(q["speaker"]) == plain(best[2])
        if verbose and plain(q["speaker"]) != plain(best[2]):
            print(f"  NOT FULL gold={q['speaker']!r} got={best[2]!r}")
        if same_speaker(q["speaker"], best[2]):
            t.speaker_right += 1
        elif verbose:
            print(f"  SPEAKER gold={q['speaker']!r} got={best[2]!r}: {q['text'][:60]!r}")
    for span, _, _ in preds:
        t.predicted += 1
        ok = covered(span, gold + other) >= 0.8 * (span[1] - span[0])
        t.correct += ok
        if not ok and verbose:
            print(f"  FALSE: {text[span[0] : span[1]][:70]!r}")
    # A prediction inside a scare quote or mention (`other_quoted`) is not counted either way.
    n_pred = sum(1 for span, _, _ in preds if covered(span, other) < 0.8 * (span[1] - span[0]))
    t.articles += 1
    t.count_exact += n_pred == len(row["quotes"])
    if verbose and n_pred != len(row["quotes"]):
        print(f"  COUNT predicted {n_pred}, gold {len(row['quotes'])}")


def score_numbers(row: dict[str, Any], res: dict[str, Any], t: Tally, verbose: bool) -> None:
    stats = res["summary"]["statistics"]
    for g in row["statistics"]:
        t.values += 1
        wanted = [g["value"], *g.get("alt_values", [])]
        # The statistics with that value, one whose unit agrees first (a value can recur).
        hits = [
            s
            for s in stats
            if any(close(s.get("value"), w) or close(s.get("high"), w) for w in wanted)
            and ("high" not in g or any(close(x.get("high"), g["high"]) for x in stats))
        ]
        hits.sort(key=lambda s: not unit_agrees(g, s))
        hit = hits[0] if hits else None
        if hit is None:
            if verbose:
                print(f"  NUMBER missing: {g['surface']!r} = {g['value']}")
            continue
        t.values_found += 1
        if unit_agrees(g, hit):
            t.unit_ok += 1
        elif verbose:
            print(
                f"  UNIT {g['surface']!r}: gold {g.get('currency') or g.get('unit') or g['kind']}, "
                f"got kind={hit.get('kind')} unit={hit.get('unit')} currency={hit.get('currency')}"
            )


def score_event(row: dict[str, Any], res: dict[str, Any], t: Tally, verbose: bool) -> None:
    event = res["summary"]["event"] or {}
    for name, tally in (("who", t.who), ("where", t.where)):
        preds = event.get(name) or []
        ok = any(matches(p, g) for p in preds for g in row[name])
        tally.append(float(ok))
        if verbose and not ok:
            print(f"  {name.upper()} got={preds!r} gold={row[name]!r}")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def line(name: str, t: Tally) -> str:
    cells = [
        ratio(t.speaker_right, t.speaker_total),
        ratio(t.speaker_full, t.speaker_total),
        ratio(t.found_direct, t.gold_direct),
        ratio(t.found_partial, t.gold_partial),
        ratio(t.correct, t.predicted),
        ratio(t.count_exact, t.articles),
        ratio(t.values_found, t.values),
        ratio(t.unit_ok, t.values_found),
        ratio(sum(t.who), len(t.who)),
        ratio(sum(t.where), len(t.where)),
    ]
    return f"{name:<16}" + "".join(f"{c:>8}" for c in cells)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every miss")
    ap.add_argument("--only", help="one article id")
    ap.add_argument("--results", type=Path, help="score this JSONL of the CLI's results")
    args = ap.parse_args(argv)
    rows = [r for r in load() if not args.only or r["id"] == args.only]
    if args.results:
        lines = args.results.read_text(encoding="utf-8").splitlines()
        results = {r["article"]["id"]: r for r in map(json.loads, lines) if r.get("article")}
    else:
        results = run_cli(rows)
    header = ["speaker", "full", "direct", "partial", "precis", "count=", "numbers", "unit"]
    header += ["who", "where"]
    print(f"{'style':<16}" + "".join(f"{h:>8}" for h in header))
    total = Tally()
    for row in rows:
        t = Tally()
        if args.verbose:
            print(f"--- {row['id']} ({row['style']})")
        res = results.get(row["id"])
        if res is None:
            print(f"{row['id']:<16} no result")
            continue
        score_quotes(row, res, t, args.verbose)
        score_numbers(row, res, t, args.verbose)
        score_event(row, res, t, args.verbose)
        total.add(t)
        print(line(row["id"], t))
    print(line("all", total))
    print(
        f"{total.articles} articles, {total.gold_direct} direct + {total.gold_partial} partial "
        f"gold quotes, {total.predicted} predicted; {total.values} gold values"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
