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

Transport retries (429, 5xx, timeouts, connection errors) are the openai client's own: it backs
off exponentially with jitter and honours Retry-After. The transport counts every request, and
the retries among them through the engine's request hook; verification re-asks
are counted from each run's attempts.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx2

from summarizer.api import assemble, make_article
from summarizer.batch_output import DirSink, ErrorLog, Item, JsonlSink
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

DEFAULT_CONCURRENCY = 8
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
    failures: list[Failure] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)  # only without out_dir / out_jsonl

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
class _Job:
    id: str
    name: str
    article: Article | None
    error: str | None
    key: str = ""


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
    errors_path: Path | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
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
    return asyncio.run(
        arun_batch(
            sources,
            settings,
            out_dir=out_dir,
            out_jsonl=out_jsonl,
            errors_path=errors_path,
            concurrency=concurrency,
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
    )


async def arun_batch(
    sources: Iterable[Source],
    settings: Settings,
    *,
    out_dir: Path | None = None,
    out_jsonl: Path | None = None,
    errors_path: Path | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
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

    Results go to `out_dir` (one JSON file per article) or `out_jsonl` (one line each), written
    as each finishes; an article whose result is already there from the same settings is
    skipped (`force` redoes it). With neither, results are returned in `report.results`, in
    input order. Failures never stop the batch: they are listed in the report and, with a sink,
    written to `errors_path` (default: beside the results). With `budget` (US$), articles are
    not started once it would be passed (summarizer.budget); they are listed as failures.
    """
    if concurrency < 1:
        raise ConfigError("concurrency must be 1 or more")
    if out_dir is not None and out_jsonl is not None:
        raise ConfigError("--out-dir and a .jsonl output cannot be used together")
    for name, limit in (("rpm", rpm), ("tpm", tpm)):
        if limit is not None and limit <= 0:
            raise ConfigError(f"{name} must be more than 0")
    return await _Batch(
        settings,
        out_dir=out_dir,
        out_jsonl=out_jsonl,
        errors_path=errors_path,
        concurrency=concurrency,
        limiter=RateLimiter(rpm, tpm) if (rpm or tpm) else None,
        force=force,
        cache=cache,
        cache_dir=cache_dir,
        price_in=price_in,
        price_out=price_out,
        progress=progress,
        budget=budget,
    ).run(sources)


def unique_jobs(sources: Iterable[Source]) -> list[_Job]:
    """One job per source, each with an id unique in the batch (a repeat gets -2, -3, ...)."""
    jobs: list[_Job] = []
    taken: set[str] = set()
    for source in sources:
        base = (source.article.id if source.article else None) or source.name
        article_id, n = base, 1
        while article_id in taken:
            n += 1
            article_id = f"{base}-{n}"
        taken.add(article_id)
        article = source.article
        if article is not None and article.id != article_id:
            article = article.model_copy(update={"id": article_id})
        jobs.append(_Job(article_id, source.name, article, source.error))
    return jobs


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
        errors_path: Path | None,
        concurrency: int,
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
        self.sink: JsonlSink | DirSink | None = None
        if out_dir is not None:
            self.sink = DirSink(out_dir)
            errors_path = errors_path or out_dir / "errors.jsonl"
        elif out_jsonl is not None:
            self.sink = JsonlSink(out_jsonl)
            errors_path = errors_path or out_jsonl.with_name(f"{out_jsonl.stem}.errors.jsonl")
        self.errors = ErrorLog(errors_path) if errors_path is not None else None
        self.report = BatchReport(
            cache_dir=self.cache.folder if self.cache else None, errors_path=errors_path
        )
        self.state = BatchProgress()
        self.results: dict[str, Result] = {}
        self._commits: asyncio.Queue[Item | None] = asyncio.Queue()
        self._pending: dict[str, asyncio.Future[EngineRun]] = {}
        self.slots = asyncio.Semaphore(concurrency)
        self._bytes_seen = 0  # request sizes and the tokens they used, for --tpm estimates
        self._tokens_seen = 0

    # --- the run ------------------------------------------------------------------------------
    async def run(self, sources: Iterable[Source]) -> BatchReport:
        started = time.monotonic()
        self.state.started = started
        jobs = unique_jobs(sources)
        for job in jobs:
            if job.article is not None:
                job.key = resume_key(job.article, self.settings, self.prompt_sha256)
        done: set[str] = set()
        if self.sink is not None:
            keyed = {job.id: job.key for job in jobs if job.article is not None}
            done = await asyncio.to_thread(self.sink.prepare, keyed, force=self.force)
        pending = [job for job in jobs if job.id not in done]
        self.report.articles = self.state.total = len(jobs)
        self.report.skipped = self.state.skipped = len(jobs) - len(pending)
        self._tick()

        engine = self._engine() if pending else None
        try:
            queue = iter(pending)
            # More workers than slots: one article's parsing, verification and writing overlap
            # the others' requests, so the slots stay full.
            count = min(len(pending), self.concurrency * 2 + 2)

            async def work_then_stop() -> None:
                try:
                    if engine is not None:
                        await asyncio.gather(*(self._worker(queue, engine) for _ in range(count)))
                finally:
                    self._commits.put_nowait(None)

            await asyncio.gather(work_then_stop(), self._writer())
        finally:
            if engine is not None:
                await engine.aclose()

        report = self.report
        if self.sink is None:
            report.results = [self.results[j.id] for j in jobs if j.id in self.results]
        report.cost = self.price.cost(report.usage) if self.price else None
        report.elapsed = time.monotonic() - started
        return report

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
            try:
                response = await inner.handle_async_request(request)
                # Raw bytes (still compressed, if they were): the client decodes them once.
                raw = b"".join([chunk async for chunk in response.aiter_raw()])
            finally:
                self.state.in_flight -= 1
        # Let the request that was waiting for this slot go out before this task goes on to
        # parse and verify its answer (milliseconds of CPU that would delay the send).
        await asyncio.sleep(0)
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

    def _estimate_tokens(self, request_bytes: int) -> int:
        """For --tpm, before the answer says: scaled from the answers so far, else a guess."""
        if self._bytes_seen:
            return max(1, round(request_bytes * self._tokens_seen / self._bytes_seen))
        return request_bytes // 4 + _EXPECTED_OUTPUT_TOKENS

    async def _worker(self, queue: Iterable[_Job], engine: _Engine) -> None:
        for job in queue:
            await self._one(job, engine)

    async def _one(self, job: _Job, engine: _Engine) -> None:
        article = job.article
        if article is None:
            self._fail(job, "InputError", job.error or f"{job.name}: cannot be read")
            return
        try:  # the same refusals as a single article (--max-chars), before any request
            make_article(article, max_chars=self.settings.max_chars)
        except InputError as exc:
            self._fail(job, "InputError", f"{job.name}: {exc}")
            return
        reserved = 0.0
        if self.budget is not None:
            admitted = self.budget.admit(self.prompt_chars + len(article.text), self.report.usage)
            if admitted is None:
                self._fail(
                    job, "BudgetExceeded", f"{job.name}: {self.budget.refusal(self.report.usage)}"
                )
                return
            reserved = admitted
        try:
            await self._run_article(job, engine, article)
        finally:
            if self.budget is not None:
                self.budget.release(reserved)

    async def _run_article(self, job: _Job, engine: _Engine, article: Article) -> None:
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
            result = assemble(article, run)
        except Exception as exc:  # noqa: BLE001  (one article's failure never stops the batch)
            attempts = getattr(exc, "attempts", 0) if isinstance(exc, SummarizerError) else 0
            self.report.model_calls += attempts
            self.report.reasks += max(0, attempts - 1)
            message = (
                str(exc) if isinstance(exc, SummarizerError) else f"{type(exc).__name__}: {exc}"
            )
            self._fail(job, type(exc).__name__, message, attempts, counter[0])
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
        if not result.verification.passed:
            self.report.unverified += 1
        line = await asyncio.to_thread(self._store, job, result, None if cached else run, ckey)
        if line is not None:
            self._commits.put_nowait((job.id, job.key, line))
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

    def _store(self, job: _Job, result: Result, fresh: EngineRun | None, ckey: str) -> str | None:
        """In a thread: the cache entry and the article's own file; the line for `commit`."""
        if fresh is not None and self.cache is not None and ckey:
            self.cache.put(ckey, fresh)
        if self.sink is None:
            self.results[job.id] = result
            return None
        line = result.model_dump_json()
        self.sink.store(job.id, line)
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

    def _fail(
        self, job: _Job, error: str, message: str, attempts: int = 0, requests: int = 0
    ) -> None:
        # An exception's words can carry a key a server echoed: never into the errors file.
        failure = Failure(job.id, job.name, error, redact(message), attempts, requests)
        self.report.failures.append(failure)
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
