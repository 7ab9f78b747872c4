"""Results as the text of an output format (json, jsonl, md, html), and writing it out."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from summarizer.models import Result


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    md = "md"
    html = "html"


def format_for(output: Path | None) -> Format:
    """The format an output file's suffix asks for; JSON otherwise."""
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in ("jsonl", "md", "html"):
            return Format(suffix)
    return Format.json


def render_results(results: list[Result], fmt: Format) -> str:
    if fmt is Format.jsonl:
        return "".join(r.model_dump_json() + "\n" for r in results)
    if fmt is Format.json:
        if len(results) == 1:
            return results[0].model_dump_json(indent=2) + "\n"
        import json

        return json.dumps([r.model_dump(mode="json") for r in results], indent=2) + "\n"
    if fmt is Format.md:
        from summarizer.render.markdown import to_markdown

        return "\n\n---\n\n".join(to_markdown(r) for r in results)
    from summarizer.render.html import to_html

    if len(results) > 1:
        raise ConfigError("--format html takes one article; use --out-dir for many")
    return to_html(results[0])


def emit(results: list[Result], fmt: Format, output: Path | None) -> None:
    """The rendering to `output` (written atomically), or to stdout."""
    from summarizer.output import atomic_write_text

    text = render_results(results, fmt)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(output, text)
