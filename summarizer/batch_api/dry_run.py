"""--dry-run: the requests a run would send first, their input tokens and cost; nothing is sent.

The bodies are built by the real engine (over `CaptureTransport`, which answers nothing), so
they are exactly the first asks; re-asks are not counted: they depend on the answers. Tokens are
counted offline with o200k_base (the GPT-4o family's) from `bpe-openai` when it is installed,
else estimated as characters / 4.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx2

from summarizer.api import make_article
from summarizer.batch import unique_jobs
from summarizer.batch_api.capture import CaptureTransport, Deferred
from summarizer.batch_api.rounds import batch_settings, engine_settings
from summarizer.config import Settings
from summarizer.engines.factory import make_engine
from summarizer.errors import SummarizerError
from summarizer.inputs import Source
from summarizer.models import Usage
from summarizer.pricing import batch_price, price_for

# A guess of each answer's size, for the output side of the cost (the answers are not known).
OUTPUT_TOKENS_PER_REQUEST = 800
_PER_MESSAGE = 4  # the chat format's few tokens around each message
OFFLINE = "offline engine"


@dataclass(frozen=True)
class Estimate:
    requests: int
    input_tokens: int
    tokenizer: str
    cost: float | None  # input tokens, plus the guessed output
    input_cost: float | None
    unreadable: int  # inputs that would fail before any request

    def line(self) -> str:
        if self.tokenizer == OFFLINE:
            return "dry run: the offline engine makes no model requests; nothing was sent"
        text = (
            f"dry run: {self.requests} requests, ~{self.input_tokens:,} input tokens "
            f"({self.tokenizer})"
        )
        if self.cost is not None and self.input_cost is not None:
            text += (
                f", estimated cost ${self.cost:,.4f} (input ${self.input_cost:,.4f} + output at "
                f"~{OUTPUT_TOKENS_PER_REQUEST} tokens per request)"
            )
        else:
            text += ", cost unknown (no price for the model: give --price-in/--price-out)"
        if self.unreadable:
            text += f"; {self.unreadable} input(s) would fail before any request"
        return text + "; nothing was sent"


@cache
def _encoder() -> Any:
    import warnings

    # bpe-openai reads its tables with importlib.resources' deprecated open_binary.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            from bpe_openai import get_encoding
        except ImportError:
            return None
        return get_encoding("o200k_base")


def count_tokens(body: dict[str, Any]) -> tuple[int, str]:
    """The input tokens of one chat request: messages, plus the schema it sends."""
    texts = [str(m.get("content") or "") for m in body.get("messages", [])]
    for name in ("tools", "response_format", "functions"):
        if body.get(name):
            texts.append(json.dumps(body[name], separators=(",", ":")))
    encoder = _encoder()
    if encoder is None:
        return sum(len(t) for t in texts) // 4 + _PER_MESSAGE * len(texts), "chars/4"
    return sum(len(encoder.encode(t)) for t in texts) + _PER_MESSAGE * len(texts), "o200k_base"


def estimate(
    sources: Iterable[Source],
    settings: Settings,
    *,
    batch: bool,
    price_in: float | None = None,
    price_out: float | None = None,
) -> Estimate:
    """What a run would send first; `batch` prices it at the Batch API's rate."""
    if settings.effective_engine() == "offline":
        return Estimate(0, 0, OFFLINE, 0.0, 0.0, 0)
    settings, _ = batch_settings(settings)
    transport = CaptureTransport({}, 0)
    requests = tokens = unreadable = 0
    name = "o200k_base"
    with httpx2.Client(transport=transport) as http:
        engine = make_engine(engine_settings(settings), http_client=http)
        for job in unique_jobs(sources):
            if job.article is None:
                unreadable += 1
                continue
            try:
                make_article(job.article, max_chars=settings.max_chars)
                transport.begin(job.id)
                engine.run(job.article)
            except Deferred:
                line = transport.article.pending
                assert line is not None
                requests += 1
                n, name = count_tokens(line.body)
                tokens += n
                continue
            except SummarizerError:
                pass
            unreadable += 1
    price = price_for(settings.model, price_in=price_in, price_out=price_out)
    if batch:
        price = batch_price(price)
    if price is None:
        return Estimate(requests, tokens, name, None, None, unreadable)
    input_cost = price.cost(Usage(prompt_tokens=tokens))
    output = Usage(completion_tokens=requests * OUTPUT_TOKENS_PER_REQUEST)
    return Estimate(requests, tokens, name, input_cost + price.cost(output), input_cost, unreadable)
