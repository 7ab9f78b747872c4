"""prepare, submit, status, collect: a provider batch run from inputs to verified results.

A run goes in rounds. Each round every unfinished article is run through the real engine over
`CaptureTransport` with every answer collected so far: an article whose requests all have
answers is finished (its result written as `summarize --out-dir` writes it); one whose next
request has none adds that request to the round's lines (a first ask, a resubmission of a
failed line, or a re-ask after a verification failure); one that fails is listed in the errors
file. The lines go to the provider (`submit`) or to a file for another runner (`prepare`); the
round's output comes back through `collect`. Whatever was killed, the next call resumes from
the state in DIR.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from summarizer.api import assemble, make_article
from summarizer.batch import Failure, resume_key, unique_jobs
from summarizer.batch_api import state as st
from summarizer.batch_api.capture import CaptureTransport, Deferred
from summarizer.batch_api.lines import (
    MAX_BYTES,
    MAX_LINES,
    URL,
    Outcome,
    RequestLine,
    parse_output_line,
    split,
)
from summarizer.batch_api.provider import DONE, Provider
from summarizer.batch_output import DirSink, read_whole_lines
from summarizer.config import Settings
from summarizer.engines.base import make_engine
from summarizer.errors import ConfigError, InputError, SummarizerError
from summarizer.inputs import Source
from summarizer.models import Article, Usage
from summarizer.output import atomic_write_text
from summarizer.pricing import Price, batch_price, price_for
from summarizer.redact import redact
from summarizer.replay import canonical_body, request_key

ARTICLES = "articles.jsonl"
REQUESTS = "requests.jsonl"  # prepare: the round's lines, for `vllm run-batch -i`
ERRORS = "errors.jsonl"
# --mode auto probes the server before the first article; a batch has no "before". Tools is
# what auto picks on the OpenAI API.
BATCH_MODE = "tools"


@dataclass
class PartStatus:
    name: str
    batch_id: str | None
    status: str
    counts: dict[str, int]
    problem: str | None = None


@dataclass
class BatchApiReport:
    articles: int = 0
    done: int = 0
    failed: int = 0
    pending: int = 0  # requests waiting in the current round
    rounds: int = 0
    lines: int = 0  # request lines over every round
    failed_lines: int = 0
    usage: Usage = field(default_factory=Usage)
    cost: float | None = None
    finished: bool = False
    parts: list[PartStatus] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # whole batches that produced nothing
    notes: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    errors_path: Path | None = None
    requests_path: Path | None = None  # prepare: the file to run next

    def summary_line(self) -> str:
        parts = [f"{self.articles} articles: {self.done} done, {self.failed} failed"]
        if self.pending:
            parts.append(f"{self.pending} requests in round {self.rounds}")
        parts.append(f"{self.lines} lines in {self.rounds} round(s), {self.failed_lines} failed")
        parts.append(
            f"tokens {self.usage.prompt_tokens:,} in / {self.usage.completion_tokens:,} out"
        )
        if self.cost is not None:
            parts.append(f"cost ${self.cost:,.4f} (batch price)")
        line = " · ".join(parts)
        if self.failed and self.errors_path is not None:
            line += f" (failures in {self.errors_path})"
        return line

    def as_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "done": self.done,
            "failed": self.failed,
            "pending": self.pending,
            "rounds": self.rounds,
            "lines": self.lines,
            "failed_lines": self.failed_lines,
            "usage": self.usage.model_dump(),
            "cost": self.cost,
            "finished": self.finished,
            "problems": self.problems,
            "batches": [p.__dict__ for p in self.parts],
        }


# --- settings ----------------------------------------------------------------------------------


def batch_settings(settings: Settings) -> tuple[Settings, str | None]:
    """The settings a batch runs with, and a note when --mode auto had to be replaced."""
    settings = settings.with_(engine="llm", record=None, replay=None)
    if settings.mode == "auto":
        note = f"note: --mode auto probes the server, which a batch cannot; using {BATCH_MODE}"
        return settings.with_(mode=BATCH_MODE), note
    return settings, None


def _settings_of(state: st.State, api_key: str | None) -> Settings:
    return Settings(engine="llm", api_key=api_key, **state.settings)


def engine_settings(settings: Settings) -> Settings:
    # The engine's client sends only to CaptureTransport: no retries of its own (failed lines are
    # resubmitted in rounds instead), and no key needed.
    from summarizer.engines.llm import NO_KEY

    return settings.with_(transport_retries=0, api_key=settings.api_key or NO_KEY)


def _price(settings: Settings, price_in: float | None, price_out: float | None) -> Price | None:
    return batch_price(price_for(settings.model, price_in=price_in, price_out=price_out))


def _prompt_sha256() -> str:
    from summarizer.prompts import load_prompts

    return load_prompts().sha256


# --- the rounds ----------------------------------------------------------------------------


def _new_state(
    out_dir: Path,
    sources: Iterable[Source],
    settings: Settings,
    *,
    provider: bool,
    price: Price | None,
) -> st.State:
    jobs = unique_jobs(sources)
    if not jobs:
        raise InputError("no input to batch")
    records = [
        json.dumps(
            {
                "id": job.id,
                "name": job.name,
                "article": job.article.model_dump(mode="json") if job.article else None,
                "error": job.error,
            },
            ensure_ascii=False,
        )
        for job in jobs
    ]
    state = st.State(
        settings={name: getattr(settings, name) for name in st.SETTINGS_FIELDS},
        prompt_sha256=_prompt_sha256(),
        price=(price.input_per_million, price.output_per_million) if price else None,
        provider=provider,
    )
    # The articles first: a state file always has its articles.
    st.write_lines(st.folder(out_dir) / ARTICLES, records)
    st.save(out_dir, state)
    return state


@dataclass
class _Job:
    id: str
    name: str
    article: Article | None
    error: str | None


def _jobs(out_dir: Path) -> list[_Job]:
    lines, _ = read_whole_lines(st.folder(out_dir) / ARTICLES)
    jobs = []
    for line in lines:
        data = json.loads(line)
        article = Article.model_validate(data["article"]) if data["article"] else None
        jobs.append(_Job(data["id"], data["name"], article, data["error"]))
    return jobs


def _line_key(body: Any) -> str:
    return request_key("POST", URL, canonical_body(json.dumps(body).encode()))


def _part_lines(out_dir: Path, part: st.Part) -> dict[str, str]:
    """custom_id -> request key, for the lines of one part."""
    lines, _ = read_whole_lines(st.folder(out_dir) / part.requests_file)
    ids: dict[str, str] = {}
    for line in lines:
        record = json.loads(line)
        ids[record["custom_id"]] = _line_key(record["body"])
    return ids


def _answers(out_dir: Path, state: st.State) -> tuple[dict[str, list[Outcome]], Usage, int]:
    """Request key -> one outcome per round it was sent in; the usage of every answer; the
    number of failed lines. A line missing from a finished batch's files is a failed line."""
    answers: dict[str, list[Outcome]] = {}
    usage = Usage()
    failed = 0
    for part in state.parts:
        if not part.collected:
            continue
        ids = _part_lines(out_dir, part)
        found: dict[str, Outcome] = {}
        for name in (part.output_file, part.errors_file):
            lines, _ = read_whole_lines(st.folder(out_dir) / name)
            for text in lines:
                outcome = parse_output_line(text)
                # Unknown ids are not ours; a repeated id keeps its first answer.
                if outcome is None or outcome.custom_id not in ids:
                    continue
                previous = found.get(outcome.custom_id)
                if previous is None or (not previous.ok and outcome.ok):
                    found[outcome.custom_id] = outcome
        for cid, key in ids.items():
            outcome = found.get(cid) or Outcome(
                cid, reason=part.problem or "missing from the batch's output"
            )
            answers.setdefault(key, []).append(outcome)
            if outcome.ok:
                usage = usage + _usage_of(outcome.body)
            else:
                failed += 1
    return answers, usage, failed


