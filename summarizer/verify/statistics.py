"""Is a statistic's number in the article, and is its value the article's value there?

Grounded when its text is found as a whole number (not inside a longer one) and its `value`
equals the article's value there. The number as written ("$1.2 billion" given as 1.2) and a
percentage given as a fraction (0.12 for "12%") are accepted with a warning. A claimed `high`
must be the high end the article gives there ("$89 to $93 billion"), else it is an error too.
`evidence_fields` is what the article says of the number at the grounded span (kind, currency,
range, hedges), with which verification completes a statistic the model left short.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from summarizer.evidence.align import UNVERIFIED, Alignment, TextIndex
from summarizer.evidence.numbers import StatisticFields, parse_value, statistic_fields
from summarizer.evidence.types import NumberMention
from summarizer.models import Issue, Statistic
from summarizer.verify.messages import clip, fmt_value

__all__ = ["NumberIndex", "check_statistic", "evidence_fields"]


class NumberIndex:
    """The evidence layer's numbers of one text, indexed once for all statistics of a summary:
    by text, by span, and by position. A summary's S statistics then cost S lookups each, not S
    passes over the N numbers (quadratic on long summaries of long articles)."""

    __slots__ = ("numbers", "_by_text", "_by_span", "_order", "_starts", "_longest")

    def __init__(self, numbers: Sequence[NumberMention]) -> None:
        self.numbers = tuple(numbers)
        self._by_text: dict[str, list[tuple[int, int]]] = {}
        self._by_span: dict[tuple[int, int], NumberMention] = {}
        for n in self.numbers:
            self._by_text.setdefault(n.text, []).append((n.start, n.end))
            self._by_span.setdefault((n.start, n.end), n)
        self._order = sorted(range(len(self.numbers)), key=lambda k: self.numbers[k].start)
        self._starts = [self.numbers[k].start for k in self._order]
        self._longest = max((n.end - n.start for n in self.numbers), default=0)

    def spans_of(self, text: str) -> list[tuple[int, int]]:
        """The spans of the numbers written exactly `text`, in their order."""
        return self._by_text.get(text, [])

    def at(self, span: tuple[int, int]) -> NumberMention | None:
        """The first number at exactly this span."""
        return self._by_span.get(span)

    def overlapping(self, span: tuple[int, int]) -> list[NumberMention]:
        """The numbers overlapping `span`, in their order."""
        lo = bisect_left(self._starts, span[0] - self._longest)
        hi = bisect_left(self._starts, span[1])
        found = sorted(k for k in self._order[lo:hi] if self.numbers[k].end > span[0])
        return [self.numbers[k] for k in found]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _number_bounded(text: str, start: int, end: int) -> bool:
    """The span is a whole number: not part of a longer one ("498" inside "4,498" or "1498",
    "4" inside "4.5"). A letter may follow ("30,000e-mails", "5kg") but not precede ("A380")."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum() and text[start].isalnum():
            return False
        if before in ",." and start > 1 and text[start - 2].isdigit() and text[start].isdigit():
            return False
    if end < len(text):
        after = text[end]
        if after.isdigit() and text[end - 1].isdigit():
            return False
        if after.isalpha() and text[end - 1].isalpha():
            return False
        if (
            after in ",."
            and end + 1 < len(text)
            and text[end + 1].isdigit()
            and text[end - 1].isdigit()
        ):
            return False
    return True


# Runs of digits, and runs of the other letters and numerals (\w less digits and "_"): what a
# whole number's words start with.
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_LEAD = re.compile(r"[^\w]*")
# Two paths stay, for speed: indexing the text's runs costs more than the searches it saves
# until the text is long (callgrind, every statistic of a dev summary: 5 KB articles 1.0-1.5 M
# instructions searched directly, 5-6.5 M indexed; 300 KB joined, 699 M direct, 445 M indexed,
# and the direct search grows as statistics x text). Both find the same places (a test).
_LONG_TEXT = 20_000


@lru_cache(maxsize=8)
def _tokens(text: str) -> dict[str, list[int]] | None:
    """Where each run of `_TOKEN` of `text` starts, by its text, in order; None when the text
    holds a numeral that is neither a letter nor a digit ("²", "½"): around those the runs do
    not tell where a whole number can stand."""
    if any(c.isalnum() and not c.isalpha() and not c.isdecimal() for c in set(text)):
        return None
    out: dict[str, list[int]] = {}
    for m in _TOKEN.finditer(text):
        out.setdefault(m.group(), []).append(m.start())
    return out


def _whole_at(text: str, needle: str) -> list[int]:
    """Where `needle` stands whole in `text` (at most 50 places, in order)."""
    found: list[int] = []
    runs = _tokens(text) if len(text) > _LONG_TEXT else None
    # (The needle's first run is read only for a long text's index of runs.)
    lead = _LEAD.match(needle) if runs is not None else None
    skip = lead.end() if lead is not None else 0
    first = _TOKEN.match(needle, skip) if runs is not None else None
    if runs is not None and first is not None and first.start() == skip:
        # A whole number has no letter or digit before it, nor one of the same kind after
        # its first run of letters or digits: that run is a run of the text too (the text has
        # no "²" to blur the kinds). Only those places are tried, not every place the needle's
        # text occurs: a search of the whole text for each statistic made a long summary of a
        # long article statistics x text.
        places = runs.get(first.group(), [])
        for run_at in places:
            at = run_at - skip
            if at >= 0 and text.startswith(needle, at):
                if _number_bounded(text, at, at + len(needle)):
                    found.append(at)
                    if len(found) >= 50:
                        break
        return found
    at = text.find(needle)
    while at >= 0 and len(found) < 50:
        if _number_bounded(text, at, at + len(needle)):
            found.append(at)
        at = text.find(needle, at + 1)
    return found


