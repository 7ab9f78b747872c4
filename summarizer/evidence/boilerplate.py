"""The article's own prose, without what the page around it left in the text.

Scraped and feed text often starts with share and ad widgets ("Click to share on WhatsApp
(Opens in new window)", "Skip Ad Ad Loading... x Embed x Share"), newsletter boxes and media
labels, and runs as one paragraph with no line breaks. `body_sentences` gives the sentences of
the prose: boilerplate cues (the lexicon's `BOILERPLATE_CUES`) cut the text into stretches, each
split by the one sentence splitter, and a dateline ("LONDON --", "WASHINGTON, Nov 6 (Reuters) -")
is no part of the sentence it opens. Offsets are into the original text.

Picture credits ("(Photo: John Smith/AP)", "AFP via Getty Images", "Credit: ...") are
boilerplate too, and with a dateline's wire agency ("RENO, Nev. (AP) —") and web addresses they
are the page's furniture (`without_furniture`): no name is read from it, so a person named only
in a credit is nobody's source and an agency there is no one of the story.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.evidence.lexicon import (
    AGENCY_ALTERNATION,
    BLOCK_TAGS,
    BOILERPLATE_CUES,
    CREDITED_NAME,
    DATELINE_AGENCY,
    MARKUP_SHORTCODE,
    MARKUP_TAG,
)
from summarizer.evidence.regex import lazy_compile
from summarizer.evidence.text import sentences, without_urls

__all__ = [
    "body_sentences",
    "boilerplate_spans",
    "dateline_candidates",
    "dateline_place",
    "dateline_span",
    "prose_sentences",
    "without_furniture",
    "without_markup",
]

_META = frozenset("\\()[]{}.*+?|^$")


def _literal_prefix(pattern: str) -> str:
    """The text every match of `pattern` opens with, as far as it is plain: "Skip Ad" of
    `Skip Ad`, "(Opens" of `\\(Opens in...`, "" of `(?:Photo|Image)...`. A character a
    quantifier follows is left out (it may be absent)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern) and not pattern[i + 1].isalnum():
            c, step = pattern[i + 1], 2  # an escaped mark: "\\(" is "("
        elif c in _META:
            break
        else:
            step = 1
        if pattern[i + step : i + step + 1] in ("*", "?", "{"):
            break
        out.append(c)
        i += step
    return "".join(out)


# One scan per cue, run only when the text holds the cue's opening text (a test in C, far
# faster than the scan): one alternation of them all would be tried at every position.
_CUES = tuple((_literal_prefix(c), re.compile(c)) for c in BOILERPLATE_CUES)
_LEADS = frozenset(lead for lead, _ in _CUES)  # each looked for once ("" stands everywhere)
# Most leads are absent from a text, and each absent one cost a scan of the whole text (47 in
# all): the leads of two or more characters that open with no lower-case letter are found in one
# scan instead, which skips in C to the next character one of them opens with (a capital
# mostly) and there tries only the leads opening with it, longest first, as a lookahead so that
# a lead inside another's match ("Image" in "Getty Images") is found at its own start. Every
# lead starting where the longest one does is a prefix of it. The rest (one character: a
# `memchr`; or opening with a letter as common as "s" or "p") are still looked for one by one.
_SCANNED_LEADS = sorted(
    (lead for lead in _LEADS if len(lead) > 1 and not lead[0].islower()), key=len, reverse=True
)
_LOOKED_UP_LEADS = tuple(_LEADS.difference(_SCANNED_LEADS))
_LEADS_BY_FIRST: dict[str, list[str]] = {}
for _lead in _SCANNED_LEADS:
    _LEADS_BY_FIRST.setdefault(_lead[0], []).append(re.escape(_lead[1:]))
_LEAD_SCAN = re.compile(
    f"[{re.escape(''.join(sorted(_LEADS_BY_FIRST)))}](?<=(?=("
    + "|".join(f"{re.escape(c)}(?:{'|'.join(rests)})" for c, rests in _LEADS_BY_FIRST.items())
    + ")).)"
)
_PREFIX_LEADS = {
    lead: frozenset(p for p in _SCANNED_LEADS if lead.startswith(p)) for lead in _SCANNED_LEADS
}


