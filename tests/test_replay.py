"""Record and replay at the HTTP layer, through the real openai client and instructor."""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import secrets
import socket
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarizer import asummarize, summarize
from summarizer.cassettes import (
    Cassette,
    Interaction,
    Player,
    Recorder,
    RecordingTransport,
    ReplayTransport,
    canonical_body,
    describe_difference,
    request_key,
)
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.engines.llm import LLMEngine
from summarizer.engines.llm import engine as llm_engine
from summarizer.errors import ReplayError
from summarizer.models import Article
from summarizer.prompts import load_prompts
from summarizer.testing import replaying
from summarizer.testing.fake_server import Fault, serve
from tests.helpers import ARTICLE, answer_good

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "articles" / "operation-safe-city.txt"
SEED_CASSETTE = FIXTURES / "responses" / "operation-safe-city.handwritten.json"


def _seed_article() -> Article:
    return Article(id="operation-safe-city", text=SEED.read_text(encoding="utf-8"))


def _seed_settings(**changes: Any) -> Settings:
    base = Settings(engine="llm", model="handwritten", mode="tools", replay=SEED_CASSETTE)
    return base.with_(**changes)


def _record(tmp_path: Path, **options: Any) -> tuple[Path, Any]:
    cassette = tmp_path / "c.json"
    with serve(answer_good, **options.pop("server", {})) as server:
        result = summarize(ARTICLE, base_url=server.url, model="m", record=cassette, **options)
    return cassette, result


# --- record, then replay ----------------------------------------------------------------------


def test_a_recording_replays_to_the_same_result(tmp_path: Path) -> None:
    cassette, recorded = _record(tmp_path, mode="tools")
    data = json.loads(cassette.read_text())
    header = data["cassette"]
    assert header["origin"] == "model" and header["model"] == "m"
    assert header["prompt_sha256"] == load_prompts().sha256
    assert header["base_url_host"].startswith("127.0.0.1:")
    [interaction] = data["interactions"]
    assert interaction["request"]["body"]["messages"][0]["role"] == "system"  # JSON, not base64
    assert interaction["response"]["body"]["object"] == "chat.completion"

    replayed = summarize(ARTICLE, model="m", mode="tools", replay=cassette)
    assert replayed == recorded


def test_async_replay_gives_the_same_result(tmp_path: Path) -> None:
    cassette, recorded = _record(tmp_path, mode="json_schema")
    replayed = asyncio.run(asummarize(ARTICLE, model="m", mode="json_schema", replay=cassette))
    assert replayed == recorded


def test_replay_opens_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"replay opened a socket: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    result = summarize(_seed_article(), settings=_seed_settings())
    assert result.verification.passed
    assert result.provenance.model == "handwritten"
    assert len(result.summary.quotes) == 9


def test_several_articles_recorded_in_one_run_share_the_cassette(tmp_path: Path) -> None:
    cassette = tmp_path / "two.json"
    other = ARTICLE.replace("Tuesday", "Wednesday")
    with serve(answer_good) as server:
        for text in (ARTICLE, other):
            summarize(text, base_url=server.url, model="m", mode="tools", record=cassette)
    assert len(json.loads(cassette.read_text())["interactions"]) == 2
    for text in (other, ARTICLE):
        assert summarize(text, model="m", mode="tools", replay=cassette).verification.passed


# --- a request that matches nothing --------------------------------------------------------------


