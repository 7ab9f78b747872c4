"""Coverage: the article's direct quotes a summary left out.

A multi-paragraph quote counts once (its continuation paragraphs are not counted), and a direct
quote is missed when no quote's span overlaps it (or any paragraph of it); missed quotes are a
warning, since a summary may choose its quotes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from summarizer.evidence.types import QuotedPassage
from summarizer.models import MissedQuote

__all__ = ["missed_quotes"]


def _groups(passages: Iterable[QuotedPassage]) -> list[list[QuotedPassage]]:
    """Passages with their continuation paragraphs, in text order."""
    groups: list[list[QuotedPassage]] = []
    for p in sorted(passages, key=lambda p: p.start):
        if p.continues and groups:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def missed_quotes(
    text: str, passages: Sequence[QuotedPassage], spans: Sequence[tuple[int, int]]
) -> list[MissedQuote]:
    missed: list[MissedQuote] = []
    for group in _groups(p for p in passages if p.kind != "term"):
        if group[0].kind != "direct":
            continue
        covered = any(s < p.end and p.start < e for p in group for s, e in spans)
        if not covered:
            start, end = group[0].start, group[-1].end
            missed.append(MissedQuote(start=start, end=end, text=text[start:end]))
    return missed