def _present_leads(text: str) -> set[str]:
    """`{lead for lead in _LEADS if lead in text}`, found in one scan for most leads."""
    present = {lead for lead in _LOOKED_UP_LEADS if lead in text}
    for m in _LEAD_SCAN.finditer(text):
        present |= _PREFIX_LEADS[m.group(1)]
    return present


_DATELINE_AGENCY = re.compile(DATELINE_AGENCY)
_AGENCY_OPENING = re.compile(rf"{DATELINE_AGENCY} ?(?:--|—|–|-)\s+")
_INLINE_MARKUP = re.compile(rf"{MARKUP_TAG}|{MARKUP_SHORTCODE}")  # the reference form
# Its two branches apart: each opens with its own mark ("<", "["), which a scan finds in C,
# where the alternation was tried at every position of the text.
_MARKUP_BRANCHES = (re.compile(MARKUP_TAG), re.compile(MARKUP_SHORTCODE))


def _markup_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `_INLINE_MARKUP.finditer(text)`: at each step the leftmost match of either
    branch from where the last match ended (the branches' marks differ, so no two start at one
    place), each branch searched again only once the last match has passed its own."""
    found = [
        b.search(text) if mark in text else None
        for mark, b in zip("<[", _MARKUP_BRANCHES, strict=True)
    ]
    out: list[tuple[int, int]] = []
    while True:
        live = [m for m in found if m is not None]
        if not live:
            return out
        first = min(live, key=lambda m: m.start())
        out.append(first.span())
        end = first.end()
        for k, m in enumerate(found):
            if m is not None and m.start() < end:
                found[k] = _MARKUP_BRANCHES[k].search(text, end)


_TAG_NAME = re.compile(r"</?([A-Za-z][\w:-]*)")
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_STOP = re.compile(r" (?=[.,;:!?](?:\s|$))")
# Credits led by a name, found from their joiner: "Neilson Barnard via Getty Images", "John
# Moore/Getty Images" (a name, then the agency), "Reuters/Kevin Lamarque" (the agency, then a
# photographer's two names), "Getty Images 9 Trump lands ..." (a gallery's credit and count).
_TO_AGENCY = (
    re.compile(rf"/(?:{AGENCY_ALTERNATION})\b"),
    re.compile(rf" via (?:{AGENCY_ALTERNATION})\b"),
)
_CREDITED_BEFORE = re.compile(rf"(?<![\w.'’&-])(?:{CREDITED_NAME})\Z")
_TO_PERSON = re.compile(r"/[A-Z][a-z][\w'’-]* [A-Z][\w'’-]+")
_COUNT = re.compile(r" \d{1,3}(?= [A-Z])")
_AGENCY_BEFORE = re.compile(rf"(?<![\w-])(?:{AGENCY_ALTERNATION})(?::(?:{AGENCY_ALTERNATION}))?\Z")
_REACH = 60  # characters a credit's name or agency is looked for before its joiner


def _credit_spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for joiner, pattern in zip(("/", " via "), _TO_AGENCY, strict=True):
        if joiner not in text:
            continue
        for m in pattern.finditer(text):
            name = _CREDITED_BEFORE.search(text, max(0, m.start() - _REACH), m.start())
            if name is not None:
                out.append((name.start(), m.end()))
    for pattern in (_TO_PERSON, _COUNT) if "/" in text else (_COUNT,):
        for m in pattern.finditer(text):
            agency = _AGENCY_BEFORE.search(text, max(0, m.start() - _REACH), m.start())
            if agency is not None:
                out.append((agency.start(), m.end()))
    return out


# "LONDON -- ", "KUNDUZ, Afghanistan -- ", "By A Writer and B Writer WASHINGTON, Nov 6 (Reuters) -
# ", "LONDON, November 8, 2016 -- ", "NAIROBI, 6 November (Xinhua) -- " (a dateline's date may
# carry its year, or put the day first).
_BYLINE = r"By (?:[A-Z][\w.'’-]+ ){1,3}(?:and (?:[A-Z][\w.'’-]+ ){1,3})?"
_PLACE_WORD = r"[A-Z][A-Z.'’-]+"
_CAPITALS = rf"{_PLACE_WORD}(?: {_PLACE_WORD})*"  # "LONDON", "ST. LOUIS", "HONG KONG"
_REGION = r"(?:, [A-Z][a-z][\w.]*)?"  # ", Afghanistan"
_FILED = r"(?:,? [A-Z\d][\w.]*(?: [A-Z\d][\w.]*)*(?:, (?:19|20)\d\d)?)?"  # ", Nov 6"
_AGENCY = r"(?: \([A-Z][\w ]*\))?"  # "(Reuters)", "(AP)"
_DASH = r" ?(?:--|—|–|-) "
_LINE_END = rf"{_AGENCY}{_DASH}"  # " (Reuters) - "
_PLACE_LINE = rf"(?P<place>{_CAPITALS}{_REGION}){_FILED}{_LINE_END}"
# Some outlets set the place in title case or end it with a colon ("Wellington:", "NEW DELHI:",
# "Ottawa —"); so do headlines ("Poll: ...", "Obama: ...", "UPDATE: ..."), so such a line is a
# dateline only where the caller knows its place as a place (`dateline_candidates`).
_LOOSE_PLACE_LINE = re.compile(
    rf"(?P<place>(?:{_CAPITALS}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?)"
    rf"{_AGENCY}(?:{_DASH}|: )"
)
_DATELINE = lazy_compile(rf"(?:{_BYLINE})?{_PLACE_LINE}")
# Every dateline holds a place line: a text with none anywhere has no dateline, and one scan for
# it costs a fifth of finding the boilerplate the first sentences come after. The scan asks only
# whether there is one, which needs no backtracking: a place line holds one from its last place
# word on, and from a word's first capital (the look-behind after that capital, so that the scan
# still skips in C to the next capital); the words of its date run to the last one before the
# dash (nothing that may follow them starts with a capital or a digit), each to its end.
# Searched with `_PLACE_LINE` itself, a text with capitalised headlines took up to ~30 ms (each
# split of an all-capitals run into place and date words tried from every capital).
_ANY_PLACE_LINE = re.compile(
    rf"[A-Z](?<![A-Z]{{2}})[A-Z.'’-]+{_REGION}(?>{_FILED.replace('*', '*+')}){_LINE_END}"
)
_DATELINE_REACH = 3000  # characters: more than three sentences' worth
_SHORT_REACH = 600  # characters: three sentences' worth of most news
_DATELINE_SENTENCES = 3  # a dateline opens one of the first sentences, after a headline or byline
# A byline and dateline inside a run-on first sentence (the page's headline before them).
_BYLINE_DATELINE = lazy_compile(rf"(?<=\s){_BYLINE}{_PLACE_LINE}")


@lru_cache(maxsize=64)
def boilerplate_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the page's boilerplate stands in `text`, as (start, end), in order, merged (spans
    that overlap or that only white space parts are one)."""
    present = _present_leads(text)
    found = [m.span() for lead, cue in _CUES if lead in present for m in cue.finditer(text)]
    found += _credit_spans(text)
    out: list[tuple[int, int]] = []
    for s, e in sorted(found):
        if out and (s <= out[-1][1] or text[out[-1][1] : s].strip() == ""):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return tuple(out)


