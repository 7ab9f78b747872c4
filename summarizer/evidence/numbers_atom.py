"""The working record of a number being read, and the looks around it every stage shares.

`Atom` is what the digit and word scanners (`numbers_digits`, `numbers_words`) fill, the tail
reader (`numbers_tails`) extends, `numbers_classify` types and `numbers_ranges` joins, before
`numbers.find_numbers` reports each as a `NumberMention`. `prev_word` and `ENDS_PHRASE_RE` are
the context looks more than one stage needs; their one home is here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.evidence.types import NumberKind

_PREV_WORD_RE = re.compile(r"([A-Za-z][\w&.'’-]*)[\s,]*\Z")


class _PrevWord:
    """The word before a position, read like a match of `_PREV_WORD_RE` (group 1)."""

    __slots__ = ("_word", "_start", "_end")

    def __init__(self, word: str, start: int, end: int) -> None:
        self._word, self._start, self._end = word, start, end

    def group(self, _i: int = 1) -> str:
        return self._word

    def start(self, _i: int = 1) -> int:
        return self._start

    def end(self, _i: int = 1) -> int:
        return self._end


_WORD_TAIL = frozenset("_&.'’-")


def prev_word(text: str, pos: int, window: int) -> _PrevWord | None:
    """What `_PREV_WORD_RE.search(text, pos - window, pos)` finds, by a backward scan: a regex
    search tries every start in the window, and it runs for every number (hostile text of
    nothing but numbers made it the cost of number finding)."""
    lo = max(0, pos - window)
    i = pos
    while i > lo and (text[i - 1].isspace() or text[i - 1] == ","):
        i -= 1
    end = i
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in _WORD_TAIL):
        i -= 1
    for j in range(i, end):
        if text[j].isascii() and text[j].isalpha():
            return _PrevWord(text[j:end], j, end)
    return None


ENDS_PHRASE_RE = re.compile(r"\s*(?:[.,;:!?)\]]|\s+(?:and|or|but)\b|\Z)")


@dataclass(slots=True)
class Atom:
    start: int
    end: int
    value: float | None
    kind: NumberKind = "quantity"
    unit: str | None = None
    high: float | None = None
    note: str | None = None
    raw: float | None = None  # the number before a magnitude word was applied
    mag: float | None = None
    is_word: bool = False
    hy: str | None = None  # hyphenated noun ("day" in "four-day")