def _occurrences(
    index: TextIndex, needle: str, numbers: NumberIndex
) -> list[tuple[tuple[int, int], bool]]:
    """Every (span, is_exact) where the number text stands whole in the article, or where the
    evidence layer read exactly this number."""
    text = index.text
    found = [((at, at + len(needle)), True) for at in _whole_at(text, needle)]
    seen = {span for span, _ in found}
    found.extend((span, True) for span in numbers.spans_of(needle) if span not in seen)
    if found:
        return sorted(found)
    from summarizer.evidence.normalize import normalize_str

    norm = index.normalized
    target = normalize_str(needle)
    if not target.strip():
        return found
    at = norm.text.find(target)
    while at >= 0 and len(found) < 50:
        span = norm.span_to_original(at, at + len(target))
        if _number_bounded(text, *span):
            found.append((span, False))
        at = norm.text.find(target, at + 1)
    return found


def _values_at(span: tuple[int, int], numbers: NumberIndex, needle: str) -> list[float]:
    values: list[float] = []
    for n in numbers.overlapping(span):
        if n.value is not None:
            values.append(n.value)
        if n.high is not None:
            values.append(n.high)
    if not values:
        # The evidence layer saw no number here; read the claim's own text the same way.
        fallback = parse_value(needle)
        if fallback is not None:
            values.append(fallback)
    return values


_BARE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _as_written(s: str) -> float | None:
    """The bare number in a text ("$1.2 billion" -> 1.2), for values given without scale."""
    found = _BARE_NUMBER.search(s)
    if found is None:
        return None
    try:
        return float(found.group().replace(",", ""))
    except ValueError:
        return None


def _is_percent(text: str, span: tuple[int, int]) -> bool:
    around = text[span[0] : span[1] + 12].lower()
    return "%" in around or "percent" in around or "per cent" in around


def _found(span: tuple[int, int], exact: bool) -> Alignment:
    return Alignment(span, "exact" if exact else "normalized", 1.0)


def check_statistic(
    i: int, stat: Statistic, index: TextIndex, numbers: NumberIndex
) -> tuple[Alignment, list[Issue]]:
    """Where the statistic's number stands and whether its value is the article's there."""
    text = index.text
    path = f"statistics[{i}]"
    needle = stat.text.strip().strip("\"“”'‘’")
    occurrences = _occurrences(index, needle, numbers) if needle else []
    if not occurrences:
        message = f'{path}: "{clip(needle, 80)}" is not in the article'
        return UNVERIFIED, [Issue(severity="error", path=path, message=message)]
    if stat.value is None:
        return _found(*occurrences[0]), []
    claimed = stat.value
    written: float | None = None  # read once a value differs: most statistics match at once
    loose: tuple[tuple[int, int], bool, str, list[float]] | None = None
    for k, (span, exact) in enumerate(occurrences):
        values = _values_at(span, numbers, needle)
        if any(_close(claimed, v) for v in values):
            return _found(span, exact), _check_high(path, stat, span, numbers)
        if k == 0:
            written = _as_written(needle)
        if loose is None:
            if written is not None and _close(claimed, written):
                loose = (span, exact, "the number as written, without its scale", values)
            elif any(_close(claimed * 100, v) for v in values) and _is_percent(text, span):
                loose = (span, exact, "a fraction of the article's percentage", values)
    if loose is not None:
        span, exact, why, values = loose
        shown = fmt_value(values[0]) if values else needle
        message = f"{path}: value {fmt_value(claimed)} is {why}; the article's value is {shown}"
        return _found(span, exact), [
            Issue(severity="warning", path=f"{path}.value", message=message)
        ]
    span, exact = occurrences[0]
    values = _values_at(span, numbers, needle)
    there = text[span[0] : span[1]]
    if values and fmt_value(values[0]) != there:
        there = f'{there}" (= {fmt_value(values[0])})'
    else:
        there += '"'
    message = f"{path}: value {fmt_value(claimed)} does not match the article's \"{there}"
    return _found(span, exact), [Issue(severity="error", path=f"{path}.value", message=message)]


def _check_high(
    path: str, stat: Statistic, span: tuple[int, int], numbers: NumberIndex
) -> list[Issue]:
    """A claimed high end must be the article's high end of the range at `span`."""
    if stat.high is None:
        return []
    highs = [n.high for n in numbers.overlapping(span) if n.high is not None]
    if any(_close(stat.high, h) for h in highs):
        return []
    if highs:
        why = f"the article's range ends at {fmt_value(highs[0])}"
    else:
        why = "the article gives no range there"
    message = f"{path}: high {fmt_value(stat.high)} does not match: {why}"
    return [Issue(severity="error", path=f"{path}.high", message=message)]


def evidence_fields(span: tuple[int, int] | None, numbers: NumberIndex) -> StatisticFields | None:
    """What the evidence layer read at exactly this span, or None."""
    found = numbers.at(span) if span is not None else None
    return statistic_fields(found) if found is not None else None
