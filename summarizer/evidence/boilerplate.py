"""The article's own prose, without what the page around it left in the text.

Scraped and feed text often starts with share and ad widgets ("Click to share on WhatsApp
(Opens in new window)", "Skip Ad Ad Loading... x Embed x Share"), newsletter boxes and media
labels, and runs as one paragraph with no line breaks. `body_sentences` gives the sentences of
the prose: boilerplate cues (the lexicon's `BOILERPLATE_CUES`) cut the text into stretches, each
split by the one sentence splitter, and a dateline ("LONDON --", "WASHINGTON, Nov 6 (Reuters) -")
is no part of the sentence it opens. Offsets are into the original text.
"""

from __future__ import annotations

from functools import lru_cache

from summarizer.evidence.lexicon import BOILERPLATE_CUES
from summarizer.evidence.regex import lazy_compile
from summarizer.evidence.text import sentences

__all__ = ["body_sentences", "boilerplate_spans", "dateline_place", "prose_sentences"]

_CUES = lazy_compile("|".join(f"(?:{c})" for c in BOILERPLATE_CUES))
# "LONDON -- ", "KUNDUZ, Afghanistan -- ", "By A Writer and B Writer WASHINGTON, Nov 6 (Reuters) - "
_BYLINE = r"By (?:[A-Z][\w.'’-]+ ){1,3}(?:and (?:[A-Z][\w.'’-]+ ){1,3})?"
_PLACE_LINE = (
    r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][a-z][\w.]*)?)"
    r"(?:,? [A-Z][\w.]*(?: [A-Z\d][\w.]*)*)?(?: \([A-Z][\w ]*\))? ?(?:--|—|–|-) "
)
_DATELINE = lazy_compile(rf"(?:{_BYLINE})?{_PLACE_LINE}")
# A byline and dateline inside a run-on first sentence (the page's headline before them).
_BYLINE_DATELINE = lazy_compile(rf"(?<=\s){_BYLINE}{_PLACE_LINE}")


@lru_cache(maxsize=64)
def boilerplate_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the page's boilerplate stands in `text`, as (start, end), in order, merged."""
    out: list[tuple[int, int]] = []
    for m in _CUES.finditer(text):
        if out and text[out[-1][1] : m.start()].strip() == "":
            out[-1] = (out[-1][0], m.end())
        else:
            out.append(m.span())
    return tuple(out)


@lru_cache(maxsize=64)
def body_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences of the prose, outside boilerplate, datelines left out, as (start, end)."""
    cuts = [0, *(x for span in boilerplate_spans(text) for x in span), len(text)]
    out: list[tuple[int, int]] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        for s, e in sentences(text, a, b):
            # A page's headline and byline may run into the first sentence: it starts after.
            m = _DATELINE.match(text, s, e) or (
                _BYLINE_DATELINE.search(text, s, e) if len(out) < 3 else None
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
    cuts = [0, *(x for span in boilerplate_spans(text) for x in span), len(text)]
    seen = 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        for s, e in sentences(text, a, b):
            seen += 1
            m = _DATELINE.match(text, s, e) or _BYLINE_DATELINE.search(text, s, e)
            if m and m.end() < e:
                return m.span("place")
            if seen >= 3:
                return None
    return None
