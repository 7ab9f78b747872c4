"""Renderings of results: JSON / JSONL / Markdown / HTML text (`results`), the batch's closing
lines (`batch`), a terminal view, the check report.

Nothing is imported here eagerly: the CLI imports `render.results` for its `Format` choices on
the `--help` path, which must not load pydantic or rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.lazy import lazy_exports

if TYPE_CHECKING:
    from rich.console import Console

    from summarizer.models import Result

__all__ = ["render_terminal", "to_html", "to_markdown"]


__getattr__ = lazy_exports(
    __name__, {"to_html": "summarizer.render.html", "to_markdown": "summarizer.render.markdown"}
)


def render_terminal(result: Result, console: Console) -> None:
    from summarizer.render.terminal import render_terminal as render

    render(result, console)