@lru_cache(maxsize=8)
def without_furniture(text: str) -> str:
    """`text` with its web and email addresses, boilerplate (credits and embedded posts
    included), inline markup and datelines' wire agencies blanked to NULs, offsets kept: what
    the name scan reads."""
    out = without_urls(text)
    spans = [*boilerplate_spans(text), *(m.span() for m in _DATELINE_AGENCY.finditer(text))]
    if "<" in text or "[" in text:
        spans += _markup_spans(text)
    if not spans:
        return out
    parts: list[str] = []
    done = 0
    for s, e in sorted(spans):
        if e > done:
            s = max(s, done)
            parts += (out[done:s], "\0" * (e - s))
            done = e
    return "".join(parts) + out[done:]


def without_markup(s: str) -> str:
    """`s` without what a feed or scraper left in it: embedded posts, shortcodes, picture links
    and other boilerplate dropped whole, tags dropped (one that breaks a line or a block leaves
    a space). For text chosen to be read (a headline, a summary), never for offsets."""
    if "<" not in s and "[" not in s and "pic.twitter" not in s and "(@" not in s:
        return s  # the usual case
    cuts = sorted([*boilerplate_spans(s), *_markup_spans(s)])
    parts: list[str] = []
    done = 0
    for a, b in cuts:
        if b <= done:
            continue
        a = max(a, done)
        parts.append(s[done:a])
        tag = _TAG_NAME.match(s, a, b)
        if tag is not None and tag.group(1).lower() in BLOCK_TAGS or (tag is None and a > 0):
            parts.append(" ")
        done = b
    if not parts:
        return s
    out = _SPACE_BEFORE_STOP.sub("", _SPACES.sub(" ", "".join(parts) + s[done:])).strip()
    # A text that is nothing but markup ("<A>") is read as written: an empty headline or
    # summary would say less than the markup does.
    return out if any(c.isalnum() for c in out) else s


