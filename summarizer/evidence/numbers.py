"""Numbers in news text: what is written, what it is worth, and what kind of number it is.

The public face of number finding: callers import from here. `find_numbers` scans once for
digits (`numbers_digits`: reading what stands before them, a currency or a sign, backwards) and
once for number words (`numbers_words`: by substring search for their stems), reads what follows
each number (magnitude, percent, currency, unit, hyphenated noun) with one anchored pattern
(`numbers_tails`), tells dates, years and ages by the words around them (`numbers_classify`),
resolves overlaps (the longest span wins) and joins neighbours into ranges ("252 to 287",
"between 5 and 10"; `numbers_ranges`), each stretch between blank lines alone (one line break
may be a hard wrap, "498\nmillion"; a blank line ends every number), gives a bare "$" the
article's dollar (`numbers_currency`: CAD in an Ottawa story, USD in wire copy), then marks
hedged numbers approximate. `is_statistic`, `statistic_kind` and `statistic_fields` judge what
was found; `describe` (`numbers_describe`) says what it measures. Offsets always index the
original text. Pure: `re`, and the gazetteer (`places`) when a bare "$" or a capitalised counted
noun asks whose it is.

Conventions (documented because a reader of `value` needs them):
- `value` is the full value: "$1.2bn" -> 1.2e9, "2.5 million" -> 2.5e6, "12%" -> 12.
- Signs are kept only when written: "-4.5" and "minus 5" are negative; "down 3%" is 3.
- Cents, pence and sen keep the number as written, with unit "cents", "pence" or "sen" ("US
  cents" when the text says whose: currency USD).
- Vague plurals span a decade: "thousands" -> 1000..10000, "dozens" -> 12..120,
  "tens of millions" -> 1e7..1e8; `note` says "vague".
- A score "3-2" keeps its order (value 3, high 2, note "score"); every other range has
  value <= high. "From 208 to 193" is a change, not a range: two mentions.
- "one in five", "one out of three" are ratios (value 0.2, note "ratio").
- Other notes: "fraction" ("a third"), "rank" ("No. 1"), "label" (a number in a name: "Game 6",
  "S&P 500", "Section 427"), "code" ("20px" from a style sheet left in the text), "decade".
- Digits glued to letters ("S23", "H5N1", "PS4", "COVID-19", "TA-35") or inside URLs are not
  numbers; currency codes are the exception ("RM79", "USD10m", "$US113", "PS2.7m" for £2.7m).
"""

from __future__ import annotations

import re
from typing import TypedDict

from summarizer.evidence.numbers_atom import Atom
from summarizer.evidence.numbers_classify import classify
from summarizer.evidence.numbers_currency import is_bare_dollar, resolve_dollars
from summarizer.evidence.numbers_describe import describe
from summarizer.evidence.numbers_digits import scan_digits
from summarizer.evidence.numbers_ranges import merge_ranges, resolve_overlaps
from summarizer.evidence.numbers_vocab import APPROXIMATORS, CURRENCY_ADJECTIVE, MEASURE_UNITS
from summarizer.evidence.numbers_words import scan_words
from summarizer.evidence.regex import by_first_letter, lazy_compile
from summarizer.evidence.text import blank_line_blocks
from summarizer.evidence.types import NumberMention, StatisticKind

__all__ = [
    "currency_of",
    "describe",
    "find_numbers",
    "is_bare_dollar",
    "is_statistic",
    "parse_value",
    "statistic_fields",
    "statistic_kind",
]

# --- finding --------------------------------------------------------------------------------------


# A hedge right before the number (its currency sign included): "about $5", "more than 40%".
# Grouped by first letter (by_first_letter: the same matches), so that at each word of the
# window only the hedges starting with its letter are tried, not all fifty.
_HEDGES = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(APPROXIMATORS, key=len)[::-1]]
_APPROX_BEFORE_RE = lazy_compile(
    r"(?i)(?<![\w.])(?:"
    + by_first_letter("|".join(h for h in _HEDGES if h[:1].isalpha()))
    + "".join(f"|{h}" for h in _HEDGES if not h[:1].isalpha())
    + r")\s*\Z"
)
_APPROX_AFTER_RE = re.compile(r"\+|-plus\b|\s+or\s+(?:more|so|fewer|less|above|over)\b")
# The same hedges read backwards from the number: the window before it, reversed, is matched
# once at its start, where `_APPROX_BEFORE_RE` (the reference form, kept for the tests) tries
# every start of the window. Its lookbehind becomes a lookahead on the character before the
# window, which `_hedged_before` appends as "_" (a word character) or " " (any other).
_REVERSED_HEDGES = [
    re.escape(w[::-1]).replace(r"\ ", r"\s+") for w in sorted(APPROXIMATORS, key=len)[::-1]
]
_APPROX_BEFORE_REVERSED_RE = re.compile(
    r"(?i)\s*(?:"
    + by_first_letter("|".join(h for h in _REVERSED_HEDGES if h[:1].isalpha()))
    + "".join(f"|{h}" for h in _REVERSED_HEDGES if not h[:1].isalpha())
    + r")(?![\w.])"
)
_HEDGE_WINDOW = 24


