"""Regression tests over recorded model responses: replay every case, diff against its golden.

Layout of a fixtures folder (the default is `fixtures/`):

    articles/NAME.txt                  the article (read the way `summarizer summarize` reads it)
    responses/NAME.LABEL.json          a cassette; the case is its stem, `NAME.LABEL`
    expected/NAME.LABEL.json           the golden Result for that case
    answers/NAME.LABEL.json            for handwritten cases: the answer the cassette serves

An article may have several cassettes (one per model, one handwritten): each is a case.
`LABEL` says where the answer came from, e.g. `handwritten` or `smollm2-135m`; a cassette whose
answer was not produced by a model has `handwritten` in its name and its header.

- `regress(root)` replays each cassette with the settings it was recorded with and compares.
- `update=True` rewrites the golden files from what was produced.
- `record=True` re-records first: handwritten cassettes through the fake server with their
  answer (after a prompt change, say), model cassettes against the configured model.
- `live=True` runs each article against the configured model instead, and compares with
  tolerance: quotes matched by span overlap, statistics by value.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from summarizer.errors import InputError, SummarizerError
from summarizer.models import Article, Quote, Result, Span, Statistic

if TYPE_CHECKING:
    from summarizer.config import Settings

Area = Literal["quotes", "statistics", "event", "summary", "verification", "provenance", "case"]
AREAS_SHOWN: tuple[Area, ...] = ("quotes", "statistics", "event", "verification")


@dataclass(frozen=True)
class Case:
    name: str
    article: Path | None
    cassette: Path
    expected: Path
    answer: Path | None = None


@dataclass(frozen=True)
class Change:
    area: Area
    kind: Literal["added", "removed", "changed"]
    detail: str


@dataclass
class CaseReport:
    case: Case
    changes: list[Change] = field(default_factory=list)
    error: str | None = None
    result: Result | None = None
    updated: bool = False
    note: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.changes


@dataclass
class Report:
    root: Path
    mode: Literal["replay", "record", "live"]
    cases: list[CaseReport]
    updated: bool = False

    @property
    def ok(self) -> bool:
        if any(c.error for c in self.cases):
            return False
        return self.updated or all(c.ok for c in self.cases)


# --- finding the cases ----------------------------------------------------------------------


def find_cases(root: Path) -> list[Case]:
    if not root.is_dir():
        raise InputError(f"{root}: no such fixtures folder")
    articles_dir = root / "articles"
    if not articles_dir.is_dir():
        raise InputError(f"{root}: no articles/ folder (see `summarizer regress --help`)")
    articles = sorted(p for p in articles_dir.iterdir() if p.is_file())
    names = {p.stem for p in (root / "responses").glob("*.json")}
    names |= {p.stem for p in (root / "answers").glob("*.json")}
    cases = []
    for name in sorted(names):
        answer = root / "answers" / f"{name}.json"
        cases.append(
            Case(
                name=name,
                article=_article_for(name, articles),
                cassette=root / "responses" / f"{name}.json",
                expected=root / "expected" / f"{name}.json",
                answer=answer if answer.is_file() else None,
            )
        )
    return cases


def _article_for(case: str, articles: Sequence[Path]) -> Path | None:
    """The article whose stem is the longest `STEM.` prefix of the case name."""
    fitting = [a for a in articles if case == a.stem or case.startswith(a.stem + ".")]
    return max(fitting, key=lambda a: len(a.stem)) if fitting else None


def load_article(path: Path) -> Article:
    from summarizer.inputs import iter_sources

    [source] = list(iter_sources([str(path)]))
    if source.article is None:
        raise InputError(source.error or f"{path}: cannot be read")
    return source.article


# --- running --------------------------------------------------------------------------------


def replay_settings(cassette: Path) -> Settings:
    """Settings that send exactly what the cassette recorded."""
    from summarizer.config import Settings
    from summarizer.replay import Cassette
    from summarizer.testing import recorded_settings

    recorded = recorded_settings(Cassette.load(cassette).header)
    return Settings(engine="llm", replay=cassette).with_(**recorded)


def run_case(case: Case) -> Result:
    from summarizer.api import summarize

    if case.article is None:
        raise InputError(f"no article for case {case.name} in articles/ (NAME.txt for NAME.*)")
    if not case.cassette.is_file():
        raise InputError(f"{case.cassette}: no cassette (make it with --record)")
    return summarize(load_article(case.article), settings=replay_settings(case.cassette))


def record_case(case: Case, live_settings: Settings | None) -> str:
    """Re-record a case's cassette; returns what was done, for the report."""
    from summarizer.replay import Cassette, fresh_recording, handwritten_answer, record_handwritten
    from summarizer.testing import recorded_settings

    if case.article is None:
        raise InputError(f"no article for case {case.name}")
    existing = Cassette.load(case.cassette) if case.cassette.is_file() else None
    handwritten = "handwritten" in case.name or (
        existing is not None and existing.origin == "handwritten"
    )
    if handwritten:
        answer: dict[str, Any] | None
        if case.answer is not None:
            answer = json.loads(case.answer.read_text(encoding="utf-8"))
        else:
            answer = handwritten_answer(existing) if existing else None
        if not isinstance(answer, dict):
            raise InputError(f"{case.name}: no handwritten answer (answers/{case.name}.json)")
        note = str(existing.header.get("note", "")) if existing else ""
        # Re-record with the settings the case was made with (its strategy, say), not today's
        # defaults: a case pins down one path through the pipeline.
        base = None
        if existing is not None:
            from summarizer.config import Settings

            recorded = recorded_settings(existing.header)
            recorded.pop("base_url", None)
            base = Settings(model="handwritten", mode="tools").with_(**recorded)
        record_handwritten(case.article, answer, case.cassette, note=note, settings=base)
        return "re-recorded (handwritten, through the fake server)"
    if live_settings is None or not live_settings.llm_configured:
        raise InputError(
            f"{case.name}: re-recording a model cassette needs a model: set --base-url or "
            "OPENAI_API_KEY"
        )
    from summarizer.api import summarize

    recorded = recorded_settings(existing.header) if existing else {}
    recorded.pop("base_url", None)
    settings = live_settings.with_(**recorded).with_(
        engine="llm", record=case.cassette, replay=None
    )
    with fresh_recording(case.cassette):
        summarize(load_article(case.article), settings=settings)
    return f"re-recorded from {settings.model}"


