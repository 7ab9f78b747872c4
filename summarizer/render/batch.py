"""The lines a batch run ends with on stderr: each failure (unless written to a file), a total."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.batch import BatchReport


def batch_lines(report: BatchReport) -> list[str]:
    lines = []
    if report.errors_path is None:
        for failure in report.failures:
            where = "" if failure.message.startswith(failure.name) else f"{failure.name}: "
            lines.append(f"Error: {where}{failure.message}")
    lines.append(f"summarizer: {report.summary_line()}")
    return lines
