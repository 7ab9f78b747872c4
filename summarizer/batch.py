"""Summarise many articles: bounded concurrency, rate limits, a response cache, resume, cost.

    from summarizer.batch import run_batch
    report = run_batch(iter_sources(["articles/"]), settings, out_jsonl=Path("out.jsonl"))
    print(report.summary_line())

The time of a batch is the model's latency, so the one thing that matters is keeping exactly
`concurrency` requests in flight. The semaphore sits in the HTTP transport under the openai
client and is held from sending a request to reading its answer, and nothing else: building
the request, parsing, validating, verifying and writing happen outside it, in more workers than
there are slots, so the slots are busy only with what the server is doing. The rate limits are
taken in the same place, so retries and re-asks wait for them like first asks. Results are
written by one writer task that groups them (one write and one fsync per group), in a thread.

Memory does not grow with the number of articles: inputs are read as the batch goes, results
go to the sink as they finish, and what a re-run needs (ids and keys) is on disk. The offline
engine is CPU work, so it runs apart from the event loop machinery: in order, in this process
or (`workers`) in a pool of processes, with results written in input order either way.

Transport retries (429, 5xx, timeouts, connection errors) are the openai client's own: it backs
off exponentially with jitter and honours Retry-After. The transport counts every request, and
the retries among them through the engine's request hook; verification re-asks
are counted from each run's attempts.
"""

from __future__ import annotations

import asyncio
import contextvars
import itertools
import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import httpx2

from summarizer.api import assemble, make_article
from summarizer.batch_output import Done, ErrorLog, Failed, Item, Sink
from summarizer.budget import Budget
from summarizer.cache import ResponseCache, cache_key, default_cache_dir, sha256
from summarizer.config import Settings
from summarizer.engines.base import Engine, EngineRun, HttpOptions
from summarizer.engines.factory import engine_settings, make_engine
from summarizer.errors import ConfigError, InputError, SummarizerError
from summarizer.inputs import Source
from summarizer.models import SCHEMA_VERSION, Article, Result, Usage
from summarizer.pricing import price_for
from summarizer.ratelimit import RateLimiter
from summarizer.redact import redact

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from summarizer.tables import TableFormat

DEFAULT_CONCURRENCY = 8
# Offline work sent to a worker process at a time, and chunks queued per worker: enough that a
# worker never waits for the next, few enough that memory stays a few hundred articles.
_CHUNK = 16
_CHUNKS_PER_WORKER = 3
# Results written per group (one write and one fsync) on the offline path.
_GROUP = 256
# Failures kept in the report when the errors file has them all anyway.
_KEPT_FAILURES = 1000
# A guess of the answer's size, for --tpm before the real usage is known.
_EXPECTED_OUTPUT_TOKENS = 800


@dataclass
class Failure:
    id: str
    name: str
    error: str  # the exception class
    message: str
    attempts: int = 0
    requests: int = 0

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "error": self.error,
            "message": self.message,
            "attempts": self.attempts,
            "requests": self.requests,
        }


@dataclass
class BatchProgress:
    """A snapshot for progress displays; `finished` is done + failed + skipped."""

    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    cached: int = 0
    in_flight: int = 0
    tokens: int = 0
    started: float = field(default_factory=time.monotonic)
    reading: bool = True  # inputs are still being read: `total` is what was read so far

    @property
    def finished(self) -> int:
        return self.done + self.failed + self.skipped


@dataclass
class BatchReport:
    articles: int = 0
    done: int = 0  # summarised in this run (cached ones included)
    skipped: int = 0  # already had a result from an earlier run
    cached: int = 0
    failed: int = 0
    unverified: int = 0  # done, but verification found an error
    requests: int = 0  # HTTP requests, everything included
    model_calls: int = 0  # answers received: first asks and verification re-asks
    transport_retries: int = 0  # requests the openai client repeated (429, 5xx, timeouts)
    reasks: int = 0
    usage: Usage = field(default_factory=Usage)
    cost: float | None = None
    elapsed: float = 0.0
    max_in_flight: int = 0
    cache_dir: Path | None = None
    errors_path: Path | None = None
    # All of them, or (with an errors file, which has all) the first 1,000.
    failures: list[Failure] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)  # only without a sink, in input order
    # Without a sink: every article's Result or Failure, in input order.
    outcomes: list[Result | Failure] = field(default_factory=list)

    def summary_line(self) -> str:
        parts = [f"{self.articles} articles: {self.done} done"]
        if self.cached:
            parts[0] += f" ({self.cached} cached)"
        parts[0] += f", {self.skipped} already done, {self.failed} failed"
        parts.append(f"{self.requests} requests")
        parts.append(f"{self.transport_retries} transport retries, {self.reasks} re-asks")
        parts.append(
            f"tokens {self.usage.prompt_tokens:,} in / {self.usage.completion_tokens:,} out"
        )
        if self.cost is not None:
            parts.append(f"cost ${self.cost:,.4f}")
        parts.append(f"{self.elapsed:.1f} s")
        line = " · ".join(parts)
        if self.failed and self.errors_path is not None:
            line += f" (failures in {self.errors_path})"
        return line


