"""Batch runs against a loopback server: concurrency, resume after kill -9, cache, names, errors."""

from __future__ import annotations

import asyncio
import json
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.batch_output import assign_names, read_whole_lines, safe_name
from summarizer.models import Result
from summarizer.pricing import price_for
from summarizer.ratelimit import TokenBucket
from summarizer.testing.fake_server import Fault, serve
from tests.helpers import (
    ARTICLE,
    answer_good,
    batch_of,
    good_answer,
    jsonl_articles,
    llm_settings,
    misquoting_answer,
    result_ids,
)

ROOT = Path(__file__).resolve().parents[1]


def test_never_more_than_n_requests_in_flight(tmp_path: Path) -> None:
    inputs = jsonl_articles(tmp_path / "in.jsonl", [f"a{i}" for i in range(30)])
    with serve(answer_good, latency=0.05) as server:
        report = batch_of(
            inputs, llm_settings(server.url), out_jsonl=tmp_path / "o.jsonl", concurrency=3
        )
        assert server.max_in_flight <= 3
    assert report.max_in_flight <= 3
    assert report.done == 30 and report.failed == 0 and report.requests == 30
    assert result_ids(tmp_path / "o.jsonl") == Counter(f"a{i}" for i in range(30))


def test_the_gazetteer_loads_once_after_the_first_requests_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The free strategy's prompt needs no evidence: the gazetteer loads once (in each verifying
    # thread at once it took ~30 s), in the batch's start-up thread, once the first requests
    # are out (before them it held them back; inside an answer's verification it stalled the
    # requests in flight), and before the first answer is verified.
    from summarizer.evidence import disk_cache, places
    from summarizer.testing import fake_server

    events: list[str] = []
    seen_at_build: list[int] = []
    real = places._build

    def build() -> Any:
        events.append("gazetteer")
        # Loaded before the first request (as it was), this wait would hold that request back
        # and time out with none seen; loaded after, the server soon has the first.
        deadline = time.monotonic() + 10
        while not server.arrivals and time.monotonic() < deadline:
            time.sleep(0.01)
        seen_at_build.append(len(server.arrivals))
        return real()

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        events.append("request")
        return answer_good(body)

    monkeypatch.setattr(disk_cache, "_LOADED", {})  # nothing loaded yet
    monkeypatch.setattr(places, "_build", build)
    monkeypatch.setattr(disk_cache, "cache_folder", lambda: tmp_path / "tables")  # none saved
    monkeypatch.setattr(fake_server, "_load_gazetteer", lambda: None)  # the client's load only
    inputs = jsonl_articles(tmp_path / "in.jsonl", [f"a{i}" for i in range(6)])
    with serve(answer, latency=0.2) as server:
        settings = llm_settings(server.url, strategy="free")
        report = batch_of(inputs, settings, out_jsonl=tmp_path / "o.jsonl", concurrency=3)
    assert report.done == 6
    assert events.count("gazetteer") == 1 and events.count("request") == 6
    assert len(seen_at_build) == 1 and seen_at_build[0] >= 1


def test_a_batch_smaller_than_its_slots_or_refused_whole_still_ends(tmp_path: Path) -> None:
    # The start-up's last step waits for the slots to fill: an input that never fills them (or
    # sends nothing) must release it too.
    with serve(answer_good) as server:
        few = jsonl_articles(tmp_path / "few.jsonl", ["a1", "a2"])
        report = batch_of(few, llm_settings(server.url), concurrency=16, cache=False)
        assert report.done == 2 and report.failed == 0
        refused = batch_of(few, llm_settings(server.url, max_chars=10), concurrency=16, cache=False)
        assert refused.done == 0 and refused.failed == 2
        assert len(server.requests) == 2


