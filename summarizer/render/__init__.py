"""Human-readable renderings of a `Result`: Markdown, a self-contained HTML page, a terminal view.

The terminal view imports rich, so it is loaded only when asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.render.html import to_html
from summarizer.render.markdown import to_markdown

if TYPE_CHECKING:
    from rich.console import Console

    from summarizer.models import Result

__all__ = ["render_terminal", "to_html", "to_markdown"]


def render_terminal(result: Result, console: Console) -> None:
    from summarizer.render.terminal import render_terminal as render

    render(result, console)