def _usage_of(body: dict[str, Any] | None) -> Usage:
    raw = (body or {}).get("usage") or {}
    try:
        return Usage(
            prompt_tokens=int(raw.get("prompt_tokens") or 0),
            completion_tokens=int(raw.get("completion_tokens") or 0),
            total_tokens=int(raw.get("total_tokens") or 0),
        )
    except (TypeError, ValueError, AttributeError):
        return Usage()


@dataclass
class _Round:
    lines: list[RequestLine]
    report: BatchApiReport


def _advance(out_dir: Path, state: st.State, api_key: str | None) -> _Round:
    """Run every unfinished article over the answers so far: results, failures, next lines."""
    if state.prompt_sha256 != _prompt_sha256():
        raise ConfigError(
            f"the prompts changed since this batch was submitted ({state.prompt_sha256[:12]}): "
            "its answers no longer match the requests; submit again into a new --out-dir"
        )
    settings = _settings_of(state, api_key)
    answers, usage, failed_lines = _answers(out_dir, state)
    jobs = _jobs(out_dir)
    keys = {j.id: resume_key(j.article, settings, state.prompt_sha256) for j in jobs if j.article}
    sink = DirSink(out_dir)
    done = sink.prepare(keys, force=False)
    transport = CaptureTransport(answers, settings.transport_retries)
    pending: dict[str, RequestLine] = {}
    failures: list[Failure] = []
    stored = 0
    with httpx2.Client(transport=transport) as http:
        engine = make_engine(engine_settings(settings), http_client=http)
        items: list[tuple[str, str, str]] = []
        for job in jobs:
            if job.id in done:
                continue
            if job.article is None:
                message = job.error or f"{job.name}: cannot be read"
                failures.append(Failure(job.id, job.name, "InputError", message))
                continue
            try:
                make_article(job.article, max_chars=settings.max_chars)
                transport.begin(job.id)
                run = engine.run(job.article)
            except Deferred:
                line = transport.article.pending
                assert line is not None
                pending.setdefault(line.key, line)  # identical requests are sent once
                continue
            except SummarizerError as exc:
                attempts = int(getattr(exc, "attempts", 0) or 0)
                message = redact(str(exc))
                failures.append(Failure(job.id, job.name, type(exc).__name__, message, attempts))
                continue
            result = assemble(job.article, run)
            sink.store(job.id, result.model_dump_json())
            items.append((job.id, keys[job.id], ""))
            stored += 1
            if len(items) >= 100:  # a kill loses at most the index of the last few
                sink.commit(items)
                items = []
        if items:
            sink.commit(items)
    errors_path = out_dir / ERRORS
    # Failures are final only when nothing is pending; they are rewritten whole each round.
    records = [json.dumps(f.as_record(), ensure_ascii=False) for f in failures]
    if records:
        st.write_lines(errors_path, records)
    else:
        errors_path.unlink(missing_ok=True)
    price = Price(*state.price) if state.price else None
    report = BatchApiReport(
        articles=len(jobs),
        done=len(done) + stored,
        failed=len(failures),
        pending=len(pending),
        lines=sum(p.lines for p in state.parts),
        failed_lines=failed_lines,
        usage=usage,
        cost=price.cost(usage) if price else None,
        failures=failures,
        errors_path=errors_path if failures else None,
    )
    return _Round(list(pending.values()), report)


