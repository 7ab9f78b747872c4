"""Numbers read together: overlaps resolved, neighbours joined into ranges and amounts.

`resolve_overlaps` keeps the longest of overlapping atoms (a digit scan and a word scan can read
the same span). `merge_ranges` then joins neighbours: ranges ("252 to 287", "between 5 and
10", "$10 to $15 billion", the magnitude written once), ratios ("one in five"), fractions said
aloud ("one over three"), "3 dollars 50 cents" and "4 thousand 3 hundred" as one amount. "From
208 to 193" is a change, not a range: two mentions.
"""

from __future__ import annotations

import re

from summarizer.evidence.numbers_atom import ENDS_PHRASE_RE, Atom, prev_word
from summarizer.evidence.numbers_vocab import MEASURE_UNITS, NOT_UNITS

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


def merge_ranges(text: str, atoms: list[Atom]) -> list[Atom]:
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
        if a is not None:
            _share_unit_across_or(text, a, b)
            _count_of_sized(text, a, b)
        if a is not None and a.end <= b.start and b.start - a.end <= 24:
            merged = _try_merge(text, a, b)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(b)
    return out


_OR_GAP_RE = re.compile(r"\s+or\s+")


def _share_unit_across_or(text: str, a: Atom, b: Atom) -> None:
    """ "eight or nine euros", "two or three days", "5 or 6 per cent": the first of two
    neighbouring alternatives counts what the second says (two mentions, not a range)."""
    if (
        a.kind == "quantity"
        and a.unit is None
        and a.note is None
        and a.high is None
        and a.mag is None
        and b.mag is None
        and b.high is None
        and b.unit is not None
        and a.value is not None
        and b.value is not None
        and 0 < a.value < b.value
        and _OR_GAP_RE.fullmatch(text, a.end, b.start) is not None
    ):
        a.kind, a.unit = b.kind, b.unit


# the unit of a size and the noun it sizes: "250ml bottles", "9 liter cases"; after a
# hyphenated size ("40-foot"), the noun alone
_SIZED_NOUN_RE = re.compile(r"[ \t]?(?P<unit>[A-Za-zµ]+)[ \t]+(?P<noun>[a-z]+s)\b")
_HYPHEN_SIZED_NOUN_RE = re.compile(r"[ \t]+(?P<noun>[a-z]+s)\b")


def _count_of_sized(text: str, a: Atom, b: Atom) -> None:
    """ "eight million 250ml bottles", "2.9 million 9 liter cases", "two 40-foot containers":
    a count, then a size: the first counts the noun the second sizes."""
    if not (
        a.kind == "quantity"
        and a.unit is None
        and a.note is None
        and a.high is None
        and b.kind == "quantity"
        and b.unit is not None
        and b.high is None
        and text[a.end : b.start] == " "
    ):
        return
    first = b.unit.split()[0].lower()
    if first not in MEASURE_UNITS and first.rstrip("s") not in MEASURE_UNITS:
        return
    if b.hy is not None:
        m = _HYPHEN_SIZED_NOUN_RE.match(text, b.end)
    else:
        m = _SIZED_NOUN_RE.match(text, b.end)
        if m is not None and m.group("unit").lower() != first:
            return
    if m is None or m.group("noun") in NOT_UNITS:
        return
    a.unit = m.group("noun")
    if b.hy is None:
        b.unit = m.group("unit")  # "9 liter", the size of a case


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
        and (
            (a.kind == "quantity" and a.unit is None and not g.group("ratio"))
            or (a.kind == "money" and a.unit == b.unit)
        )
    ):
        # "from 24.2 to 33-35 billion euros", "$10 to $15 billion": the magnitude (and the
        # currency) is written once, whether or not the pair is a range
        a.value = a.raw * b.mag
        a.mag = b.mag
        if a.kind == "quantity" and b.kind in ("money", "percent"):
            a.kind, a.unit = b.kind, b.unit
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


def resolve_overlaps(atoms: list[Atom]) -> list[Atom]:
    atoms.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Atom] = []
    for atom in atoms:
        if kept and atom.start < kept[-1].end:
            if atom.end - atom.start > kept[-1].end - kept[-1].start:
                kept[-1] = atom
            continue
        kept.append(atom)
    return kept
