"""The public functions: summarize, asummarize, check. The CLI calls these and nothing deeper."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from summarizer.config import Settings, SettingsKwargs
from summarizer.engines.base import EngineRun, make_engine
from summarizer.errors import InputError, VerificationFailed
from summarizer.models import Article, Checked, Provenance, Result, Summary

if TYPE_CHECKING:
    from summarizer.batch import BatchReport, ProgressCallback
    from summarizer.inputs import Source

OFFLINE_NOTICE = (
    "note: no model configured (OPENAI_API_KEY or --base-url); using the offline engine, "
    "which extracts from the text without a model"
)


def make_article(
    text: str | Article,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    max_chars: int | None = None,
) -> Article:
    """An Article from text or an Article, refusing what cannot be summarised."""
    if isinstance(text, Article):
        article = text
    elif isinstance(text, str):
        try:
            article = Article(id=id, title=title, url=url, published=published, text=text)
        except ValueError as exc:
            raise InputError(_first_error(exc)) from None
    else:
        raise InputError(f"expected article text (str), got {type(text).__name__}")
    if not article.text.strip():
        raise InputError("the article is empty")
    if max_chars is not None and len(article.text) > max_chars:
        raise InputError(
            f"the article has {len(article.text):,} characters, over the limit of {max_chars:,} "
            "(raise it with --max-chars / SUMMARIZER_MAX_CHARS)"
        )
    return article


def summarize(
    text: str | Article,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    settings: Settings | None = None,
    **options: Unpack[SettingsKwargs],
) -> Result:
    """Summarise one article and check the summary against it.

    Settings come from `settings` if given, else from the keyword arguments (each setting of
    `summarizer.config.Settings`: engine, model, base_url, api_key, mode, max_retries,
    transport_retries, timeout, temperature, max_chars, max_tokens, strategy, record, replay),
    then the environment, then the defaults. The result's `verification` says what the check
    found; nothing is raised for a summary that fails it.
    """
    s = settings or Settings.resolve(**options)
    article = make_article(
        text, id=id, title=title, url=url, published=published, max_chars=s.max_chars
    )
    run = make_engine(s).run(article)
    return assemble(article, run)


async def asummarize(
    text: str | Article,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    settings: Settings | None = None,
    **options: Unpack[SettingsKwargs],
) -> Result:
    """The same as `summarize`, for asyncio code: the model call does not block the loop."""
    s = settings or Settings.resolve(**options)
    article = make_article(
        text, id=id, title=title, url=url, published=published, max_chars=s.max_chars
    )
    run = await make_engine(s).arun(article)
    return assemble(article, run)


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs and where it writes (see `summarizer.batch.run_batch`)."""

    out_dir: Path | None = None
    out_jsonl: Path | None = None
    errors_path: Path | None = None
    concurrency: int = 8
    rpm: float | None = None
    tpm: float | None = None
    force: bool = False
    cache: bool = True
    cache_dir: Path | None = None
    price_in: float | None = None
    price_out: float | None = None


@dataclass
class InputsRun:
    """What `summarize_inputs` did: the results it kept, and the batch report if it batched."""

    results: list[Result] = field(default_factory=list)
    batch: BatchReport | None = None

    def raise_if_unverified(self) -> None:
        """`VerificationFailed` when verification found an error in any article (--strict)."""
        if self.batch is not None:
            bad, done = self.batch.unverified, self.batch.done
        else:
            bad, done = sum(not r.verification.passed for r in self.results), len(self.results)
        if bad:
            raise VerificationFailed(f"verification failed for {bad} of {done} article(s)")


def summarize_inputs(
    inputs: Sequence[str],
    settings: Settings,
    *,
    published: str | None = None,
    batch: BatchOptions | None = None,
    progress: ProgressCallback | None = None,
    notice: Callable[[str], None] | None = None,
) -> InputsRun:
    """Summarise what `inputs` name (files, folders, .jsonl, URLs, "-").

    One article is summarised directly and its errors raise. Several articles, a .jsonl
    input, or an output folder / JSONL file in `batch` go through the batch runner, which
    keeps going past a failed article and reports it. `notice` hears a one-line note (the
    offline engine chosen because no model is configured).
    """
    from summarizer.inputs import iter_sources

    opts = batch or BatchOptions()
    sources = list(iter_sources(list(inputs)))
    if published is not None:
        sources = [_with_published(source, published) for source in sources]
    if notice and settings.engine == "auto" and settings.effective_engine() == "offline":
        # Only when there is something to summarise: an input error stays a single line.
        if any(source.article is not None for source in sources):
            notice(OFFLINE_NOTICE)
    batched = (
        opts.out_dir is not None
        or opts.out_jsonl is not None
        or len(sources) > 1
        or any(i.endswith(".jsonl") for i in inputs)
    )
    if not sources:
        raise InputError(f"no article found in {', '.join(inputs)}")
    if not batched:
        (source,) = sources
        if source.article is None:
            raise InputError(source.error or f"{source.name}: cannot be read")
        return InputsRun(results=[summarize(source.article, settings=settings)])
    from summarizer.batch import run_batch

    report = run_batch(
        sources,
        settings,
        out_dir=opts.out_dir,
        out_jsonl=opts.out_jsonl,
        errors_path=opts.errors_path,
        concurrency=opts.concurrency,
        rpm=opts.rpm,
        tpm=opts.tpm,
        force=opts.force,
        cache=opts.cache,
        cache_dir=opts.cache_dir,
        price_in=opts.price_in,
        price_out=opts.price_out,
        progress=progress,
    )
    return InputsRun(results=report.results, batch=report)


def _with_published(source: Source, published: str) -> Source:
    from summarizer.dates import parse_iso

    if parse_iso(published) is None:
        raise InputError(f"--published {published!r} is not a date (YYYY-MM-DD)")
    if source.article is None:
        return source
    return replace(source, article=source.article.model_copy(update={"published": published}))


def check(text: str, summary: Summary | dict[str, Any]) -> Checked:
    """Check any summary (from this tool or another) against the article text."""
    from summarizer.verify import check as verify_check

    return verify_check(text, summary)


def check_files(article: Path, summary: Path) -> Checked:
    """`check` on an article text file and a summary JSON file (a whole result, or a summary)."""
    import json

    from summarizer.inputs import read_text_file

    for path in (article, summary):
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    text = read_text_file(article)
    try:
        data = json.loads(read_text_file(summary))
    except json.JSONDecodeError as exc:
        raise InputError(f"{summary}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict) and isinstance(data.get("summary"), dict):
        data = data["summary"]  # a whole result: check its summary part
    if not isinstance(data, dict):
        raise InputError(f"{summary}: expected a JSON object")
    return check(text, data)


def assemble(article: Article, run: EngineRun) -> Result:
    """The result: the engine's summary with spans, statuses and verification computed here."""
    checked = check(article.text, run.summary)
    summary = _with_event_date(checked.summary, article)
    return Result(
        article=article,
        summary=summary,
        verification=checked.verification,
        provenance=Provenance(
            engine=run.engine,
            model=run.model,
            prompt_sha256=run.prompt_sha256,
            attempts=run.attempts,
            usage=run.usage,
        ),
    )


def _with_event_date(summary: Summary, article: Article) -> Summary:
    """The event date the text supports, resolved against the publication date; else None."""
    from summarizer.dates import event_date

    event = summary.event
    date = event_date(event.when, event.date, article.text, article.published)
    if date == event.date:
        return summary
    return summary.model_copy(update={"event": event.model_copy(update={"date": date})})


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where}: {first.get('msg', 'invalid')}"
    return str(exc)