def regress(
    root: Path,
    *,
    update: bool = False,
    record: bool = False,
    live: bool = False,
    settings: Settings | None = None,
    only: Callable[[Case], bool] | None = None,
) -> Report:
    """Replay (or re-record, or run live) every case under `root` and compare with its golden."""
    from summarizer.output import atomic_write_text

    if live and (update or record):
        raise InputError(
            "--live compares with tolerance; it cannot be combined with --update or --record"
        )
    cases = [c for c in find_cases(root) if only is None or only(c)]
    if live:
        return _live(root, cases, settings)
    reports: list[CaseReport] = []
    for case in cases:
        report = CaseReport(case=case)
        reports.append(report)
        try:
            if record:
                report.note = record_case(case, settings)
            result = run_case(case)
        except SummarizerError as exc:
            report.error = str(exc)
            continue
        report.result = result
        expected = _load_expected(case, report)
        if expected is not None:
            report.changes = compare(expected, result)
        elif report.error is None:
            report.changes = [Change("case", "added", "no golden file yet")]
        if update and report.changes:
            atomic_write_text(case.expected, result.model_dump_json(indent=2) + "\n")
            report.updated = True
    return Report(root=root, mode="record" if record else "replay", cases=reports, updated=update)


def _load_expected(case: Case, report: CaseReport) -> Result | None:
    if not case.expected.is_file():
        return None
    try:
        return Result.model_validate_json(case.expected.read_text(encoding="utf-8"))
    except ValueError as exc:
        report.error = f"{case.expected}: not a valid result ({_first_line(exc)})"
        return None


