"""The engine interface (what engines implement), what callers may ask of an engine's HTTP,
and the testing override stack that the factory (`summarizer.engines.factory`) applies and
`summarizer.testing.replaying()` pushes onto."""

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