@dataclass
class Job:
    """One article of a batch: its unique id, where it came from, and its resume key."""

    id: str
    name: str
    article: Article | None
    error: str | None
    key: str = ""
    seq: int = 0  # place in the input


ProgressCallback = Callable[[BatchProgress], None]


class _Engine(Protocol):
    """All a batch needs of an engine."""

    async def arun(self, article: Article) -> EngineRun: ...


# Which article the current task is working on, so the httpx hook can count its requests.
_article_requests: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "summarizer_article_requests", default=None
)


def run_batch(
    sources: Iterable[Source],
    settings: Settings,
    *,
    out_dir: Path | None = None,
    out_jsonl: Path | None = None,
    tables: Path | None = None,
    tables_format: TableFormat = "parquet",
    errors_path: Path | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    workers: int = 1,
    rpm: float | None = None,
    tpm: float | None = None,
    force: bool = False,
    cache: bool = True,
    cache_dir: Path | None = None,
    price_in: float | None = None,
    price_out: float | None = None,
    progress: ProgressCallback | None = None,
    budget: float | None = None,
) -> BatchReport:
    """Summarise every source; see `arun_batch`."""
    # The report comes back through `box`, not as the main task's result: on its way out,
    # Python 3.11's asyncio.run reprs the task (it reads the SIGINT handler back, a partial
    # holding the task, and signal.getsignal formats it), result and all; a report holding
    # its results took ~1 ms an article of repr, after the batch was done.
    box: list[BatchReport] = []

    async def run() -> None:
        report = await arun_batch(
            sources,
            settings,
            out_dir=out_dir,
            out_jsonl=out_jsonl,
            tables=tables,
            tables_format=tables_format,
            errors_path=errors_path,
            concurrency=concurrency,
            workers=workers,
            rpm=rpm,
            tpm=tpm,
            force=force,
            cache=cache,
            cache_dir=cache_dir,
            price_in=price_in,
            price_out=price_out,
            progress=progress,
            budget=budget,
        )
        box.append(report)

    asyncio.run(run())
    return box[0]


async def arun_batch(
    sources: Iterable[Source],
    settings: Settings,
    *,
    out_dir: Path | None = None,
    out_jsonl: Path | None = None,
    tables: Path | None = None,
    tables_format: TableFormat = "parquet",
    errors_path: Path | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    workers: int = 1,
    rpm: float | None = None,
    tpm: float | None = None,
    force: bool = False,
    cache: bool = True,
    cache_dir: Path | None = None,
    price_in: float | None = None,
    price_out: float | None = None,
    progress: ProgressCallback | None = None,
    budget: float | None = None,
) -> BatchReport:
    """Summarise every source, at most `concurrency` model calls at a time.

    Results go to `out_dir` (one JSON file per article), `out_jsonl` (one line each) or
    `tables` (the tables of `summarizer.tables`, Parquet or CSV), written as each finishes;
    an article whose result is already there from the same settings is skipped (`force` redoes
    it). With none, results are returned in `report.results`, in input order. Failures never
    stop the batch: they are listed in the report and, with a sink, written to `errors_path`
    (default: beside the results). `workers` > 1 runs the offline engine and verification in
    that many processes; results and their order are the same. With `budget` (US$), articles
    are not started once it would be passed (summarizer.budget); they are listed as failures.
    """
    if concurrency < 1:
        raise ConfigError("concurrency must be 1 or more")
    if workers < 1:
        raise ConfigError("workers must be 1 or more")
    if sum(x is not None for x in (out_dir, out_jsonl, tables)) > 1:
        raise ConfigError("use one of --out-dir, a .jsonl output and --tables")
    for name, limit in (("rpm", rpm), ("tpm", tpm)):
        if limit is not None and limit <= 0:
            raise ConfigError(f"{name} must be more than 0")
    return await _Batch(
        settings,
        out_dir=out_dir,
        out_jsonl=out_jsonl,
        tables=tables,
        tables_format=tables_format,
        errors_path=errors_path,
        concurrency=concurrency,
        workers=workers,
        limiter=RateLimiter(rpm, tpm) if (rpm or tpm) else None,
        force=force,
        cache=cache,
        cache_dir=cache_dir,
        price_in=price_in,
        price_out=price_out,
        progress=progress,
        budget=budget,
    ).run(sources)


