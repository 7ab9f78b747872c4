"""Summarising what the command line names: one article directly, several through the batch.

`summarize_inputs` is what `summarizer summarize` calls. It sits above both `api` (one
article) and `batch` (many), so neither imports the other's caller.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.batch import DEFAULT_CONCURRENCY
from summarizer.config import Settings
from summarizer.errors import InputError, VerificationFailed

if TYPE_CHECKING:
    from summarizer.batch import BatchReport, ProgressCallback
    from summarizer.inputs import Source
    from summarizer.models import Result

# Inputs that hold many articles: always a batch, even with one record in them.
TABLE_SUFFIXES = (".jsonl", ".parquet", ".csv")

OFFLINE_NOTICE = (
    "note: no model configured (OPENAI_API_KEY or --base-url); using the offline engine, "
    "which extracts from the text without a model"
)


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs and where it writes (see `summarizer.batch.run_batch`)."""

    out_dir: Path | None = None
    out_jsonl: Path | None = None
    errors_path: Path | None = None
    concurrency: int = DEFAULT_CONCURRENCY
    rpm: float | None = None
    tpm: float | None = None
    force: bool = False
    cache: bool = True
    cache_dir: Path | None = None
    price_in: float | None = None
    price_out: float | None = None
    budget: float | None = None  # US$: no article is started once it would pass it
    tables: Path | None = None  # the tables of summarizer.tables, written here
    tables_format: str = "parquet"
    workers: int = 1  # processes for the offline engine and verification


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
    opts = batch or BatchOptions()
    # Read as the batch goes (memory does not grow with the articles); two are enough to know
    # whether this is a batch.
    stream = stream_sources(inputs, published)
    head = list(itertools.islice(stream, 2))
    sources = itertools.chain(head, stream)
    if notice and settings.engine == "auto" and settings.effective_engine() == "offline":
        # Only when there is something to summarise: an input error stays a single line.
        if any(source.article is not None for source in head):
            notice(OFFLINE_NOTICE)
    batched = (
        opts.budget is not None
        or opts.out_dir is not None
        or opts.out_jsonl is not None
        or opts.tables is not None
        or len(head) > 1
        or any(i.lower().endswith(TABLE_SUFFIXES) for i in inputs)
    )
    if not head:
        raise InputError(f"no article found in {', '.join(inputs)}")
    if not batched:
        (source,) = head
        if source.article is None:
            raise InputError(source.error or f"{source.name}: cannot be read")
        from summarizer.api import summarize

        return InputsRun(results=[summarize(source.article, settings=settings)])
    from summarizer.batch import run_batch

    report = run_batch(
        sources,
        settings,
        out_dir=opts.out_dir,
        out_jsonl=opts.out_jsonl,
        tables=opts.tables,
        tables_format="csv" if opts.tables_format == "csv" else "parquet",
        errors_path=opts.errors_path,
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
        budget=opts.budget,
    )
    return InputsRun(results=report.results, batch=report)


def read_sources(inputs: Sequence[str], published: str | None = None) -> list[Source]:
    """The articles `inputs` name, each with `published` (when given) as its publication date."""
    return list(stream_sources(inputs, published))


def stream_sources(inputs: Sequence[str], published: str | None = None) -> Iterator[Source]:
    """`read_sources`, read as it is consumed."""
    from summarizer.inputs import iter_sources

    return with_published(iter_sources(list(inputs)), published)


def with_published(sources: Iterable[Source], published: str | None) -> Iterator[Source]:
    """`published` (the --published flag) as every article's publication date."""
    if published is None:
        return iter(sources)
    from summarizer.dates import normalize_published

    # Checked now, not when the first article is read: a bad flag is refused before any work.
    try:
        day = normalize_published(published)
    except ValueError:
        raise InputError(
            f"--published {published!r} is not a date (YYYY-MM-DD, an ISO datetime or RFC 2822)"
        ) from None
    return (
        replace(s, article=s.article.model_copy(update={"published": day}))
        if s.article is not None
        else s
        for s in sources
    )
