"""Where a quote stands when its words stand more than once, or are not verbatim."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from summarizer.evidence.align import Alignment, TextIndex
from summarizer.models import Quote

__all__ = ["VERBATIM", "placed"]

VERBATIM = ("exact", "normalized")


def _overlaps_any(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _window(anchors: Sequence[tuple[int, int] | None], i: int, size: int) -> tuple[int, int]:
    """Between the spans of the nearest anchored quotes before and after quote `i`."""
    lo = next((s[1] for s in reversed(anchors[:i]) if s is not None), 0)
    hi = next((s[0] for s in anchors[i + 1 :] if s is not None), size)
    return lo, hi


def placed(
    index: TextIndex,
    found: list[Alignment],
    quotes: Sequence[Quote],
    prefer: Sequence[tuple[int, int]],
) -> list[Alignment]:
    """A second look at the quotes, each in the light of the others.

    A summary lists its quotes in the article's order, and the quotes found verbatim claim
    their passages; so a quote most likely stands between the spans of the quotes before and
    after it (its window), outside every claimed span. Two uses:
    - a verbatim quote whose words stand more than once (a headline and the body; a phrase
      quoted twice) is taken at the occurrence in its window, so that it claims the right one;
    - a quote that is not verbatim is looked for again in its window (`align_within`): a
      one-word quote with its word changed keeps nothing to find but its place, and a near
      match may stand twice too. What `align` found elsewhere is kept when the window offers
      nothing as good, and when the neighbours are out of order the window is empty.
    The neighbours only anchor a window where they are sure: a quote standing once, or one
    already placed in its own window.
    """
    if all(a.status in VERBATIM and not a.alternatives for a in found):
        return found  # the common case costs nothing
    size = len(index.text)
    out = list(found)
    anchors: list[tuple[int, int] | None] = [
        a.span if a.status in VERBATIM and not a.alternatives else None for a in found
    ]
    taken = {i: a.span for i, a in enumerate(found) if a.status in VERBATIM and a.span}
    for i, current in enumerate(found):
        if current.status not in VERBATIM or not current.alternatives or current.span is None:
            continue
        lo, hi = _window(anchors, i, size)
        # What the quotes before this one took, and the sure ones after it: a later quote's
        # first guess is no claim yet (it chooses next, around this one's choice).
        others = [s for k, s in taken.items() if k < i or (k > i and anchors[k] is not None)]
        options = (current.span, *current.alternatives)
        chosen = next(
            (
                span
                for span in options
                if lo <= span[0] and span[1] <= hi and not _overlaps_any(span, others)
            ),
            None,
        )
        if chosen is None:
            continue
        anchors[i] = taken[i] = chosen
        if chosen != current.span:
            rest = tuple(span for span in options if span != chosen)
            out[i] = Alignment(chosen, current.status, current.score, rest)
    for i, current in enumerate(found):
        if current.status in VERBATIM:
            continue
        lo, hi = _window(anchors, i, size)
        if lo >= hi:
            continue  # the neighbours are out of order: no telling where this one stands
        span = current.span
        claimed = list(taken.values())
        fits = (
            span is not None
            and lo <= span[0]
            and span[1] <= hi
            and not _overlaps_any(span, claimed)
        )
        if not fits:
            again = index.align_within(quotes[i].text, (lo, hi), prefer=prefer, taken=claimed)
            if again.span is not None and (span is None or again.score >= current.score):
                out[i] = current = again
                fits = True
        if fits and current.span is not None:
            anchors[i] = taken[i] = current.span
    return out
