"""The same job on a Dask cluster: a DataFrame of articles in, the tables out, lazily.

    from dask.delayed import delayed
    import dask.dataframe as dd
    from summarizer.dask import summarize_dataframe

    tables = summarize_dataframe(dd.read_parquet("crawl/"), engine="offline")
    articles, quotes, statistics, issues = dask.compute(*tables.values())  # one pass

Each partition runs the library on its rows (`summarizer.batch.run_batch`, so the LLM engine
keeps its own bounded concurrency there) and returns its rows of the tables of
`summarizer.tables`, with the same columns and types as `summarize --tables` writes. A row that
cannot be summarised is an `articles` row with `error_type` and `error`, never a failed task.
`rpm`/`tpm` are for the whole cluster: each partition gets its share (divided by the number of
partitions that can run at once, the cluster's threads). Settings travel in the task graph
without the API key: each worker reads OPENAI_API_KEY from its own environment. Needs
`pip install 'summarizer[dask]'`.
"""

from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from summarizer.config import ENV, Settings
from summarizer.errors import ConfigError

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd


@dataclass(frozen=True)
class PartitionJob:
    """What a partition needs, as it travels in the task graph: settings without the key."""

    settings: tuple[tuple[str, Any], ...]
    concurrency: int
    rpm: float | None
    tpm: float | None
    cache: bool

    def resolved(self) -> Settings:
        """The settings on the worker, with the key from the worker's own environment."""
        return Settings(**dict(self.settings), api_key=os.environ.get(ENV["api_key"]) or None)


class FrameOptions(TypedDict, total=False):
    """The options of `summarize_dataframe` and `summarize_frame`, declared once: the settings
    (as `summarize`'s keywords) and how a partition runs (`concurrency`, default 8; `rpm`,
    `tpm`; `parallel`; `cache`, default on)."""

    engine: str | None
    model: str | None
    base_url: str | None
    api_key: str | None
    mode: str | None
    max_retries: int | None
    timeout: float | None
    temperature: float | None
    strategy: str | None
    max_chars: int | None
    max_tokens: int | None
    transport_retries: int | None
    concurrency: int
    rpm: float | None
    tpm: float | None
    parallel: int | None
    cache: bool


# Options that say how a partition runs; the others are settings.
_RUN_OPTIONS = frozenset({"concurrency", "rpm", "tpm", "parallel", "cache"})


def summarize_dataframe(
    ddf: dd.DataFrame, **options: Unpack[FrameOptions]
) -> dict[str, dd.DataFrame]:
    """The `articles`, `quotes`, `statistics` and `issues` tables of a DataFrame of articles
    (`id`, `text`, optionally `title`, `url`, `published`), as lazy Dask DataFrames.

    Settings resolve here (arguments, then this process's environment, then the defaults), so
    every worker does the same; `parallel` is how many partitions run at once, for sharing
    `rpm`/`tpm` (default: the threads of the current distributed client, else 1). Computing
    the tables separately runs the partitions once per table: compute them together.
    """
    import dask.dataframe as dd
    from dask.delayed import delayed

    from summarizer.tables import TABLE_NAMES, empty_pandas

    options["parallel"] = options.get("parallel") or _cluster_threads()
    job = partition_job(**options)
    parts = ddf.to_delayed()  # type: ignore[no-untyped-call]
    outs = [delayed(summarize_partition, pure=True)(part, job) for part in parts]
    meta = empty_pandas()
    return {
        name: dd.from_delayed(
            [delayed(_pick, pure=True)(out, name) for out in outs],
            meta=meta[name],
            verify_meta=False,
        )
        for name in TABLE_NAMES
    }


def summarize_frame(
    frame: pd.DataFrame, **options: Unpack[FrameOptions]
) -> dict[str, pd.DataFrame]:
    """The tables of one pandas DataFrame of articles, here and now: for Ray Data's
    `map_batches`, Spark's `mapInPandas` or plain pandas. Options as `summarize_dataframe`'s
    (`parallel`: how many of these run at once, for sharing `rpm`/`tpm`)."""
    return summarize_partition(frame, partition_job(**options))


def partition_job(**options: Unpack[FrameOptions]) -> PartitionJob:
    """Settings resolved here, once, into what travels to the workers (never the key)."""
    unknown = set(options) - set(FrameOptions.__annotations__)
    if unknown:
        raise TypeError(f"unexpected options: {', '.join(sorted(unknown))}")
    if options.get("api_key") is not None:
        raise ConfigError(
            "summarize_dataframe takes no api_key: it would travel in the task graph; set "
            f"{ENV['api_key']} in the workers' environment instead"
        )
    flags: dict[str, object] = {
        k: v for k, v in options.items() if k not in _RUN_OPTIONS and k != "api_key"
    }
    settings = Settings.resolve(None, **flags)
    concurrency = options.get("concurrency", 8)
    rpm, tpm = options.get("rpm"), options.get("tpm")
    if concurrency < 1:
        raise ConfigError("concurrency must be 1 or more")
    fields = asdict(settings)
    fields.pop("api_key")
    # The engine as decided here (auto means: a key or base URL configured *here*).
    fields["engine"] = settings.effective_engine()
    share = max(1, options.get("parallel") or 1)
    return PartitionJob(
        settings=tuple(sorted(fields.items())),
        concurrency=concurrency,
        rpm=rpm / share if rpm else None,
        tpm=tpm / share if tpm else None,
        cache=options.get("cache", True),
    )


def summarize_partition(frame: pd.DataFrame, job: PartitionJob) -> dict[str, pd.DataFrame]:
    """One partition's rows of the tables (on a worker; also usable on its own)."""
    from summarizer.batch import run_batch
    from summarizer.inputs import source_from_record
    from summarizer.table_inputs import plain_record
    from summarizer.tables import to_pandas

    seen: set[str] = set()
    sources = []
    # Rows are known by their index (global when the frame has a default one).
    for index, record in zip(frame.index, frame.to_dict("records"), strict=True):
        clean = plain_record({str(k): _none_if_missing(v) for k, v in record.items()})
        sources.append(
            source_from_record(clean, name=f"row {index}", default_id=f"row-{index}", seen=seen)
        )
    if not sources:
        return to_pandas([])
    report = run_batch(
        sources,
        job.resolved(),
        concurrency=job.concurrency,
        rpm=job.rpm,
        tpm=job.tpm,
        cache=job.cache,
    )
    return to_pandas(report.outcomes)


def _pick(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    return tables[name]


def _none_if_missing(value: Any) -> Any:
    """pandas says "missing" as NaN, NaT or NA; the articles' records say None."""
    if value is None:
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _cluster_threads() -> int:
    try:
        from distributed import get_client

        client = get_client()
    except (ImportError, ValueError):
        return 1
    return int(sum(client.nthreads().values())) or 1  # type: ignore[no-untyped-call]