@lru_cache(maxsize=64)
def body_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences of the prose, outside boilerplate, datelines left out, as (start, end)."""
    cuts = [0, *(x for span in boilerplate_spans(text) for x in span), len(text)]
    out: list[tuple[int, int]] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        for s, e in sentences(text, a, b):
            # A page's headline and byline may run into the first sentence: it starts after.
            m = (
                _DATELINE.match(text, s, e)
                or (_BYLINE_DATELINE.search(text, s, e) if len(out) < 3 else None)
                or _AGENCY_OPENING.match(text, s, e)  # "(CNN) — ": a dateline without a place
            )
            if m and m.end() < e:
                s = m.end()
            out.append((s, e))
    return tuple(out)


@lru_cache(maxsize=64)
def prose_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The prose sentences of `text` as (start, end): body sentences of some length (captions'
    labels and credits left out), or, for a text of fragments only, every fragment. Empty only
    for a text with no words. The first of them are the article's lead."""
    body = body_sentences(text) or tuple(sentences(text))
    prose = tuple((s, e) for s, e in body if _is_prose(text[s:e]))
    return prose or tuple((s, e) for s, e in body if any(c.isalnum() for c in text[s:e]))


def _is_prose(s: str) -> bool:
    words = s.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 4 and lower >= 2 and not (s.startswith("(") and s.endswith(")"))


@lru_cache(maxsize=64)
def dateline_place(text: str) -> tuple[int, int] | None:
    """The place a dateline opens the story with ("LONDON --", "KUNDUZ, Afghanistan --"), as
    (start, end), if one of the first sentences has a dateline."""
    m = _dateline(text)
    return m.span("place") if m else None


def dateline_span(text: str) -> tuple[int, int] | None:
    """The whole dateline, place, date and agency ("WASHINGTON, Nov 6 (Reuters) - "), as
    (start, end), if one of the first sentences has one: the day it gives is the day the story
    was filed."""
    m = _dateline(text)
    return m.span() if m else None


@lru_cache(maxsize=64)
def dateline_candidates(text: str) -> tuple[tuple[int, int], ...]:
    """The places that may open the story as its dateline, as (start, end), in order: the
    dateline's (`dateline_place`), and each of the first sentences' opening place in title case
    or before a colon ("Wellington: ...", "Poll: ..."), which is one only if the caller knows
    it as a place. A place is as written, with its region after a comma ("TORONTO, Ont.")."""
    out = [span] if (span := dateline_place(text)) else []
    for s, e in _first_sentences(text):
        m = _LOOSE_PLACE_LINE.match(text, s, e)
        if m and m.end() < e and all(m.start() != start for start, _ in out):
            out.append(m.span("place"))
    return tuple(out)


# Asked twice a text (the dateline, the dollar's dateline candidates): kept per text.
@lru_cache(maxsize=64)
def _first_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The first sentences of the text outside boilerplate, where a dateline may stand."""
    cuts = [0, *(x for span in boilerplate_spans(text) for x in span), len(text)]
    out: list[tuple[int, int]] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        # Only the first sentences count: a stretch is split no further than they reach, and
        # first over a short reach. The splitter judges each stop on the whole text, so the
        # sentences a short reach finds before its last are those the full reach finds.
        stop = min(b, a + _DATELINE_REACH)
        found = sentences(text, a, min(stop, a + _SHORT_REACH))
        if len(out) + len(found) <= _DATELINE_SENTENCES and a + _SHORT_REACH < stop:
            found = sentences(text, a, stop)
        out += found
        if len(out) >= _DATELINE_SENTENCES:
            return tuple(out[:_DATELINE_SENTENCES])
    return tuple(out)


@lru_cache(maxsize=64)
def _dateline(text: str) -> re.Match[str] | None:
    if _ANY_PLACE_LINE.search(text) is None:
        return None
    for s, e in _first_sentences(text):
        m = _DATELINE.match(text, s, e) or _BYLINE_DATELINE.search(text, s, e)
        if m and m.end() < e:
            return m
    return None
