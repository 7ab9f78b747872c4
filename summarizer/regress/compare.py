"""What changed between a golden result and a new one, one readable line per change."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from summarizer.models import Quote, Result, Span, Statistic

Area = Literal["quotes", "statistics", "event", "summary", "verification", "provenance", "case"]
AREAS_SHOWN: tuple[Area, ...] = ("quotes", "statistics", "event", "verification")


@dataclass(frozen=True)
class Change:
    area: Area
    kind: Literal["added", "removed", "changed"]
    detail: str


def compare(expected: Result, actual: Result, *, tolerant: bool = False) -> list[Change]:
    """What changed from the golden result, one readable line per change.

    tolerant: for a live run against a model; quotes are matched by span overlap and only
    missing/extra quotes and speaker changes count, statistics are matched by value, and the
    free-text fields (headline, summary, event what/who/where) are not compared.
    """
    changes: list[Change] = []
    if expected.article.text != actual.article.text:
        changes.append(Change("case", "changed", "the article text differs from the golden's"))
    changes += _quote_changes(expected.summary.quotes, actual.summary.quotes, tolerant)
    changes += _statistic_changes(expected.summary.statistics, actual.summary.statistics, tolerant)
    changes += _event_changes(expected, actual, tolerant)
    changes += _verification_changes(expected, actual, tolerant)
    if not tolerant:
        for name in ("headline", "summary"):
            a, b = getattr(expected.summary, name), getattr(actual.summary, name)
            if a != b:
                changes.append(Change("summary", "changed", f"{name} changed: {_q(a)} -> {_q(b)}"))
        changes += _provenance_changes(expected, actual)
    return changes


def _q(text: str | None, limit: int = 90) -> str:
    if text is None:
        return "null"
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _overlap(a: Span | None, b: Span | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _pair(
    old: Sequence[Any],
    new: Sequence[Any],
    tests: Sequence[Callable[[Any, Any], bool]],
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair items by the first test that holds, in order of strictness."""
    pairs: list[tuple[int, int]] = []
    free_old = list(range(len(old)))
    free_new = list(range(len(new)))
    for test in tests:
        for i in list(free_old):
            j = next((j for j in free_new if test(old[i], new[j])), None)
            if j is not None:
                pairs.append((i, j))
                free_old.remove(i)
                free_new.remove(j)
    return sorted(pairs), free_old, free_new


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _quote_label(quote: Quote) -> str:
    return f"{_q(quote.text, 70)} ({quote.speaker or 'no speaker'})"


def _quote_changes(old: list[Quote], new: list[Quote], tolerant: bool) -> list[Change]:
    tests: list[Callable[[Any, Any], bool]]
    if tolerant:
        tests = [
            lambda a, b: _overlap(a.span, b.span) > 0,
            lambda a, b: _words(a.text) in _words(b.text) or _words(b.text) in _words(a.text),
        ]
    else:
        tests = [
            lambda a, b: a.text == b.text and a.span == b.span,
            lambda a, b: a.text == b.text,
            lambda a, b: _overlap(a.span, b.span) > 0,
            lambda a, b: _similar(a.text, b.text) >= 0.6,
        ]
    pairs, removed, added = _pair(old, new, tests)
    changes: list[Change] = []
    for i in removed:
        changes.append(Change("quotes", "removed", f"quote removed: {_quote_label(old[i])}"))
    for j in added:
        changes.append(Change("quotes", "added", f"quote added: {_quote_label(new[j])}"))
    for i, j in pairs:
        a, b = old[i], new[j]
        where = f"quote {_q(a.text, 50)}"
        if not _same_speaker(a.speaker, b.speaker, tolerant):
            changes.append(
                Change(
                    "quotes",
                    "changed",
                    f"{where}: speaker changed: {_q(a.speaker)} -> {_q(b.speaker)}",
                )
            )
        if tolerant:
            continue
        if a.text != b.text:
            changes.append(
                Change("quotes", "changed", f"quote text changed: {_q(a.text)} -> {_q(b.text)}")
            )
        for name in ("speaker_role", "kind", "status", "span"):
            va, vb = getattr(a, name), getattr(b, name)
            if va != vb:
                changes.append(
                    Change("quotes", "changed", f"{where}: {name} changed: {_v(va)} -> {_v(vb)}")
                )
    return changes


def _v(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, float):
        return f"{value:g}" if not value.is_integer() else str(int(value))
    if hasattr(value, "start") and hasattr(value, "end"):
        return f"{value.start}-{value.end}"
    return _q(value) if isinstance(value, str) else str(value)


def _same_speaker(a: str | None, b: str | None, tolerant: bool) -> bool:
    if a == b:
        return True
    if not tolerant or a is None or b is None:
        return False
    # "Homan" for "Tom Homan" is the same speaker; any shared name word counts.
    wa, wb = set(_words(a).split()), set(_words(b).split())
    return bool({w for w in wa & wb if len(w) > 2})


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _stat_label(stat: Statistic) -> str:
    return f"{_q(stat.text, 40)} ({stat.describes})"


