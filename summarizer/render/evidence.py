"""`summarizer evidence` on a terminal: the passages and numbers found, as two rich tables.

Article text goes in as `Text` objects, never markup, so brackets in an article stay text.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["render_evidence"]

_WIDTH = 90  # characters of a passage shown; --json has the rest


def _short(text: str, width: int = _WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _cell(value: object) -> Text:
    return Text("" if value is None else str(value))


def render_evidence(report: dict[str, Any], console: Console) -> None:
    passages = Table(title=f"Quoted passages ({len(report['passages'])})", show_lines=False)
    for column in ("id", "kind", "passage", "speaker", "as written", "cue", "group"):
        passages.add_column(column, overflow="fold")
    for p in report["passages"]:
        written = p["speaker_as_written"]
        if written and p["speaker_span"]:
            written = f"{written} @{p['speaker_span'][0]}"
        group = f"{p['group']}{' (cont.)' if p['continues'] else ''}"
        passages.add_row(
            _cell(p["id"]),
            _cell(p["kind"]),
            _cell(_short(p["text"])),
            _cell(p["speaker"]),
            _cell(written),
            _cell(p["cue"]),
            _cell(group),
        )
    console.print(passages)
    numbers = Table(title=f"Numbers ({len(report['numbers'])})")
    for column in ("id", "text", "value", "high", "unit", "kind", "note"):
        numbers.add_column(column, overflow="fold")
    for n in report["numbers"]:
        numbers.add_row(
            *(_cell(n[k]) for k in ("id", "text", "value", "high", "unit", "kind", "note"))
        )
    console.print(numbers)
