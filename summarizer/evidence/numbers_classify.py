"""What kind of number a plain quantity is, from the words around it: a date, a year, an age.

The scanners settle most kinds from a number's own text and tail ("12%", "$5", "four-day");
`classify` settles the rest, which need the words around it: "March 3" is a date, "since 2010"
a year but "about 1000 come" a count, "Maddon, 66," an age, "Game 6" a label, "20px" code.
One rule set, run on every atom before overlaps and ranges are resolved.
"""

from __future__ import annotations

import re

from summarizer.evidence.numbers_atom import Atom, prev_word
from summarizer.evidence.numbers_vocab import (
    CAPITALISED_FUNCTION_WORDS,
    IRREGULAR_PLURALS,
    MEASURE_UNITS,
    MONTHS_RE,
    WEAK_YEAR_CUES,
    YEAR_CUES,
)

_MONTH_BEFORE_RE = re.compile(rf"(?<![\w.])(?:{MONTHS_RE})\.?,?\s+\Z")
_MONTH_AFTER_RE = re.compile(
    rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS_RE})(?![a-z])\.?(?:,?\s+\d{{4}}(?!\d))?"
)
_DATE_YEAR_AFTER_RE = re.compile(r"(?:st|nd|rd|th)?,?\s+\d{4}(?!\d)")


# Hedges before a four-digit number that make it a count: nobody is "nearly 1999" years.
_COUNT_HEDGES = frozenset(
    "about nearly almost some roughly approximately than least over under estimated".split()
)


def _is_measure_unit(unit: str) -> bool:
    u = unit.lower()
    first = u.split()[0]
    return u in MEASURE_UNITS or first in MEASURE_UNITS or first.rstrip("s") in MEASURE_UNITS


def classify(text: str, atom: Atom) -> None:
    """Dates, years and ages need the words around a number; the rest is settled by its tail."""
    if atom.kind != "quantity" or atom.is_word or atom.value is None:
        return
    v = atom.value
    s = text[atom.start : atom.end]
    integer = v.is_integer() and "." not in s and "," not in s and atom.mag is None
    if integer and 1 <= v <= 31:
        mb = (
            _MONTH_BEFORE_RE.search(text, max(0, atom.start - 12), atom.start)
            if atom.start and text[atom.start - 1].isspace()
            else None
        )
        if mb is not None:
            atom.kind = "date"
            atom.unit = None
            atom.start = mb.start()
            y = _DATE_YEAR_AFTER_RE.match(text, atom.end)
            if y is not None and atom.high is None:
                atom.end = y.end()
            return
    if integer and 1 <= v <= 31 and atom.high is None:
        ma = _MONTH_AFTER_RE.match(text, atom.end)
        if ma is not None:
            atom.kind = "date"
            atom.unit = None
            atom.end = ma.end()
            return
    if integer and 1000 <= v <= 2100 and s.isdigit() and len(s) == 4:
        prev = prev_word(text, atom.start, 24)
        pw = prev.group(1).lower().rstrip(".") if prev else ""
        plural_unit = (
            atom.unit is not None
            and atom.unit.islower()
            and (atom.unit.endswith("s") or atom.unit.split()[0] in IRREGULAR_PLURALS)
        )
        if plural_unit and pw in WEAK_YEAR_CUES:
            pw = ""  # "from 1000 to 2000 hires": a count
        measured = atom.unit is not None and _is_measure_unit(atom.unit)
        if pw in _COUNT_HEDGES and prev is not None:
            before = prev_word(text, prev.start(1), 16)
            if before is not None and before.group(1).lower() in YEAR_CUES - WEAK_YEAR_CUES:
                pw = before.group(1).lower()  # "since about 2010": the year cue decides
        hedged = pw in _COUNT_HEDGES or (
            # "an average of 1500", "more than 1200": a round number after a weak cue
            pw in WEAK_YEAR_CUES and v % 100 == 0 and v < 1900
        )
        if measured or (hedged and atom.unit is None):
            pass  # "1000 hp", "1520 sq m", "About 1000 come": counts and measures, not years
        elif pw in YEAR_CUES or not plural_unit:
            if atom.unit is None or not plural_unit or pw in YEAR_CUES:
                atom.kind = "year"
                atom.unit = None
                return
    if atom.unit in ("px", "em", "rem", "pt") and not atom.is_word:
        atom.note = "code"  # a style sheet in the page text, not the story
        return
    if text.startswith("(k)", atom.end):
        atom.note = "label"  # a 401(k) plan
        return
    if integer and v < 130 and atom.unit is None and atom.high is None:
        # "Maddon, 66, has": an age in apposition to a name
        if (
            text.startswith((",", ".", ";", ")"), atom.end)
            and atom.start >= 2
            and (text[atom.start - 2] == ",")
        ):
            prev = prev_word(text, atom.start, 30)
            if (
                prev
                and prev.group(1)[0].isupper()
                and prev.group(1) not in (CAPITALISED_FUNCTION_WORDS)
            ):
                atom.kind = "age"
                atom.unit = "years"
                return
    if (
        integer
        and atom.unit is None
        or (
            atom.unit
            and atom.unit[0].isupper()
            and len(atom.unit) > 1
            and not atom.unit.isupper()
            and not _is_measure_unit(atom.unit)  # "2.4Ghz" after a name is still gigahertz
        )
    ):
        prev = prev_word(text, atom.start, 30)
        # The word must stand alone: glued to what precedes it, its letters end that token
        # ("0B 0": the "B" of "0B", its number's billion) and name nothing that follows.
        if (
            prev
            and text[prev.end(1) : atom.start] == " "
            and not (prev.start(1) and text[prev.start(1) - 1].isalnum())
        ):
            pw = prev.group(1)
            lead = text[max(0, prev.start(1) - 2) : prev.start(1)].strip()
            sentence_start = prev.start(1) == 0 or lead[-1:] in ("", ".", "!", "?", '"', "“")
            if (
                (pw[0].isupper() or pw in ("iPhone", "iPad"))
                and pw not in (CAPITALISED_FUNCTION_WORDS)
                and not sentence_start
                and not re.match(MONTHS_RE, pw)
            ):
                atom.note = "label"  # "Game 6", "S&P 500", "Section 427"
    # the word before is "aged" only if the window holds it (a cheap test before the look-back)
    if atom.start > 0 and "aged" in text[max(0, atom.start - 12) : atom.start].lower():
        prev = prev_word(text, atom.start, 12)
        if prev and prev.group(1).lower() == "aged":
            atom.kind = "age"
