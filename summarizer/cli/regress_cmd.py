"""`summarizer regress`: replay the recorded cases and diff them against their golden results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.common import fail
from summarizer.config import ENV


def regress(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The fixtures folder: articles/NAME.txt, responses/NAME.LABEL.json "
            "(cassettes), expected/NAME.LABEL.json (golden results), answers/ (handwritten).",
        ),
    ] = Path("fixtures"),
    update: Annotated[
        bool, typer.Option("--update", help="Rewrite the golden files (after reading the diff).")
    ] = False,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Re-record the cassettes first: handwritten ones through the fake server "
            "(after a prompt change), model ones against the configured model.",
        ),
    ] = False,
    live: Annotated[
        bool,
        typer.Option(
            "--live",
            help="Run the articles against the configured model instead of the cassettes and "
            "report drift (quotes by span overlap, statistics by value).",
        ),
    ] = False,
    case: Annotated[
        list[str] | None,
        typer.Option("--case", "-k", help="Only cases whose name contains this (repeatable)."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(envvar=ENV["model"], help="Model for --live.", show_default=False),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(envvar=ENV["base_url"], help="Server for --live and --record."),
    ] = None,
    api_key: Annotated[
        str | None, typer.Option(envvar=ENV["api_key"], help="API key.", show_default=False)
    ] = None,
) -> None:
    """Replay every recorded case, compare with its golden result; exit 1 on any change."""
    from summarizer.config import Settings
    from summarizer.regress import regress as run_regress
    from summarizer.render.regress import render

    settings = None
    if live or record:
        settings = Settings.resolve(model=model, base_url=base_url, api_key=api_key)
    wanted = case or []
    report = run_regress(
        directory,
        update=update,
        record=record,
        live=live,
        settings=settings,
        only=(lambda c: any(w in c.name for w in wanted)) if wanted else None,
    )
    if not report.cases:
        raise fail(f"{directory}: no cases (responses/*.json or answers/*.json)", 1)
    typer.echo(render(report), nl=False)
    if not report.ok:
        raise typer.Exit(1)
