"""Other ways an article writes a name: acronyms, honorifics, word forms of a capitalised word.

Verification asks here whether "ICE" is the article's "Immigration and Customs Enforcement",
whether "Mr Trump" is its "Trump", and whether a capitalised word of a Title-Case headline
("Derails") is an ordinary word of the article ("derailed") rather than a name.
Pure, stdlib only; offsets are into the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate

from summarizer.evidence.lexicon import HONORIFICS, NAME_PREFIX_WORDS, NOT_NAMES, TITLE_WORDS

__all__ = [
    "StemSet",
    "acronym_of",
    "expansions",
    "is_acronym",
    "WordStems",
    "lower_stems",
    "not_name_stems",
    "stem",
    "text_word_stems",
    "word_stems",
    "without_titles",
]

# Joining words an acronym skips: "Immigration and Customs Enforcement" is ICE.
_JOINERS = frozenset({"of", "and", "for", "the", "on", "&", "in", "to", "at"})
_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
# A capitalised sequence that may spell an acronym, joiners allowed inside it.
_CAP_SEQUENCE = re.compile(
    r"[A-Z][\w’'\-]*(?:\s+(?:(?:of|and|for|the|on|in|to|at|&)\s+)*[A-Z][\w’'\-]*)+"
)
_HONORIFIC_WORDS = frozenset(h.lower() for h in HONORIFICS)


def is_acronym(token: str) -> bool:
    """ "ICE", "U.S.", "NHS": two or more capitals and nothing else but dots."""
    core = token.replace(".", "")
    return len(core) >= 2 and core.isalpha() and core.isupper()


def acronym_of(phrase: str) -> str:
    """The initials of a phrase's capitalised words ("Immigration and Customs Enforcement" ->
    "ICE"); empty when fewer than two words count."""
    words = [w for w in _WORD.findall(phrase) if w.lower() not in _JOINERS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


@lru_cache(maxsize=8)
def _expansions(text: str) -> dict[str, tuple[tuple[int, int], ...]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for m in _CAP_SEQUENCE.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        # Every run of two or more words inside the sequence may be the expansion
        # ("U.S. Immigration and Customs Enforcement officials" holds ICE).
        for i in range(len(words)):
            if words[i].group().lower() in _JOINERS:
                continue
            for j in range(i + 1, len(words)):
                if words[j].group().lower() in _JOINERS:
                    continue
                sub = m.group()[words[i].start() : words[j].end()]
                letters = acronym_of(sub)
                if len(letters) >= 2:
                    at = m.start()
                    found.setdefault(letters, []).append(
                        (at + words[i].start(), at + words[j].end())
                    )
    return {k: tuple(v) for k, v in found.items()}


def expansions(text: str, acronym: str) -> tuple[tuple[int, int], ...]:
    """Spans of the capitalised phrases of `text` whose initials spell `acronym`."""
    return _expansions(text).get(acronym.replace(".", "").upper(), ())


def without_titles(name: str) -> str:
    """The name without honorifics and titles before it: "Mr. Trump", "President Obama",
    "ICE Acting Director Tom Homan" -> "Trump", "Obama", "Tom Homan"."""
    tokens = name.split()
    while len(tokens) > 1:
        low = tokens[0].lower().rstrip(".,")
        if low in _HONORIFIC_WORDS or low in NAME_PREFIX_WORDS or low in TITLE_WORDS:
            tokens = tokens[1:]
        elif is_acronym(tokens[0]) and tokens[1][:1].isupper() and len(tokens) > 2:
            tokens = tokens[1:]  # "ICE Acting Director Tom Homan": the agency before a title
        else:
            break
    return " ".join(tokens)


_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", ""))
_SUFFIX_ENDS = frozenset(suffix[-1] for suffix, _ in _SUFFIXES)


# Pure, and asked of the same words again and again (every sentence of an article, every claim
# of a summary, across articles too): each distinct word is stemmed once.
@lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """A crude stem, enough to tell that "Derails" and "derailed" are one word. English suffixes
    only; names are compared as written, never through this."""
    w = word.lower()
    if "’" in w or "'" in w:
        w = w.replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        w = w.rstrip("'")
    # Every suffix ends in one of these letters: most words skip the loop.
    if w[-1:] in _SUFFIX_ENDS and not w.endswith("ss"):
        for suffix, keep in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: len(w) - len(suffix)] + keep
                break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "stopped" -> "stopp" -> "stop"
    return w.rstrip("e") or w


@lru_cache(maxsize=1)
def not_name_stems() -> frozenset[str]:
    """The stems of the lexicon's words that are never names (NOT_NAMES)."""
    return frozenset(stem(w) for w in NOT_NAMES)