def _next_round(
    out_dir: Path, state: st.State, lines: list[RequestLine], *, max_lines: int, max_bytes: int
) -> None:
    """Write the next round's files and name them in the state (not yet sent)."""
    number = state.round + 1
    files = split(lines, max_lines=max_lines, max_bytes=max_bytes) if state.provider else [lines]
    for index, chunk in enumerate(files, start=1):
        part = st.Part(name=f"round-{number}-{index}", round=number, lines=len(chunk))
        st.write_lines(st.folder(out_dir) / part.requests_file, [x.to_json() for x in chunk])
        state.parts.append(part)
    if not state.provider:
        atomic_write_text(out_dir / REQUESTS, "".join(x.to_json() + "\n" for x in lines))
    st.save(out_dir, state)


def _finish_round(
    out_dir: Path, state: st.State, api_key: str | None, *, max_lines: int, max_bytes: int
) -> BatchApiReport:
    advanced = _advance(out_dir, state, api_key)
    # What the round found, for `status` and for a later `collect` of finished work.
    state.summary = advanced.report.as_json() | {
        "failures": [f.as_record() for f in advanced.report.failures]
    }
    if advanced.lines:
        _next_round(out_dir, state, advanced.lines, max_lines=max_lines, max_bytes=max_bytes)
    else:
        state.finished = True
        st.save(out_dir, state)
        if not state.provider:
            (out_dir / REQUESTS).unlink(missing_ok=True)
    report = advanced.report
    report.rounds = state.round
    report.lines = sum(p.lines for p in state.parts)
    report.finished = state.finished
    if not state.provider and advanced.lines:
        report.requests_path = out_dir / REQUESTS
    return report


# --- the provider ----------------------------------------------------------------------------


def _provider(settings: Settings) -> Provider:
    return Provider(
        api_key=settings.api_key,
        base_url=settings.base_url,
        timeout=settings.timeout,
        retries=settings.transport_retries,
    )


