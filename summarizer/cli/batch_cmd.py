"""`summarizer batch ...`: the provider Batch API path (OpenAI's, or `vllm run-batch`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.batch_api.limits import MAX_BYTES, MAX_LINES
from summarizer.cli.common import fail
from summarizer.cli.settings_options import settings_options
from summarizer.config import (
    ENV,
    Settings,  # noqa: TC001  (typer reads the annotations at import)
)

if TYPE_CHECKING:
    from summarizer.batch_api import BatchApiReport

HELP = (
    "Many articles through a provider Batch API (half the price, within 24 h) or any runner "
    "of its JSONL format, every answer verified, nothing lost."
)
# The settings a batch offers, as `summarize` declares them; a batch is always an LLM run, and
# `prepare` sends nothing, so it needs no server, key or timeout.
SUBMIT_SETTINGS = (
    "model",
    "base_url",
    "api_key",
    "mode",
    "max_retries",
    "transport_retries",
    "temperature",
    "max_tokens",
    "max_chars",
    "strategy",
    "timeout",
)
PREPARE_SETTINGS = tuple(n for n in SUBMIT_SETTINGS if n not in ("base_url", "api_key", "timeout"))

Inputs = Annotated[
    list[str],
    typer.Argument(
        help="As `summarize`: article files, folders, .jsonl files, URLs, or -.",
        show_default=False,
    ),
]
OutDir = Annotated[
    Path,
    typer.Option(
        "--out-dir", help="Results (as `summarize --out-dir`), errors and the batch state."
    ),
]
Dir = Annotated[
    Path,
    typer.Argument(help="The --out-dir of `batch submit` or `batch prepare`.", metavar="DIR"),
]
ApiKey = Annotated[
    str | None, typer.Option(envvar=ENV["api_key"], help="API key.", show_default=False)
]
Published = Annotated[
    str | None,
    typer.Option(help="Publication date YYYY-MM-DD, as `summarize`.", show_default=False),
]
PriceIn = Annotated[
    float | None,
    typer.Option(help="US$ per million input tokens online (the batch price is half)."),
]
PriceOut = Annotated[float | None, typer.Option(help="US$ per million output tokens online.")]
MaxLines = Annotated[int, typer.Option(help="Requests per batch file at most.", min=1)]
MaxBytes = Annotated[int, typer.Option(help="Bytes per batch file at most.", min=1)]
AsJson = Annotated[bool, typer.Option("--json", help="Print the report as JSON on stdout.")]


def _render(
    report: BatchApiReport, out_dir: Path, *, as_json: bool, listing: bool, check: bool = True
) -> None:
    for note in report.notes:
        typer.echo(note, err=True)
    if as_json:
        sys.stdout.write(json.dumps(report.as_json(), indent=2) + "\n")
    elif listing:
        for part in report.parts:
            counts = " · ".join(f"{k} {v}" for k, v in part.counts.items())
            typer.echo(f"{part.name}  {part.batch_id or '-'}  {part.status}  {counts}".rstrip())
    for problem in report.problems:
        typer.echo(f"Error: {problem} (its lines go in the follow-up batch)", err=True)
    print(f"summarizer: {report.summary_line()}", file=sys.stderr, flush=True)
    if report.requests_path is not None:
        typer.echo(
            f"next: run the {report.pending} requests in {report.requests_path}, then "
            f"`summarizer batch collect {out_dir} --responses OUTPUT`",
            err=True,
        )
    elif report.pending and not report.finished:
        typer.echo(
            f"next: `summarizer batch collect {out_dir}` once the batches end (or --wait)", err=True
        )
    if check and (report.failed or report.problems):
        raise typer.Exit(1)


@settings_options(only=SUBMIT_SETTINGS, fixed={"engine": "llm"})
def submit(
    inputs: Inputs,
    out_dir: OutDir,
    *,
    settings: Settings,
    published: Published = None,
    price_in: PriceIn = None,
    price_out: PriceOut = None,
    max_lines: MaxLines = MAX_LINES,
    max_bytes: MaxBytes = MAX_BYTES,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print requests, input tokens and cost; send nothing."),
    ] = False,
    as_json: AsJson = False,
) -> None:
    """Upload the requests and create the batches; run twice, it creates nothing new."""
    from summarizer import batch_api
    from summarizer.routing import read_sources

    sources = read_sources(inputs, published)
    if dry_run:
        found = batch_api.estimate(
            sources, settings, batch=True, price_in=price_in, price_out=price_out
        )
        typer.echo(found.line())
        return
    report = batch_api.submit(
        sources,
        settings,
        out_dir,
        max_lines=max_lines,
        max_bytes=max_bytes,
        price_in=price_in,
        price_out=price_out,
    )
    _render(report, out_dir, as_json=as_json, listing=True)


@settings_options(only=PREPARE_SETTINGS, fixed={"engine": "llm"})
def prepare(
    inputs: Inputs,
    out_dir: OutDir,
    *,
    settings: Settings,
    published: Published = None,
    price_in: PriceIn = None,
    price_out: PriceOut = None,
) -> None:
    """Write DIR/requests.jsonl for another runner (`vllm run-batch`); send nothing."""
    from summarizer import batch_api
    from summarizer.routing import read_sources

    report = batch_api.prepare(
        read_sources(inputs, published), settings, out_dir, price_in=price_in, price_out=price_out
    )
    _render(report, out_dir, as_json=False, listing=False)


def status(directory: Dir, api_key: ApiKey = None, as_json: AsJson = False) -> None:
    """Each batch's state and request counts."""
    from summarizer import batch_api

    report = batch_api.status(directory, api_key=api_key)
    _render(report, directory, as_json=as_json, listing=True, check=False)


def collect(
    directory: Dir,
    api_key: ApiKey = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Poll until every article is done or failed.")
    ] = False,
    poll_interval: Annotated[
        float, typer.Option(help="Seconds between polls with --wait.", min=0.001)
    ] = 30.0,
    responses: Annotated[
        Path | None,
        typer.Option(help="The output file of a runner (for a `batch prepare` folder)."),
    ] = None,
    max_lines: MaxLines = MAX_LINES,
    max_bytes: MaxBytes = MAX_BYTES,
    as_json: AsJson = False,
) -> None:
    """Download, verify and write what finished; send the follow-up round (resubmissions,
    re-asks). Finished work is reported again without sending anything."""
    from summarizer import batch_api

    if not directory.is_dir():
        raise fail(f"{directory}: no such folder", 2)

    from summarizer.batch_api.provider import DONE

    shown: list[str] = []

    def progress(report: BatchApiReport) -> None:
        open_ = [p for p in report.parts if p.batch_id and p.status not in DONE]
        states = ", ".join(f"{p.batch_id} {p.status}" for p in open_) or "no batch open"
        line = f"summarizer: waiting · {states} · {report.summary_line()}"
        if line not in shown[-1:]:  # a line when something changed, not one per poll
            shown.append(line)
            typer.echo(line, err=True)

    report = batch_api.collect(
        directory,
        api_key=api_key,
        wait=wait,
        poll_interval=poll_interval,
        responses=responses,
        max_lines=max_lines,
        max_bytes=max_bytes,
        on_poll=progress,
    )
    _render(report, directory, as_json=as_json, listing=False)