def test_editing_a_prompt_fails_naming_the_cassette_with_the_diff(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prompts = load_prompts()
    # The seed cassette runs the default (anchored) strategy, so its system prompt is this one.
    lines = prompts.anchored_system.splitlines()
    at = min(3, len(lines) - 1)
    old_line = lines[at]
    lines[at] = "- statistics: every number in the article, whatever it measures."
    edited = replace(prompts, anchored_system="\n".join(lines))
    monkeypatch.setattr(llm_engine, "load_prompts", lambda: edited)

    with pytest.raises(ReplayError) as caught:
        summarize(_seed_article(), settings=_seed_settings())
    message = str(caught.value)
    assert type(caught.value).__mro__[1] is ReplayError  # itself, not wrapped in EngineError
    assert str(SEED_CASSETTE) in message
    assert f"prompt changed: system message line {at + 1}:" in message
    assert f"- {old_line[:40]}" in message.replace("'", "")
    assert "+ - statistics: every number in the article" in message.replace("'", "")
    assert "prompt templates changed since recording" in message
    assert "--record" in message


def test_the_cli_prints_the_replay_diff_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    prompts = load_prompts()
    edited = replace(prompts, anchored_system="Be brief.\n" + prompts.anchored_system)
    monkeypatch.setattr(llm_engine, "load_prompts", lambda: edited)
    result = CliRunner().invoke(
        app,
        [
            "summarize",
            str(SEED),
            "--replay",
            str(SEED_CASSETTE),
            "--model",
            "handwritten",
            "--mode",
            "tools",
        ],
    )
    assert result.exit_code == 1, result.output
    error = result.stderr[result.stderr.index("Error: ") :]
    assert error.startswith(f"Error: cassette {SEED_CASSETTE} has no response for this request")
    assert "prompt changed: system message line 1: + 'Be brief.'" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_a_different_model_is_named_in_the_diff() -> None:
    with pytest.raises(ReplayError, match=r"model changed: \"handwritten\" -> \"gpt-4o\""):
        summarize(_seed_article(), settings=_seed_settings(model="gpt-4o"))


def test_a_different_mode_says_the_schema_changed() -> None:
    with pytest.raises(ReplayError) as caught:
        summarize(_seed_article(), settings=_seed_settings(mode="json_schema"))
    message = str(caught.value)
    assert "response_format added" in message
    assert "tools removed" in message


def test_a_mismatch_under_mode_auto_does_not_fall_back_to_other_modes() -> None:
    settings = _seed_settings(model="other", mode="auto", base_url="http://127.0.0.1:9/v1")
    engine = LLMEngine(settings)
    with pytest.raises(ReplayError):
        engine.run(_seed_article())
    assert engine.requests == 1  # no openai retries, no next mode


def test_a_missing_cassette_is_one_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(ReplayError, match="no such cassette"):
        summarize(ARTICLE, model="m", replay=missing)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ReplayError, match="not a readable cassette"):
        summarize(ARTICLE, model="m", replay=bad)


def test_a_re_ask_not_in_the_cassette_is_explained() -> None:
    old = {"model": "m", "messages": [{"role": "system", "content": "a"}]}
    new = {
        "model": "m",
        "messages": [
            *old["messages"],
            {"role": "assistant", "content": "x"},
            {"role": "user", "content": "fix it"},
        ],
    }
    [line] = describe_difference(old, new)
    assert "re-ask" in line


# --- retries ---------------------------------------------------------------------------------


def test_transport_retries_are_recorded_and_replayed_in_order(tmp_path: Path) -> None:
    def first_fails(index: int, _: dict[str, Any]) -> Fault | None:
        return Fault(status=500, headers={"retry-after-ms": "1"}) if index == 0 else None

    cassette, recorded = _record(tmp_path, mode="tools", server={"faults": first_fails})
    interactions = json.loads(cassette.read_text())["interactions"]
    assert [i["response"]["status"] for i in interactions] == [500, 200]
    assert interactions[0]["key"] == interactions[1]["key"]

    engine = LLMEngine(Settings(engine="llm", model="m", mode="tools", replay=cassette))
    run = engine.run(Article(text=ARTICLE))
    assert engine.requests == 2  # the 500 was served first, then the retry got the 200
    assert run.summary == recorded.summary.model_copy(
        update={"quotes": run.summary.quotes, "statistics": run.summary.statistics}
    )


