"""Sentences and paragraphs of an article, as offsets into the original text.

The one sentence splitter of the project: attribution, verification and the offline engine all
ask here where a sentence starts and ends. A full stop ends a sentence unless it ends an
abbreviation ("Adm. Mike Mullen", "Sen.", "Inc."), an initial ("James B. Comey") or a dotted
acronym inside a name ("U.S. officials"), and what follows must start a new sentence: a capital,
an opening quotation mark or bracket, a line break or the end of the text.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

from summarizer.evidence.lexicon import ABBREVIATIONS, CAPITAL_PLACE_ABBREVIATIONS
from summarizer.evidence.regex import by_first_letter

__all__ = [
    "REACH",
    "RUN_ON",
    "Stops",
    "after_closers",
    "blank_line_blocks",
    "is_boundary",
    "is_word_char",
    "line_breaks",
    "paragraph_at",
    "paragraphs",
    "run_on",
    "sentence_end",
    "sentence_start",
    "sentences",
    "span_inside",
    "stops",
    "link_spans",
    "without_urls",
    "written_in_lower_case",
]


def span_inside(span: tuple[int, int], within: Sequence[tuple[int, int]]) -> bool:
    """Does `span` lie wholly inside one of `within` (in order, not overlapping)?"""
    k = bisect_right(within, (span[0], math.inf)) - 1
    return k >= 0 and within[k][1] >= span[1]


# A web address runs from its scheme (or "www.") to the next space: "https://t.co/1E3dXohSkI-".
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)


# What every web address holds ("://", or "www." in ASCII letters of any case), found by scans
# in C (`_url_hint`): far faster than _URL tried at every word of the text.
_SPACE = re.compile(r"\s")


# The last three characters of "www." in each case: far rarer in prose than a "w".
_WW_DOT = ("ww.", "wW.", "Ww.", "WW.")


def _find_www(text: str, pos: int, end: int) -> int:
    r"""Where `re.compile(r"[wW][wW][wW]\.").search(text, pos, end)` matches, or -1, found by
    `str.find` of the last three characters: that scan stopped at every w (a text with one
    link far into it was scanned to that link, and past the last link to the end, a w at a
    time)."""
    best = -1
    for tail in _WW_DOT:
        stop = end if best < 0 else min(end, best + 3)  # only a "www." before the best so far
        i = text.find(tail, pos + 1, stop)
        while i >= 0 and text[i - 1] not in "wW":
            i = text.find(tail, i + 1, stop)
        if i >= 0:
            best = i - 1
    return best


def is_word_char(c: str) -> bool:
    """Whether `c` is what `\\w` matches in a str pattern: the test of a whole word's edges
    made without a regex call."""
    return c.isalnum() or c == "_"


def _url_hint(text: str, pos: int) -> tuple[int, int] | None:
    """The first "://" or "www." (any case) at or after `pos`, as (start, end)."""
    scheme = text.find("://", pos)
    www = _find_www(text, pos, scheme if scheme >= 0 else len(text))
    if www >= 0:
        return www, www + 4
    return (scheme, scheme + 3) if scheme >= 0 else None


def _blank(m: re.Match[str]) -> str:
    return "\0" * len(m.group())


# An email address: a local part touching "@" (a handle's "@" stands after a space or a bracket,
# "(@joshbythesea)", and is no address), then a domain with a dot. The local part starts where
# its characters do (the lookbehind): each position of a long word is not a new start to scan
# the word from, which keeps the scan linear.
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]{1,64}@[\w\-]+(?:\.[\w\-]+)+")
_DOMAIN_REACH = 255  # characters an address's domain may run after its "@"


@lru_cache(maxsize=8)  # asked of one text by the name scan, the claim checks and the engine
def without_urls(text: str) -> str:
    """`text` with each web and email address blanked, offsets kept: what scans for names read,
    so that no name starts inside a link pasted into the story ("…/1E3dXohSkI- Chicago Cubs",
    "Mary.Major@example.com"). Blanked to NULs, not spaces: a name run may cross spaces, never a
    NUL."""
    blanked = _without_web_addresses(text)
    if "@" not in text:
        return blanked
    parts: list[str] = []
    done = 0
    # Looked for from each "@" (found in C), not by the pattern at every position of the text.
    at = blanked.find("@")
    while at >= 0:
        m = _EMAIL.search(blanked, max(done, at - 64), at + 1 + _DOMAIN_REACH)
        if m is not None and m.start() < at < m.end():
            parts += (blanked[done : m.start()], "\0" * (m.end() - m.start()))
            done = m.end()
        at = blanked.find("@", max(at + 1, done))
    return "".join(parts) + blanked[done:] if parts else blanked


def link_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the web and email addresses of `text` stand, as (start, end), in order: a phrase
    found only there is not written in the article."""
    blanked = without_urls(text)
    if blanked == text:
        return ()
    return tuple(m.span() for m in _NULS.finditer(blanked) if text[m.start()] != "\0")


