"""The transport that lets the real engine run over a batch: answers from output, or a deferral.

Every article is run through the same LLM engine as online (`make_engine`), so the requests are
the bodies the online path sends and each answer is parsed, validated, verified and re-asked by
the same code. Under the engine's openai client sits `CaptureTransport`: a request whose answer
was collected (matched by the canonical body hash of `summarizer.cassettes.request_key`) gets it;
any other request is noted as a line for the next batch and the run stops with `Deferred`. A
re-ask is such a request: it lands in the follow-up batch.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import httpx2
import openai

from summarizer.batch_api.lines import Outcome, RequestLine, custom_id
from summarizer.cassettes.format import canonical_body, request_key
from summarizer.errors import SummarizerError


# Both are openai errors so the openai client lets them through at once, unretried (it retries
# and wraps anything else a transport raises); the engine finds them under instructor's wrapping.
class Deferred(SummarizerError, openai.OpenAIError):
    """The article's next request has no answer yet: it goes in the next batch."""


class LineFailed(SummarizerError, openai.OpenAIError):
    """A request failed in every batch round it was allowed."""


@dataclass
class _Article:
    id: str
    pending: RequestLine | None = None  # the request the run stopped at


class CaptureTransport(httpx2.BaseTransport):
    """Answers from `answers` (request key -> outcomes, oldest first); defers the rest.

    A request whose line failed is deferred again (resubmitted) until it has failed
    `1 + transport_retries` times; then the run fails with the last reason.
    """

    def __init__(self, answers: Mapping[str, Sequence[Outcome]], transport_retries: int) -> None:
        self.answers = answers
        self.transport_retries = transport_retries
        self.article = _Article("")

    def begin(self, article_id: str) -> None:
        self.article = _Article(article_id)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        content = request.read()
        key = request_key(request.method, request.url.path, canonical_body(content))
        outcomes = self.answers.get(key, ())
        answer = next((o.body for o in outcomes if o.body is not None), None)
        if answer is not None:
            return httpx2.Response(200, json=answer, request=request)
        if len(outcomes) > self.transport_retries:
            raise LineFailed(
                f"the request failed in {len(outcomes)} batch round(s): {outcomes[-1].reason}"
            )
        body = json.loads(content)
        self.article.pending = RequestLine(custom_id(self.article.id, key), key, body)
        raise Deferred(f"waiting for the answer to {self.article.pending.custom_id}")