def _live(root: Path, cases: list[Case], settings: Settings | None) -> Report:
    from summarizer.api import summarize
    from summarizer.config import Settings

    s = settings or Settings.resolve()
    if not s.llm_configured:
        raise InputError("--live needs a model: set --base-url or OPENAI_API_KEY")
    s = s.with_(engine="llm", replay=None, record=None)
    results: dict[Path, Result | str] = {}
    reports = []
    for case in cases:
        report = CaseReport(case=case)
        reports.append(report)
        if case.article is None:
            report.error = f"no article for case {case.name}"
            continue
        if case.article not in results:
            try:
                results[case.article] = summarize(load_article(case.article), settings=s)
            except SummarizerError as exc:
                results[case.article] = str(exc)
        outcome = results[case.article]
        if isinstance(outcome, str):
            report.error = outcome
            continue
        report.result = outcome
        expected = _load_expected(case, report)
        if expected is None:
            report.error = report.error or f"{case.expected}: no golden file"
            continue
        golden_model = expected.provenance.model
        if "handwritten" not in case.name and golden_model not in (None, s.model):
            # Another model's answer (a tiny local one, say) is no yardstick for this one.
            report.note = f"golden from {golden_model}, not compared with {s.model}"
            continue
        report.changes = compare(expected, outcome, tolerant=True)
    return Report(root=root, mode="live", cases=reports)


# --- comparing ------------------------------------------------------------------------------


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
        for name in (
            "text",
            "high",
            "unit",
            "kind",
            "currency",
            "approximate",
            "vague",
            "describes",
            "status",
            "span",
        ):
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


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# --- rendering ------------------------------------------------------------------------------


def _cell(changes: list[Change], area: Area) -> str:
    mine = [c for c in changes if c.area == area]
    if not mine:
        return "="
    signs = {"added": "+", "removed": "-", "changed": "~"}
    parts = []
    for kind in ("added", "removed", "changed"):
        n = sum(c.kind == kind for c in mine)
        if n:
            parts.append(f"{signs[kind]}{n}")
    return " ".join(parts)


def _status(case: CaseReport, mode: str) -> str:
    if case.error is not None:
        return "ERROR"
    if not case.changes:
        return "ok"
    if case.updated:
        return "updated"
    return "DRIFT" if mode == "live" else "CHANGED"


def render(report: Report) -> str:
    """The table, then one block of readable changes per case that differs."""
    header = ["case", "quotes", "statistics", "event", "verification", "other", "result"]
    rows = []
    for case in report.cases:
        result = case.result
        verdict = "-" if result is None else ("passed" if result.verification.passed else "failed")
        other = [c for c in case.changes if c.area not in AREAS_SHOWN]
        rows.append(
            [
                case.case.name,
                *(_cell(case.changes, area) for area in ("quotes", "statistics", "event")),
                verdict
                + (
                    ""
                    if _cell(case.changes, "verification") == "="
                    else f" ({_cell(case.changes, 'verification')})"
                ),
                "=" if not other else str(len(other)),
                _status(case, report.mode),
            ]
        )
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    for case in report.cases:
        if case.ok and not case.note:
            continue
        lines.append("")
        golden = case.case.expected
        lines.append(f"{case.case.name}  (golden: {golden})")
        if case.note:
            lines.append(f"  {case.note}")
        if case.error is not None:
            lines.extend(
                "  error: " + line if i == 0 else "    " + line
                for i, line in enumerate(case.error.splitlines())
            )
        for change in case.changes:
            lines.append(f"  {change.detail}")
    lines.append("")
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


def _summary_line(report: Report) -> str:
    total = len(report.cases)
    errors = sum(c.error is not None for c in report.cases)
    changed = sum(c.error is None and bool(c.changes) for c in report.cases)
    same = total - errors - changed
    word = {"live": "drifted", "replay": "changed", "record": "changed"}[report.mode]
    parts = [f"{total} case(s): {same} match"]
    if changed:
        parts.append(f"{changed} {word}")
    if errors:
        parts.append(f"{errors} failed to run")
    line = ", ".join(parts)
    if report.updated and changed:
        line += "; golden files updated"
    elif changed and report.mode != "live":
        line += "; read the diff, then `summarizer regress DIR --update` to accept it"
    return line