_NULS = re.compile("\0+")


def _without_web_addresses(text: str) -> str:

    # A match of _URL never crosses white space and holds "://" or "www.": _URL is run only over
    # the words (runs of non-space) that hold one, which blanks exactly what it blanks over the
    # whole text (a word's first letter is at a word boundary either way).
    if "://" not in text and "www." not in text.lower():
        return text  # the usual case, told by two scans in C
    hint = _url_hint(text, 0)
    if hint is None:
        return text
    parts: list[str] = []
    done = 0
    while hint is not None:
        start = hint[0]
        while start > done and not text[start - 1].isspace():
            start -= 1
        space = _SPACE.search(text, hint[1])
        end = space.start() if space is not None else len(text)
        parts.append(text[done:start])
        parts.append(_URL.sub(_blank, text[start:end]))
        done = end
        hint = _url_hint(text, end)
    parts.append(text[done:])
    return "".join(parts)


# A word written in lower case: letters, then letters, apostrophes and hyphens.
_LOWER_WORD = re.compile(r"\b[a-z][a-z’'\-]*\b")
_LOWER_RUN = frozenset("abcdefghijklmnopqrstuvwxyz’'-")


@lru_cache(maxsize=8)
def _lower_case_answers(text: str) -> dict[str, bool]:
    return {}  # word -> written in lower case in `text`, filled as words are asked about


def written_in_lower_case(text: str, word: str) -> bool:
    """`word` is one of the lower-case words of `text` (`_LOWER_WORD.findall(text)`).

    Asked of a few words per text: each is looked for where it occurs, not by listing every
    word of the text. A match of _LOWER_WORD lies within a run of the characters it can hold,
    and which matches a run holds depends only on the run and the character each side of it:
    the pattern is run over each run the word occurs in (with those two characters), which
    finds what a scan of the whole text finds there.
    """
    known = _lower_case_answers(text)
    answer = known.get(word)
    if answer is None:
        answer = known[word] = _in_lower_case(text, word)
    return answer


def _in_lower_case(text: str, word: str) -> bool:
    if not word or not all(c in _LOWER_RUN for c in word):
        return False
    at = text.find(word)
    while at >= 0:
        a = at
        while a > 0 and text[a - 1] in _LOWER_RUN:
            a -= 1
        b = at + len(word)
        while b < len(text) and text[b] in _LOWER_RUN:
            b += 1
        if word in _LOWER_WORD.findall(text[max(0, a - 1) : b + 1]):
            return True
        at = text.find(word, b)
    return False


# The abbreviations grouped by first letter (the same matches, fewer tried at each word).
_ABBREV = re.compile(
    rf"(?:\b(?:{by_first_letter('|'.join(sorted(ABBREVIATIONS, key=lambda w: (-len(w), w))))})"
    r"|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])$"
)
_CAPITAL_PLACE = re.compile(rf"\b(?:{'|'.join(sorted(CAPITAL_PLACE_ABBREVIATIONS))})$")
_CAPITALS_AFTER = re.compile(r"\s+[A-Z]{2,}\b")
_CLOSERS = "\"”’'»)"
_OPENERS = "“\"'‘(«\n"
_MARKS = re.compile(r"[.!?]")
# How far from a position its sentence is looked for, each way. A run of text this long with no
# sentence end is no sentence (a list, a table, hostile input); bounding every look keeps the
# work per quoted passage constant, so scanning a text stays linear in its length.
REACH = 600
_LINE = re.compile(r"[^\n]+")
_BREAK = re.compile(r"\n")


def is_boundary(text: str, i: int) -> bool:
    """A sentence ends at text[i] (one of . ! ?) when what follows starts a new one."""
    if text[i] == "." and _ABBREV.search(text[max(0, i - 12) : i]):
        return False
    if (
        text[i] == "."
        and _CAPITAL_PLACE.search(text, max(0, i - 3), i)
        and _CAPITALS_AFTER.match(text, i + 1)
    ):
        return False
    j = i + 1
    while j < len(text) and text[j] in _CLOSERS:
        j += 1
    if j >= len(text) or text[j] == "\n":
        return True
    if not text[j].isspace():
        return False
    while j < len(text) and text[j] in " \t\u00a0":
        j += 1
    return j >= len(text) or text[j].isupper() or text[j] in _OPENERS


def after_closers(text: str, i: int) -> int:
    """The offset just past the mark at text[i] and the closing quotes or brackets after it."""
    j = i + 1
    while j < len(text) and text[j] in _CLOSERS:
        j += 1
    return j


