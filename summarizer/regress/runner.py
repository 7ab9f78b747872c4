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

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from summarizer.errors import InputError, SummarizerError
from summarizer.models import Result
from summarizer.regress.cases import Case, find_cases, load_article, run_case
from summarizer.regress.compare import Change, compare
from summarizer.regress.record import record_case

if TYPE_CHECKING:
    from summarizer.config import Settings


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


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
