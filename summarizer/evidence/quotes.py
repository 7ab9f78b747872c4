"""Quoted passages: the text between quotation marks, found with offsets into the original text.

News typography is messy, so marks are paired by context rather than by glyph alone:
- curly “…”, straight "…", NYT's ''…'' (and ``…''), guillemets; a mark's direction comes from
  what touches it (space before and a word after opens, a word before and space after closes),
  falling back to the glyph;
- a quote never crosses a line break by itself: a line that ends inside a quote either continues
  into the next paragraph (the next paragraph reopens with a mark, or has no opening mark but
  closes one: the multi-paragraph conventions) or simply ran to the end of its paragraph;
- single quotes (‘…’, '…') are nested content or apostrophes, not passages: at the top level they
  are far more often apostrophes ("Obama's", "’90s") than quotation marks; except in an article
  that quotes with single marks (British tabloids, some Commonwealth papers: 'We sat on the
  floor,' she said.), told by its closings, where a single mark that opens or closes (never one
  between letters, nor a plural possessive: "the farmers' union") is read as a double one;
- markup such as `<tweet id="...">` is blanked out before scanning, its attribute quotes are not
  quotations.

Each passage is then attributed (`attribution/`) and classified direct / partial / term from its
shape and its attribution (`kinds.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from summarizer.evidence.attribution import attribute
from summarizer.evidence.kinds import classify_kind
from summarizer.evidence.text import RUN_ON
from summarizer.evidence.types import FoundPassage, QuotedPassage

__all__ = ["find_quoted_passages"]

Orientation = Literal["open", "close", "either"]

_MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w:-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")
# The marks: NYT's two apostrophes are one mark (and `` one); a lone ' is never a double mark.
# No glyph holds another's character, so each is found on its own (`_mark_glyphs`).
_MARK_GLYPHS = ("''", "``", "“", "”", "„", "‟", '"', "«", "»")
_OPEN_GLYPHS = frozenset({"“", "„", "‟", "«", "``"})
_CLOSE_GLYPHS = frozenset({"”", "»"})
# What may sit just outside a quotation mark on its open side (before) or its close side (after).
_BEFORE_OPEN = frozenset("([{—–-/:;,")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–…-/")


class _Mark(NamedTuple):
    start: int
    end: int
    orient: Orientation
    family: str  # `_family` of its glyph


def _blank_markup(text: str) -> str:
    """Replace markup tags by spaces, keeping every offset."""
    return _MARKUP.sub(lambda m: " " * (m.end() - m.start()), text)


# A quotation's closing mark right after its own punctuation, before a space or the line end:
# `shameful.' ` or `left,” she`. Single ones tell a house style that quotes with single marks.
_CLOSED_BY = ",.?!"
_SINGLE_MARKS = ("'", "’")
_DOUBLE_CLOSING = re.compile(r"[,.?!](?:[\"”»]|'')(?=\s|\Z)")
# A single mark at a word's edge: a candidate quotation mark (one between letters is an apostrophe).
_SINGLE_EDGE = re.compile(r"(?<!\w)['‘’](?=[\w…])(?!\d0s\b)|(?<=\S)['’](?![\w])")


def _single_closings(text: str) -> int:
    """How many single marks close a quotation: one of `_CLOSED_BY` before, white space or the
    end after (`[,.?!]['’](?=\\s|\\Z)`). Counted from the marks, found with str.find: a regex
    trying its class of punctuation at every character of the text costs five times more."""
    count = 0
    last = len(text) - 1
    for mark in _SINGLE_MARKS:
        at = text.find(mark, 1)
        while at >= 0:
            if text[at - 1] in _CLOSED_BY and (at == last or text[at + 1].isspace()):
                count += 1
            at = text.find(mark, at + 1)
    return count


def _quotes_with_single_marks(text: str) -> bool:
    """The article's quotations close with single marks (at least two) far more than double."""
    singles = _single_closings(text)
    return singles >= 2 and 4 * len(_DOUBLE_CLOSING.findall(text)) <= singles


def _singles_as_doubles(text: str) -> str:
    """The single marks that open or close a quotation, written as double ones (same offsets)."""
    chars = list(text)
    for m in _SINGLE_EDGE.finditer(text):
        i = m.start()
        before = text[i - 1] if i else " "
        if before.isspace() or before in _BEFORE_OPEN or not before.isalnum() and i == 0:
            chars[i] = "“"
            continue
        # "the farmers' union", "Jesus' words": a plural possessive, not a closing mark.
        if before in "sS" and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].islower():
            continue
        chars[i] = "”"
    return "".join(chars)