def _parts(words: Iterable[str]) -> set[str]:
    return {p for w in words if "-" in w for p in w.split("-") if p}  # "year-old"


@lru_cache(maxsize=8)
def _distinct_words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text))


@lru_cache(maxsize=8)
def _text_stems(text: str) -> tuple[frozenset[str], dict[str, str]]:
    """The distinct words of `text` and the stem of each (and of each hyphenated part): an
    article repeats most of its words, and both stem sets below are asked of the same text."""
    words = _distinct_words(text)
    return words, {w: stem(w) for w in words | _parts(words)}


@lru_cache(maxsize=8)
def lower_stems(text: str) -> frozenset[str]:
    """Stems of the words `text` writes in lower case: the article's ordinary words."""
    words, stems = _text_stems(text)
    lower = {w for w in words if w[:1].islower()}
    return frozenset(stems[w] for w in lower | _parts(lower)) | not_name_stems()


@lru_cache(maxsize=8)
def word_stems(text: str) -> frozenset[str]:
    """Stems of every word of `text`, in any case."""
    return frozenset(_text_stems(text)[1].values())


class WordStems:
    """The words of one text (and the parts of its hyphenated words), for asking whether a stem
    is the stem of one of them, or of one it writes in lower case, without stemming them all: a
    summary asks about a few dozen stems, an article has hundreds of distinct words.

    A word stems to a prefix of its lower-cased form, or to such a prefix and a "y" ("babies" ->
    "baby"): only the words whose lower-cased form starts with the stem (less a final "y") can
    stem to it. Those are found by a string search and stemmed once each, when first asked.
    """

    __slots__ = ("_entries", "_folded", "_stems", "_whole", "_lower_parts", "_before")

    def __init__(self, text: str) -> None:
        words = _distinct_words(text)
        entries = list(words)
        # The words one a line (no word holds a line break), lower-cased in one call rather than
        # one per word, and searched for a line starting with the stem when asked.
        hyphenated = [w for w in entries if "-" in w]
        entries += [p for p in _parts(hyphenated) if p not in words]
        self._entries = entries
        folded = "\n".join(entries).lower().replace("’", "'")
        self._folded = f"\n{folded}\n" if entries else "\n"
        self._stems: dict[int, str] = {}
        self._whole = words
        self._lower_parts = _parts(w for w in hyphenated if w[:1].islower())
        self._before: list[int] | None = None

    def _line(self, at: int) -> int:
        """The index of the word whose line starts just after the line break at `at`."""
        if self._before is None:
            # Characters before each line, its line break excluded: line k starts at k + that.
            lines = self._folded[1:-1].split("\n") if self._entries else []
            self._before = list(accumulate(map(len, lines), initial=0))
        before = self._before
        return bisect_left(range(len(before)), at, key=lambda k: k + before[k])

    def _is_lower(self, word: str) -> bool:
        """A word the text writes in lower case, or a part of one ("old" of "year-old")."""
        return (word[:1].islower() and word in self._whole) or word in self._lower_parts

    def has(self, s: str, *, lower: bool = False) -> bool:
        """`s in word_stems(text)`, or `s in lower_stems(text)` less NOT_NAMES when `lower`."""
        start = "\n" + (s[:-1] if s.endswith("y") else s)
        folded, stems = self._folded, self._stems
        last = len(folded) - 1  # the closing line break starts no word
        at = folded.find(start, 0, last)
        while at >= 0:
            k = self._line(at)  # the line (word) starting just after `at`
            word = self._entries[k]
            if not lower or self._is_lower(word):
                found = stems.get(k)
                if found is None:
                    found = stems[k] = stem(word)
                if found == s:
                    return True
            at = folded.find(start, at + 1, last)
        return False


@lru_cache(maxsize=8)
def text_word_stems(text: str) -> WordStems:
    return WordStems(text)


class StemSet:
    """The stems of the words of some texts (or of the words they write in lower case), and
    `extra` stems, as a container: `stem(word) in StemSet(...)`."""

    __slots__ = ("_texts", "_lower", "_extra")

    def __init__(
        self, texts: Iterable[str], *, lower: bool = False, extra: frozenset[str] = frozenset()
    ) -> None:
        self._texts = tuple(text_word_stems(t) for t in texts)
        self._lower = lower
        self._extra = extra

    def __contains__(self, s: object) -> bool:
        if not isinstance(s, str):
            return False
        return s in self._extra or any(t.has(s, lower=self._lower) for t in self._texts)
