"""The anchored strategy: the model answers with ids; text and values come from the article."""

from __future__ import annotations

import re
from typing import Any

from summarizer import summarize
from summarizer.engines.llm.anchored import Anchors
from summarizer.testing.fake_server import serve
from tests.helpers import ARTICLE, good_answer


def _ids(body: dict[str, Any], prefix: str) -> list[str]:
    user = body["messages"][1]["content"]
    return re.findall(rf"^({prefix}\d+):", user, flags=re.M)


def _answer(body: dict[str, Any]) -> dict[str, Any]:
    base = good_answer()
    return {
        "headline": base["headline"],
        "summary": base["summary"],
        "event": base["event"],
        "speakers": [{"speaker": "Jane Porter", "speaker_role": "Mayor", "ids": _ids(body, "Q")}],
        "statistics": [f"{nid}: a number" for nid in _ids(body, "N")],
    }


def test_listing_names_every_passage_and_statistic() -> None:
    anchors = Anchors.for_text(ARTICLE)
    listing = anchors.listing()
    assert "Q1: \u201cThis budget keeps every library open,\u201d" in listing
    assert any(n.text == "$4.5 million" for n in anchors.numbers.values())


def test_anchored_quotes_are_verbatim_by_construction() -> None:
    with serve(_answer) as server:
        result = summarize(
            ARTICLE, base_url=server.url, model="m", mode="tools", strategy="anchored"
        )
        sent = server.requests[0]
    assert "Quoted passages:" in sent["messages"][-1]["content"]
    assert [q.text for q in result.summary.quotes] == ["This budget keeps every library open,"]
    assert all(q.status == "exact" for q in result.summary.quotes)
    assert {s.text for s in result.summary.statistics} >= {"$4.5 million", "12"}
    assert all(s.status == "exact" for s in result.summary.statistics)
    assert result.verification.passed


def test_an_unknown_id_is_re_asked() -> None:
    answers = iter(["bad", "good"])

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        data = _answer(body)
        if next(answers) == "bad":
            data["speakers"][0]["ids"] = ["Q99"]
        return data

    with serve(answer) as server:
        result = summarize(
            ARTICLE, base_url=server.url, model="m", mode="tools", strategy="anchored"
        )
        feedback = str(server.requests[1]["messages"])
    assert result.provenance.attempts == 2
    assert "Q99" in feedback


def test_fake_server_answers_anchored_requests_with_the_same_bytes_each_time() -> None:
    # It makes each distinct anchored answer once (the bench's server must not take the
    # client's CPU), but still asks the answer function every time and sends the same bytes.
    import json

    from summarizer.testing.fake_server import _article_in, anchored_answer

    calls: list[int] = []

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        return good_answer()

    with serve(answer) as server:
        for _ in range(2):
            summarize(ARTICLE, base_url=server.url, model="m", mode="tools", strategy="anchored")
        body = server.requests[0]
        sent = [server._completion_for(b) for b in server.requests]
    assert len(calls) == 4  # two articles, and the two answers made again here
    expected = json.dumps(anchored_answer(good_answer(), _article_in(body)))
    arguments = [c["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] for c in sent]
    assert arguments == [expected, expected]