def _orient(text: str, start: int, end: int, glyph: str) -> Orientation:
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    # A word character or closing punctuation before the mark means it ends something.
    open_side = before.isspace() or before in _BEFORE_OPEN
    close_side = after.isspace() or after in _AFTER_CLOSE
    if open_side and not close_side:
        return "open"
    if close_side and not open_side:
        return "close"
    if glyph in _OPEN_GLYPHS:
        return "open"
    if glyph in _CLOSE_GLYPHS:
        return "close"
    return "either"


def _mark_glyphs(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Every mark in text[lo:hi] with its glyph, in order, as a scan from left to right finds
    them (a pair of apostrophes taken once, "'''" read from its start). Each glyph is looked for
    with str.find, which skips to it in C: a regex trying the glyphs at every character of the
    text takes twice as long."""
    found: list[tuple[int, str]] = []
    for glyph in _MARK_GLYPHS:
        at = text.find(glyph, lo, hi)
        while at >= 0:
            found.append((at, glyph))
            at = text.find(glyph, at + len(glyph), hi)
    found.sort()
    return found


def _marks(text: str, lines: list[tuple[int, int]]) -> list[list[_Mark]]:
    """The marks of each line, in order, found in one scan of the text: every mark stands in a
    line (the lines hold every character but white space), and none spans two."""
    out: list[list[_Mark]] = [[] for _ in lines]
    if not lines:
        return out
    k = 0
    end = lines[0][1]
    for s, glyph in _mark_glyphs(text, lines[0][0], lines[-1][1]):
        e = s + len(glyph)
        while s >= end:
            k += 1
            end = lines[k][1]
        if glyph == "''":
            # '''  is a nested single closing next to the double one: keep the last two.
            if e < end and text[e] == "'":
                s, e = s + 1, e + 1
            # Rock''n''roll and the like: two apostrophes between letters are not a mark.
            if 0 < s and e < len(text) and text[s - 1].isalnum() and text[e].isalnum():
                continue
        out[k].append(_Mark(s, e, _orient(text, s, e, glyph), _family(glyph)))
    return out


@dataclass(slots=True)
class _Raw:
    start: int  # inner text
    end: int
    outer_start: int
    outer_end: int
    continues: bool = False  # the passage runs on into the next paragraph
    group: int = 0


_SIGNATURE_SMALL = frozenset({"of", "for", "and", "the", "at", "on", "in", "de", "&"})


def _signature(text: str, line_end: int, next_start: int, mark_start: int) -> bool:
    """A short source line right under a quote ("Dean Baker, Center for Economic Research.")."""
    if text[line_end:next_start].count("\n") != 1:
        return False
    words = text[next_start:mark_start].split()
    if not words or len(words) > 10 or not words[0][:1].isupper():
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w.lower() in _SIGNATURE_SMALL)
    if capitalised >= 0.8 * len(words):
        return True
    # "Amy Pope, deputy homeland security advisor.": a name, then the source's role.
    name = text[next_start:mark_start].split(",", 1)[0].split()
    return 2 <= len(name) <= 4 and all(w[:1].isupper() for w in name) and len(name) < len(words)


def _after_punctuation(text: str, at: int) -> bool:
    return at > 0 and text[at - 1] in ",.?!"


def _sentence_before(text: str, mark: _Mark) -> bool:
    """The opening mark starts a sentence: sentence-ending punctuation, then space, before it."""
    j = mark.start
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    return j < mark.start and j > 0 and text[j - 1] in ".?!"


def _family(glyph: str) -> str:
    if glyph in ('"', "''", "``"):
        return "straight"
    if glyph in ("«", "»"):
        return "guillemet"
    return "curly"


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), whitespace trimmed."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _opens_paragraph(marks: list[_Mark], line_start: int) -> bool:
    return bool(marks) and marks[0].start == line_start and marks[0].orient != "close"


def _closes_before_opening(marks: list[_Mark]) -> bool:
    """The first mark of the line closes: the paragraph continues a quote without reopening it."""
    return bool(marks) and marks[0].orient == "close"


def _scan(text: str) -> list[_Raw]:
    scan = _blank_markup(text)
    if _quotes_with_single_marks(scan):
        scan = _singles_as_doubles(scan)
    lines = _lines(scan)
    line_marks = _marks(scan, lines)
    raws: list[_Raw] = []
    group = 0
    carried = False  # this line starts inside a quote opened in an earlier paragraph
    reopened = False  # this line reopens the quote the previous paragraph left open
    for i, ((ls, le), marks) in enumerate(zip(lines, line_marks, strict=True)):
        open_at: int | None = None  # offset of the opening mark
        open_end = ls
        if carried:
            open_at, open_end = ls, ls
        elif not reopened:
            group += 1
        reopened = False
        nested: list[str] = []  # families of double quotes opened inside this one
        run_on = le - ls > RUN_ON
        for mark in marks:
            if open_at is None:
                if mark.orient == "close":
                    continue  # a stray closing mark: nothing sensible to pair it with
                open_at, open_end = mark.start, mark.end
                continue
            if mark.orient == "open" and open_end == mark.start:
                open_end = mark.end  # two opening marks in a row ("“ typed twice): one mark
                continue
            if nested and mark.family == nested[-1] and mark.orient != "open":
                nested.pop()
                continue
            if mark.orient == "open" and not nested and run_on and _sentence_before(scan, mark):
                # No paragraphs: “ opening a sentence inside an open quote is the next paragraph
                # of a multi-paragraph quote that lost its line break (`...said. “More`).
                cut = mark.start
                while cut > open_end and scan[cut - 1].isspace():
                    cut -= 1
                raws.append(_Raw(open_end, cut, open_at, cut, continues=True, group=group))
                open_at, open_end = mark.start, mark.end
                continue
            if mark.orient == "open" and not _after_punctuation(scan, mark.start) and mark.end < le:
                # “ inside "...": a quotation within the quotation, typed with the other marks;
                # or one typed with the same marks (“He said “no” to me”): a mark that opens
                # cannot close the quote it stands in. (Right after the quoted words' own
                # punctuation it does: `...paranoia,”Clinton said`, `“It's unusual,“ said`, and
                # at the end of the line, where it has nothing to open.)
                nested.append(mark.family)
                continue
            raws.append(_Raw(open_end, mark.start, open_at, mark.end, group=group))
            open_at = None
            group += 1
        carried = False
        if open_at is None:
            continue
        # The line ends inside a quote.
        nxt = line_marks[i + 1] if i + 1 < len(lines) else []
        next_start = lines[i + 1][0] if i + 1 < len(lines) else -1
        if nxt and _signature(scan, le, next_start, nxt[0].start):
            nxt = []  # "...\nJane Doe, Some Institute." closes a quote with its source line
        runs_on = _opens_paragraph(nxt, next_start) or _closes_before_opening(nxt)
        raws.append(_Raw(open_end, le, open_at, le, continues=runs_on, group=group))
        if _closes_before_opening(nxt) and not _opens_paragraph(nxt, next_start):
            carried = True
        elif runs_on:
            reopened = True
        else:
            group += 1
    return [r for r in (_trim(text, r) for r in raws) if r is not None]


def _trim(text: str, raw: _Raw) -> _Raw | None:
    s, e = raw.start, raw.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if not any(c.isalnum() for c in text[s:e]):
        return None
    return _Raw(s, e, raw.outer_start, raw.outer_end, raw.continues, raw.group)


def find_quoted_passages(text: str) -> list[QuotedPassage]:
    """Every quoted passage in `text`, classified and attributed, in reading order."""

    raws = _scan(text)
    groups: dict[int, int] = {}
    found: list[FoundPassage] = []
    for raw in raws:
        # Groups are renumbered 0, 1, 2... in order; `continues` marks the later paragraphs.
        first = raw.group not in groups
        groups.setdefault(raw.group, len(groups))
        found.append(
            FoundPassage(
                raw.start,
                raw.end,
                raw.outer_start,
                raw.outer_end,
                text[raw.start : raw.end],
                not first,
                groups[raw.group],
            )
        )
    # In reading order, so that a passage can be judged by the kinds of those before it; each
    # QuotedPassage is built once, with its speaker and kind.
    classified: list[QuotedPassage] = []
    for p, credit in zip(found, attribute(text, found), strict=True):
        cue = credit.cue if credit is not None else None
        classified.append(
            QuotedPassage(
                start=p.start,
                end=p.end,
                outer_start=p.outer_start,
                outer_end=p.outer_end,
                text=p.text,
                kind=classify_kind(text, p, cue, classified),
                speaker=credit.speaker if credit is not None else None,
                speaker_span=credit.span if credit is not None else None,
                speaker_is_pronoun=credit.pronoun if credit is not None else False,
                cue=cue,
                continues=p.continues,
                group=p.group,
            )
        )
    return classified
