"""Renderings of results: JSON / JSONL / Markdown / HTML text (`results`), the batch's closing
lines (`batch`), a terminal view, the check report.

Nothing is imported here eagerly: the CLI imports `render.results` for its `Format` choices on
the `--help` path, which must not load pydantic or rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from summarizer.models import Result

__all__ = ["render_terminal", "to_html", "to_markdown"]


def __getattr__(name: str) -> Any:
    if name == "to_html":
        from summarizer.render.html import to_html

        return to_html
    if name == "to_markdown":
        from summarizer.render.markdown import to_markdown

        return to_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_terminal(result: Result, console: Console) -> None:
    from summarizer.render.terminal import render_terminal as render

    render(result, console)
