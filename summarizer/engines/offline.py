"""The deterministic offline engine: a summary built only from what the text itself shows.

No model, no network, no model files. Everything is extractive and says so by being verbatim:
- headline: the lead sentence, trimmed; summary: the first sentences of the lead;
- event: `what` is the lead sentence, `who`/`where`/`when` are names, places and time phrases
  found in the lead (never guessed), `date` only when the lead writes a full date;
- quotes: every quoted passage classified direct or partial (titles and scare quotes are left
  out), speakers by pattern attribution, roles from appositives and titles;
- statistics: every number `numbers.is_statistic` counts (quantities, percentages, money,
  durations; not ages, scores or numbers in names), with a few words of context as `describes`.

A multi-paragraph quote becomes one `Quote` per paragraph: each stays verbatim and checkable on
its own. Counted as quotes, the paragraphs of one passage count once (see bench/eval_quotes.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from summarizer.evidence import gather
from summarizer.evidence.lexicon import (
    AP_MONTH_ABBREVIATIONS,
    MONTH_NUMBERS,
    MONTHS,
    PRONOUNS,
    WEEKDAYS,
)
from summarizer.evidence.names import lead_names, places_in, speaker_role
from summarizer.evidence.numbers import describe, is_statistic
from summarizer.evidence.text import paragraphs, sentences
from summarizer.evidence.types import NumberMention, QuotedPassage
from summarizer.models import Event, Quote, Span, Statistic, Summary

__all__ = ["OfflineEngine"]

_HEADLINE_WORDS = 18
_SUMMARY_SENTENCES = 3
_SUMMARY_WORDS = 90
_WEEKDAY = rf"(?:{'|'.join(WEEKDAYS)})"
_MONTH = "(?:" + "|".join([*MONTHS, *(a + r"\." for a in AP_MONTH_ABBREVIATIONS)]) + ")"
_WHEN = re.compile(
    rf"\b(?:(?:last|this|next|on|early|late)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?"
    r"|\b(?:last|this|next|earlier this|later this)\s+(?:week|weekend|month|year|spring|summer|fall"
    r"|autumn|winter)\b"
    r"|\b(?:yesterday|today|tonight|on Tuesday)\b"
)
_FULL_DATE = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})")


class OfflineEngine:
    """Summarise by extraction. `summarize` never raises on odd text; empty text says so."""

    name = "offline"

    def summarize(self, text: str) -> Summary:
        lead = _lead_sentences(text)
        if not lead:
            return Summary(
                headline="(empty article)",
                summary="The article has no text to summarise.",
                event=Event(what="(no text)"),
            )
        lead_par = " ".join(s for _, _, s in lead[:_SUMMARY_SENTENCES])
        first = lead[0][2]
        start, end = lead[0][0], lead[min(len(lead), 2) - 1][1]
        return Summary(
            headline=_trim_words(first, _HEADLINE_WORDS),
            summary=_trim_words(lead_par, _SUMMARY_WORDS),
            event=Event(
                what=first,
                who=lead_names(text, start, end),
                where=places_in(text, start, end),
                when=_when(first) or _when(text[start:end]),
                date=_explicit_date(text[start:end]),
            ),
            quotes=_quotes(text),
            statistics=_statistics(text),
        )


# --- lead -----------------------------------------------------------------------------------------


def _is_body(par: str) -> bool:
    """A paragraph of prose, not a caption, dateline or heading."""
    stripped = par.strip()
    if stripped.startswith("(") and stripped.endswith(")"):
        return False
    words = stripped.split()
    return len(words) >= 8 and stripped[-1:] in ".!?”\"'’)"


def _lead_sentences(text: str) -> list[tuple[int, int, str]]:
    """The sentences of the first body paragraphs, as (start, end, text)."""
    out: list[tuple[int, int, str]] = []
    for a, b in paragraphs(text):
        if not _is_body(text[a:b]):
            if out:
                break
            continue
        out.extend((s, e, text[s:e]) for s, e in sentences(text, a, b))
        if len(out) >= _SUMMARY_SENTENCES:
            break
    return out


def _trim_words(s: str, limit: int) -> str:
    words = s.split()
    if len(words) <= limit:
        return s
    return " ".join(words[:limit]).rstrip(",;:—–-") + " …"


def _when(s: str) -> str | None:
    m = _WHEN.search(s)
    return m.group() if m else None


def _explicit_date(s: str) -> str | None:
    m = _FULL_DATE.search(s)
    if not m:
        return None
    month = MONTH_NUMBERS.get(m.group(1)[:3].lower())
    day, year = int(m.group(2)), int(m.group(3))
    if month is None or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


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
    out = []
    for n in gather(text).numbers:
        if not is_statistic(n):
            continue
        try:
            what = describe(text, n)
        except Exception:  # a helper's bug should cost a phrase, not the summary
            what = describe_fallback(text, n)
        out.append(
            Statistic(
                text=n.text,
                value=n.value,
                unit=n.unit,
                describes=what or describe_fallback(text, n),
                span=Span(start=n.start, end=n.end),
                status="exact",
            )
        )
    return out
