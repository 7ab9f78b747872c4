"""The batch path of `summarizer summarize`: options in, `run_batch`, progress and a summary out."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import typer

from summarizer.cli.app import fail
from summarizer.config import Settings
from summarizer.inputs import Source


@dataclass(frozen=True)
class BatchOptions:
    output: Path | None
    fmt: str | None
    out_dir: Path | None
    errors: Path | None
    concurrency: int
    rpm: float | None
    tpm: float | None
    force: bool
    cache: bool
    cache_dir: Path | None
    price_in: float | None
    price_out: float | None
    strict: bool
    tables: Path | None = None
    tables_format: str = "parquet"
    workers: int = 1


def run_batch_command(sources: Iterable[Source], settings: Settings, opts: BatchOptions) -> None:
    from summarizer.batch import run_batch
    from summarizer.cli.progress import Progress

    out_jsonl: Path | None = None
    if opts.tables is not None:
        if opts.out_dir is not None or opts.output is not None:
            raise fail("--tables writes its own files; drop -o / --out-dir", 2)
        if opts.fmt is not None:
            raise fail("--tables writes tables; use --tables-format, not --format", 2)
    elif opts.out_dir is not None:
        if opts.output is not None:
            raise fail("use either --out-dir or -o, not both", 2)
        if opts.fmt not in (None, "json"):
            raise fail("--out-dir writes one JSON file per article; drop --format", 2)
    elif opts.output is not None and opts.output.suffix.lower() == ".jsonl":
        if opts.fmt not in (None, "jsonl"):
            raise fail(f"-o {opts.output} is JSONL; --format {opts.fmt} does not fit it", 2)
        out_jsonl = opts.output

    with Progress() as progress:
        report = run_batch(
            sources,
            settings,
            out_dir=opts.out_dir,
            out_jsonl=out_jsonl,
            tables=opts.tables,
            tables_format="csv" if opts.tables_format == "csv" else "parquet",
            errors_path=opts.errors,
            concurrency=opts.concurrency,
            workers=opts.workers,
            rpm=opts.rpm,
            tpm=opts.tpm,
            force=opts.force,
            cache=opts.cache,
            cache_dir=opts.cache_dir,
            price_in=opts.price_in,
            price_out=opts.price_out,
            progress=progress,
        )

    if opts.out_dir is None and out_jsonl is None and opts.tables is None and report.results:
        from summarizer.cli.summarize_cmd import Format, _emit

        _emit(report.results, Format(opts.fmt or "jsonl"), opts.output)
    if report.errors_path is None:
        for failure in report.failures:
            where = "" if failure.message.startswith(failure.name) else f"{failure.name}: "
            typer.echo(f"Error: {where}{failure.message}", err=True)
    print(f"summarizer: {report.summary_line()}", file=sys.stderr, flush=True)
    if report.failed:
        raise typer.Exit(1)
    if opts.strict and report.unverified:
        raise fail(f"verification failed for {report.unverified} of {report.done} article(s)", 3)