def unique_jobs(sources: Iterable[Source]) -> list[Job]:
    """One job per source, each with an id unique in the batch (a repeat gets -2, -3, ...)."""
    return list(iter_jobs(sources))


def iter_jobs(sources: Iterable[Source]) -> Iterator[Job]:
    """`unique_jobs`, lazily: what it keeps is the ids taken so far."""
    taken: set[str] = set()
    for seq, source in enumerate(sources):
        base = (source.article.id if source.article else None) or source.name
        article_id, n = base, 1
        while article_id in taken:
            n += 1
            article_id = f"{base}-{n}"
        taken.add(article_id)
        article = source.article
        if article is not None and article.id != article_id:
            article = article.model_copy(update={"id": article_id})
        yield Job(article_id, source.name, article, source.error, seq=seq)


def resume_key(article: Article, settings: Settings, prompt_sha256: str | None) -> str:
    """What makes a stored result still the answer to this run's question."""
    parts = {
        "article": article.model_dump(mode="json"),
        "prompt_sha256": prompt_sha256,
        "schema_version": SCHEMA_VERSION,
        # Declared in summarizer.config: every setting marked as belonging in the resume key.
        "settings": settings.values("resume"),
    }
    return sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False))


class _Batch:
    def __init__(
        self,
        settings: Settings,
        *,
        out_dir: Path | None,
        out_jsonl: Path | None,
        tables: Path | None,
        tables_format: TableFormat,
        errors_path: Path | None,
        concurrency: int,
        workers: int,
        limiter: RateLimiter | None,
        force: bool,
        cache: bool,
        cache_dir: Path | None,
        price_in: float | None,
        price_out: float | None,
        progress: ProgressCallback | None,
        budget: float | None = None,
    ) -> None:
        # Inside `summarizer.testing.replaying()`: the cassette's settings, for the cache too.
        settings = engine_settings(settings)
        self.settings = settings
        self.concurrency = concurrency
        self.workers = workers
        self.limiter = limiter
        self.force = force
        self.progress_cb = progress
        self.llm = settings.effective_engine() == "llm"
        self.price = (
            price_for(settings.model, price_in=price_in, price_out=price_out) if self.llm else None
        )
        self.budget = None if budget is None else Budget.of(budget, self.price, settings.model)
        self.prompt_sha256: str | None = None
        self.prompt_chars = 0
        if self.llm:
            from summarizer.prompts import load_prompts

            prompts = load_prompts()
            self.prompt_sha256 = prompts.sha256
            self.prompt_chars = len(prompts.system) + len(prompts.user)
        # Recording must reach the server and replay is already free: the cache stays out.
        use_cache = cache and self.llm and not (settings.record or settings.replay)
        self.cache = ResponseCache(cache_dir or default_cache_dir()) if use_cache else None
        self.sink: Sink | None = None
        if out_dir is not None:
            from summarizer.batch_output import DirSink

            self.sink = DirSink(out_dir)
            errors_path = errors_path or out_dir / "errors.jsonl"
        elif out_jsonl is not None:
            from summarizer.batch_output import JsonlSink

            self.sink = JsonlSink(out_jsonl)
            errors_path = errors_path or out_jsonl.with_name(f"{out_jsonl.stem}.errors.jsonl")
        elif tables is not None:
            from summarizer.batch_output import TableSink
            from summarizer.tables import FORMATS

            if tables_format not in FORMATS:
                raise ConfigError(f"tables format must be one of {', '.join(FORMATS)}")
            self.sink = TableSink(tables, tables_format)
            errors_path = errors_path or tables / "errors.jsonl"
        self.errors = ErrorLog(errors_path) if errors_path is not None else None
        self.report = BatchReport(
            cache_dir=self.cache.folder if self.cache else None, errors_path=errors_path
        )
        self.state = BatchProgress()
        self.results: dict[str, Result] = {}  # without a sink
        self._order: list[str] = []  # without a sink: the ids, in input order
        self._pool: ProcessPoolExecutor | None = None  # verification, for `workers` > 1
        self._failed: dict[str, Failure] = {}  # without a sink
        self._commits: asyncio.Queue[Item | None] = asyncio.Queue()
        self._pending: dict[str, asyncio.Future[EngineRun]] = {}
        self.slots = asyncio.Semaphore(concurrency)
        # Set once every slot's first request has left, an answer is back or the input ran
        # out: the rest of the start-up may go ahead (see `_run_llm`).
        self._started = asyncio.Event()
        self._checking: asyncio.Task[None] | None = None
        self._writing = 0  # requests whose body is still being written, and the event of none
        self._written = asyncio.Event()
        self._bytes_seen = 0  # request sizes and the tokens they used, for --tpm estimates
        self._tokens_seen = 0

    # --- the run ------------------------------------------------------------------------------
    async def run(self, sources: Iterable[Source]) -> BatchReport:
        started = time.monotonic()
        self.state.started = started
        if self.sink is not None:
            await asyncio.to_thread(self.sink.open, force=self.force)
        self._tick()
        jobs = self._jobs_to_do(sources)
        first = next(jobs, None)  # nothing to do: no engine, so no client and no cassette
        if first is not None:
            jobs = itertools.chain([first], jobs)
            if self.llm:
                await self._run_llm(jobs)
            else:
                self._run_offline(jobs)
        if self.sink is not None:
            try:
                await asyncio.to_thread(self.sink.finish)
            except OSError as exc:
                raise SummarizerError(f"cannot write the results: {exc}") from None
        self.state.reading = False
        self._tick()

        report = self.report
        if self.sink is None:
            report.results = [self.results[i] for i in self._order if i in self.results]
            report.outcomes = [self.results.get(i) or self._failed[i] for i in self._order]
        report.cost = self.price.cost(report.usage) if self.price else None
        report.elapsed = time.monotonic() - started
        return report

    def _jobs_to_do(self, sources: Iterable[Source]) -> Iterator[Job]:
        """The jobs still to do, as the inputs are read; those already done are counted."""
        for job in iter_jobs(sources):
            self.report.articles += 1
            self.state.total += 1
            if job.article is not None:
                job.key = resume_key(job.article, self.settings, self.prompt_sha256)
                if self.sink is not None and self.sink.done(job.id, job.key, job.seq):
                    self.report.skipped += 1
                    self.state.skipped += 1
                    self._tick()
                    continue
            if self.sink is None:
                self._order.append(job.id)
            yield job
        self.state.reading = False

    async def _run_llm(self, jobs: Iterator[Job]) -> None:
        # Start-up, in the order the first requests need it (decided here and nowhere else):
        # 1. the engine: openai and instructor, which every request needs (~1.3 s of imports);
        # 2. `concurrency` workers, whose articles fill the slots (the anchored strategy's
        #    prompt lists what the evidence layer finds, so its first article's plan loads the
        #    evidence layer and the gazetteer, before any request is in flight; the layer's
        #    slow patterns compile when a text first uses them, so the first plan pays only
        #    for those its article needs: evidence.regex.lazy_compile);
        # 3. once the slots are full, a whole latency before the first answer: the other
        #    workers, and what verification needs (summarizer.verify, the evidence layer under
        #    it, the gazetteer), loaded in a thread while the loop waits for the server.
        # Started earlier, both held the first requests back: every worker ran its article's
        # plan before the first request was out, and --strategy free waited for the gazetteer.
        # Steps 1 and 2 are CPU work under one GIL: loading the evidence layer in a thread
        # during openai's import would interleave the two, not overlap them.
        engine = self._engine()
        if self.workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor  # ~10 ms, only for --workers

            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        self._checking = checking = asyncio.create_task(self._load_checking())
        try:
            # More workers than slots: one article's parsing, verification and writing overlap
            # the others' requests, so the slots stay full.
            later = self.concurrency + 2

            async def work_then_stop() -> None:
                try:
                    await asyncio.gather(
                        *(self._worker(jobs, engine) for _ in range(self.concurrency)),
                        *(self._worker(jobs, engine, later=True) for _ in range(later)),
                    )
                finally:
                    self._commits.put_nowait(None)

            await asyncio.gather(work_then_stop(), self._writer())
        finally:
            if not checking.done():
                checking.cancel()
            await asyncio.gather(checking, return_exceptions=True)
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
            await engine.aclose()

    async def _load_checking(self) -> None:
        """Step 3 of the start-up (see `_run_llm`): what verification needs, in a thread."""
        await self._started.wait()
        await asyncio.to_thread(_load_verification)

    # --- the offline engine: CPU work, in order, here or in worker processes -----------------
    def _run_offline(self, jobs: Iterator[Job]) -> None:
        group: list[Item] = []
        for job, outcome in self._offline_outcomes(jobs):
            if isinstance(outcome, Failure):
                self._fail(job, outcome.error, outcome.message)
                if self.sink is not None:
                    group.append(self._failed_item(job, outcome.error, outcome.message))
            else:
                line, passed, result = outcome
                if not passed:
                    self.report.unverified += 1
                if self.sink is None:
                    self.results[job.id] = result or Result.model_validate_json(line)
                else:
                    self.sink.store(job.id, line)
                    group.append(Done(job.seq, job.id, job.key, line))
                self.report.done += 1
                self.state.done += 1
                self._tick()
            if len(group) >= _GROUP:
                self._commit(group)
                group = []
        if group:
            self._commit(group)

    def _commit(self, items: list[Item]) -> None:
        assert self.sink is not None
        try:
            self.sink.commit(items)
        except OSError as exc:
            raise SummarizerError(f"cannot write the results: {exc}") from None

    def _offline_outcomes(
        self, jobs: Iterator[Job]
    ) -> Iterator[tuple[Job, Failure | tuple[str, bool, Result | None]]]:
        """Each job with its result (JSON, passed, the Result when made here) or its failure,
        in input order."""
        if self.workers == 1:
            engine = make_engine(self.settings)
            for job in jobs:
                refused = self._refusal(job)
                if refused is not None:
                    yield job, refused
                    continue
                assert job.article is not None
                try:
                    result = assemble(job.article, engine.run(job.article))
                except Exception as exc:  # noqa: BLE001  (one article never stops the batch)
                    yield job, _failure_of(job, exc)
                    continue
                line = result.model_dump_json() if self.sink is not None else ""
                yield job, (line, result.verification.passed, result)
            return
        yield from self._pooled_outcomes(jobs)

    def _pooled_outcomes(
        self, jobs: Iterator[Job]
    ) -> Iterator[tuple[Job, Failure | tuple[str, bool, Result | None]]]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: a fresh interpreter, whatever threads this process has (fork would copy them).
        context = multiprocessing.get_context("spawn")
        settings = self.settings.with_(api_key=None)
        queue: deque[tuple[list[Job], Future[list[_Outcome]] | Failure]] = deque()
        limit = self.workers * _CHUNKS_PER_WORKER
        with ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init_worker, initargs=(settings,)
        ) as pool:
            chunk: list[Job] = []
            in_flight = 0

            def submit() -> None:
                nonlocal chunk, in_flight
                payload = [job.article.model_dump_json() for job in chunk if job.article]
                queue.append((chunk, pool.submit(_summarize_chunk, payload)))
                in_flight += 1
                chunk = []

            def drain(until: int) -> Iterator[tuple[Job, Failure | tuple[str, bool, None]]]:
                nonlocal in_flight
                while queue and (in_flight > until or isinstance(queue[0][1], Failure)):
                    batch, pending = queue.popleft()
                    if isinstance(pending, Failure):
                        yield batch[0], pending
                        continue
                    in_flight -= 1
                    for job, outcome in zip(batch, pending.result(), strict=True):
                        if outcome[0] == "ok":
                            yield job, (outcome[1], outcome[2] == "passed", None)
                        else:
                            yield job, Failure(job.id, job.name, outcome[1], outcome[2])

            for job in jobs:
                refused = self._refusal(job)
                if refused is not None:
                    if chunk:
                        submit()  # keeps the order: the refusal comes after this chunk
                    queue.append(([job], refused))
                else:
                    chunk.append(job)
                    if len(chunk) >= _CHUNK:
                        submit()
                yield from drain(limit)
            if chunk:
                submit()
            yield from drain(0)

    def _refusal(self, job: Job) -> Failure | None:
        """Why a job cannot be summarised before any work: unreadable, or over --max-chars."""
        if job.article is None:
            return Failure(job.id, job.name, "InputError", job.error or f"{job.name}: unreadable")
        try:
            make_article(job.article, max_chars=self.settings.max_chars)
        except InputError as exc:
            return Failure(job.id, job.name, "InputError", f"{job.name}: {exc}")
        return None

    def _failed_item(self, job: Job, error: str, message: str) -> Failed:
        return Failed(job.seq, job.id, job.name, error, redact(message))

    def _engine(self) -> Engine:
        """The factory's engine; for an LLM, the batch's slots sit in the transport under it."""
        http = HttpOptions(
            wrap=lambda inner: _SlotTransport(inner, self),
            max_connections=self.concurrency + 4,
            on_request=self._count_request,
        )
        return make_engine(self.settings, http=http)

    def _count_request(self, retry: bool) -> None:
        if retry:
            self.report.transport_retries += 1

    async def send(
        self, request: httpx2.Request, inner: httpx2.AsyncBaseTransport
    ) -> httpx2.Response:
        """One HTTP request in one slot: the model's latency is all that happens inside it.

        Building the request, parsing and validating the answer, verifying and writing happen
        outside, so the slots stay busy with what the server is doing. Retries and re-asks
        are requests like any other: each waits for a slot and for the rate limits.
        """
        self.report.requests += 1
        counter = _article_requests.get()
        if counter is not None:
            counter[0] += 1
        estimate = self._estimate_tokens(len(request.content))
        async with self.slots:
            if self.limiter is not None:
                await self.limiter.acquire(estimate)
            self.state.in_flight += 1
            self.report.max_in_flight = max(self.report.max_in_flight, self.state.in_flight)
            self._tick()
            sent = self._sending(request)
            try:
                response = await inner.handle_async_request(request)
                # Raw bytes (still compressed, if they were): the client decodes them once.
                raw = b"".join([chunk async for chunk in response.aiter_raw()])
            finally:
                self.state.in_flight -= 1
                sent()
        # Let the request that was waiting for this slot take it, then wait until its body has
        # left before this task parses its answer: the headers and the body go out in two
        # writes a loop turn apart, and the answers of a wave parsed in between (milliseconds
        # of CPU each) held the body back by 10-30 ms, which the slot spent waiting.
        await asyncio.sleep(0)
        while self._writing:
            await self._written.wait()
        answer = httpx2.Response(
            response.status_code,
            headers=response.headers,
            content=raw,
            extensions=response.extensions,
            request=request,
        )
        if self.limiter is not None and self.limiter.tokens is not None:
            used = await _total_tokens(answer, estimate)
            self.limiter.settle(estimate, used)
            self._bytes_seen += len(request.content)
            self._tokens_seen += used
        return answer

    def _sending(self, request: httpx2.Request) -> Callable[[], None]:
        """Count `request` as being written until its body is out; the returned function ends
        the count (for a transport that never reports it, such as a cassette's)."""
        self._writing += 1
        self._written.clear()
        done = False

        def sent() -> None:
            nonlocal done
            if not done:
                done = True
                self._writing -= 1
                if not self._writing:
                    self._written.set()
                    if self.state.in_flight >= self.concurrency:
                        self._started.set()  # every slot's request has left

        outer = request.extensions.get("trace")

        async def trace(event: str, info: dict[str, Any]) -> None:
            if outer is not None:
                await outer(event, info)
            if event.endswith(("send_request_body.complete", "send_request_body.failed")):
                sent()

        request.extensions["trace"] = trace
        return sent

    def _estimate_tokens(self, request_bytes: int) -> int:
        """For --tpm, before the answer says: scaled from the answers so far, else a guess."""
        if self._bytes_seen:
            return max(1, round(request_bytes * self._tokens_seen / self._bytes_seen))
        return request_bytes // 4 + _EXPECTED_OUTPUT_TOKENS

    async def _worker(self, queue: Iterable[Job], engine: _Engine, *, later: bool = False) -> None:
        if later:
            await self._started.wait()
        for job in queue:
            await self._one(job, engine)
        self._started.set()  # the input ran out: no slot is left to fill

    async def _one(self, job: Job, engine: _Engine) -> None:
        article = job.article
        # The same refusals as a single article (--max-chars), before any request.
        refused = self._refusal(job)
        if refused is not None or article is None:
            assert refused is not None
            self._fail_async(job, refused.error, refused.message)
            return
        reserved = 0.0
        if self.budget is not None:
            admitted = self.budget.admit(self.prompt_chars + len(article.text), self.report.usage)
            if admitted is None:
                refusal = self.budget.refusal(self.report.usage)
                self._fail_async(job, "BudgetExceeded", f"{job.name}: {refusal}")
                return
            reserved = admitted
        try:
            await self._run_article(job, engine, article)
        finally:
            if self.budget is not None:
                self.budget.release(reserved)

    async def _run_article(self, job: Job, engine: _Engine, article: Article) -> None:
        counter = [0]
        _article_requests.set(counter)
        run: EngineRun | None = None
        ckey = ""
        try:
            if self.cache is not None and self.prompt_sha256 is not None:
                ckey = cache_key(article, self.settings, self.prompt_sha256)
                if not self.force:
                    run = self.cache.get(ckey)
            cached = run is not None
            if run is None:
                run, cached = await self._call(engine, article, ckey)
            self._started.set()  # an answer is back: verification cannot wait any longer
            line, passed = await self._verify_and_store(job, article, run, cached, ckey)
        except _WriteError as exc:
            raise SummarizerError(f"cannot write the results: {exc.__cause__}") from None
        except Exception as exc:  # noqa: BLE001  (one article's failure never stops the batch)
            attempts = getattr(exc, "attempts", 0) if isinstance(exc, SummarizerError) else 0
            self.report.model_calls += attempts
            self.report.reasks += max(0, attempts - 1)
            failure = _failure_of(job, exc)
            self._fail_async(job, failure.error, failure.message, attempts, counter[0])
            return
        finally:
            _article_requests.set(None)

        if cached:
            self.report.cached += 1
            self.state.cached += 1
        else:
            self.report.model_calls += run.attempts
            self.report.reasks += max(0, run.attempts - 1)
            if run.usage is not None:
                self.report.usage = self.report.usage + run.usage
                self.state.tokens += run.usage.total_tokens
        if not passed:
            self.report.unverified += 1
        if line is not None:
            self._commits.put_nowait(Done(job.seq, job.id, job.key, line))
        self.report.done += 1
        self.state.done += 1
        self._tick()

    async def _call(self, engine: _Engine, article: Article, ckey: str) -> tuple[EngineRun, bool]:
        """The engine's run, and whether another article's identical request answered it."""
        if not ckey or self.cache is None:
            return await engine.arun(article), False
        # Identical texts in one batch (or a re-check after a wait): ask the model once.
        pending = self._pending.get(ckey)
        if pending is not None:
            return await asyncio.shield(pending), True
        future: asyncio.Future[EngineRun] = asyncio.get_running_loop().create_future()
        self._pending[ckey] = future
        try:
            run = await engine.arun(article)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        finally:
            self._pending.pop(ckey, None)
        future.set_result(run)
        return run, False

    async def _verify_and_store(
        self, job: Job, article: Article, run: EngineRun, cached: bool, ckey: str
    ) -> tuple[str | None, bool]:
        """Verification and writing are CPU work: off the event loop, so the requests in flight
        are not held up. In a thread, or (`workers` > 1) verification in worker processes,
        which the GIL cannot slow down the loop with. The line for `commit`, and `passed`."""
        fresh = None if cached else run
        if self._checking is not None:
            await self._checking  # what verification needs, loaded once (see `_run_llm`)
        if self._pool is None:
            return await asyncio.to_thread(self._finish, job, article, run, fresh, ckey)
        loop = asyncio.get_running_loop()
        line, passed = await loop.run_in_executor(self._pool, _assemble_json, article, run)
        stored = await asyncio.to_thread(self._store, job, line, fresh, ckey)
        return stored, passed

    def _finish(
        self, job: Job, article: Article, run: EngineRun, fresh: EngineRun | None, ckey: str
    ) -> tuple[str | None, bool]:
        result = assemble(article, run)
        if self.sink is None:
            self.results[job.id] = result
            return self._store(job, None, fresh, ckey), result.verification.passed
        return self._store(job, result.model_dump_json(), fresh, ckey), result.verification.passed

    def _store(self, job: Job, line: str | None, fresh: EngineRun | None, ckey: str) -> str | None:
        """In a thread: the cache entry and the article's own file; the line for `commit`."""
        try:
            if fresh is not None and self.cache is not None and ckey:
                self.cache.put(ckey, fresh)
            if self.sink is None:
                if line is not None:
                    self.results[job.id] = Result.model_validate_json(line)
                return None
            assert line is not None
            self.sink.store(job.id, line)
        except OSError as exc:
            raise _WriteError() from exc
        return line

    async def _writer(self) -> None:
        """Group commit: whatever finished while the last fsync ran goes in the next one."""
        while True:
            item = await self._commits.get()
            items: list[Item] = []
            stop = item is None
            if item is not None:
                items.append(item)
            while not self._commits.empty():
                more = self._commits.get_nowait()
                if more is None:
                    stop = True
                else:
                    items.append(more)
            if items and self.sink is not None:
                try:
                    await asyncio.to_thread(self.sink.commit, items)
                except OSError as exc:
                    raise SummarizerError(f"cannot write the results: {exc}") from None
            if stop:
                return

    def _fail_async(
        self, job: Job, error: str, message: str, attempts: int = 0, requests: int = 0
    ) -> None:
        """A failure on the LLM path: the table sink gets its row through the writer."""
        self._fail(job, error, message, attempts, requests)
        if self.sink is not None:
            self._commits.put_nowait(self._failed_item(job, error, message))

    def _fail(
        self, job: Job, error: str, message: str, attempts: int = 0, requests: int = 0
    ) -> None:
        # An exception's words can carry a key a server echoed: never into the errors file.
        failure = Failure(job.id, job.name, error, redact(message), attempts, requests)
        if self.errors is None or len(self.report.failures) < _KEPT_FAILURES:
            self.report.failures.append(failure)
        if self.sink is None:
            self._failed[job.id] = failure
        self.report.failed += 1
        self.state.failed += 1
        if self.errors is not None:
            self.errors.write(failure.as_record())
        self._tick()

    def _tick(self) -> None:
        if self.progress_cb is not None:
            self.progress_cb(self.state)


