"""What the renderers share: status wording and the grouping of quotes by speaker."""

from __future__ import annotations

from summarizer.models import Claim, ClaimStatus, Quote, Span, Status

STATUS_LABEL: dict[Status, str] = {
    "exact": "exact",
    "normalized": "normalized",
    "fuzzy": "fuzzy",
    "unverified": "not found",
}
STATUS_HELP: dict[Status, str] = {
    "exact": "found verbatim in the article",
    "normalized": "found after normalising quotes, dashes and spaces",
    "fuzzy": "found approximately: wording differs",
    "unverified": "not found in the article",
}
CLAIM_STATUS_LABEL: dict[ClaimStatus, str] = {
    "exact": "exact",
    "normalized": "normalized",
    "alias": "alias",
    "approximate": "approximate",
    "unverified": "not found",
}
CLAIM_STATUS_HELP: dict[ClaimStatus, str] = {
    "exact": "found as written in the article",
    "normalized": "found written another way (case, typography, 7 for seven, a date's form)",
    "alias": "found as another form of the name or day (surname, acronym, demonym, weekday)",
    "approximate": "a hedged or rounded number, or a sentence of the article's words",
    "unverified": "not found in the article",
}
UNATTRIBUTED = "Unattributed"


def claim_spans(claim: Claim, length: int) -> list[tuple[int, int]]:
    """The claim's spans that lie inside a text of `length` characters."""
    return [s for s in (valid_span(span, length) for span in claim.spans) if s is not None]


def speaker_label(quote: Quote) -> str:
    return quote.speaker.strip() if quote.speaker and quote.speaker.strip() else UNATTRIBUTED


def quotes_by_speaker(quotes: list[Quote]) -> list[tuple[str, list[tuple[int, Quote]]]]:
    """Quotes grouped by speaker, speakers in order of first quote; each quote keeps its index."""
    groups: dict[str, list[tuple[int, Quote]]] = {}
    for index, quote in enumerate(quotes):
        groups.setdefault(speaker_label(quote), []).append((index, quote))
    return list(groups.items())


def speaker_role(items: list[tuple[int, Quote]]) -> str | None:
    """The first role given for a speaker: the model repeats it, or gives it once."""
    for _, quote in items:
        if quote.speaker_role and quote.speaker_role.strip():
            return quote.speaker_role.strip()
    return None


def valid_span(span: Span | None, length: int) -> tuple[int, int] | None:
    """The span as a pair when it lies inside a text of `length` characters and is not empty."""
    if span is None or not 0 <= span.start < span.end <= length:
        return None
    return span.start, span.end


def format_value(value: float | None) -> str:
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"
