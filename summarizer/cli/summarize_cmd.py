"""`summarizer summarize`: articles in, verified summaries out."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.app import app, fail, handle_errors
from summarizer.config import DEFAULT_MAX_CHARS, DEFAULT_MODEL, DEFAULT_TRANSPORT_RETRIES, ENV

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.inputs import Source
    from summarizer.models import Result


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    md = "md"
    html = "html"


class EngineOpt(StrEnum):
    auto = "auto"
    llm = "llm"
    offline = "offline"


class ModeOpt(StrEnum):
    auto = "auto"
    tools = "tools"
    json_schema = "json_schema"
    json = "json"
    md_json = "md_json"


class StrategyOpt(StrEnum):
    free = "free"
    anchored = "anchored"


BATCH = "Batch (many articles)"
CACHE_ENV = "SUMMARIZER_CACHE_DIR"


def _default_cache_dir() -> str:
    """Shown in --help; the same rule as summarizer.cache.default_cache_dir (not imported here:
    it pulls in pydantic, and --help must stay fast)."""
    import os

    if os.environ.get(CACHE_ENV):
        return os.environ[CACHE_ENV]
    import platformdirs

    return str(Path(platformdirs.user_cache_dir("summarizer", appauthor=False)) / "responses")


OFFLINE_NOTICE = (
    "note: no model configured (OPENAI_API_KEY or --base-url); using the offline engine, "
    "which extracts from the text without a model"
)


@app.command()
@handle_errors
def summarize(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.txt, .md, .html), folders, .jsonl files of "
            '{"id", "text", ...} records, http(s) URLs, or - for stdin.',
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
    engine: Annotated[
        EngineOpt,
        typer.Option(
            envvar=ENV["engine"],
            help="llm: a model through instructor; offline: deterministic, no model; auto: llm "
            "when a key or base URL is configured.",
        ),
    ] = EngineOpt.auto,
    model: Annotated[
        str, typer.Option(envvar=ENV["model"], help="Model name sent to the server.")
    ] = DEFAULT_MODEL,
    base_url: Annotated[
        str | None,
        typer.Option(envvar=ENV["base_url"], help="Any OpenAI-compatible server's /v1 URL."),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(envvar=ENV["api_key"], help="API key.", show_default=False),
    ] = None,
    mode: Annotated[
        ModeOpt,
        typer.Option(
            envvar=ENV["mode"],
            help="How to ask for structured output; auto falls back tools -> json_schema -> "
            "json -> md_json on a server that rejects one.",
        ),
    ] = ModeOpt.auto,
    max_retries: Annotated[
        int,
        typer.Option(
            envvar=ENV["max_retries"], help="Re-asks when the answer fails verification.", min=0
        ),
    ] = 2,
    timeout: Annotated[
        float, typer.Option(envvar=ENV["timeout"], help="Seconds per model request.")
    ] = 60.0,
    temperature: Annotated[float, typer.Option(envvar=ENV["temperature"])] = 0.0,
    max_chars: Annotated[
        int,
        typer.Option(envvar=ENV["max_chars"], help="Refuse longer articles.", min=1),
    ] = DEFAULT_MAX_CHARS,
    max_tokens: Annotated[
        int | None,
        typer.Option(
            envvar=ENV["max_tokens"],
            help="Cap on each answer's tokens (default: the server's). Bounds the time a small "
            "local model can spend looping.",
            min=1,
            show_default=False,
        ),
    ] = None,
    strategy: Annotated[
        StrategyOpt,
        typer.Option(
            envvar=ENV["strategy"],
            help="anchored: the model attributes the quoted passages and numbers the evidence "
            "layer found, by id (verbatim by construction, half the output tokens); free: it "
            "copies them itself.",
        ),
    ] = StrategyOpt.anchored,
    record: Annotated[
        Path | None, typer.Option(help="Record the model's HTTP exchanges to this cassette.")
    ] = None,
    replay: Annotated[
        Path | None,
        typer.Option(help="Answer from this cassette instead of the network."),
    ] = None,
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
    transport_retries: Annotated[
        int,
        typer.Option(
            envvar=ENV["transport_retries"],
            help="HTTP retries on 429, 5xx, timeouts and connection errors (exponential backoff "
            "with jitter, honouring Retry-After); separate from --max-retries.",
            min=0,
        ),
    ] = DEFAULT_TRANSPORT_RETRIES,
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
    concurrency: Annotated[
        int,
        typer.Option(help="Batch: model requests in flight at most.", min=1, rich_help_panel=BATCH),
    ] = 8,
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
) -> None:
    """Summarise articles into JSON: event, verbatim quotes with speakers, statistics."""
    from summarizer.config import Settings

    settings = Settings.resolve(
        engine=engine.value,
        model=model,
        base_url=base_url,
        api_key=api_key,
        mode=mode.value,
        max_retries=max_retries,
        timeout=timeout,
        temperature=temperature,
        max_chars=max_chars,
        max_tokens=max_tokens,
        strategy=strategy.value,
        record=record,
        replay=replay,
        transport_retries=transport_retries,
    )
    from summarizer.inputs import iter_sources

    sources = list(iter_sources(inputs))
    if published is not None:
        sources = [_with_published(source, published) for source in sources]
    if settings.engine == "auto" and settings.effective_engine() == "offline":
        # Only when there is something to summarise: an input error stays a single line.
        if any(source.article is not None for source in sources):
            typer.echo(OFFLINE_NOTICE, err=True)
    to_jsonl = output is not None and output.suffix.lower() == ".jsonl"
    if (
        out_dir is not None
        or to_jsonl
        or len(sources) > 1
        or any(i.endswith(".jsonl") for i in inputs)
    ):
        from summarizer.cli.batch_cli import BatchOptions, run_batch_command

        run_batch_command(
            sources,
            settings,
            BatchOptions(
                output=output,
                fmt=fmt.value if fmt else None,
                out_dir=out_dir,
                errors=errors,
                concurrency=concurrency,
                rpm=rpm,
                tpm=tpm,
                force=force,
                cache=use_cache,
                cache_dir=cache_dir,
                price_in=price_in,
                price_out=price_out,
                strict=strict,
            ),
        )
        return
    results, failures = _run(sources, settings)
    many = len(results) + len(failures) > 1 or any(i.endswith(".jsonl") for i in inputs)
    chosen = fmt or (Format.jsonl if many else _format_for(output))
    if not results:
        raise fail(failures[0] if len(failures) == 1 else f"{len(failures)} articles failed")
    if output is None and fmt is None and len(results) == 1 and sys.stdout.isatty():
        # A person at a terminal gets tables with status colours; a pipe gets JSON.
        from rich.console import Console

        from summarizer.render.terminal import render_terminal

        render_terminal(results[0], Console())
    else:
        _emit(results, chosen, output)
    for message in failures:
        typer.echo(f"Error: {message}", err=True)
    if failures:
        raise typer.Exit(1)
    if strict and not all(r.verification.passed for r in results):
        bad = sum(not r.verification.passed for r in results)
        raise fail(f"verification failed for {bad} of {len(results)} article(s)", 3)


def _with_published(source: Source, published: str) -> Source:
    from dataclasses import replace

    from summarizer.dates import normalize_published
    from summarizer.errors import InputError

    try:
        day = normalize_published(published)
    except ValueError:
        raise InputError(
            f"--published {published!r} is not a date (YYYY-MM-DD, an ISO datetime or RFC 2822)"
        ) from None
    if source.article is None:
        return source
    return replace(source, article=source.article.model_copy(update={"published": day}))


def _format_for(output: Path | None) -> Format:
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in ("jsonl", "md", "html"):
            return Format(suffix)
    return Format.json


def _run(sources: list[Source], settings: Settings) -> tuple[list[Result], list[str]]:
    from summarizer.api import summarize as summarize_article
    from summarizer.errors import InputError, SummarizerError

    results: list[Result] = []
    failures: list[str] = []
    for source in sources:
        if source.article is None:
            if len(sources) == 1:
                raise InputError(source.error or f"{source.name}: cannot be read")
            failures.append(source.error or source.name)
            continue
        try:
            results.append(summarize_article(source.article, settings=settings))
        except SummarizerError as exc:
            if len(sources) == 1:
                raise
            failures.append(f"{source.name}: {exc}")
    return results, failures


def _emit(results: list[Result], fmt: Format, output: Path | None) -> None:
    from summarizer.output import atomic_write_text

    text = render_results(results, fmt)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(output, text)


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
        raise fail("--format html takes one article; use --out-dir for many", 2)
    return to_html(results[0])
