"""The rounds of a provider batch run: every unfinished article through the real engine.

Each round every unfinished article is run through the same engine as online over
`CaptureTransport`, with every answer collected so far: an article whose requests all have
answers is finished (its result written as `summarize --out-dir` writes it); one whose next
request has none adds that request to the next round's lines (a first ask, a resubmission of a
failed line, or a re-ask after a verification failure); one that fails is listed in the errors
file. Given the same answers a round gives the same lines, so a round cut short by a kill is
simply run again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2

from summarizer.api import assemble, make_article
from summarizer.batch import Failure, Job, resume_key, unique_jobs
from summarizer.batch_api import state as st
from summarizer.batch_api.capture import CaptureTransport, Deferred
from summarizer.batch_api.lines import URL, Outcome, RequestLine, parse_output_line, split
from summarizer.batch_api.report import ERRORS, BatchApiReport
from summarizer.batch_output import DirSink, Done, Item, read_whole_lines
from summarizer.cassettes.format import canonical_body, request_key
from summarizer.config import Settings
from summarizer.engines.factory import make_engine
from summarizer.errors import ConfigError, InputError, SummarizerError
from summarizer.inputs import Source
from summarizer.models import Article, Usage
from summarizer.output import atomic_write_text
from summarizer.pricing import Price, batch_price, price_for
from summarizer.redact import redact

ARTICLES = "articles.jsonl"
REQUESTS = "requests.jsonl"  # prepare: the round's lines, for `vllm run-batch -i`
# --mode auto probes the server before the first article; a batch has no "before". Tools is
# what auto picks on the OpenAI API.
BATCH_MODE = "tools"


# --- settings ----------------------------------------------------------------------------------


def batch_settings(settings: Settings) -> tuple[Settings, str | None]:
    """The settings a batch runs with, and a note when --mode auto had to be replaced."""
    settings = settings.with_(engine="llm", record=None, replay=None)
    if settings.mode == "auto":
        note = f"note: --mode auto probes the server, which a batch cannot; using {BATCH_MODE}"
        return settings.with_(mode=BATCH_MODE), note
    return settings, None


def settings_of(state: st.State, api_key: str | None) -> Settings:
    return Settings(engine="llm", api_key=api_key, **state.settings)


def engine_settings(settings: Settings) -> Settings:
    # The engine's client sends only to CaptureTransport: no retries of its own (failed lines are
    # resubmitted in rounds instead), and no key needed.
    from summarizer.engines.llm import NO_KEY

    return settings.with_(transport_retries=0, api_key=settings.api_key or NO_KEY)


def price_of(settings: Settings, price_in: float | None, price_out: float | None) -> Price | None:
    return batch_price(price_for(settings.model, price_in=price_in, price_out=price_out))


def prompt_sha256() -> str:
    from summarizer.prompts import load_prompts

    return load_prompts().sha256


# --- the rounds ----------------------------------------------------------------------------


def job_records(sources: Iterable[Source]) -> list[str]:
    """The inputs as they are kept in the folder: one line per article (or why it is unusable)."""
    jobs = unique_jobs(sources)
    if not jobs:
        raise InputError("no input to batch")
    return [
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


def digest(records: list[str]) -> str:
    return hashlib.sha256("\n".join(records).encode()).hexdigest()


def new_state(
    out_dir: Path,
    records: list[str],
    settings: Settings,
    *,
    provider: bool,
    price: Price | None,
) -> st.State:
    state = st.State(
        settings=settings_record(settings),
        prompt_sha256=prompt_sha256(),
        price=(price.input_per_million, price.output_per_million) if price else None,
        provider=provider,
        inputs=digest(records),
    )
    # The articles first: a state file always has its articles.
    st.write_lines(st.folder(out_dir) / ARTICLES, records)
    st.save(out_dir, state)
    return state


def settings_record(settings: Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in st.SETTINGS_FIELDS}


def load_jobs(out_dir: Path) -> list[Job]:
    lines, _ = read_whole_lines(st.folder(out_dir) / ARTICLES)
    jobs: list[Job] = []
    for line in lines:
        data = json.loads(line)
        article = Article.model_validate(data["article"]) if data["article"] else None
        jobs.append(Job(data["id"], data["name"], article, data["error"], seq=len(jobs)))
    return jobs


def _line_key(body: Any) -> str:
    return request_key("POST", URL, canonical_body(json.dumps(body).encode()))


def part_lines(out_dir: Path, part: st.Part) -> dict[str, str]:
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
        ids = part_lines(out_dir, part)
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
    if state.prompt_sha256 != prompt_sha256():
        raise ConfigError(
            f"the prompts changed since this batch was submitted ({state.prompt_sha256[:12]}): "
            "its answers no longer match the requests; submit again into a new --out-dir"
        )
    settings = settings_of(state, api_key)
    answers, usage, failed_lines = _answers(out_dir, state)
    jobs = load_jobs(out_dir)
    keys = {j.id: resume_key(j.article, settings, state.prompt_sha256) for j in jobs if j.article}
    sink = DirSink(out_dir)
    sink.open(force=False)
    # Asked in input order, as the online runner asks: that order names colliding ids' files.
    done = {j.id for j in jobs if j.article and sink.done(j.id, keys[j.id], j.seq)}
    transport = CaptureTransport(answers, settings.transport_retries)
    pending: dict[str, RequestLine] = {}
    failures: list[Failure] = []
    stored = 0
    with httpx2.Client(transport=transport) as http:
        engine = make_engine(engine_settings(settings), http_client=http)
        items: list[Item] = []
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
            result_json = assemble(job.article, run).model_dump_json()
            sink.store(job.id, result_json)
            items.append(Done(job.seq, job.id, keys[job.id], result_json))
            stored += 1
            if len(items) >= 100:  # a kill loses at most the index of the last few
                sink.commit(items)
                items = []
        if items:
            sink.commit(items)
    sink.finish()
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


def finish_round(
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
