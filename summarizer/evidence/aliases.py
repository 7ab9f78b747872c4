"""Other ways an article writes a name: acronyms, honorifics, word forms of a capitalised word.

Verification asks here whether "ICE" is the article's "Immigration and Customs Enforcement",
whether "Mr Trump" is its "Trump", and whether a capitalised word of a Title-Case headline
("Derails") is an ordinary word of the article ("derailed") rather than a name.
Pure, stdlib only; offsets are into the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.evidence.lexicon import HONORIFICS, NAME_PREFIX_WORDS, NOT_NAMES, TITLE_WORDS

__all__ = [
    "acronym_of",
    "expansions",
    "is_acronym",
    "not_name_stems",
    "WORD",
    "stem",
    "without_titles",
]

# Joining words an acronym skips: "Immigration and Customs Enforcement" is ICE.
_JOINERS = frozenset({"of", "and", "for", "the", "on", "&", "in", "to", "at"})
# A word as the claim checks read one (verify.words reads the same).
WORD = re.compile(r"[A-Za-z][\w’'\-]*")
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
    words = [w for w in WORD.findall(phrase) if w.lower() not in _JOINERS]
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