def _send(out_dir: Path, state: st.State, provider: Provider) -> None:
    """Upload and create the current round's batches not yet created; safe to repeat."""
    for part in state.current():
        if part.batch_id is not None or part.collected:
            continue
        name = f"{state.tag(part)}.jsonl"
        if part.file_id is None and part.uploading:
            part.file_id = provider.find_file(name)
        if part.file_id is None:
            part.uploading = True
            st.save(out_dir, state)
            content = (st.folder(out_dir) / part.requests_file).read_bytes()
            part.file_id = provider.upload(name, content)
        part.uploading = False
        if part.creating:
            part.batch_id = provider.find_batch(state.tag(part))
        if part.batch_id is None:
            part.creating = True
            st.save(out_dir, state)
            part.batch_id = provider.create(part.file_id, state.tag(part))
        part.creating = False
        part.status = "validating"
        st.save(out_dir, state)


def _poll(out_dir: Path, state: st.State, provider: Provider) -> list[str]:
    """Read each open batch of the round; download the files of those that ended."""
    problems = []
    for part in state.current():
        if part.collected or part.batch_id is None:
            continue
        info = provider.retrieve(part.batch_id)
        part.status, part.counts = info.status, info.counts
        if info.status not in DONE:
            continue
        for file_id, name in (
            (info.output_file_id, part.output_file),
            (info.error_file_id, part.errors_file),
        ):
            if file_id:
                text = provider.content(file_id).decode("utf-8", errors="replace")
                atomic_write_text(st.folder(out_dir) / name, text)
        if info.status != "completed":
            what = {"failed": "failed validation"}.get(info.status, info.status)
            part.problem = f"batch {info.id} {what}" + (f": {info.problem}" if info.problem else "")
            problems.append(part.problem)
        part.collected = True
        st.save(out_dir, state)
    return problems


def _part_statuses(state: st.State) -> list[PartStatus]:
    return [
        PartStatus(p.name, p.batch_id, p.status or "not sent", dict(p.counts), p.problem)
        for p in state.parts
    ]


def _stored_report(out_dir: Path, state: st.State) -> BatchApiReport:
    """The report as of the last round, from the state alone: nothing is sent or written."""
    s = state.summary
    failures = [Failure(**f) for f in s.get("failures", [])]
    return BatchApiReport(
        articles=int(s.get("articles", 0)),
        done=int(s.get("done", 0)),
        failed=int(s.get("failed", 0)),
        rounds=state.round,
        lines=sum(p.lines for p in state.parts),
        failed_lines=int(s.get("failed_lines", 0)),
        usage=Usage(**s.get("usage", {})),
        cost=s.get("cost"),
        finished=state.finished,
        pending=sum(p.lines for p in state.current() if not p.collected),
        parts=_part_statuses(state),
        failures=failures,
        errors_path=out_dir / ERRORS if failures else None,
    )


# --- the public functions ----------------------------------------------------------------------


def prepare(
    sources: Iterable[Source],
    settings: Settings,
    out_dir: Path,
    *,
    price_in: float | None = None,
    price_out: float | None = None,
) -> BatchApiReport:
    """Write `out_dir/requests.jsonl` for any runner of the OpenAI batch format; send nothing.

    Run it (`vllm run-batch -i requests.jsonl -o out.jsonl`), then `collect(out_dir,
    responses=out.jsonl)`; a round that needs follow-up requests writes the file again.
    """
    settings, note = batch_settings(settings)
    if st.exists(out_dir):
        raise InputError(f"{out_dir} already holds a batch: collect it, or use another --out-dir")
    state = _new_state(
        out_dir, sources, settings, provider=False, price=_price(settings, price_in, price_out)
    )
    report = _finish_round(
        out_dir, state, settings.api_key, max_lines=MAX_LINES, max_bytes=MAX_BYTES
    )
    if note:
        report.notes.append(note)
    return report