async def _total_tokens(response: httpx2.Response, default: int) -> int:
    """The usage a chat completion reports, for --tpm; `default` when it says nothing."""
    try:
        await response.aread()
        usage = response.json().get("usage") or {}
        return int(usage.get("total_tokens") or default)
    except (ValueError, TypeError, AttributeError):
        return default


class _SlotTransport(httpx2.AsyncBaseTransport):
    """The transport under the engine's client: every request goes through the batch's slots."""

    def __init__(self, inner: httpx2.AsyncBaseTransport, batch: _Batch) -> None:
        self.inner = inner
        self.batch = batch

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response: httpx2.Response = await self.batch.send(request, self.inner)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


class _WriteError(Exception):
    """Writing a result failed (its OSError is the cause): the batch stops, unlike a failure."""


def _load_verification() -> None:
    """What verifying an answer needs, loaded ahead of the first: the verification layer, the
    evidence layer under it, and the gazetteer (its saved table; 1-2 s when it is built)."""
    import summarizer.verify  # noqa: F401
    from summarizer.evidence.places import load

    load()


def _assemble_json(article: Article, run: EngineRun) -> tuple[str, bool]:
    """In a worker process: the verified result as JSON, and whether it passed."""
    result = assemble(article, run)
    return result.model_dump_json(), result.verification.passed


def _failure_of(job: Job, exc: Exception) -> Failure:
    message = str(exc) if isinstance(exc, SummarizerError) else f"{type(exc).__name__}: {exc}"
    return Failure(job.id, job.name, type(exc).__name__, message)


# --- in a worker process (`workers` > 1) ---------------------------------------------------
# ("ok", result JSON, "passed" | "failed") or ("error", exception class, message)
_Outcome = tuple[str, str, str]
_worker_engine: Any = None


def _init_worker(settings: Settings) -> None:
    global _worker_engine
    _worker_engine = make_engine(settings)


def _summarize_chunk(articles: list[str]) -> list[_Outcome]:
    """Summarise and verify articles (as JSON); results as JSON, ready to be written."""
    out: list[_Outcome] = []
    for text in articles:
        try:
            article = Article.model_validate_json(text)
            result = assemble(article, _worker_engine.run(article))
        except Exception as exc:  # noqa: BLE001  (one article never stops the batch)
            message = (
                str(exc) if isinstance(exc, SummarizerError) else f"{type(exc).__name__}: {exc}"
            )
            out.append(("error", type(exc).__name__, message))
            continue
        passed = "passed" if result.verification.passed else "failed"
        out.append(("ok", result.model_dump_json(), passed))
    return out
