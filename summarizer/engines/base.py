"""The engine interface: an article in, a summary (spans not yet trusted) and provenance out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from summarizer.models import Article, EngineName, Summary, Usage

if TYPE_CHECKING:
    import httpx2

    from summarizer.config import Settings


@dataclass(frozen=True)
class EngineRun:
    summary: Summary
    engine: EngineName
    model: str | None = None
    prompt_sha256: str | None = None
    attempts: int = 0
    usage: Usage | None = None


class Engine(Protocol):
    @property
    def name(self) -> EngineName: ...

    def run(self, article: Article) -> EngineRun: ...

    async def arun(self, article: Article) -> EngineRun: ...


def make_engine(settings: Settings, *, http_client: httpx2.Client | None = None) -> Engine:
    """The engine the settings ask for. Imports the LLM stack only when it is used.

    `http_client`: the HTTP client an LLM engine's synchronous runs send through (its transport
    decides where requests go: the provider Batch API path answers them from collected output).
    """
    from summarizer.testing import apply_override

    settings = apply_override(settings)  # inside `summarizer.testing.replaying(...)`
    if settings.effective_engine() == "offline":
        from summarizer.engines.offline_adapter import OfflineAdapter

        return OfflineAdapter()
    from summarizer.engines.llm import LLMEngine

    return LLMEngine(settings, http_client=http_client)
