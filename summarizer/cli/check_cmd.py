"""`summarizer check`: verify any summary against its article; a gate, so errors exit 3."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def check(
    article: Annotated[Path, typer.Argument(help="The article text file.", show_default=False)],
    summary: Annotated[
        Path,
        typer.Argument(
            help="A summary JSON: a result from this tool, or just its summary part.",
            show_default=False,
        ),
    ],
    title: Annotated[
        str | None,
        typer.Option(
            help="The article's title (what it says grounds a claim too; default: a whole "
            "result's own).",
            show_default=False,
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY-MM-DD, an ISO datetime or RFC 2822), to check "
            "event.date against relative days (default: a whole result's own).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the checked summary as JSON.")
    ] = False,
    exit_zero: Annotated[
        bool,
        typer.Option(
            "--exit-zero", help="Exit 0 even when verification finds an error (report only)."
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Accepted for old scripts: exiting 3 on an error is the default."
        ),
    ] = False,
) -> None:
    """Check a summary's quotes, speakers, statistics and claims against the article text.

    Exits 3 when verification finds an error (--exit-zero: 0).
    """
    from summarizer.api import check_files

    checked = check_files(article, summary, title=title, published=published)
    if as_json:
        typer.echo(checked.model_dump_json(indent=2))
    else:
        from summarizer.render.report import check_report

        typer.echo(check_report(checked), nl=False)
    if not exit_zero and not checked.verification.passed:
        from summarizer.errors import VerificationFailed

        raise VerificationFailed("verification failed")
