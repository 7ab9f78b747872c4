"""The provider Batch API path against the fake server's in-memory Files and Batches endpoints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openai
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.batch import run_batch
from summarizer.batch_api import collect, prepare, status, submit
from summarizer.batch_api import state as batch_state
from summarizer.batch_api.lines import RequestLine, custom_id, parse_output_line, split
from summarizer.batch_api.provider import Provider
from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.inputs import iter_sources
from summarizer.models import Result
from summarizer.testing.fake_server import BatchPlan, FakeServer, LineFault, serve
from tests.helpers import ARTICLE, good_answer, misquoting_answer


def _inputs(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"a{i}", "text": f"{ARTICLE}\n(ref {i})\n"}) + "\n")
    return path


def _settings(url: str | None = None, **changes: Any) -> Settings:
    return Settings.resolve(model="gpt-4o-mini", mode="tools", base_url=url, **changes)


def _sources(path: Path) -> list[Any]:
    return list(iter_sources([str(path)]))


def _reask_then_good(body: dict[str, Any]) -> dict[str, Any]:
    """Misquotes on the first ask; the re-ask (more messages) gets a faithful answer."""
    return good_answer() if len(body["messages"]) > 2 else misquoting_answer()


def _results(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.glob("*.json"))}


def _answer_file(requests: Path, fake: FakeServer, path: Path, *, old_vllm: bool = False) -> Path:
    """What a runner writes for requests.jsonl: one output line per request, reversed."""
    lines = []
    for text in reversed(requests.read_text().splitlines()):
        record = json.loads(text)
        body = fake._completion_for(record["body"])
        response = body if old_vllm else {"status_code": 200, "body": body}
        lines.append(
            json.dumps({"id": "x", "custom_id": record["custom_id"], "response": response})
        )
    path.write_text("\n".join(lines) + "\n")
    return path


# --- prepare + collect --responses ------------------------------------------------------------


@pytest.mark.parametrize("old_vllm", [False, True])
def test_prepare_and_collect_responses_match_the_online_results(
    tmp_path: Path, old_vllm: bool
) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 4)
    settings = _settings(strategy="free")
    fake = FakeServer(answer=_reask_then_good)
    report = prepare(_sources(inputs), settings, tmp_path / "b")
    requests = tmp_path / "b" / "requests.jsonl"
    assert report.pending == 4 and report.requests_path == requests
    # Round 1 answers misquote: every article needs a re-ask, written as the next file.
    report = collect(tmp_path / "b", responses=_answer_file(requests, fake, tmp_path / "o1.jsonl"))
    assert report.pending == 4 and report.done == 0 and not report.finished
    second = [json.loads(line) for line in requests.read_text().splitlines()]
    assert all(len(line["body"]["messages"]) > 2 for line in second)
    report = collect(
        tmp_path / "b",
        responses=_answer_file(requests, fake, tmp_path / "o2.jsonl", old_vllm=old_vllm),
    )
    assert report.finished and report.done == 4 and report.failed == 0
    assert not requests.exists()

    with serve(_reask_then_good) as server:
        online = run_batch(
            _sources(inputs),
            _settings(server.url, strategy="free"),
            out_dir=tmp_path / "online",
            cache=False,
        )
    assert online.done == 4
    assert _results(tmp_path / "b") == _results(tmp_path / "online")
    result = Result.model_validate_json((tmp_path / "b" / "a0.json").read_text())
    assert result.verification.passed and result.provenance.attempts == 2
    # Usage sums both rounds; the cost is at the batch price, half of the online one.
    assert report.usage.prompt_tokens == online.usage.prompt_tokens
    assert report.cost is not None and online.cost is not None
    assert report.cost == pytest.approx(online.cost / 2)


def test_the_lines_carry_the_body_the_online_path_sends(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)
    prepare(_sources(inputs), _settings(max_tokens=500, temperature=0.3), tmp_path / "b")
    lines = [json.loads(x) for x in (tmp_path / "b" / "requests.jsonl").read_text().splitlines()]
    with serve(lambda _: good_answer()) as server:
        run_batch(
            _sources(inputs), _settings(server.url, max_tokens=500, temperature=0.3), cache=False
        )
        sent = server.requests

    def canonical(bodies: list[Any]) -> list[str]:  # the online run sends them concurrently
        return sorted(json.dumps(b, sort_keys=True) for b in bodies)

    assert canonical([line["body"] for line in lines]) == canonical(sent)
    assert {line["method"] for line in lines} == {"POST"}
    assert {line["url"] for line in lines} == {"/v1/chat/completions"}
    assert all(line["body"]["max_tokens"] == 500 for line in lines)


def test_a_responses_file_is_collected_once(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 2)
    prepare(_sources(inputs), _settings(), tmp_path / "b")
    out = _answer_file(
        tmp_path / "b" / "requests.jsonl", FakeServer(lambda _: good_answer()), tmp_path / "o.jsonl"
    )
    assert collect(tmp_path / "b", responses=out).done == 2
    before = _results(tmp_path / "b")
    again = collect(tmp_path / "b", responses=out)  # finished: reported, nothing changes
    assert again.finished and again.done == 2 and _results(tmp_path / "b") == before


def test_a_responses_file_of_another_batch_is_refused(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 2)
    prepare(_sources(inputs), _settings(), tmp_path / "b")
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(json.dumps({"custom_id": "nope", "response": {"status_code": 200}}) + "\n")
    with pytest.raises(InputError, match="no line answers a request"):
        collect(tmp_path / "b", responses=wrong)
    assert status(tmp_path / "b").pending == 2  # nothing was consumed


# --- the fake provider ------------------------------------------------------------------------


def test_submit_collect_with_shuffled_output_and_failed_lines(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 10)

    def faults(batch: int, cid: str, body: dict[str, Any]) -> LineFault | None:
        if batch == 1 and cid.startswith(("a1~", "a2~")):
            return LineFault(status=500)
        if batch == 1 and cid.startswith("a3~"):
            return LineFault(code="batch_expired", message="not run within 24h")
        return None

    plan = BatchPlan(shuffle=True, line_fault=faults, polls_to_finish=1)
    with serve(lambda _: good_answer(), batch_plan=plan) as server:
        out = tmp_path / "b"
        first = submit(_sources(inputs), _settings(server.url), out)
        assert [p.batch_id for p in first.parts] == ["batch_1"]
        assert server.batches["batch_1"]["completion_window"] == "24h"
        assert server.files["file-1"]["purpose"] == "batch"
        assert collect(out).pending == 10  # still in progress: nothing to do yet
        report = collect(out, wait=True, poll_interval=0.001, sleep=lambda _: None)
        assert report.finished and report.done == 10 and report.failed == 0
        assert report.rounds == 2 and report.lines == 13 and report.failed_lines == 3
        assert len(server.batch_lines) == 13
        calls = len(server.api_calls)
        before = _results(out)
        files = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
        again = collect(out, wait=True)
        assert len(server.api_calls) == calls  # finished work: nothing sent, nothing written
        assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == files
        assert _results(out) == before and again.done == 10
    assert len(before) == 10 and not (out / "errors.jsonl").exists()


@settings(max_examples=4)
@given(
    failing=st.dictionaries(
        st.integers(0, 5), st.sampled_from(["500", "batch_expired", "429"]), max_size=6
    ),
    shuffle=st.booleans(),
)
def test_whatever_fails_in_the_first_batch_nothing_is_lost(
    tmp_path_factory: pytest.TempPathFactory, failing: dict[int, str], shuffle: bool
) -> None:
    tmp = tmp_path_factory.mktemp("run")
    inputs = _inputs(tmp / "in.jsonl", 6)

    def fault(batch: int, cid: str, body: dict[str, Any]) -> LineFault | None:
        kind = failing.get(int(cid.split("~")[0][1:])) if batch <= 2 else None  # round 1: 2 files
        if kind is None:
            return None
        return LineFault(code=kind) if kind == "batch_expired" else LineFault(status=int(kind))

    with serve(
        lambda _: good_answer(), batch_plan=BatchPlan(shuffle=shuffle, line_fault=fault)
    ) as server:
        submit(_sources(inputs), _settings(server.url), tmp / "b", max_lines=4)
        report = collect(tmp / "b", wait=True, poll_interval=0.001, sleep=lambda _: None)
        online = run_batch(
            _sources(inputs), _settings(server.url), out_dir=tmp / "online", cache=False
        )
    assert report.done == 6 and report.failed == 0 and online.done == 6
    assert report.rounds == (2 if failing else 1) and report.failed_lines == len(failing)
    assert _results(tmp / "b") == _results(tmp / "online")


def test_responses_are_for_prepared_folders_and_status_counts_mid_run(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)
    with serve(lambda _: good_answer(), batch_plan=BatchPlan(polls_to_finish=1)) as server:
        submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        with pytest.raises(InputError, match="without --responses"):
            collect(tmp_path / "b", responses=inputs)
        now = status(tmp_path / "b")
        assert (now.articles, now.pending, now.done) == (3, 3, 0)
        assert [(p.batch_id, p.status) for p in now.parts] == [("batch_1", "in_progress")]


def test_an_online_run_over_the_same_folder_skips_what_the_batch_did(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)
    with serve(lambda _: good_answer()) as server:
        submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        assert collect(tmp_path / "b", wait=True, poll_interval=0.001).done == 3
        online = run_batch(_sources(inputs), _settings(server.url), out_dir=tmp_path / "b")
        assert online.skipped == 3 and server.requests == []


def test_submit_twice_creates_one_batch(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)
    with serve(lambda _: good_answer()) as server:
        submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        again = submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        assert len(server.batches) == 1 and len(server.files) == 1
        assert "already submitted" in again.notes[0]
        with pytest.raises(InputError, match="other inputs or settings"):
            submit(_sources(inputs), _settings(server.url, temperature=0.5), tmp_path / "b")
        more = _inputs(tmp_path / "more.jsonl", 4)
        with pytest.raises(InputError, match="other inputs or settings"):
            submit(_sources(more), _settings(server.url), tmp_path / "b")


def test_a_submit_killed_before_its_first_round_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.batch_api import flow

    inputs = _inputs(tmp_path / "in.jsonl", 2)

    def killed(*args: Any, **kwargs: Any) -> Any:
        raise SystemExit("killed")

    real = flow.finish_round
    with serve(lambda _: good_answer()) as server:
        monkeypatch.setattr(flow, "finish_round", killed)
        with pytest.raises(SystemExit):
            submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        monkeypatch.setattr(flow, "finish_round", real)
        report = submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        assert report.pending == 2 and len(server.batches) == 1


def test_a_kill_after_create_does_not_make_a_second_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)
    real_create = Provider.create

    def create_then_die(self: Provider, file_id: str, tag: str) -> str:
        real_create(self, file_id, tag)
        raise SystemExit("killed before the id was saved")

    with serve(lambda _: good_answer()) as server:
        monkeypatch.setattr(Provider, "create", create_then_die)
        with pytest.raises(SystemExit):
            submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        monkeypatch.setattr(Provider, "create", real_create)
        report = collect(tmp_path / "b", wait=True, poll_interval=0.001, sleep=lambda _: None)
        assert len(server.batches) == 1 and report.done == 3


def test_reask_rounds_and_what_still_fails_goes_to_the_errors_file(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        if "(ref 0)" in json.dumps(body):
            return misquoting_answer()  # never right: re-asked, then flagged
        return _reask_then_good(body)

    def faults(batch: int, cid: str, body: dict[str, Any]) -> LineFault | None:
        return LineFault(status=503, message="overloaded") if cid.startswith("a2~") else None

    with serve(answer, batch_plan=BatchPlan(line_fault=faults)) as server:
        settings = _settings(server.url, strategy="free", max_retries=1, transport_retries=1)
        submit(_sources(inputs), settings, tmp_path / "b")
        report = collect(tmp_path / "b", wait=True, poll_interval=0.001, sleep=lambda _: None)
    assert report.finished and report.done == 2 and report.failed == 1
    flagged = Result.model_validate_json((tmp_path / "b" / "a0.json").read_text())
    assert not flagged.verification.passed and flagged.provenance.attempts == 2
    fixed = Result.model_validate_json((tmp_path / "b" / "a1.json").read_text())
    assert fixed.verification.passed and fixed.provenance.attempts == 2
    (record,) = [json.loads(x) for x in (tmp_path / "b" / "errors.jsonl").read_text().splitlines()]
    assert record["id"] == "a2"
    assert "2 batch round(s): HTTP 503: server_error: overloaded" in record["message"]


def test_an_error_file_only_batch_is_resubmitted(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)
    plan = BatchPlan(line_fault=lambda n, cid, body: LineFault(status=500) if n == 1 else None)
    with serve(lambda _: good_answer(), batch_plan=plan) as server:
        submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        report = collect(tmp_path / "b", wait=True, poll_interval=0.001, sleep=lambda _: None)
        assert server.batches["batch_1"]["output_file_id"] is None
    assert report.done == 3 and report.rounds == 2


@pytest.mark.parametrize("outcome", ["failed", "expired", "cancelled"])
def test_a_whole_batch_that_ends_badly_says_so_and_stays_resumable(
    tmp_path: Path, outcome: str
) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)
    plan = BatchPlan(outcome=lambda n: outcome if n == 1 else "completed")
    with serve(lambda _: good_answer(), batch_plan=plan) as server:
        submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        report = collect(tmp_path / "b")
        (problem,) = report.problems
        assert problem.startswith("batch batch_1 ")
        if outcome == "failed":
            assert "failed validation: invalid_request" in problem
        assert report.pending == 3 and report.rounds == 2  # resubmitted at once
        report = collect(tmp_path / "b", wait=True, poll_interval=0.001, sleep=lambda _: None)
    assert report.done == 3 and report.failed == 0


def test_a_cancelled_batch_is_resubmitted(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 2)
    with serve(lambda _: good_answer(), batch_plan=BatchPlan(polls_to_finish=5)) as server:
        submit(_sources(inputs), _settings(server.url), tmp_path / "b")
        client = openai.OpenAI(api_key="k", base_url=server.url)
        assert client.batches.cancel("batch_1").status == "cancelling"
        report = collect(tmp_path / "b")
        assert "batch batch_1 cancelled" in report.problems[0]
        server.batch_plan.polls_to_finish = 0
        assert collect(tmp_path / "b", wait=True, poll_interval=0.001).done == 2


def test_splitting_at_small_limits(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 5)
    with serve(lambda _: good_answer()) as server:
        report = submit(_sources(inputs), _settings(server.url), tmp_path / "b", max_lines=2)
        assert [p.name for p in report.parts] == ["round-1-1", "round-1-2", "round-1-3"]
        sizes = [len(server.file_data[f"file-{i}"].splitlines()) for i in (1, 2, 3)]
        assert sizes == [2, 2, 1]
        assert collect(tmp_path / "b", wait=True, poll_interval=0.001).done == 5
    with pytest.raises(InputError, match="over the file limit"):
        submit(_sources(inputs), _settings("http://127.0.0.1:9/v1"), tmp_path / "c", max_bytes=50)


def test_identical_articles_share_one_line_and_both_get_results(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("".join(json.dumps({"id": i, "text": ARTICLE}) + "\n" for i in ("x", "y")))
    report = prepare(_sources(inputs), _settings(), tmp_path / "b")
    assert report.pending == 1
    out = _answer_file(
        tmp_path / "b" / "requests.jsonl", FakeServer(lambda _: good_answer()), tmp_path / "o.jsonl"
    )
    assert collect(tmp_path / "b", responses=out).done == 2


def test_the_fake_provider_refuses_duplicate_custom_ids() -> None:
    line = {
        "custom_id": "same",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": "m", "messages": []},
    }
    data = (json.dumps(line) + "\n") * 2
    with serve(lambda _: good_answer()) as server:
        client = openai.OpenAI(api_key="k", base_url=server.url)
        upload = client.files.create(file=("x.jsonl", data.encode()), purpose="batch")
        batch = client.batches.create(
            input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h"
        )
        batch = client.batches.retrieve(batch.id)
    assert batch.status == "failed"
    assert batch.errors is not None and batch.errors.data[0].code == "duplicate_custom_id"


def test_repeated_and_unknown_ids_in_the_output_are_ignored(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 2)
    prepare(_sources(inputs), _settings(), tmp_path / "b")
    requests = tmp_path / "b" / "requests.jsonl"
    out = _answer_file(requests, FakeServer(lambda _: good_answer()), tmp_path / "o.jsonl")
    lines = out.read_text().splitlines()
    stray = json.dumps({"custom_id": "stranger", "response": {"status_code": 200, "body": {}}})
    out.write_text("\n".join([lines[0], lines[0], stray, *lines[1:]]) + "\n")
    report = collect(tmp_path / "b", responses=out)
    assert report.done == 2 and report.lines == 2


def test_the_state_is_refused_when_it_is_not_a_batch(tmp_path: Path) -> None:
    folder = batch_state.folder(tmp_path)
    folder.mkdir()
    (folder / "state.json").write_text("{not json")
    with pytest.raises(InputError, match="not a readable batch state"):
        collect(tmp_path)
    with pytest.raises(InputError, match="no batch here"):
        status(tmp_path / "elsewhere")


# --- lines ------------------------------------------------------------------------------------


def _line(i: int, size: int, model: str = "m") -> RequestLine:
    return RequestLine(f"c{i}", f"{i:064x}", {"model": model, "messages": [{"c": "x" * size}]})


@given(
    sizes=st.lists(st.integers(0, 300), max_size=40),
    max_lines=st.integers(1, 10),
    max_bytes=st.integers(500, 2000),
)
def test_split_keeps_every_line_in_order_within_the_limits(
    sizes: list[int], max_lines: int, max_bytes: int
) -> None:
    lines = [_line(i, size) for i, size in enumerate(sizes)]
    files = split(lines, max_lines=max_lines, max_bytes=max_bytes)
    assert [x for f in files for x in f] == lines
    for chunk in files:
        assert 1 <= len(chunk) <= max_lines
        assert sum(len(x.to_json().encode()) + 1 for x in chunk) <= max_bytes


def test_split_never_mixes_models() -> None:
    lines = [_line(0, 1, "a"), _line(1, 1, "b"), _line(2, 1, "b")]
    assert [len(f) for f in split(lines, max_lines=10, max_bytes=10_000)] == [1, 2]


@given(st.text(max_size=200))
def test_custom_ids_are_stable_and_carry_the_key(article_id: str) -> None:
    key = "ab" * 32
    assert custom_id(article_id, key) == custom_id(article_id, key)
    assert custom_id(article_id, key).endswith("~" + key[:24])
    assert len(custom_id(article_id, key)) <= 64 + 25


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            {
                "custom_id": "c",
                "response": {"status_code": 500, "body": {"error": {"message": "x"}}},
            },
            "HTTP 500: x",
        ),
        (
            {
                "custom_id": "c",
                "response": None,
                "error": {"code": "batch_expired", "message": "m"},
            },
            "batch_expired: m",
        ),
        (
            {"custom_id": "c", "response": {"status_code": 200, "body": "not json"}},
            "the answer is not a chat completion",
        ),
        (
            {"custom_id": "c", "response": {"status_code": 200, "body": {"choices": "no"}}},
            "the answer is not a chat completion",
        ),
    ],
)
def test_failed_lines_say_why(line: dict[str, Any], reason: str) -> None:
    outcome = parse_output_line(json.dumps(line))
    assert outcome is not None and not outcome.ok and outcome.reason == reason


def test_lines_that_name_no_request_are_skipped() -> None:
    assert parse_output_line("{cut") is None
    assert parse_output_line(json.dumps({"response": {}})) is None
