"""--mode auto against servers that lack tool calling, through the real openai client.

The loopback fake server stands in for llama.cpp, vLLM without a tool parser, and the like:
it answers 400 or 500 to `tools`, or fails every mode. The real llama.cpp server is exercised
in test_local_llm.py.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import asummarize, summarize
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.engines.llm.modes import ServerModes
from summarizer.errors import EngineError
from summarizer.testing.fake_server import Fault, FaultPlan, serve
from tests.helpers import ARTICLE, answer_good


def _settings(url: str, **changes: Any) -> Settings:
    # No transport retries: a 500 would otherwise be retried (with backoff) before falling back.
    return Settings(engine="llm", base_url=url, model="m", mode="auto", transport_retries=0).with_(
        **changes
    )


def _tools_fail_with(status: int) -> FaultPlan:
    def plan(_: int, body: dict[str, Any]) -> Fault | None:
        return Fault(status=status) if body.get("tools") else None

    return plan


def _article_tools_fail_with(status: int) -> FaultPlan:
    """Passes the tool probe, fails the article's tools request: fallback on the first error."""

    def plan(_: int, body: dict[str, Any]) -> Fault | None:
        tools = body.get("tools") or []
        if tools and tools[0]["function"]["name"] != "ping":
            return Fault(status=status)
        return None

    return plan


def test_a_server_that_rejects_tools_with_400_still_yields_a_result() -> None:
    with serve(answer_good, reject_tools=True) as server:
        url = server.url
        result = summarize(ARTICLE, settings=_settings(url))
        sent = list(server.requests)
    assert result.verification.passed
    assert result.provenance.attempts == 1
    assert result.summary.quotes[0].status == "exact"
    # One small probe with `tools`, then the article once, in json_schema mode.
    assert [("tools" in body, "response_format" in body) for body in sent] == [
        (True, False),
        (False, True),
    ]
    assert sent[1]["response_format"]["type"] == "json_schema"
    assert ServerModes.shared().chosen[url] == "json_schema"


@pytest.mark.parametrize("status", [400, 500])
def test_the_choice_is_remembered_per_base_url(status: int) -> None:
    with serve(answer_good, faults=_tools_fail_with(status)) as server:
        summarize(ARTICLE, settings=_settings(server.url))
        before = len(server.requests)
        second = summarize(ARTICLE, settings=_settings(server.url))
        again = server.requests[before:]
    assert second.verification.passed
    assert len(again) == 1
    assert "tools" not in again[0]
    assert again[0]["response_format"]["type"] == "json_schema"


def test_another_base_url_is_probed_afresh() -> None:
    with serve(answer_good, reject_tools=True) as rejecting, serve(answer_good) as tooled:
        urls = rejecting.url, tooled.url
        summarize(ARTICLE, settings=_settings(urls[0]))
        summarize(ARTICLE, settings=_settings(urls[1]))
        sent = tooled.requests
    assert ServerModes.shared().chosen == {urls[0]: "json_schema", urls[1]: "tools"}
    assert [body["tools"][0]["function"]["name"] for body in sent] == ["ping", "AnchoredSummary"]


@pytest.mark.parametrize("status", [400, 500])
def test_a_tools_request_failing_after_the_probe_falls_back(status: int) -> None:
    with serve(answer_good, faults=_article_tools_fail_with(status)) as server:
        url = server.url
        result = summarize(ARTICLE, settings=_settings(url))
    assert result.verification.passed
    assert ServerModes.shared().chosen[url] == "json_schema"


def test_the_async_path_falls_back_too() -> None:
    with serve(answer_good, reject_tools=True) as server:
        url = server.url
        result = asyncio.run(asummarize(ARTICLE, settings=_settings(url)))
    assert result.verification.passed
    assert ServerModes.shared().chosen[url] == "json_schema"


def test_no_fallback_on_a_rejected_key() -> None:
    with serve(answer_good, faults=lambda _, __: Fault(status=401)) as server:
        with pytest.raises(EngineError) as caught:
            summarize(ARTICLE, settings=_settings(server.url))
        assert len(server.requests) == 1
    assert "rejected the API key (401)" in str(caught.value)


def test_a_server_failing_every_mode_is_one_line_naming_the_modes(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with serve(answer_good, faults=lambda _, __: Fault(status=500)) as server:
        url = server.url
        result = CliRunner().invoke(
            app,
            ["summarize", str(article), "--base-url", url, "--model", "m"]
            + ["--transport-retries", "0"],
        )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0] == (
        f"Error: {url} answered 500 in md_json mode: injected 500 "
        "(modes tried: tools, json_schema, json, md_json)"
    )


def test_an_explicit_mode_error_names_that_mode(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with serve(answer_good, reject_tools=True) as server:
        url = server.url
        result = CliRunner().invoke(
            app,
            ["summarize", str(article), "--base-url", url, "--model", "m"]
            + ["--mode", "tools", "--transport-retries", "0"],
        )
        assert len(server.requests) == 1
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {url} answered 400 in tools mode: tools are not supported by this server"
    )


def test_max_tokens_reaches_the_server_only_when_set() -> None:
    with serve(answer_good) as server:
        summarize(ARTICLE, settings=_settings(server.url, mode="json_schema", max_tokens=321))
        summarize(ARTICLE, settings=_settings(server.url, mode="json_schema"))
        capped, uncapped = server.requests
    assert capped["max_tokens"] == 321
    assert "max_tokens" not in uncapped


def test_max_tokens_comes_from_the_flag_or_the_environment() -> None:
    assert Settings.resolve(env={"SUMMARIZER_MAX_TOKENS": "200"}).max_tokens == 200
    assert Settings.resolve(env={"SUMMARIZER_MAX_TOKENS": "200"}, max_tokens=50).max_tokens == 50
    assert Settings.resolve(env={}).max_tokens is None


def test_a_cut_off_answer_says_so(tmp_path: Path) -> None:
    with serve(answer_good, faults=lambda _, __: Fault(finish_reason="length")) as server:
        with pytest.raises(EngineError) as caught:
            summarize(ARTICLE, settings=_settings(server.url, mode="json_schema", max_tokens=64))
    assert str(caught.value) == (
        "the model's answer was cut off at max-tokens (64) in json_schema mode"
    )