def test_the_same_request_replays_its_responses_in_order_then_fails(tmp_path: Path) -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    interactions = [
        Interaction("POST", "/v1/chat/completions", body, status=status, response={"n": n})
        for n, status in enumerate((429, 500, 200))
    ]
    cassette = Cassette(path=tmp_path / "c.json", header={}, interactions=interactions)
    client = httpx2.Client(transport=ReplayTransport(Player(cassette, None)))
    statuses = []
    for _ in range(3):
        response = client.post("http://x/v1/chat/completions", json=body)
        statuses.append((response.status_code, response.json()["n"]))
    assert statuses == [(429, 0), (500, 1), (200, 2)]
    with pytest.raises(ReplayError, match=r"recorded 3 time\(s\) and has now been sent once more"):
        client.post("http://x/v1/chat/completions", json=body)


# --- what a cassette stores -----------------------------------------------------------------


def test_gzip_responses_are_stored_as_decoded_json(tmp_path: Path) -> None:
    payload = {"object": "chat.completion", "choices": []}

    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(
            200,
            headers={
                "content-encoding": "gzip",
                "content-type": "application/json",
                "set-cookie": "__cf_bm=abc",
                "openai-organization": "org-123",
            },
            content=gzip.compress(json.dumps(payload).encode()),
        )

    cassette = Cassette(path=tmp_path / "g.json", header={})
    transport = RecordingTransport(Recorder(cassette, ()), inner=httpx2.MockTransport(handler))
    response = httpx2.Client(transport=transport).post("http://x/v1/chat/completions", json={})
    assert response.json() == payload
    stored = json.loads((tmp_path / "g.json").read_text())["interactions"][0]["response"]
    assert stored["body"] == payload
    assert set(stored["headers"]) == {"content-type"}


def test_secrets_never_reach_the_cassette_the_output_or_the_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "sk-test-" + secrets.token_hex(16)
    leaky = {
        "set-cookie": "session=s3cr3t",
        "openai-organization": "org-s3cr3t",
        "openai-project": "proj-s3cr3t",
        "retry-after-ms": "1",
    }

    def faults(index: int, _: dict[str, Any]) -> Fault | None:
        if index == 0:  # an error that echoes the key back, as real servers do
            body = json.dumps({"error": {"message": f"Incorrect API key provided: {key}"}})
            return Fault(status=500, headers=leaky, body=body)
        return None

    caplog.set_level(logging.DEBUG)
    cassette = tmp_path / "secret.json"
    with serve(answer_good, faults=faults) as server:
        result = summarize(
            ARTICLE, base_url=server.url, api_key=key, model="m", mode="tools", record=cassette
        )
        cli = CliRunner().invoke(
            app,
            [
                "summarize",
                "-",
                "--base-url",
                server.url,
                "--model",
                "m",
                "--mode",
                "tools",
                "--record",
                str(tmp_path / "cli.json"),
            ],
            input=ARTICLE,
            env={"OPENAI_API_KEY": key},
        )
    assert cli.exit_code == 0, cli.output
    texts = {
        "cassette": cassette.read_text(),
        "cli cassette": (tmp_path / "cli.json").read_text(),
        "result": result.model_dump_json(),
        "cli output": cli.output + cli.stderr,
        "logs": caplog.text,
        "captured": "".join(capsys.readouterr()),
    }
    for name, text in texts.items():
        assert key not in text, name
        # (httpcore's own DEBUG trace shows response headers; what we write never does)
        assert name == "logs" or "s3cr3t" not in text, name
    assert "[redacted]" in texts["cassette"]  # the echoed key was replaced, not kept
    assert summarize(ARTICLE, model="m", mode="tools", replay=cassette) == result


# --- the canonical key ------------------------------------------------------------------------