def submit(
    sources: Iterable[Source],
    settings: Settings,
    out_dir: Path,
    *,
    max_lines: int = MAX_LINES,
    max_bytes: int = MAX_BYTES,
    price_in: float | None = None,
    price_out: float | None = None,
) -> BatchApiReport:
    """Create the first round's batches at the provider; run twice, it creates nothing new."""
    settings, note = batch_settings(settings)
    split([], max_lines=max_lines, max_bytes=max_bytes)  # the limits, checked before anything
    provider = _provider(settings)
    if st.exists(out_dir):
        state = st.load(out_dir)
        wanted = {name: getattr(settings, name) for name in st.SETTINGS_FIELDS}
        if not state.provider or state.settings != wanted:
            raise InputError(
                f"{out_dir} already holds a batch with other settings: collect it there, or "
                "use another --out-dir"
            )
        report = _stored_report(out_dir, state)
        report.notes.append("already submitted: nothing new was created")
    else:
        state = _new_state(
            out_dir, sources, settings, provider=True, price=_price(settings, price_in, price_out)
        )
        report = _finish_round(
            out_dir, state, settings.api_key, max_lines=max_lines, max_bytes=max_bytes
        )
    if not state.finished:
        _send(out_dir, state, provider)
    if note:
        report.notes.append(note)
    report.parts = _part_statuses(state)
    report.rounds = state.round
    report.lines = sum(p.lines for p in state.parts)
    report.pending = sum(p.lines for p in state.current() if not p.collected)
    report.finished = state.finished
    return report


def status(out_dir: Path, *, api_key: str | None = None) -> BatchApiReport:
    """Each batch's state and request counts (read from the provider for open ones)."""
    state = st.load(out_dir)
    if state.finished:
        return _stored_report(out_dir, state)
    if state.provider:
        provider = _provider(_settings_of(state, api_key))
        for part in state.current():
            if part.batch_id and not part.collected:
                info = provider.retrieve(part.batch_id)
                part.status, part.counts = info.status, info.counts
    return _stored_report(out_dir, state)


def collect(
    out_dir: Path,
    *,
    api_key: str | None = None,
    wait: bool = False,
    poll_interval: float = 30.0,
    responses: Path | None = None,
    max_lines: int = MAX_LINES,
    max_bytes: int = MAX_BYTES,
    sleep: Callable[[float], None] = time.sleep,
    on_poll: Callable[[BatchApiReport], None] | None = None,
) -> BatchApiReport:
    """Download what finished, verify it, write results, send the follow-up round.

    With `wait`, poll every `poll_interval` seconds until every article is done or failed.
    With `responses`, the round's output comes from that file (a `prepare`d batch).
    Finished work is reported from the state: nothing is sent, nothing written.
    """
    state = st.load(out_dir)
    if state.finished:
        return _stored_report(out_dir, state)
    if responses is not None and state.provider:
        raise InputError(f"{out_dir} was submitted to the provider: collect it without --responses")
    if not state.provider:
        return _collect_file(out_dir, state, api_key, responses)
    if poll_interval <= 0:
        raise ConfigError("poll-interval must be more than 0 seconds")
    provider = _provider(_settings_of(state, api_key))
    problems: list[str] = []
    while True:
        _send(out_dir, state, provider)
        problems += _poll(out_dir, state, provider)
        report: BatchApiReport | None = None
        if all(p.collected for p in state.current()):
            report = _finish_round(
                out_dir, state, api_key, max_lines=max_lines, max_bytes=max_bytes
            )
            if not state.finished:
                _send(out_dir, state, provider)
        if state.finished or not wait:
            break
        if on_poll is not None:
            on_poll(_stored_report(out_dir, state))
        sleep(poll_interval)
    if report is None:
        report = _stored_report(out_dir, state)
    report.parts = _part_statuses(state)
    report.problems = problems
    return report


def _collect_file(
    out_dir: Path, state: st.State, api_key: str | None, responses: Path | None
) -> BatchApiReport:
    if responses is None:
        raise InputError(
            f"{out_dir} was prepared for another runner: collect it with --responses FILE"
        )
    try:
        data = responses.read_bytes()
    except OSError as exc:
        raise InputError(f"{responses}: cannot be read ({exc.strerror or exc})") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest in state.imports:
        raise InputError(f"{responses} was already collected into {out_dir}")
    (part,) = state.current()
    ids = _part_lines(out_dir, part)
    answered = {
        o.custom_id
        for o in map(parse_output_line, data.decode("utf-8", "replace").splitlines())
        if o
    }
    if ids and not answered & ids.keys():
        raise InputError(
            f"{responses}: no line answers a request of round {part.round} "
            f"({st.folder(out_dir) / part.requests_file})"
        )
    atomic_write_text(st.folder(out_dir) / part.output_file, data.decode("utf-8", errors="replace"))
    part.collected, part.status = True, "completed"
    state.imports.append(digest)
    st.save(out_dir, state)
    return _finish_round(out_dir, state, api_key, max_lines=MAX_LINES, max_bytes=MAX_BYTES)