def _hedged_before(text: str, start: int) -> bool:
    """`_APPROX_BEFORE_RE.search(text, start - 24, start)` found something: a hedge ends right
    before `start` ("about 5", "more than\n5")."""
    lo = max(0, start - _HEDGE_WINDOW)
    c = text[lo - 1] if lo else " "
    guard = "_" if c.isalnum() or c in "_." else " "
    return _APPROX_BEFORE_REVERSED_RE.match(text[lo:start][::-1] + guard) is not None


def _approximate(text: str, start: int, end: int) -> bool:
    if text.endswith(("-plus", "+"), start, end):
        return True  # "100,000-plus"
    c = text[start - 1] if start else ""
    if (c.isspace() or c == "~") and _hedged_before(text, start):
        return True
    return _APPROX_AFTER_RE.match(text, end) is not None


def _read(text: str) -> list[Atom]:
    """The numbers of `text`, read, typed and joined into ranges, before whose dollar is known."""
    atoms = scan_digits(text)
    atoms.extend(scan_words(text))
    for atom in atoms:
        classify(text, atom)
    atoms = resolve_overlaps(atoms)
    return merge_ranges(text, atoms)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number written in `text`, with its value, unit and kind, ordered by position."""
    if not text:
        return []
    blocks = blank_line_blocks(text) if "\n" in text else [(0, len(text))]
    if len(blocks) == 1:
        atoms = _read(text)
    else:
        # A blank line ends every number, range and unit ("5\n\nto 10" is two numbers, "5
        # per\n\ncent" no percentage): each stretch between blank lines is read alone, and
        # the article's dollar is still the whole text's.
        atoms = []
        for a, b in blocks:
            for atom in _read(text[a:b]):
                atom.start += a
                atom.end += a
                atoms.append(atom)
    resolve_dollars(text, atoms)
    return [
        NumberMention(
            start=a.start,
            end=a.end,
            text=text[a.start : a.end],
            value=a.value,
            kind=a.kind,
            unit=a.unit,
            high=a.high,
            note=a.note,
            approximate=_approximate(text, a.start, a.end),
        )
        for a in atoms
        if a.end > a.start
    ]


# --- judgement ------------------------------------------------------------------------------------

_STAT_KINDS = frozenset({"quantity", "percent", "money", "duration", "age"})


def is_statistic(m: NumberMention) -> bool:
    """A number a summary would report as a statistic.

    Quantities, percentages, amounts of money, durations ("a four-day sweep") and ages ("a
    68-year-old", "Maddon, 66,": a reader is told them as facts) count; dates, years, times and
    ordinals do not (identifiers and labels neither: numbers that are part of a name, "Game 6",
    "S&P 500"), nor do ranks ("No. 1"), scores, or style-sheet sizes ("20px").
    """
    if m.kind not in _STAT_KINDS or m.value is None:
        return False
    if m.text.lower() == "one" and m.unit is None:
        return False  # "one of many", "a great one": a pronoun more often than a count
    return m.note not in ("label", "score", "rank", "code")


def statistic_kind(m: NumberMention) -> StatisticKind:
    """What a statistic counts: money, percent, duration, age, ratio, measure (a unit of
    measurement, `MEASURE_UNITS`) or count (no unit, or a counted noun: "people")."""
    if m.kind in ("money", "percent", "duration", "age"):
        return m.kind
    if m.note in ("ratio", "fraction") or m.unit == "fold":
        return "ratio"
    unit = (m.unit or "").lower().replace(".", "")  # "m.p.h." is "mph"
    if unit:
        first = unit.split()[0]
        singular = first[:-1] if first.endswith("s") and len(first) > 3 else first
        if (
            unit in MEASURE_UNITS
            or first in MEASURE_UNITS
            or singular in MEASURE_UNITS
            or unit.startswith(("degrees ", "square ", "cubic ", "metric "))
            or "/" in unit
            or " per " in unit
        ):
            return "measure"
    return "count"


_MINOR_CURRENCY = {"pence": "GBP", "sen": "MYR"}


class StatisticFields(TypedDict):
    value: float | None
    high: float | None
    unit: str | None
    kind: StatisticKind
    currency: str | None
    approximate: bool
    vague: bool


def statistic_fields(m: NumberMention) -> StatisticFields:
    """What a reported statistic says of the number, read from the evidence: the fields of the
    contract's `Statistic` that the offline engine, the anchored strategy and verification fill
    from the article (one home for the mapping)."""
    return StatisticFields(
        value=m.value,
        high=m.high if m.note != "score" else None,
        unit=m.unit,
        kind=statistic_kind(m),
        currency=currency_of(m),
        approximate=m.approximate,
        vague=m.note == "vague",
    )


def currency_of(m: NumberMention) -> str | None:
    """The ISO 4217 code of an amount of money ("USD"), or None (cents: whose is not said)."""
    if m.kind != "money" or m.unit is None:
        return None
    if len(m.unit) == 3 and m.unit.isupper():
        return m.unit
    whose, _, minor = m.unit.rpartition(" ")
    if whose and minor == "cents":
        return CURRENCY_ADJECTIVE.get(whose.lower())  # "66.5 US cents", "4.9 U.S. cents"
    return _MINOR_CURRENCY.get(m.unit)


def parse_value(s: str) -> float | None:
    """The value of a number as a model might write it: "1.2 billion", "$3m", "twelve", "12%"."""
    s = s.strip()
    if not s:
        return None
    try:
        return float(s.replace(",", ""))
    except ValueError:
        pass
    for m in find_numbers(s):
        if m.value is not None:
            return m.value
    return None