def _statistic_changes(old: list[Statistic], new: list[Statistic], tolerant: bool) -> list[Change]:
    tests: list[Callable[[Any, Any], bool]]
    if tolerant:
        tests = [
            lambda a, b: _close(a.value, b.value),
            lambda a, b: a.value is None and b.value is None and _words(a.text) == _words(b.text),
        ]
    else:
        tests = [
            lambda a, b: a.text == b.text and a.span == b.span and a.describes == b.describes,
            lambda a, b: a.text == b.text and a.span == b.span,
            lambda a, b: a.text == b.text and a.describes == b.describes,
            lambda a, b: _overlap(a.span, b.span) > 0,
            lambda a, b: a.describes == b.describes,
        ]
    pairs, removed, added = _pair(old, new, tests)
    changes: list[Change] = []
    for i in removed:
        changes.append(Change("statistics", "removed", f"statistic removed: {_stat_label(old[i])}"))
    for j in added:
        changes.append(Change("statistics", "added", f"statistic added: {_stat_label(new[j])}"))
    if tolerant:
        return changes
    for i, j in pairs:
        a, b = old[i], new[j]
        where = f"statistic {_stat_label(a)}"
        if not (a.value == b.value or _close(a.value, b.value)):
            changes.append(
                Change(
                    "statistics",
                    "changed",
                    f"{where}: value changed: {_v(a.value)} -> {_v(b.value)}",
                )
            )
        # Every other field of the contract's Statistic: one that is added is compared too.
        for name in Statistic.model_fields:
            if name == "value":
                continue
            va, vb = getattr(a, name), getattr(b, name)
            if va != vb:
                changes.append(
                    Change(
                        "statistics", "changed", f"{where}: {name} changed: {_v(va)} -> {_v(vb)}"
                    )
                )
    return changes


def _event_changes(expected: Result, actual: Result, tolerant: bool) -> list[Change]:
    a, b = expected.summary.event, actual.summary.event
    changes: list[Change] = []
    scalars = ("date",) if tolerant else ("what", "when", "date")
    for name in scalars:
        va, vb = getattr(a, name), getattr(b, name)
        if va != vb:
            changes.append(
                Change("event", "changed", f"event.{name} changed: {_q(va)} -> {_q(vb)}")
            )
    if tolerant:
        return changes
    for name in ("who", "where"):
        old, new = getattr(a, name), getattr(b, name)
        for item in old:
            if item not in new:
                changes.append(Change("event", "removed", f"event.{name} lost {_q(item)}"))
        for item in new:
            if item not in old:
                changes.append(Change("event", "added", f"event.{name} gained {_q(item)}"))
        if sorted(old) == sorted(new) and old != new:
            changes.append(Change("event", "changed", f"event.{name} reordered"))
    return changes


def _verification_changes(expected: Result, actual: Result, tolerant: bool) -> list[Change]:
    a, b = expected.verification, actual.verification
    changes: list[Change] = []
    if a.passed != b.passed:
        changes.append(
            Change(
                "verification",
                "changed",
                f"verification {'passed' if a.passed else 'failed'} -> "
                f"{'passed' if b.passed else 'failed'}",
            )
        )
    if tolerant:
        return changes
    for name, va in a.counts.model_dump().items():
        vb = getattr(b.counts, name)
        if va != vb:
            changes.append(Change("verification", "changed", f"counts.{name}: {va} -> {vb}"))
    old_issues = {(i.severity, i.path, i.message) for i in a.issues}
    new_issues = {(i.severity, i.path, i.message) for i in b.issues}
    for severity, path, message in sorted(old_issues - new_issues):
        changes.append(
            Change("verification", "removed", f"issue gone: {severity} {path}: {_q(message)}")
        )
    for severity, path, message in sorted(new_issues - old_issues):
        changes.append(
            Change("verification", "added", f"new issue: {severity} {path}: {_q(message)}")
        )
    old_missed = {m.text for m in a.missed_quotes}
    new_missed = {m.text for m in b.missed_quotes}
    for text in sorted(new_missed - old_missed):
        changes.append(Change("verification", "added", f"quote now missed: {_q(text)}"))
    for text in sorted(old_missed - new_missed):
        changes.append(Change("verification", "removed", f"quote no longer missed: {_q(text)}"))
    return changes


def _provenance_changes(expected: Result, actual: Result) -> list[Change]:
    a, b = expected.provenance, actual.provenance
    changes: list[Change] = []
    for name in ("engine", "model", "prompt_sha256", "attempts", "usage"):
        va, vb = getattr(a, name), getattr(b, name)
        if va != vb:
            if name == "usage":
                va = va.total_tokens if va else None
                vb = vb.total_tokens if vb else None
                name = "usage.total_tokens"
            changes.append(Change("provenance", "changed", f"{name} changed: {va} -> {vb}"))
    return changes
