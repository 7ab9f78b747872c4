"""The article's words as the claim checks ask about them, found where they are asked about.

`Ordinary`: is a stem the stem of a word the article writes in lower case (or of a part of such
a hyphenated word)? The words are `aliases.WORD`'s matches. A summary asks about a few
capitalised words; an article has hundreds of distinct words. So the stem is looked for in the
lower-cased text, and only the words found to start with it are read and stemmed: listing and
stemming every word of the article (one regex pass over all its words) cost a tenth of a check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from summarizer.evidence.aliases import WORD, not_name_stems, stem
from summarizer.evidence.names import past_glued_particle
from summarizer.evidence.normalize import lowered

__all__ = ["Ordinary"]

_IN_WORD = re.compile(r"[\w’'\-]")  # what a word's run is made of


def _exotic(text: str, s: str) -> bool:
    """Might `text` write a word with stem `s` that its lower-cased whole does not show? Only
    "İ" grows when lower-cased (to "i" and a dot above), and only "Σ" lower-cases by its
    neighbours (final "ς" or "σ"): a word of theirs may fold apart from the text around it."""
    return ("\u0130" in text and "\u0307" in s) or ("Σ" in text and ("σ" in s or "ς" in s))


@lru_cache(maxsize=8)
def _folded(text: str) -> str:
    """`text` lower-cased character by character (offsets kept), curly apostrophes straight:
    what a word's stem is a prefix of (`stem` lower-cases and straightens too)."""
    return lowered(text).replace("’", "'")


def _is_ascii_letter(c: str) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"


def _word_from(text: str, at: int) -> tuple[int, int] | None:
    """The word holding `at` when a word or a part of a hyphenated word starts there: (start of
    the word, end of the word); else None."""
    run = at
    while run > 0 and _IN_WORD.match(text, run - 1):
        run -= 1
    # A word starts at the first ASCII letter of a run of word characters ("km" of "5km").
    start = next((k for k in range(run, at + 1) if _is_ascii_letter(text[k])), None)
    if start is None or (start < at and text[at - 1] != "-"):
        return None
    found = WORD.match(text, start)
    assert found is not None
    return start, found.end()


def _in_lower_case(text: str, s: str) -> bool:
    """Does `text` write in lower case a word (or a part of such a hyphenated word) whose stem
    is `s`? A word stems to a prefix of its folded form, or to such a prefix and a "y"
    ("babies" -> "baby"): only the places where that prefix starts a word are read."""
    # (A stem "...y" from "...ies" keeps three letters before its "y": "y" is its own prefix.)
    prefix = s[:-1] if s.endswith("y") and len(s) > 1 else s
    if not prefix or _exotic(text, s):
        # Every word read: no prefix to look for (a part of apostrophes stems to ""), or one
        # the lower-cased text may not show.
        return any(
            stem(w) == s
            for m in WORD.finditer(text)
            if (word := m.group())[:1].islower()
            for w in (word, *(p for p in word.split("-") if p and _ordinary_hyphened(word)))
        )
    folded = _folded(text)
    at = folded.find(prefix)
    while at >= 0:
        found = _word_from(text, at)
        if found is not None and text[found[0]].islower():
            start, end = found
            whole = text[start:end]
            if at == start and stem(whole) == s:
                return True
            if "-" in whole and _ordinary_hyphened(whole):
                part_end = text.find("-", at, end)
                part = text[at : part_end if part_end >= 0 else end]
                if part and stem(part) == s:
                    return True
        at = folded.find(prefix, at + 1)
    return False


def _ordinary_hyphened(word: str) -> bool:
    """A hyphenated word whose parts are ordinary words: not a name with its glued particle
    ("al-Masri", "el-Sisi" open in lower case, yet "Masri" is no ordinary word)."""
    return "-" in word and past_glued_particle(word) == word


class Ordinary:
    """`stem in Ordinary(texts)`: the stem of a word one of `texts` writes in lower case (or
    of a part of one), or of a word of the lexicon that is never a name (NOT_NAMES), without
    stemming all their words."""

    __slots__ = ("_texts", "_extra", "_known")

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts = tuple(texts)
        self._extra = not_name_stems()
        self._known: dict[str, bool] = {}

    def __contains__(self, s: object) -> bool:
        if not isinstance(s, str):
            return False
        if s in self._extra:
            return True
        known = self._known.get(s)
        if known is None:
            known = self._known[s] = any(_in_lower_case(t, s) for t in self._texts)
        return known
