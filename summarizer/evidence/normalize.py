"""Typographic normalisation that remembers where every character came from.

Matching is done on normalised text, but every offset the library reports is into the original
text. `normalize` keeps a small list of the places where the length changed (a whitespace run
collapsed, an ellipsis expanded, a zero-width character dropped); between those places the two
texts are offset by a constant, so mapping back is a binary search, not a per-character table.

Rules, in the order a reader would expect them:
- curly and other typographic single quotes -> ``'``; double quotes (curly, low-9, guillemets)
  -> ``"``; the TeX/NYT pairs ``''`` and ````` `` ````` -> ``"``;
- dashes and minus signs (hyphen, en, em, figure, horizontal bar, minus) -> ``-``;
- every run of whitespace (newlines, tabs, NBSP, thin spaces...) -> one space;
- ``…`` -> ``...``;
- zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen) are removed;
- optionally, lower case (only when it keeps the length, so the offsets stay exact).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Normalized", "casefolded", "lowered", "normalize", "normalize_str"]

# Length-preserving replacements, one character for one character. Done with str.replace for
# each character present: str.translate with a dict is ~100x slower on a whole article.
_ONE_FOR_ONE: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
}

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Only what changes the text is matched: a lone ordinary space is left alone, so a normal article
# yields a few dozen replacements (paragraph breaks), not one per word.
_CHANGES = re.compile(
    rf"[^\S ][\s{_ZERO_WIDTH}]*| [\s{_ZERO_WIDTH}]+|[{_ZERO_WIDTH}][\s{_ZERO_WIDTH}]*|\u2026|''|``"
)
_WHITESPACE = re.compile(r"\s")
# The same changes, found fast in a whole text (`_change_spans`). `_CHANGES` starts with a choice
# of classes, so the regex engine tries it at every character of the text (nine tenths of
# `normalize`); a pattern opening with one class is only tried where that class stands. Every
# character `\s` matches but the space (a test checks the list against str.isspace):
_OTHER_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
# A change that holds no ordinary space at its start: a run opened by another space or a
# zero-width character (its spaces before it are added back), an ellipsis, a TeX pair.
_CHANGE_START = re.compile(
    rf"[{_OTHER_SPACES}{_ZERO_WIDTH}\u2026'`]"
    rf"(?:(?<=[{_OTHER_SPACES}{_ZERO_WIDTH}])[\s{_ZERO_WIDTH}]*|(?<=\u2026)|(?<=')'|(?<=`)`)"
)
_SPACES = re.compile(r"  +")  # a run of ordinary spaces alone, the one change left


def _change_spans(text: str) -> list[tuple[int, int]]:
    """The spans `_CHANGES.finditer(text)` finds, in order. A run of whitespace it matches is a
    whole run (but a lone space): one holding another space or a zero-width character is found
    from that character, its spaces before it added back; one of spaces alone, on its own."""
    spans: list[tuple[int, int]] = []
    last = 0
    for found in _CHANGE_START.finditer(text):
        start, end = found.span()
        if text[start] not in "\u2026'`":
            while start > last and text[start - 1] == " ":
                start -= 1
        spans.append((start, end))
        last = end
    if "  " not in text:
        return spans
    # Runs of spaces alone, outside the runs found above (which take the spaces next to them).
    merged: list[tuple[int, int]] = []
    k = 0
    for found in _SPACES.finditer(text):
        start, end = found.span()
        while k < len(spans) and spans[k][1] <= start:
            merged.append(spans[k])
            k += 1
        if k < len(spans) and spans[k][0] < end:
            continue  # part of the next run found above
        merged.append((start, end))
    merged.extend(spans[k:])
    return merged


def _one_for_one(text: str) -> str:
    for char, plain in _ONE_FOR_ONE.items():
        if char in text:
            text = text.replace(char, plain)
    return text


def _casefold(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. U+0130) grow when lowered; keep their case rather than lose the
    # exact offsets.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """`text` lower-cased with its offsets kept (`_casefold`), once per text: the checks of one
    summary (speakers, ordinary words, planted instructions) each read the article so."""
    return _casefold(text)


def _replacement(found: str) -> str:
    if found == "\u2026":
        return "..."
    if found in ("''", "``"):
        return '"'
    return " " if _WHITESPACE.search(found) else ""


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and the way back to the original's offsets.

    `_norm_at[k]`/`_orig_at[k]` say where the k-th replacement starts in each text,
    `_norm_len[k]`/`_orig_len[k]` how long it is there.
    """

    text: str
    original: str
    _norm_at: tuple[int, ...]
    _orig_at: tuple[int, ...]
    _norm_len: tuple[int, ...]
    _orig_len: tuple[int, ...]

    def to_original(self, i: int) -> int:
        """Original offset of the normalised character at `i` (`len(text)` maps to the end)."""
        if i >= len(self.text):
            return len(self.original)
        i = max(i, 0)
        k = bisect_right(self._norm_at, i) - 1
        if k < 0:
            return i
        end_of_replacement = self._norm_at[k] + self._norm_len[k]
        if i < end_of_replacement:
            return self._orig_at[k]
        return self._orig_at[k] + self._orig_len[k] + (i - end_of_replacement)

    def to_original_end(self, j: int) -> int:
        """Original offset just after the normalised character at `j - 1` (end exclusive)."""
        if j <= 0:
            return 0
        if j > len(self.text):
            j = len(self.text)
        last = j - 1
        k = bisect_right(self._norm_at, last) - 1
        if k >= 0 and last < self._norm_at[k] + self._norm_len[k]:
            return self._orig_at[k] + self._orig_len[k]
        return self.to_original(last) + 1

    def to_normalized(self, o: int) -> int:
        """Normalised offset of the original character at `o` (inside a replaced run: its start)."""
        if o >= len(self.original):
            return len(self.text)
        o = max(o, 0)
        k = bisect_right(self._orig_at, o) - 1
        if k < 0:
            return o
        end_of_run = self._orig_at[k] + self._orig_len[k]
        if o < end_of_run:
            return self._norm_at[k]
        return self._norm_at[k] + self._norm_len[k] + (o - end_of_run)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) to the original text; an empty span stays empty."""
        o_start = self.to_original(start)
        if end <= start:
            return o_start, o_start
        return o_start, max(o_start, self.to_original_end(end))


def normalize(text: str, *, casefold: bool = False) -> Normalized:
    """Normalise typography (see the module doc) and keep the offset map back to `text`."""
    norm_at: list[int] = []
    orig_at: list[int] = []
    norm_len: list[int] = []
    orig_len: list[int] = []
    pieces: list[str] = []
    last = 0
    shift = 0  # normalised length minus original length so far
    for start, end in _change_spans(text):
        replacement = _replacement(text[start:end])
        pieces.append(text[last:start])
        pieces.append(replacement)
        norm_at.append(start + shift)
        orig_at.append(start)
        norm_len.append(len(replacement))
        orig_len.append(end - start)
        shift += len(replacement) - (end - start)
        last = end
    pieces.append(text[last:])
    out = _one_for_one("".join(pieces))
    if casefold:
        out = _casefold(out)
    return Normalized(
        text=out,
        original=text,
        _norm_at=tuple(norm_at),
        _orig_at=tuple(orig_at),
        _norm_len=tuple(norm_len),
        _orig_len=tuple(orig_len),
    )


def casefolded(norm: Normalized) -> Normalized:
    """`normalize(norm.original, casefold=True)` from `norm` itself: case folding keeps every
    offset, so only the text changes and the normalisation is not done twice."""
    return Normalized(
        text=_casefold(norm.text),
        original=norm.original,
        _norm_at=norm._norm_at,
        _orig_at=norm._orig_at,
        _norm_len=norm._norm_len,
        _orig_len=norm._orig_len,
    )


def normalize_str(text: str, *, casefold: bool = False) -> str:
    """Only the normalised text, for comparing two strings."""
    out = _one_for_one(_CHANGES.sub(lambda m: _replacement(m.group()), text))
    return _casefold(out) if casefold else out
