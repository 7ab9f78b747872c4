"""Does verification catch a headline, summary or event that says what the article does not?

For each article of `events_dev.jsonl` a faithful summary is built from the article itself: its
own title as the headline, its first two body sentences as the summary (the first as
`event.what`), and the coders' gold `who` and `where`. It is checked through the public
`summarizer.check` (any error at `headline`, `summary` or `event.*` is a false alarm); then one
mutation at a time is made and checked again (an error at the mutated field is a catch):

- name in headline: a name of another article (a gold who/where entry with a proper noun this
  article never writes) put in place of a name of the headline (a gold entry or a capitalised
  word the body writes capitalised), or before the headline when it names none ("X: ...");
- number changed: a number written in digits in the headline, and one in the summary, changed to
  a value the article does not give (each a case);
- who swapped: `event.who[0]` replaced by another article's name;
- place added: another article's place that this article never names appended to `event.where`;
- sentence appended: a sentence of another article (six words or more, not in this one) added
  to the summary.

A proper noun here is a capitalised word no article of the set writes in lower case. Each
figure is shown for the two halves of the set (by a hash of the id) and for all of it; the checks
run with the article's title given (as `summarize` and `check` of a result do) and, for false
alarms, also without it.

Run: .venv/bin/python bench/eval_claims.py [--seed N]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _eval import load_or_skip  # noqa: E402

from summarizer import check  # noqa: E402
from summarizer.evidence import gather  # noqa: E402
from summarizer.evidence.lexicon import NOT_NAMES  # noqa: E402
from summarizer.evidence.text import sentences  # noqa: E402

_CAP = re.compile(r"\b[A-Z][\w’'\-]+")
_DIGITS = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w])")


def _half(article_id: str) -> str:
    return "A" if hashlib.sha1(article_id.encode()).digest()[0] % 2 == 0 else "B"


def _gold(row: dict[str, Any], field: str) -> list[str]:
    out = []
    for item in row["gold"].get(field, []):
        text = (item.get("text") or "").strip()
        if text and text not in out:
            out.append(text)
    return out


def _body_sentences(text: str) -> list[str]:
    return [" ".join(text[a:b].split()) for a, b in sentences(text)]


def _writes(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w’']){re.escape(word)}(?![\w])", text, re.IGNORECASE) is not None


def _faithful(row: dict[str, Any]) -> dict[str, Any]:
    body = _body_sentences(row["text"])
    return {
        "headline": row["title"],
        "summary": " ".join(body[:2]),
        "event": {
            "what": body[0] if body else row["title"],
            "who": _gold(row, "who"),
            "where": _gold(row, "where"),
        },
    }


def _errors_at(checked: Any, path: str | None = None) -> list[str]:
    return [
        i.path
        for i in checked.verification.issues
        if i.severity == "error"
        and (i.path == path if path else i.path.split(".")[0] in ("headline", "summary", "event"))
    ]


def _changed_number(number: str, source: str, values: set[float], rng: random.Random) -> str | None:
    digits = number.replace(",", "")
    for _ in range(20):
        if "." in digits:
            whole, frac = digits.split(".")
            candidate = f"{whole}.{(int(frac) + rng.randint(1, 8)) % 10 ** len(frac):0{len(frac)}d}"
        elif len(digits) >= 2 and rng.random() < 0.5 and digits[-1] != digits[-2]:
            candidate = digits[:-2] + digits[-1] + digits[-2]  # 498 -> 489
        else:
            candidate = str(int(digits) + rng.choice([-3, -2, -1, 1, 2, 3, 10]))
        if (
            candidate[:1] in "123456789"
            and candidate != digits
            and float(candidate) not in values  # a number the article gives is no mutation
            and not _writes(source, candidate)
        ):
            if "," in number and "." not in candidate:
                candidate = f"{int(candidate):,}"
            if not _writes(source, candidate):
                return candidate
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rows = load_or_skip("events_dev.jsonl")
    rng = random.Random(args.seed)

    corpus = " ".join(r["text"] + " " + r["title"] for r in rows)
    lower_words = {w for w in re.findall(r"\b[a-z][\w’'\-]+", corpus)}

    def proper(word: str) -> bool:
        return word.lower() not in lower_words and word[:1].isupper()

    foreign_names = [(r["id"], n) for r in rows for n in _gold(r, "who") if len(n.split()) <= 5]
    foreign_places = [(r["id"], p) for r in rows for p in _gold(r, "where") if len(p.split()) <= 5]
    foreign_sentences = [
        (r["id"], s) for r in rows for s in _body_sentences(r["text"]) if len(s.split()) >= 6
    ]

    def pick(pool: list[tuple[str, str]], row: dict[str, Any], *, sentence: bool = False) -> str:
        source = row["text"] + " " + row["title"]
        candidates = []
        for other, item in pool:
            if other == row["id"] or item in source:
                continue
            names = [w for w in _CAP.findall(item) if w.lower() not in NOT_NAMES]
            if sentence or any(proper(w) and not _writes(source, w) for w in names):
                candidates.append(item)
        return rng.choice(candidates)

    # half -> measure -> [hits, cases]
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    prefixed = 0
    misses: list[str] = []

    def score(row: dict[str, Any], measure: str, hit: bool, note: str = "") -> None:
        for half in (_half(row["id"]), "all"):
            tally[half][measure][0] += int(hit)
            tally[half][measure][1] += 1
        if not hit and not measure.startswith("false alarms") and len(misses) < 40:
            misses.append(f"  {measure}: {row['id'][-8:]} {note[:110]}")

    for row in rows:
        text, title, published = row["text"], row["title"], row.get("published")
        source = text + " " + title
        faithful = _faithful(row)
        numbers = [*gather(text).numbers, *gather(title).numbers]
        values = {v for n in numbers for v in (n.value, n.high) if v is not None}

        def run(
            summary: dict[str, Any],
            *,
            with_title: bool = True,
            text: str = text,
            title: str = title,
            published: str | None = published,
        ) -> Any:
            return check(text, summary, title=title if with_title else None, published=published)

        base = run(faithful)
        alarms = _errors_at(base)
        score(row, "false alarms", bool(alarms))
        score(row, "false alarms, no title", bool(_errors_at(run(faithful, with_title=False))))
        if alarms and len(misses) < 12:
            first = next(i for i in base.verification.issues if i.severity == "error")
            misses.append(f"  false alarm: {row['id'][-8:]} {first.message[:110]}")

        # A name of another article in the headline.
        name = pick(foreign_names, row)
        headline = title
        targets = [g for g in _gold(row, "who") + _gold(row, "where") if g in title]
        if not targets:
            targets = [
                w for w in _CAP.findall(title) if re.search(rf"(?<=[a-z,;] ){re.escape(w)}\b", text)
            ]
        if targets:
            headline = title.replace(targets[0], name, 1)
        else:
            headline = f"{name}: {title}"
            prefixed += 1
        mutated = {**faithful, "headline": headline}
        score(row, "name in headline", bool(_errors_at(run(mutated), "headline")), headline)

        # A number changed, in the headline and in the summary.
        for field in ("headline", "summary"):
            found = _DIGITS.search(faithful[field])
            if found is None:
                continue
            new = _changed_number(found.group(), source, values, rng)
            if new is None:
                continue
            s = faithful[field]
            mutated = {**faithful, field: s[: found.start()] + new + s[found.end() :]}
            hit = bool(_errors_at(run(mutated), field))
            score(row, "number changed", hit, f"{field}: {found.group()} -> {new}")

        # event.who[0] swapped.
        if faithful["event"]["who"]:
            who = [pick(foreign_names, row)] + faithful["event"]["who"][1:]
            mutated = {**faithful, "event": {**faithful["event"], "who": who}}
            score(row, "who swapped", bool(_errors_at(run(mutated), "event.who[0]")), who[0])

        # A place the article never names added to event.where.
        where = faithful["event"]["where"]
        place = pick(foreign_places, row)
        mutated = {**faithful, "event": {**faithful["event"], "where": [*where, place]}}
        path = f"event.where[{len(where)}]"
        score(row, "place added", bool(_errors_at(run(mutated), path)), place)

        # A sentence of another article appended to the summary.
        sentence = pick(foreign_sentences, row, sentence=True)
        mutated = {**faithful, "summary": faithful["summary"] + " " + sentence}
        score(row, "sentence appended", bool(_errors_at(run(mutated), "summary")), sentence)

    halves = ("A", "B", "all")
    print(f"events_dev.jsonl: {len(rows)} articles, seed {args.seed}")
    print(f"{'measure':28}" + "".join(f"{h:>16}" for h in halves))
    for measure in tally["all"]:
        cells = []
        for h in halves:
            hits, cases = tally[h][measure]
            cells.append(f"{hits / cases:.3f} ({hits}/{cases})" if cases else "-")
        print(f"{measure:28}" + "".join(f"{c:>16}" for c in cells))
    print(f"(name in headline: {prefixed} headlines named nobody and got the name in front)")
    if misses:
        print("misses and false alarms (first few):")
        print("\n".join(misses))


if __name__ == "__main__":
    main()
