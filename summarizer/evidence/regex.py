"""Regex helpers for the long word alternations of the lexicon, and patterns compiled lazily."""

from __future__ import annotations

import re
import sys
from typing import Any, cast

__all__ = ["UPPER", "UPPER_CHARS", "by_first_letter", "lazy_compile"]


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, compiled when the pattern is first used, not at import.

    The long patterns (a capital-letter class several times over, the cue verbs) take
    milliseconds each to compile, and a batch waits for its evidence layer's import before its
    first request; most articles need only some of them (the runs of names opening with a
    particle, the checker's place prepositions are rare), so each compiles when a text first
    uses it. The stand-in has the methods the evidence layer calls (`search`, `match`,
    `fullmatch`, `finditer`, `findall`, `sub`, `split`): the first call compiles the pattern and
    puts its own bound methods on the stand-in, so later calls go straight to them. Not for
    `re.sub(pattern, ...)` or `isinstance(x, re.Pattern)`: those need a compiled pattern.
    """
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))


class _LazyPattern:
    """A pattern compiled on its first method call (`lazy_compile`)."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def _compiled(self) -> re.Pattern[str]:
        # The batch loads verification in a thread: two first calls at once compile twice and
        # put equal patterns' methods here, which is harmless.
        compiled = re.compile(self.pattern, self._flags)
        for name in _METHODS:
            setattr(self, name, getattr(compiled, name))  # shadows the method below from now on
        return compiled

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().sub(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiled().split(*args, **kwargs)


_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


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
