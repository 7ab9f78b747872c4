"""The LLM engine through the real openai client and instructor, against a loopback server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarizer import summarize
from summarizer.errors import ConfigError, EngineError
from summarizer.models import Result
from summarizer.testing.fake_server import FakeServer, Fault, serve
from tests.helpers import ARTICLE, answer_good, good_answer, misquoting_answer


@pytest.mark.parametrize("strategy", ["anchored", "free"])
@pytest.mark.parametrize("mode", ["tools", "json_schema", "json", "md_json"])
def test_each_mode_yields_a_verified_result(mode: str, strategy: str, fake_llm: FakeServer) -> None:
    url = fake_llm.url
    result = summarize(ARTICLE, base_url=url, model="m", mode=mode, strategy=strategy)
    assert isinstance(result, Result)
    assert result.provenance.engine == "llm"
    assert result.provenance.attempts == 1
    assert result.provenance.usage is not None and result.provenance.usage.total_tokens > 0
    assert result.provenance.prompt_sha256 and len(result.provenance.prompt_sha256) == 64
    quote = result.summary.quotes[0]
    assert quote.status == "exact"
    assert quote.span is not None
    assert ARTICLE[quote.span.start : quote.span.end] == quote.text
    sent = fake_llm.requests[0]
    assert ("tools" in sent) == (mode == "tools")
    if mode == "json_schema":
        assert sent["response_format"]["type"] == "json_schema"


def test_a_misquote_is_re_asked_with_the_verbatim_text_and_usage_is_summed() -> None:
    answers = iter([misquoting_answer(), good_answer()])
    with serve(lambda _: next(answers)) as server:
        result = summarize(ARTICLE, base_url=server.url, model="m", mode="tools", strategy="free")
        reask = server.requests[1]["messages"]
    assert result.provenance.attempts == 2
    assert result.summary.quotes[0].status == "exact"
    assert result.verification.passed
    feedback = json.dumps(reask)
    assert "This budget keeps every library open" in feedback
    usage = result.provenance.usage
    assert usage is not None and usage.total_tokens > 0
    assert usage.prompt_tokens > len(ARTICLE) // 4  # two requests' worth


def test_after_the_last_attempt_failures_are_flagged_not_raised() -> None:
    with serve(lambda _: misquoting_answer()) as server:
        result = summarize(
            ARTICLE, base_url=server.url, model="m", mode="tools", max_retries=1, strategy="free"
        )
    assert result.provenance.attempts == 2
    assert not result.verification.passed
    assert result.summary.quotes[0].status == "fuzzy"
    assert any(i.path.startswith("quotes[0]") for i in result.verification.issues)


def test_max_retries_zero_makes_one_call() -> None:
    with serve(lambda _: misquoting_answer()) as server:
        result = summarize(ARTICLE, base_url=server.url, model="m", mode="tools", max_retries=0)
    assert result.provenance.attempts == 1
    assert len(server.requests) == 1


def test_a_server_error_is_one_line_naming_the_mode() -> None:
    def fail(_: int, __: dict[str, Any]) -> Fault:
        return Fault(status=500, body='{"error": {"message": "model crashed"}}')

    with serve(answer_good, faults=fail) as server, pytest.raises(EngineError) as caught:
        summarize(ARTICLE, base_url=server.url, model="m", mode="json_schema", timeout=5)
    message = str(caught.value)
    assert "\n" not in message
    assert "json_schema mode" in message and "500" in message


def test_no_key_and_no_base_url_says_how_to_configure() -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        summarize(ARTICLE, engine="llm")


async def _asummarize(url: str) -> Result:
    from summarizer import asummarize

    return await asummarize(ARTICLE, base_url=url, model="m", mode="tools")


def test_asummarize_matches_summarize(fake_llm: FakeServer) -> None:
    import asyncio

    sync = summarize(ARTICLE, base_url=fake_llm.url, model="m", mode="tools")
    async_ = asyncio.run(_asummarize(fake_llm.url))
    assert sync.model_dump() == async_.model_dump()


@pytest.mark.parametrize("strategy", ["anchored", "free"])
@pytest.mark.parametrize("mode", ["tools", "json", "md_json"])
def test_template_syntax_in_an_article_reaches_the_model_as_written(
    mode: str, strategy: str, fake_llm: FakeServer
) -> None:
    # instructor renders messages as Jinja templates when given a context: "{{ 7*7 }}" was sent
    # as "49", a comment vanished and a stray "{%" failed the article.
    tail = "\n\nThe wiki page read {{ 7*7 }} and {# a note #}, then a stray {% tag."
    result = summarize(
        ARTICLE + tail, base_url=fake_llm.url, model="m", mode=mode, strategy=strategy
    )
    assert isinstance(result, Result)
    sent = json.dumps(fake_llm.requests[0]["messages"], ensure_ascii=False)
    assert json.dumps(tail.strip(), ensure_ascii=False)[1:-1] in sent


def test_async_anchored_evidence_is_gathered_off_the_event_loop(
    fake_llm: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio
    import threading

    from summarizer.engines.llm import engine as engine_module
    from summarizer.evidence import gather

    gather.cache_clear()
    threads: list[threading.Thread] = []

    def recording(text: str) -> object:
        threads.append(threading.current_thread())
        return gather(text)

    monkeypatch.setattr(engine_module, "gather", recording)

    async def run() -> tuple[Result, threading.Thread]:
        return await _asummarize(fake_llm.url), threading.current_thread()

    result, loop_thread = asyncio.run(run())
    assert result.verification.passed is not None
    assert threads and all(t is not loop_thread for t in threads)
