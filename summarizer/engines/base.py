"""The engine interface, and the one factory every model call goes through.

`make_engine(settings)` applies the testing override (the innermost active
`summarizer.testing.replaying()` block: the engine layer owns the stack, `summarizer.testing`
pushes onto it) and wires the LLM engine's transports (recording, replay, retries). A caller that
needs its own transport under the client (the batch runner's slots) says so with `HttpOptions`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from summarizer.models import Article, EngineName, Summary, Usage

if TYPE_CHECKING:
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

    async def aclose(self) -> None: ...


@dataclass(frozen=True)
class HttpOptions:
    """What a caller asks of the engine's HTTP (the batch runner; ignored by the offline engine).

    wrap: builds the transport under the client around the engine's own (a cassette's, or a
    pooled connection transport); max_connections: that pool's size; on_request: called for
    every request the client sends, with whether it is the client's own retry (429, 5xx, ...).
    """

    wrap: Callable[[Any], Any] | None = None
    max_connections: int | None = None
    on_request: Callable[[bool], None] | None = None


# --- the testing override ---------------------------------------------------------------------
Override = Callable[["Settings"], "Settings"]
# A stack, global rather than a contextvar, so calls made from worker threads are covered too.
_overrides: list[Override] = []
_lock = threading.Lock()


@contextmanager
def overriding(override: Override) -> Iterator[None]:
    """Every engine made inside the block runs with `override(settings)` (innermost wins)."""
    with _lock:
        _overrides.append(override)
    try:
        yield
    finally:
        with _lock:
            _overrides.remove(override)


def apply_override(settings: Settings) -> Settings:
    """The settings an engine should run with: changed by an active override."""
    with _lock:
        override = _overrides[-1] if _overrides else None
    return override(settings) if override is not None else settings


# --- the factory ------------------------------------------------------------------------------
def make_engine(settings: Settings, *, http: HttpOptions | None = None) -> Engine:
    """The engine the settings ask for. Imports the LLM stack only when it is used."""
    settings = apply_override(settings)
    if settings.effective_engine() == "offline":
        from summarizer.engines.offline_adapter import OfflineAdapter

        return OfflineAdapter()
    from summarizer.engines.llm.engine import LLMEngine

    if http is not None:
        return LLMEngine.wired(settings, http)
    return LLMEngine(settings)


def engine_settings(settings: Settings) -> Settings:
    """The settings `make_engine` would run with (the override applied), for callers that key
    caches or choose paths by them."""
    return apply_override(settings)
