"""The regress report as a table, then one block of readable changes per case that differs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.regress.compare import AREAS_SHOWN, Area, Change

if TYPE_CHECKING:
    from summarizer.regress.runner import CaseReport, Report


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