class Stops:
    """Where the sentence-ending marks of one text are, and which of them end a sentence.

    Sentences are looked for around every quoted passage, often over the same stretch of text:
    the marks are found once, and each is judged once, when first asked about.
    """

    __slots__ = ("text", "at", "ends")

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = mark_offsets(text)  # [m.start() for m in _MARKS.finditer(text)]
        self.ends: dict[int, bool] = {}

    def is_boundary(self, i: int) -> bool:
        known = self.ends.get(i)
        if known is None:
            known = self.ends[i] = is_boundary(self.text, i)
        return known

    def boundaries(self) -> list[int]:
        """Every mark that ends a sentence, in order."""
        return [i for i in self.at if self.is_boundary(i)]


@lru_cache(maxsize=8)
def stops(text: str) -> Stops:
    return Stops(text)


def sentence_start(text: str, pos: int, floor: int) -> int:
    """Just past the last sentence end in (floor, pos), its closing quotes and brackets
    included (`...Sanders.” He says`: the sentence after starts at " He"), or `floor` when there
    is none."""
    floor = max(floor, pos - REACH)
    found = stops(text)
    at = found.at
    k = bisect_left(at, pos) - 1
    while k >= 0 and at[k] > floor:
        if found.is_boundary(at[k]):
            return min(after_closers(text, at[k]), pos)
        k -= 1
    return floor


def sentence_end(text: str, pos: int, ceil: int) -> int:
    """Just past the first sentence end in [pos, ceil), or `ceil` when there is none."""
    ceil = min(ceil, pos + REACH)
    found = stops(text)
    at = found.at
    k = bisect_left(at, pos)
    while k < len(at) and at[k] < ceil:
        if found.is_boundary(at[k]):
            return at[k] + 1
        k += 1
    return ceil


# A blank line (a line break, then a line of nothing but white space: "\n\n", "\n \n",
# "\r\n\r\n") parts paragraphs in every layout, where one line break may be a hard wrap inside
# a sentence. The splitter ends a sentence at any line break (`sentences`); what may run on
# over a hard wrap ("498\nmillion", a number) still never runs over a blank line.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def blank_line_blocks(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` between blank lines, as (start, end), in order; the whole text
    when it has none. White space at a stretch's ends is kept."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BLANK_LINE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The non-empty lines of `text`, as (start, end)."""
    return [m.span() for m in _LINE.finditer(text)]


@lru_cache(maxsize=8)
def line_breaks(text: str) -> list[int]:
    """Where the line breaks of `text` are, in order."""
    return [m.start() for m in _BREAK.finditer(text)]


def paragraph_at(text: str, pos: int) -> tuple[int, int]:
    """The line holding `pos`, as (start, end)."""
    # Found by bisection among the line breaks, not by scanning for them: asked once per quoted
    # passage, a scan would cost the paragraph's length each time (quadratic in one long line).
    if len(text) < 2048:
        s = text.rfind("\n", 0, pos) + 1
        e = text.find("\n", pos)
        return s, (len(text) if e < 0 else e)
    breaks = line_breaks(text)
    pos = max(0, pos)
    k = bisect_left(breaks, pos)
    s = breaks[k - 1] + 1 if k > 0 else 0
    e = breaks[k] if k < len(breaks) else len(text)
    return s, e


# A line this long is no paragraph but a text whose line breaks were lost (99.9% of the news
# paragraphs of the dev data are under 1,000 characters): rules that stop at a paragraph's end
# there stop at sentence ends instead.
RUN_ON = 1200


def run_on(text: str, pos: int) -> bool:
    """The line holding `pos` is too long to be one paragraph: the text lost its breaks."""
    s, e = paragraph_at(text, pos)
    return e - s > RUN_ON


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of text[start:end] as (start, end), whitespace trimmed, closing quotes kept.

    A line break always ends a sentence.
    """
    end = len(text) if end is None else end
    found = stops(text)
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text[start:end]):
        a, b = start + ps, start + pe
        k = bisect_left(found.at, a)
        cut = a
        while k < len(found.at) and found.at[k] < b:
            i = found.at[k]
            k += 1
            if found.is_boundary(i):
                _add(text, out, cut, min(after_closers(text, i), b))
                cut = min(after_closers(text, i), b)
        _add(text, out, cut, b)
    return out


def _add(text: str, out: list[tuple[int, int]], a: int, b: int) -> None:
    chunk = text[a:b]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    if b - trail > a + lead:
        out.append((a + lead, b - trail))


def mark_offsets(text: str) -> list[int]:
    """Where the marks `_MARKS` matches (. ! ?) are in `text`, in order: found with str.find, a
    few times faster than a Match object for each mark."""
    out: list[int] = []
    for mark in ".!?":
        i = text.find(mark)
        while i >= 0:
            out.append(i)
            i = text.find(mark, i + 1)
    out.sort()  # three ascending runs
    return out
