"""prepare, submit, status, collect: a provider batch run from inputs to verified results.

The lines of each round (summarizer.batch_api.rounds) go to the provider (`submit`) or to a file
for another runner (`prepare`); the round's output comes back through `collect`, which runs the
next round. Whatever was killed, the next call resumes from the state in DIR.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from summarizer.batch_api import state as st
from summarizer.batch_api.lines import MAX_BYTES, MAX_LINES, parse_output_line, split
from summarizer.batch_api.provider import DONE, Provider
from summarizer.batch_api.report import BatchApiReport, PartStatus, part_statuses, stored_report
from summarizer.batch_api.rounds import (
    batch_settings,
    digest,
    finish_round,
    job_records,
    new_state,
    part_lines,
    price_of,
    settings_of,
    settings_record,
)
from summarizer.config import Settings
from summarizer.errors import ConfigError, InputError
from summarizer.inputs import Source
from summarizer.output import atomic_write_text

__all__ = ["BatchApiReport", "PartStatus", "collect", "prepare", "status", "submit"]


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
    records = job_records(sources)
    state = _resumed(out_dir, records, settings, provider=False)
    if state is None:
        price = price_of(settings, price_in, price_out)
        state = new_state(out_dir, records, settings, provider=False, price=price)
    elif state.round > 0:
        raise InputError(f"{out_dir} already holds a batch: collect it, or use another --out-dir")
    report = finish_round(
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
    records = job_records(sources)
    state = _resumed(out_dir, records, settings, provider=True)
    if state is None:
        price = price_of(settings, price_in, price_out)
        state = new_state(out_dir, records, settings, provider=True, price=price)
    if state.round == 0 and not state.finished:  # new, or killed before its first round
        report = finish_round(
            out_dir, state, settings.api_key, max_lines=max_lines, max_bytes=max_bytes
        )
    else:
        report = stored_report(out_dir, state)
        report.notes.append("already submitted: nothing new was created")
    if not state.finished:
        _send(out_dir, state, provider)
    if note:
        report.notes.append(note)
    report.parts = part_statuses(state)
    report.rounds = state.round
    report.lines = sum(p.lines for p in state.parts)
    report.pending = sum(p.lines for p in state.current() if not p.collected)
    report.finished = state.finished
    return report


def _resumed(
    out_dir: Path, records: list[str], settings: Settings, *, provider: bool
) -> st.State | None:
    """The state of the same work in `out_dir`, None when there is none; else a one-line error."""
    if not st.exists(out_dir):
        return None
    state = st.load(out_dir)
    if (
        state.provider != provider
        or state.settings != settings_record(settings)
        or state.inputs != digest(records)
    ):
        raise InputError(
            f"{out_dir} already holds a batch of other inputs or settings: collect it there, "
            "or use another --out-dir"
        )
    return state


def status(out_dir: Path, *, api_key: str | None = None) -> BatchApiReport:
    """Each batch's state and request counts (read from the provider for open ones)."""
    state = st.load(out_dir)
    if state.finished:
        return stored_report(out_dir, state)
    if state.provider:
        provider = _provider(settings_of(state, api_key))
        for part in state.current():
            if part.batch_id and not part.collected:
                info = provider.retrieve(part.batch_id)
                part.status, part.counts = info.status, info.counts
    return stored_report(out_dir, state)


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
        return stored_report(out_dir, state)
    if responses is not None and state.provider:
        raise InputError(f"{out_dir} was submitted to the provider: collect it without --responses")
    if not state.provider:
        return _collect_file(out_dir, state, api_key, responses)
    if poll_interval <= 0:
        raise ConfigError("poll-interval must be more than 0 seconds")
    provider = _provider(settings_of(state, api_key))
    problems: list[str] = []
    while True:
        _send(out_dir, state, provider)
        problems += _poll(out_dir, state, provider)
        report: BatchApiReport | None = None
        if all(p.collected for p in state.current()):
            report = finish_round(out_dir, state, api_key, max_lines=max_lines, max_bytes=max_bytes)
            if not state.finished:
                _send(out_dir, state, provider)
        if state.finished or not wait:
            break
        if on_poll is not None:
            on_poll(stored_report(out_dir, state))
        sleep(poll_interval)
    if report is None:
        report = stored_report(out_dir, state)
    report.parts = part_statuses(state)
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
    ids = part_lines(out_dir, part)
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
    return finish_round(out_dir, state, api_key, max_lines=MAX_LINES, max_bytes=MAX_BYTES)
