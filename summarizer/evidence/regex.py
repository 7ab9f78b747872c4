"""Regex helpers for the long word alternations of the lexicon."""

from __future__ import annotations

import sys

__all__ = ["UPPER", "UPPER_CHARS", "by_first_letter"]


def _upper_class() -> str:
    """A character class of every capital letter (Latin with its diacritics, Greek, Cyrillic...),
    as ranges: `re` has no \\p{Lu}, and names are not ASCII ("Zoë Ångström", "Šefčovič")."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x41, 0x2000):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    parts = [chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges]
    return "".join(parts)


# The capital letters of any script up to U+1FFF, as the inside of a character class (to merge
# into a larger class: a lookahead on one class lets the scan skip in C to where a match can
# start, an alternation of classes does not), and as a class of its own.
UPPER_CHARS = sys.intern(_upper_class())
UPPER = f"[{UPPER_CHARS}]"


def _top_level(alternation: str) -> list[str]:
    """The alternatives of a regex alternation, split at the `|` outside groups and classes."""
    out: list[str] = []
    start = depth = 0
    in_class = escaped = False
    for i, c in enumerate(alternation):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(alternation[start:i])
            start = i + 1
    out.append(alternation[start:])
    return out


def by_first_letter(alternation: str) -> str:
    """`said|says|told` as `s(?:aid|ays)|t(?:old)`: the same alternation, matched faster.

    A regex tries a long alternation one alternative at a time at every position; grouped by
    first letter, it tries only those that can start there. Each alternative must begin with a
    letter. They keep their order within a group, and alternatives with different first letters
    never both match at one position, so what matches is exactly what the flat alternation
    matches (with IGNORECASE too: no character matches two different ASCII letters).
    """
    groups: dict[str, list[str]] = {}
    for alternative in _top_level(alternation):
        if not alternative[:1].isalpha():
            raise ValueError(f"alternative does not begin with a letter: {alternative!r}")
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())
