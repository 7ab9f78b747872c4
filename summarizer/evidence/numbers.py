"""Numbers in news text: what is written, what it is worth, and what kind of number it is.

`find_numbers` scans once for digits (reading what stands before them, a currency or a sign,
backwards) and once for number words (by substring search for their stems), reads what follows
each number (magnitude, percent, currency, unit, hyphenated noun) with one anchored pattern,
resolves overlaps (the longest span wins) and joins neighbours into ranges ("252 to 287",
"between 5 and 10"). Offsets always index the original text. Pure: `re` only.

Conventions (documented because a reader of `value` needs them):
- `value` is the full value: "$1.2bn" -> 1.2e9, "2.5 million" -> 2.5e6, "12%" -> 12.
- Signs are kept only when written: "-4.5" and "minus 5" are negative; "down 3%" is 3.
- Cents, pence and sen keep the number as written, with unit "cents", "pence" or "sen".
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

from summarizer.evidence.numbers_atom import ENDS_PHRASE_RE, Atom, prev_word
from summarizer.evidence.numbers_classify import classify
from summarizer.evidence.numbers_describe import describe
from summarizer.evidence.numbers_digits import scan_digits
from summarizer.evidence.numbers_vocab import (
    APPROXIMATORS,
    MEASURE_UNITS,
)
from summarizer.evidence.numbers_words import scan_words
from summarizer.evidence.regex import by_first_letter
from summarizer.evidence.types import NumberMention, StatisticKind

__all__ = [
    "currency_of",
    "describe",
    "find_numbers",
    "is_statistic",
    "parse_value",
    "statistic_fields",
    "statistic_kind",
]

# --- patterns ---------------------------------------------------------------------------------


_BETWEEN_RE = re.compile(r"(?i)\bbetween\s+\Z")
_RANGE_CUE_RE = re.compile(r"(?i)\b(?:rang\w*|pric\w*|vary\w*|varies|anywhere|estimat\w*|from)\s")
_GAP_RE = re.compile(
    r"""(?P<dash>\s*[–—]\s*|\s+-\s+|-)
      | -\s+(?P<suspended>to|and|or)\s+
      | \s+(?P<to>to|through|thru)\s+
      | \s+(?P<and>and)\s+
      | \s+(?P<ratio>out\s+of|in)\s+
      | \s+(?P<over>over)\s+
      | (?P<unit>\s?[A-Za-z°]+(?:\s[a-z]+)?)\s+(?P<uconn>to|and)\s+""",
    re.VERBOSE,
)


# --- words ------------------------------------------------------------------------------------


# --- classification, ranges, overlaps ---------------------------------------------------------


def _merge_ranges(text: str, atoms: list[Atom]) -> list[Atom]:
    out: list[Atom] = []
    for b in atoms:
        a = out[-1] if out else None
        if (
            a is not None
            and a.kind == "year"
            and a.unit is None
            and a.high is None
            and b.kind == "quantity"
            and b.value is not None
            and a.value is not None
            and (b.unit is not None or (b.value > a.value and b.end - b.start == 4))
            and _COUNT_PAIR_GAP_RE.fullmatch(text, a.end, b.start) is not None
        ):
            a.kind = "quantity"  # "from 1000 to 2000 hires": the second end says what is counted
        if a is not None and (_add_cents(text, a, b) or _add_lower_order(text, a, b)):
            continue
        if a is not None and a.end <= b.start and b.start - a.end <= 24:
            merged = _try_merge(text, a, b)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(b)
    return out


_AND_GAP_RE = re.compile(r"\s+(?:and\s+)?")


def _add_cents(text: str, a: Atom, b: Atom) -> bool:
    """ "3 dollars 50 cents", "15 dollars and 50", "$3 and 50 cents": one amount, a + b/100."""
    if (
        a.kind != "money"
        or a.high is not None
        or a.value is None
        or a.unit is None
        or len(a.unit) != 3
        or b.value is None
        or not (b.value.is_integer() and 0 < b.value < 100)
        or _AND_GAP_RE.fullmatch(text, a.end, b.start) is None
    ):
        return False
    cents = b.kind == "money" and b.unit in ("cents", "pence")
    bare = b.kind == "quantity" and b.unit is None and text[a.end - 1].isalpha()
    if not (cents or bare):
        return False
    a.value += b.value / 100
    a.end = b.end
    return True


def _add_lower_order(text: str, a: Atom, b: Atom) -> bool:
    """ "4 thousand 3 hundred", "3 hundred and 21": digits with a scale word, then the rest of
    the number (a smaller bare number) as one value."""
    if (
        a.kind != "quantity"
        or a.mag is None
        or a.mag < 100
        or a.high is not None
        or a.unit is not None
        or a.value is None
        or not text[a.end - 1].isalpha()
        or not (b.kind == "quantity" and b.unit is None or b.kind == "money")
        or b.note is not None
        or b.value is None
        or b.high is not None
        or not (0 < b.value < a.mag and b.value.is_integer())
    ):
        return False
    gap = text[a.end : b.start]
    # "3 hundred and 21"; "4 thousand 3 hundred" (a smaller scale word follows). Not "2 million
    # and 30 more": two numbers.
    if not (gap == " and " and a.mag == 100 or gap == " " and b.mag is not None):
        return False
    a.value += b.value
    a.end = b.end
    a.mag = b.mag
    if b.kind == "money":
        a.kind, a.unit = b.kind, b.unit
    return True


_COUNT_PAIR_GAP_RE = re.compile(r"\s*[-–—]\s*|\s+(?:to|and|or)\s+")
_RANGE_KINDS = frozenset({"quantity", "percent", "money", "duration", "age", "year"})


def _try_merge(text: str, a: Atom, b: Atom) -> Atom | None:
    if a.value is None or b.value is None:
        return None
    g = _GAP_RE.fullmatch(text, a.end, b.start)
    if g is None:
        return None
    if (
        a.mag is None
        and b.mag is not None
        and a.raw is not None
        and b.raw is not None
        and 0 < a.raw < b.raw
        and a.high is None
        and a.kind == "quantity"
        and a.unit is None
        and not g.group("ratio")
    ):
        # "from 24.2 to 33-35 billion euros", "$10 to $15 billion": the magnitude (and the
        # currency) is written once, whether or not the pair is a range
        a.value = a.raw * b.mag
        a.mag = b.mag
        if b.kind in ("money", "percent"):
            a.kind, a.unit = b.kind, b.unit
    elif (
        a.mag is None
        and b.mag is not None
        and a.raw is not None
        and b.raw is not None
        and 0 < a.raw < b.raw
        and a.high is None
        and a.kind == "money"
        and a.unit == b.unit
    ):
        a.value = a.raw * b.mag
        a.mag = b.mag
    if a.high is not None or b.high is not None:
        return None
    if a.kind not in _RANGE_KINDS or b.kind not in _RANGE_KINDS or a.note or b.note == "vague":
        return None
    if a.unit is not None and a.unit != b.unit and not g.group("unit") and a.kind == b.kind:
        return None  # "sixfold to 7 million": different things
    if g.group("over"):
        # "one over three", "2000 over 3": a fraction said aloud. Only between two bare
        # numbers: "5 over 3 years" and "won 3 over 2 rivals" name what follows.
        if (
            a.kind == b.kind == "quantity"
            and a.unit is None
            and b.unit is None
            and a.note is None
            and b.note is None
            and b.value
            and ENDS_PHRASE_RE.match(text, b.end) is not None
        ):
            v = a.value / b.value
            return Atom(a.start, b.end, v, raw=v, note="fraction", is_word=a.is_word)
        return None
    if g.group("ratio"):
        if (
            a.kind == b.kind == "quantity"
            and a.unit is None
            and a.value.is_integer()
            and b.value.is_integer()
            and 0 < a.value < b.value <= 1000
        ):
            return Atom(
                a.start,
                b.end,
                a.value / b.value,
                unit=b.unit,
                raw=a.value / b.value,
                note="ratio",
                is_word=a.is_word,
            )
        return None
    if g.group("and") and _BETWEEN_RE.search(text, max(0, a.start - 9), a.start) is None:
        return None
    if g.group("unit"):
        if a.unit is None or a.unit.lower() != g.group("unit").strip().lower():
            return None
        if b.unit is not None and b.unit.lower() != a.unit.lower():
            return None  # "from 44 ml to 50 mg": two quantities of different units
        if (
            g.group("uconn") == "and"
            and _BETWEEN_RE.search(text, max(0, a.start - 9), a.start) is None
        ):
            return None
    lo, hi = a.value, b.value
    kind, unit = a.kind, a.unit
    if (
        a.kind == "quantity"
        and b.kind in ("percent", "money", "duration", "age")
        and (a.unit is None or g.group("unit"))
    ):
        kind, unit = b.kind, b.unit
    elif b.kind == "quantity" and a.kind in ("money", "age") and b.unit is None:
        kind = a.kind
    elif b.kind == "quantity" and a.kind == "percent" and b.unit is None and g.group("dash"):
        kind = a.kind  # "10%-15" (a range writes the sign twice or last: "0.4% to 13176" is not)
    elif a.kind != b.kind:
        return None
    elif a.kind == b.kind == "money" and a.unit != b.unit:
        return None
    if kind == "year" and not (a.kind == b.kind == "year"):
        return None
    unit = unit or b.unit
    if g.group("to"):
        prev = prev_word(text, a.start, 16)
        pw = prev.group(1).lower() if prev else ""
        if pw == "by":
            return None
        if (
            pw == "from"
            and _RANGE_CUE_RE.search(text, max(0, a.start - 40), max(0, a.start - 5)) is None
        ):
            return None
    if lo > hi:
        return None
    return Atom(a.start, b.end, lo, kind, unit, hi, raw=a.raw, is_word=a.is_word)


def _resolve_overlaps(atoms: list[Atom]) -> list[Atom]:
    atoms.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Atom] = []
    for atom in atoms:
        if kept and atom.start < kept[-1].end:
            if atom.end - atom.start > kept[-1].end - kept[-1].start:
                kept[-1] = atom
            continue
        kept.append(atom)
    return kept


# A hedge right before the number (its currency sign included): "about $5", "more than 40%".
# Grouped by first letter (by_first_letter: the same matches), so that at each word of the
# window only the hedges starting with its letter are tried, not all fifty.
_HEDGES = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(APPROXIMATORS, key=len)[::-1]]
_APPROX_BEFORE_RE = re.compile(
    r"(?i)(?<![\w.])(?:"
    + by_first_letter("|".join(h for h in _HEDGES if h[:1].isalpha()))
    + "".join(f"|{h}" for h in _HEDGES if not h[:1].isalpha())
    + r")\s*\Z"
)
_APPROX_AFTER_RE = re.compile(r"\+|-plus\b|\s+or\s+(?:more|so|fewer|less|above|over)\b")


def _approximate(text: str, start: int, end: int) -> bool:
    if text.endswith(("-plus", "+"), start, end):
        return True  # "100,000-plus"
    c = text[start - 1] if start else ""
    if (c.isspace() or c == "~") and (
        _APPROX_BEFORE_RE.search(text, max(0, start - 24), start) is not None
    ):
        return True
    return _APPROX_AFTER_RE.match(text, end) is not None


def find_numbers(text: str) -> list[NumberMention]:
    """Every number written in `text`, with its value, unit and kind, ordered by position."""
    if not text:
        return []
    atoms = scan_digits(text)
    atoms.extend(scan_words(text))
    for atom in atoms:
        classify(text, atom)
    atoms = _resolve_overlaps(atoms)
    atoms = _merge_ranges(text, atoms)
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
    unit = (m.unit or "").lower()
    if unit:
        first = unit.split()[0]
        singular = first[:-1] if first.endswith("s") and len(first) > 3 else first
        if (
            unit in MEASURE_UNITS
            or first in MEASURE_UNITS
            or singular in MEASURE_UNITS
            or unit.startswith(("degrees ", "square ", "cubic "))
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
