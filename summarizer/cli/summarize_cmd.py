"""`summarizer summarize`: articles in, verified summaries out."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.app import app, fail, handle_errors
from summarizer.config import DEFAULT_MAX_CHARS, DEFAULT_MODEL, ENV

if TYPE_CHECKING:
    from summarizer.config import Settings
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
    strategy: Annotated[
        StrategyOpt,
        typer.Option(
            envvar=ENV["strategy"],
            help="free: the model copies quotes and numbers; anchored: it attributes the ones "
            "the evidence layer found, by id.",
        ),
    ] = StrategyOpt.free,
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
        strategy=strategy.value,
        record=record,
        replay=replay,
    )
    if settings.engine == "auto" and settings.effective_engine() == "offline":
        typer.echo(OFFLINE_NOTICE, err=True)
    results, failures = _run(inputs, settings)
    many = len(results) + len(failures) > 1 or any(i.endswith(".jsonl") for i in inputs)
    chosen = fmt or (Format.jsonl if many else _format_for(output))
    if not results:
        raise fail(failures[0] if len(failures) == 1 else f"{len(failures)} articles failed")
    _emit(results, chosen, output)
    for message in failures:
        typer.echo(f"Error: {message}", err=True)
    if failures:
        raise typer.Exit(1)
    if strict and not all(r.verification.passed for r in results):
        bad = sum(not r.verification.passed for r in results)
        raise fail(f"verification failed for {bad} of {len(results)} article(s)", 3)


def _format_for(output: Path | None) -> Format:
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in ("jsonl", "md", "html"):
            return Format(suffix)
    return Format.json


def _run(inputs: list[str], settings: Settings) -> tuple[list[Result], list[str]]:
    from summarizer.api import summarize as summarize_article
    from summarizer.errors import InputError, SummarizerError
    from summarizer.inputs import iter_sources

    results: list[Result] = []
    failures: list[str] = []
    sources = list(iter_sources(inputs))
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
