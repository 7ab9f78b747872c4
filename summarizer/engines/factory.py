"""The one factory every model call goes through, single or batch, sync or async.

`make_engine(settings)` applies the testing override (the innermost active
`summarizer.testing.replaying()` block) and wires the LLM engine's transports (recording, replay,
retries). A caller that needs its own transport under the client (the batch runner's slots) says
so with `HttpOptions`; it never builds an engine or reaches into one itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.engines.base import Engine, HttpOptions, apply_override

if TYPE_CHECKING:
    import httpx2

    from summarizer.config import Settings


def make_engine(
    settings: Settings,
    *,
    http: HttpOptions | None = None,
    http_client: httpx2.Client | None = None,
) -> Engine:
    """The engine the settings ask for. Imports the LLM stack only when it is used.

    `http_client`: the HTTP client an LLM engine's synchronous runs send through (its transport
    decides where requests go: the provider Batch API path answers them from collected output).
    """
    settings = apply_override(settings)
    if settings.effective_engine() == "offline":
        from summarizer.engines.offline_adapter import OfflineAdapter

        return OfflineAdapter()
    from summarizer.engines.llm.engine import LLMEngine

    if http is not None:
        return LLMEngine.wired(settings, http)
    return LLMEngine(settings, http_client=http_client)


def engine_settings(settings: Settings) -> Settings:
    """The settings `make_engine` would run with (the override applied), for callers that key
    caches or choose paths by them."""
    return apply_override(settings)