def test_an_answer_is_parsed_after_the_next_request_has_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The headers and the body of a request go out a loop turn apart; an answer parsed in
    # between (milliseconds of CPU) held the body back while its slot waited. At concurrency 1
    # the request waiting for the slot must be out before the answer that freed it is worked on.
    import logging

    from summarizer import batch

    events: list[str] = []

    class Bodies(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage().startswith("send_request_body.complete"):
                events.append("sent")

    real = batch.assemble

    def assemble(*args: Any) -> Any:
        events.append("verified")
        return real(*args)

    monkeypatch.setattr(batch, "assemble", assemble)
    logger = logging.getLogger("httpcore2.http11")
    handler, level = Bodies(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)  # setLevel, not .level: it clears the loggers' level cache
    inputs = jsonl_articles(tmp_path / "in.jsonl", [f"a{i}" for i in range(4)])
    try:
        with serve(answer_good) as server:
            report = batch_of(inputs, llm_settings(server.url), concurrency=1)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert report.done == 4
    verified = [i for i, event in enumerate(events) if event == "verified"]
    # Before the k-th answer (of the first three) is verified, request k+1 has been sent.
    assert all(events[:at].count("sent") >= k + 2 for k, at in enumerate(verified[:3]))


def _command(inputs: Path, url: str, *args: str) -> list[str]:
    return [
        sys.executable, "-m", "summarizer", "summarize", str(inputs), "--base-url", url,
        "--model", "m", "--mode", "tools", "--concurrency", "8", "--no-cache", *args,
    ]  # fmt: skip


@pytest.mark.parametrize("sink", ["jsonl", "dir"])
def test_kill_9_at_a_random_moment_then_rerun_loses_and_duplicates_nothing(
    tmp_path: Path, sink: str
) -> None:
    ids = [f"art-{i:03d}" for i in range(200)]
    inputs = jsonl_articles(tmp_path / "in.jsonl", ids)
    out = tmp_path / ("out.jsonl" if sink == "jsonl" else "out")
    target = ["-o", str(out)] if sink == "jsonl" else ["--out-dir", str(out)]
    rng = random.Random()
    seed = rng.randrange(1_000_000)
    threshold = random.Random(seed).randrange(1, 180)  # results on disk before the kill

    def finished() -> int:
        if sink == "jsonl":
            return len(read_whole_lines(out)[0]) if out.exists() else 0
        return len(list(out.glob("*.json"))) if out.exists() else 0

    with serve(answer_good, latency=0.01) as server:
        proc = subprocess.Popen(
            _command(inputs, server.url, *target),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while finished() < threshold and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        first_requests = len(server.requests)
        rerun = subprocess.run(
            _command(inputs, server.url, *target), capture_output=True, text=True, timeout=120
        )
        second_requests = len(server.requests) - first_requests
    assert rerun.returncode == 0, (seed, rerun.stderr)
    if sink == "jsonl":
        counts = result_ids(out)
    else:
        counts = Counter(
            str(Result.model_validate_json(p.read_text()).article.id) for p in out.glob("*.json")
        )
        assert not list(out.glob(".*.tmp")), "a temporary file was left behind"
    assert counts == Counter(ids), f"seed {seed}: lost or duplicated results"
    # Work finished before the kill was not redone (only what lacked an index entry).
    # (Results whose index entries the kill cut off are redone: at most one group of them.)
    assert second_requests <= 200 - threshold + 20, (seed, second_requests)


def test_a_second_run_with_the_cache_makes_no_request(tmp_path: Path) -> None:
    inputs = jsonl_articles(tmp_path / "in.jsonl", ["a", "b", "c"])
    cache_dir = tmp_path / "cache"
    with serve(answer_good) as server:
        settings = llm_settings(server.url)
        first = batch_of(inputs, settings, out_jsonl=tmp_path / "1.jsonl", cache_dir=cache_dir)
        second = batch_of(inputs, settings, out_jsonl=tmp_path / "2.jsonl", cache_dir=cache_dir)
        assert len(server.requests) == 3
    assert first.requests == 3 and first.cached == 0
    assert second.requests == 0 and second.cached == 3 and second.done == 3
    assert second.usage.total_tokens == 0
    assert result_ids(tmp_path / "2.jsonl") == Counter(["a", "b", "c"])
    assert "3 cached" in second.summary_line() and "0 requests" in second.summary_line()


def test_no_cache_and_another_model_miss_the_cache(tmp_path: Path) -> None:
    inputs = jsonl_articles(tmp_path / "in.jsonl", ["a"])
    cache_dir = tmp_path / "cache"
    with serve(answer_good) as server:
        batch_of(inputs, llm_settings(server.url), cache_dir=cache_dir)
        assert batch_of(inputs, llm_settings(server.url), cache_dir=cache_dir, cache=False).requests
        other = llm_settings(server.url).with_(model="other")
        assert batch_of(inputs, other, cache_dir=cache_dir).requests == 1


def test_a_rerun_skips_done_articles_and_redoes_them_when_settings_change(
    tmp_path: Path,
) -> None:
    inputs = jsonl_articles(tmp_path / "in.jsonl", ["a", "b"])
    out = tmp_path / "o.jsonl"
    with serve(answer_good) as server:
        settings = llm_settings(server.url)
        batch_of(inputs, settings, out_jsonl=out, cache=False)
        again = batch_of(inputs, settings, out_jsonl=out, cache=False)
        assert again.skipped == 2 and again.requests == 0
        warmer = batch_of(inputs, settings.with_(temperature=0.5), out_jsonl=out, cache=False)
        assert warmer.skipped == 0 and warmer.requests == 2
        forced = batch_of(inputs, settings.with_(temperature=0.5), out_jsonl=out, force=True)
        assert forced.requests == 2
    assert result_ids(out) == Counter(["a", "b"])


def test_a_cut_last_line_is_dropped_and_redone(tmp_path: Path) -> None:
    inputs = jsonl_articles(tmp_path / "in.jsonl", ["a", "b"])
    out = tmp_path / "o.jsonl"
    with serve(answer_good) as server:
        batch_of(inputs, llm_settings(server.url), out_jsonl=out, cache=False)
        text = out.read_text(encoding="utf-8")
        out.write_text(text[: len(text) - 40], encoding="utf-8")  # as if killed mid-write
        again = batch_of(inputs, llm_settings(server.url), out_jsonl=out, cache=False)
    assert again.requests == 1 and again.skipped == 1
    assert result_ids(out) == Counter(["a", "b"])


def test_out_dir_names_are_safe_and_distinct(tmp_path: Path) -> None:
    ids = ["../../escape", "a/b", "a_b", ".hidden", "CON", "same", "SAME", "x" * 300, "ü/é"]
    inputs = jsonl_articles(tmp_path / "in.jsonl", ids)
    out = tmp_path / "out"
    with serve(answer_good) as server:
        report = batch_of(inputs, llm_settings(server.url), out_dir=out)
    assert report.done == len(ids)
    files = sorted(p for p in out.iterdir() if p.suffix == ".json")
    assert len(files) == len(ids)
    assert not list(tmp_path.glob("escape*")) and not (tmp_path.parent / "escape.json").exists()
    for path in files:
        assert path.parent == out and not path.name.startswith(".")
    stored = {str(Result.model_validate_json(p.read_text()).article.id) for p in files}
    assert stored == set(ids)


@given(st.text(max_size=300))
def test_safe_name_never_escapes_or_hides(article_id: str) -> None:
    name = safe_name(article_id)
    assert name and len(name) <= 120
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert name not in (".", "..")


@given(st.lists(st.text(max_size=20), unique=True, max_size=30))
def test_assigned_names_are_unique_ignoring_case(ids: list[str]) -> None:
    names = assign_names(ids)
    assert len({n.casefold() for n in names.values()}) == len(ids)


def test_failures_go_to_the_errors_file_and_the_rest_completes(tmp_path: Path) -> None:
    ids = [f"ok{i}" for i in range(6)]
    inputs = tmp_path / "in.jsonl"
    jsonl_articles(inputs, ids)
    with inputs.open("a", encoding="utf-8") as more:
        more.write(json.dumps({"id": "bad", "text": ARTICLE + "\nFAIL-ME"}) + "\n")
        more.write(json.dumps({"id": "empty", "text": "  "}) + "\n")

    def faults(_: int, body: dict[str, Any]) -> Fault | None:
        return Fault(status=500) if "FAIL-ME" in json.dumps(body) else None

    out = tmp_path / "o.jsonl"
    with serve(answer_good, faults=faults) as server:
        report = batch_of(
            inputs, llm_settings(server.url, transport_retries=1), out_jsonl=out, cache=False
        )
    assert report.done == 6 and report.failed == 2
    errors = [json.loads(line) for line in (tmp_path / "o.errors.jsonl").read_text().splitlines()]
    by_id = {e["id"]: e for e in errors}
    # An unreadable record has no article, so it is known by where it is: file:line.
    by_id["empty"] = by_id.pop(f"{inputs}:8")
    assert set(by_id) == {"bad", "empty"}
    assert by_id["bad"]["error"] == "EngineError" and "500" in by_id["bad"]["message"]
    assert by_id["bad"]["requests"] == 2  # the first try and one transport retry
    assert by_id["empty"]["error"] == "InputError" and by_id["empty"]["requests"] == 0
    assert {"id", "error", "message", "attempts"} <= set(by_id["bad"])
    assert result_ids(out) == Counter(ids)
    line = report.summary_line()
    assert "8 articles: 6 done" in line and "2 failed" in line
    assert "8 requests" in line and "1 transport retries" in line


def test_the_summary_line_counts_transport_retries_and_re_asks(tmp_path: Path) -> None:
    inputs = jsonl_articles(tmp_path / "in.jsonl", ["a", "b"])
    answers = iter([misquoting_answer(), good_answer(), good_answer()])

    def faults(index: int, _: dict[str, Any]) -> Fault | None:
        # The very first request is rate limited once, with Retry-After: 0.
        return Fault(status=429, headers={"retry-after": "0"}) if index == 0 else None

    with serve(lambda _: next(answers), faults=faults) as server:
        settings = llm_settings(server.url, strategy="free")  # a misquote needs free extraction
        report = batch_of(inputs, settings, concurrency=1, cache=False)
    assert report.requests == 4 and report.model_calls == 3
    assert report.transport_retries == 1 and report.reasks == 1
    assert [r.article.id for r in report.results] == ["a", "b"]
    assert "1 transport retries, 1 re-asks" in report.summary_line()
    assert report.cost is None  # model "m" has no known price


def test_the_command_prints_the_summary_line_and_exits_1_on_failures(tmp_path: Path) -> None:
    inputs = jsonl_articles(tmp_path / "in.jsonl", ["a", "b"])
    with inputs.open("a", encoding="utf-8") as more:
        more.write(json.dumps({"id": "empty", "text": ""}) + "\n")
    out = tmp_path / "o.jsonl"
    with serve(answer_good) as server:
        done = subprocess.run(
            _command(inputs, server.url, "-o", str(out), "--price-in", "1", "--price-out", "2"),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("summarizer: 3 articles: 2 done")
    assert "1 failed" in last and "2 requests" in last and "cost $" in last
    assert "Traceback" not in done.stderr
    assert result_ids(out) == Counter(["a", "b"])


def test_help_imports_neither_openai_nor_instructor() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['summarizer', 'summarize', '--help']\n"
        "from summarizer.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('openai', 'instructor', 'httpx2') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert "HEAVY []" in done.stderr, done.stderr
    assert "--concurrency" in done.stdout and "SUMMARIZER_CACHE_DIR" in done.stdout


def test_token_bucket_spreads_requests_at_the_rate() -> None:
    now = [0.0]
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    async def main() -> None:
        bucket = TokenBucket(120, clock=lambda: now[0], sleep=fake_sleep)  # 2 per second
        for _ in range(5):
            await bucket.acquire()

    asyncio.run(main())
    # One second's worth (2) at once, then one every half second.
    assert now[0] == pytest.approx(1.5)


def test_prices() -> None:
    price = price_for("gpt-4o-mini-2024-07-18")
    assert price is not None and price.input_per_million == 0.15
    assert price_for("openai/gpt-4o") == price_for("gpt-4o")
    assert price_for("unknown-model") is None
    assert price_for("unknown-model", price_in=1.0) is None
    overridden = price_for("gpt-4o-mini", price_out=9.0)
    assert overridden is not None and overridden.output_per_million == 9.0


def test_a_batch_builds_instructor_and_its_response_schema_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Built per article, instructor made a new response class per call and so rebuilt its JSON
    # Schema each time: milliseconds of loop time per article, which 300 ms latency exposes.
    import instructor

    built: list[str] = []
    real_from_openai, real_schema = instructor.from_openai, instructor.response_schema

    def from_openai(*args: Any, **kwargs: Any) -> Any:
        built.append("client")
        return real_from_openai(*args, **kwargs)

    def response_schema(model: Any) -> Any:
        built.append("schema")
        return real_schema(model)

    monkeypatch.setattr(instructor, "from_openai", from_openai)
    monkeypatch.setattr(instructor, "response_schema", response_schema)
    inputs = jsonl_articles(tmp_path / "in.jsonl", [f"a{i}" for i in range(6)])
    with serve(answer_good, latency=0.01) as server:
        report = batch_of(inputs, llm_settings(server.url), out_jsonl=tmp_path / "o.jsonl")
    assert report.done == 6 and report.requests == 6
    assert built.count("client") == 1
    assert built.count("schema") <= 1  # once per process and model (an earlier test may have)


def test_the_report_is_never_formatted_on_the_way_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # asyncio.run (3.11) reprs its main task when it puts the SIGINT handler back: a report
    # returned as the task's result was formatted whole, every result in it (~1 ms an article).
    from summarizer.batch import BatchReport
    from summarizer.config import Settings

    formatted: list[int] = []
    monkeypatch.setattr(BatchReport, "__repr__", lambda self: formatted.append(1) or "report")
    inputs = jsonl_articles(tmp_path / "in.jsonl", ["a1", "a2"])
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a plain process
    try:
        report = batch_of(inputs, Settings(engine="offline"))
    finally:
        signal.signal(signal.SIGINT, previous)
    assert report.done == 2 and len(report.results) == 2
    assert formatted == []
