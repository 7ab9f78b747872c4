"""Helpers for testing code that uses summarizer: replaying recorded model responses.

    from summarizer.testing import replaying

    def test_my_pipeline():
        with replaying("tests/cassettes/my-article.json"):
            result = my_code_that_calls_summarize()   # no network, no key
        assert result.summary.quotes

Inside the block every `summarize()` / `asummarize()` call (in any thread) answers from the
cassette. With `SUMMARIZER_RECORD=1` in the environment the same block records instead: the
calls go to the configured model (OPENAI_API_KEY / OPENAI_BASE_URL) and the cassette is
rewritten. So re-recording a test's responses is:

    SUMMARIZER_RECORD=1 pytest tests/test_mine.py

Importing this module is cheap (no openai, no httpx): the engine factory consults it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.config import Settings

__all__ = ["RECORD_ENV", "apply_override", "recorded_settings", "replaying"]

RECORD_ENV = "SUMMARIZER_RECORD"

# A stack, global rather than a contextvar, so calls made from worker threads are covered too.
_overrides: list[Callable[[Settings], Settings]] = []
_lock = threading.Lock()


def apply_override(settings: Settings) -> Settings:
    """The settings an engine should run with: changed by an active `replaying()` block."""
    with _lock:
        override = _overrides[-1] if _overrides else None
    return override(settings) if override is not None else settings


def recorded_settings(header: dict[str, Any]) -> dict[str, Any]:
    """The Settings fields a cassette header says it was recorded with."""
    recorded = header.get("settings")
    if not isinstance(recorded, dict):
        recorded = {"model": header.get("model")} if header.get("model") else {}
    from summarizer.config import SETTINGS

    fields = [s.name for s in SETTINGS if s.recorded]
    return {name: recorded[name] for name in fields if recorded.get(name) is not None}


@contextmanager
def replaying(
    cassette: str | Path,
    *,
    use_recorded_settings: bool = True,
    record: bool | None = None,
) -> Iterator[Path]:
    """Answer every summarize call inside the block from `cassette`.

    use_recorded_settings: send what the cassette was recorded with (model, mode, temperature,
    retries, strategy, base URL), whatever the code's own settings say; False checks that
    the code's settings produce the recorded requests. record: record instead of replaying
    (default: when the environment has SUMMARIZER_RECORD=1).
    """
    path = Path(cassette)
    if record is None:
        record = os.environ.get(RECORD_ENV, "").strip().lower() in ("1", "true", "yes")

    if record:
        from summarizer.replay import fresh_recording

        def to_record(settings: Settings) -> Settings:
            return settings.with_(engine="llm", record=path, replay=None)

        with fresh_recording(path), _pushed(to_record):
            yield path
        return

    from summarizer.replay import Cassette

    # Load now: a missing or malformed cassette fails at the `with`, not deep in a call.
    header = Cassette.load(path).header
    changes = recorded_settings(header) if use_recorded_settings else {}

    def to_replay(settings: Settings) -> Settings:
        return settings.with_(engine="llm", replay=path, record=None, **changes)

    with _pushed(to_replay):
        yield path


@contextmanager
def _pushed(override: Callable[[Settings], Settings]) -> Iterator[None]:
    with _lock:
        _overrides.append(override)
    try:
        yield
    finally:
        with _lock:
            _overrides.remove(override)
