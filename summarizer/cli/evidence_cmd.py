"""`summarizer evidence`: what the evidence layer found in an article, and why."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer


def evidence(
    article: Annotated[
        str,
        typer.Argument(
            help="The article: a text or HTML file, a URL, or - for stdin.", show_default=False
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (the default when stdout is not a terminal).")
    ] = False,
) -> None:
    """Show the quoted passages (kind, speaker, cue) and numbers the evidence layer finds."""
    from summarizer.errors import InputError
    from summarizer.evidence import report as evidence_report
    from summarizer.inputs import iter_sources

    source = next(iter_sources([article]))
    if source.article is None:
        raise InputError(source.error or f"{article}: cannot be read")
    report = evidence_report(source.article.text)
    if as_json or not sys.stdout.isatty():
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from summarizer.render.evidence import render_evidence

    render_evidence(report, Console())
