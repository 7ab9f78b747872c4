"""The deterministic offline engine: a summary built only from what the text itself shows.

No model, no network, no model files. Everything is extractive and says so by being verbatim:
- headline, summary and event: `offline_event` (the title or the lead's first clause; the lead
  and its most central sentences; who, where, when and what from the title and lead);
- quotes: every quoted passage classified direct or partial (titles and scare quotes are left
  out), speakers by pattern attribution, roles from appositives and titles;
- statistics: every number `numbers.is_statistic` counts (quantities, percentages, money,
  durations, ages; not scores or numbers in names) outside the page's boilerplate, with a few
  words of context as `describes`.

A multi-paragraph quote becomes one `Quote` per paragraph: each stays verbatim and checkable on
its own. Counted as quotes, the paragraphs of one passage count once (see bench/eval_quotes.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from summarizer.engines import offline_event
from summarizer.evidence import gather
from summarizer.evidence.boilerplate import boilerplate_spans
from summarizer.evidence.lexicon import PRONOUNS
from summarizer.evidence.names import speaker_role
from summarizer.evidence.numbers import describe, is_statistic, statistic_fields
from summarizer.evidence.text import span_inside
from summarizer.evidence.types import NumberMention, QuotedPassage
from summarizer.models import Event, Quote, Span, Statistic, Summary
from summarizer.verify.claims import NOTHING_TO_SUMMARISE

__all__ = ["OfflineEngine"]


class OfflineEngine:
    """Summarise by extraction. `summarize` never raises on odd text; empty text says so."""

    name = "offline"

    def summarize(
        self, text: str, *, title: str | None = None, published: str | None = None
    ) -> Summary:
        """The summary of `text`; `title` and `published` (YYYY-MM-DD) help when given.

        Quotes and statistics come from the whole text, whatever shape it has: they never wait
        for a lead to be found."""
        quotes, statistics = _quotes(text), _statistics(text)
        sents = offline_event.lead(text)
        if not sents:
            # No word at all: the summary says there is nothing to summarise, in the words
            # `check` knows to be true of such a text.
            return Summary(
                headline=NOTHING_TO_SUMMARISE["headline"],
                summary=NOTHING_TO_SUMMARISE["summary"],
                event=Event(what=NOTHING_TO_SUMMARISE["event.what"]),
                quotes=quotes,
                statistics=statistics,
            )
        return Summary(
            headline=offline_event.headline(text, title, sents),
            summary=offline_event.summary(text, title, sents),
            event=offline_event.event(text, title, published, sents),
            quotes=quotes,
            statistics=statistics,
        )


# --- quotes ---------------------------------------------------------------------------------------


# A speaker that is a pronoun has no role of its own to look up.
_PRONOUNS = frozenset(PRONOUNS)


def _quotes(text: str) -> list[Quote]:
    passages = gather(text).passages  # the result the checker reuses, not a second scan
    roles: dict[str, str | None] = {}
    out = []
    for p in passages:
        if p.kind == "term":
            continue
        role = None
        # A pronoun resolved to a name ("she" -> Angelica Salas) has that person's role too.
        if p.speaker is not None and p.speaker.lower() not in _PRONOUNS:
            if p.speaker not in roles:
                found = speaker_role(text, p.speaker, p.speaker_span)
                # A "role" that is part of the name itself ("U.S." in "U.S. Immigration and
                # Customs Enforcement officials") says nothing new.
                roles[p.speaker] = None if found and found in p.speaker else found
            role = roles[p.speaker]
        out.append(
            Quote(
                text=p.text,
                speaker=p.speaker,
                speaker_role=role,
                kind="direct" if p.kind == "direct" else "partial",
                span=Span(start=p.start, end=p.end),
                status="exact",
            )
        )
    return out


def quote_groups(text: str) -> list[QuotedPassage]:
    """The passages behind `_quotes`, for callers that count multi-paragraph quotes once.

    A quote whose closing mark never comes is, by the multi-paragraph convention, continued by
    the next quotation: the two count as one quote (their `group` is made the same).
    """
    out: list[QuotedPassage] = []
    for p in gather(text).passages:
        if p.kind == "term":
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.group != p.group and prev.outer_end == prev.end:
            p = replace(p, group=prev.group)
        out.append(p)
    return out


# --- statistics -----------------------------------------------------------------------------------


_STOP = frozenset("a an the of and or in on at to for by with from as is was were be been".split())


def describe_fallback(text: str, mention: NumberMention) -> str:
    """A few words of context: what follows the number, or what leads up to it."""
    par_start = text.rfind("\n", 0, mention.start) + 1
    par_end = text.find("\n", mention.end)
    par_end = len(text) if par_end < 0 else par_end
    after = re.split(r"[,.;:!?()“”\"]", text[mention.end : par_end], maxsplit=1)[0]
    after_words = after.split()[:7]
    if len([w for w in after_words if w.lower() not in _STOP]) >= 1:
        phrase = " ".join(after_words)
    else:
        before = re.split(r"[.;:!?()“”\"]", text[par_start : mention.start])[-1]
        phrase = " ".join(before.replace(",", " ").split()[-6:])
    phrase = phrase.strip(" -—–,")
    return phrase or "a number in the article"


def _statistics(text: str) -> list[Statistic]:
    # The page's furniture (a stamp's "08:30 GMT", a gallery's "1 of 57", a related story's
    # "The 15 Weirdest Galaxies", a copyright year) is no figure of the story.
    furniture = boilerplate_spans(text)
    out = []
    for n in gather(text).numbers:
        if not is_statistic(n) or span_inside((n.start, n.end), furniture):
            continue
        try:
            what = describe(text, n)
        except Exception:  # a helper's bug should cost a phrase, not the summary
            what = describe_fallback(text, n)
        out.append(
            Statistic(
                text=n.text,
                **statistic_fields(n),
                describes=what or describe_fallback(text, n),
                span=Span(start=n.start, end=n.end),
                status="exact",
            )
        )
    return out
