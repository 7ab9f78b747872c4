"""`summarizer summarize`: articles in, verified summaries out.

Parses, calls `summarizer.routing.summarize_inputs`, renders; the settings options come from
`summarizer.config.SETTINGS` (see `cli/settings_options.py`).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.settings_options import with_settings_options
from summarizer.config import Settings  # noqa: TC001  (typer reads the annotations at import)
from summarizer.render.results import Format

if TYPE_CHECKING:
    from summarizer.routing import InputsRun

BATCH = "Batch (many articles)"


class TablesFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


CACHE_ENV = "SUMMARIZER_CACHE_DIR"


def _default_cache_dir() -> str:
    """Shown in --help; the same rule as summarizer.cache.default_cache_dir (not imported here:
    it pulls in pydantic, and --help must stay fast)."""
    import os

    if os.environ.get(CACHE_ENV):
        return os.environ[CACHE_ENV]
    import platformdirs

    return str(Path(platformdirs.user_cache_dir("summarizer", appauthor=False)) / "responses")


@with_settings_options
def summarize(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.txt, .md, .html), folders, .jsonl files of "
            '{"id", "text", ...} records, .parquet/.csv tables with those columns, http(s) '
            "URLs, or - for stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write here instead of stdout (written atomically)."),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="json for one article, jsonl for many (the default for several inputs), "
            "md for a report, html for a highlighted evidence page.",
        ),
    ] = None,
    *,
    settings: Settings,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 3 when verification finds an error.")
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY-MM-DD, an ISO datetime or RFC 2822), for resolving "
            "'last Thursday' into event.date (wins over a date found in an HTML page).",
            show_default=False,
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Batch: one JSON file per article here, named from its id. Re-running skips "
            "articles already done.",
            rich_help_panel=BATCH,
        ),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            help="Batch: failures as JSON lines (default: errors.jsonl in --out-dir, or "
            "NAME.errors.jsonl beside -o NAME.jsonl).",
            rich_help_panel=BATCH,
        ),
    ] = None,
    tables: Annotated[
        Path | None,
        typer.Option(
            "--tables",
            help="Batch: write articles, quotes, statistics and issues tables (Parquet) to this "
            "folder, atomically at the end. Re-running skips articles already done.",
            rich_help_panel=BATCH,
        ),
    ] = None,
    tables_format: Annotated[
        TablesFormat,
        typer.Option("--tables-format", help="Batch: format of --tables.", rich_help_panel=BATCH),
    ] = TablesFormat.parquet,
    concurrency: Annotated[
        int,
        typer.Option(help="Batch: model requests in flight at most.", min=1, rich_help_panel=BATCH),
    ] = 8,
    workers: Annotated[
        int,
        typer.Option(
            help="Batch: processes for the offline engine and verification (same results, "
            "same order).",
            min=1,
            rich_help_panel=BATCH,
        ),
    ] = 1,
    rpm: Annotated[
        float | None,
        typer.Option(help="Batch: requests per minute at most.", rich_help_panel=BATCH),
    ] = None,
    tpm: Annotated[
        float | None,
        typer.Option(help="Batch: tokens per minute at most.", rich_help_panel=BATCH),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Batch: redo articles that already have a result.",
            rich_help_panel=BATCH,
        ),
    ] = False,
    use_cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache",
            help="Batch: reuse cached model answers (a cached article costs no request).",
            rich_help_panel=BATCH,
        ),
    ] = True,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            envvar=CACHE_ENV,
            help=f"Batch: where model answers are cached [default: {_default_cache_dir()}]",
            show_default=False,
            rich_help_panel=BATCH,
        ),
    ] = None,
    price_in: Annotated[
        float | None,
        typer.Option(
            help="Batch: US$ per million input tokens, for the cost (default: a table of "
            "common models).",
            rich_help_panel=BATCH,
        ),
    ] = None,
    price_out: Annotated[
        float | None,
        typer.Option(help="Batch: US$ per million output tokens.", rich_help_panel=BATCH),
    ] = None,
    budget: Annotated[
        float | None,
        typer.Option(
            help="Batch: US$ at most; no article is started once it would pass it (re-asks "
            "count); what was not done is listed and the exit code is 1.",
            rich_help_panel=BATCH,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Print the requests, input tokens and cost it would take; send nothing.",
        ),
    ] = False,
) -> None:
    """Summarise articles into JSON: event, verbatim quotes with speakers, statistics."""
    from summarizer.cli.progress import Progress
    from summarizer.errors import ConfigError
    from summarizer.routing import BatchOptions, read_sources, summarize_inputs

    if dry_run:
        from summarizer.batch_api import estimate

        sources = read_sources(inputs, published)
        typer.echo(
            estimate(sources, settings, batch=False, price_in=price_in, price_out=price_out).line()
        )
        return

    out_jsonl: Path | None = None
    if tables is not None:
        if out_dir is not None or output is not None:
            raise ConfigError("--tables writes its own files; drop -o / --out-dir")
        if fmt is not None:
            raise ConfigError("--tables writes tables; use --tables-format, not --format")
    elif out_dir is not None:
        if output is not None:
            raise ConfigError("use either --out-dir or -o, not both")
        if fmt not in (None, Format.json):
            raise ConfigError("--out-dir writes one JSON file per article; drop --format")
    elif output is not None and output.suffix.lower() == ".jsonl":
        if fmt not in (None, Format.jsonl):
            raise ConfigError(f"-o {output} is JSONL; --format {fmt} does not fit it")
        out_jsonl = output
    batch = BatchOptions(
        out_dir=out_dir,
        out_jsonl=out_jsonl,
        errors_path=errors,
        concurrency=concurrency,
        rpm=rpm,
        tpm=tpm,
        force=force,
        cache=use_cache,
        cache_dir=cache_dir,
        price_in=price_in,
        price_out=price_out,
        budget=budget,
        tables=tables,
        tables_format=tables_format.value,
        workers=workers,
    )
    with Progress() as progress:
        run = summarize_inputs(
            inputs,
            settings,
            published=published,
            batch=batch,
            progress=progress,
            notice=lambda line: typer.echo(line, err=True),
        )
    _render(run, fmt, output)
    if run.batch is not None and run.batch.failed:
        raise typer.Exit(1)
    if strict:
        run.raise_if_unverified()


def _render(run: InputsRun, fmt: Format | None, output: Path | None) -> None:
    from summarizer.redact import redact
    from summarizer.render.batch import batch_lines
    from summarizer.render.results import emit, format_for

    report = run.batch
    if report is None:
        (result,) = run.results
        if output is None and fmt is None and sys.stdout.isatty():
            # A person at a terminal gets tables with status colours; a pipe gets JSON.
            from rich.console import Console

            from summarizer.render.terminal import render_terminal

            render_terminal(result, Console())
        else:
            emit(run.results, fmt or format_for(output), output)
        return
    if report.results:
        emit(report.results, fmt or Format.jsonl, output)
    for line in batch_lines(report):
        typer.echo(redact(line), err=True)