def test_volatile_fields_headers_and_number_forms_do_not_change_the_key() -> None:
    a = canonical_body(b'{"model":"m","temperature":0,"messages":[],"user":"u1"}')
    b = canonical_body(b'{"messages":[],"temperature":0.0,"model":"m","metadata":{"x":1}}')
    assert request_key("POST", "/v1/chat/completions", a) == request_key(
        "POST", "/chat/completions", b
    )
    c = canonical_body(b'{"model":"m","temperature":0.2,"messages":[]}')
    assert request_key("POST", "/v1/chat/completions", a) != request_key(
        "POST", "/v1/chat/completions", c
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(st.dictionaries(st.text(max_size=6), json_values, max_size=5), st.randoms())
def test_the_key_ignores_the_order_of_fields(body: dict[str, Any], rng: Any) -> None:
    items = list(body.items())
    rng.shuffle(items)
    shuffled = json.dumps(dict(items)).encode()
    assert request_key("POST", "/v1/x", canonical_body(json.dumps(body).encode())) == request_key(
        "POST", "/v1/x", canonical_body(shuffled)
    )


# --- summarizer.testing.replaying -----------------------------------------------------------------


def test_replaying_answers_plain_summarize_calls_from_the_cassette() -> None:
    text = SEED.read_text(encoding="utf-8")
    with replaying(SEED_CASSETTE):
        result = summarize(Article(id="operation-safe-city", text=text))
        from_thread: list[Any] = []
        worker = threading.Thread(
            target=lambda: from_thread.append(
                summarize(Article(id="operation-safe-city", text=text))
            )
        )
        worker.start()
        worker.join()
    assert result.provenance.engine == "llm" and result.provenance.model == "handwritten"
    assert from_thread == [result]
    # outside the block: back to the ordinary settings (offline, since no key is configured)
    assert summarize(text).provenance.engine == "offline"


def test_replaying_records_when_asked_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cassette = tmp_path / "mine.json"
    with serve(answer_good) as server:
        monkeypatch.setenv("SUMMARIZER_RECORD", "1")
        with replaying(cassette):
            recorded = summarize(ARTICLE, base_url=server.url, model="m", mode="tools")
    monkeypatch.delenv("SUMMARIZER_RECORD")
    with replaying(cassette):
        assert summarize(ARTICLE) == recorded


def test_async_recording_replays_to_the_same_result(tmp_path: Path) -> None:
    cassette = tmp_path / "async.json"
    with serve(answer_good) as server:
        recorded = asyncio.run(
            asummarize(ARTICLE, base_url=server.url, model="m", mode="tools", record=cassette)
        )
    assert summarize(ARTICLE, model="m", mode="tools", replay=cassette) == recorded


def test_replaying_serves_a_batch_too() -> None:
    """Regression: the batch built its engine itself and skipped the testing override."""
    from summarizer.batch import run_batch
    from summarizer.inputs import iter_sources

    with replaying(SEED_CASSETTE):
        single = summarize(SEED.read_text(encoding="utf-8"))
        report = run_batch(list(iter_sources([str(SEED)])), Settings.resolve())
    assert report.failed == 0 and report.done == 1, report.failures
    [result] = report.results
    assert result.provenance.engine == "llm" and result.provenance.model == "handwritten"
    assert result.summary == single.summary


def test_a_batch_recorded_with_record_replays_while_the_server_is_down(tmp_path: Path) -> None:
    """Regression: with several articles every one failed ("content already streamed")."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(3):
        (articles / f"a{n}.txt").write_text(f"{ARTICLE}\n(ref {n})\n", encoding="utf-8")
    cassette = tmp_path / "c.json"
    flags = ["--model", "m", "--mode", "tools", "--no-cache"]
    with serve(answer_good) as server:
        url = server.url
        recorded = CliRunner().invoke(
            app,
            ["summarize", str(articles), "--out-dir", str(tmp_path / "rec"), "--record",
             str(cassette), "--base-url", url, *flags],
        )  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    assert len(Cassette.load(cassette).interactions) == 3
    replayed = CliRunner().invoke(
        app,
        ["summarize", str(articles), "--out-dir", str(tmp_path / "rep"), "--replay",
         str(cassette), "--base-url", url, *flags],
    )  # fmt: skip
    assert replayed.exit_code == 0, replayed.output
    for n in range(3):
        rec = json.loads((tmp_path / "rec" / f"a{n}.json").read_text(encoding="utf-8"))
        rep = json.loads((tmp_path / "rep" / f"a{n}.json").read_text(encoding="utf-8"))
        assert rep["summary"] == rec["summary"] and rep["verification"] == rec["verification"]
