"""`summarizer check`: verify any summary against its article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.app import app, fail, handle_errors


@app.command()
@handle_errors
def check(
    article: Annotated[Path, typer.Argument(help="The article text file.", show_default=False)],
    summary: Annotated[
        Path,
        typer.Argument(
            help="A summary JSON: a result from this tool, or just its summary part.",
            show_default=False,
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the checked summary as JSON.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 3 when verification finds an error.")
    ] = False,
) -> None:
    """Check a summary's quotes, speakers, statistics and claims against the article text."""
    from summarizer.api import check as check_summary
    from summarizer.errors import InputError
    from summarizer.inputs import read_text_file

    for path in (article, summary):
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    text = read_text_file(article)
    try:
        data = json.loads(read_text_file(summary))
    except json.JSONDecodeError as exc:
        raise InputError(f"{summary}: not JSON ({exc.msg} at line {exc.lineno})") from None
    meta: dict[str, str | None] = {"title": None, "published": None}
    if isinstance(data, dict) and isinstance(data.get("summary"), dict):
        # A whole result: check its summary part, with its article's title and date.
        article_meta = data.get("article")
        if isinstance(article_meta, dict):
            for key in meta:
                value = article_meta.get(key)
                meta[key] = value if isinstance(value, str) else None
        data = data["summary"]
    if not isinstance(data, dict):
        raise InputError(f"{summary}: expected a JSON object")
    checked = check_summary(text, data, title=meta["title"], published=meta["published"])
    if as_json:
        typer.echo(checked.model_dump_json(indent=2))
    else:
        from summarizer.render.report import check_report

        typer.echo(check_report(checked), nl=False)
    if strict and not checked.verification.passed:
        raise fail("verification failed", 3)
