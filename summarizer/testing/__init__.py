"""Helpers for testing code that uses summarizer: replaying recorded model responses.

    from summarizer.testing import replaying

    def test_my_pipeline():
        with replaying("tests/cassettes/my-article.json"):
            result = my_code_that_calls_summarize()   # no network, no key
        assert result.summary.quotes

Inside the block every `summarize()` / `asummarize()` call and every batch (`run_batch`,
`summarizer summarize DIR`), in any thread, answers from the cassette. With
`SUMMARIZER_RECORD=1` in the environment the same block records instead: the calls go to the
configured model (OPENAI_API_KEY / OPENAI_BASE_URL) and the cassette is rewritten.
So re-recording a test's responses is:

    SUMMARIZER_RECORD=1 pytest tests/test_mine.py

Importing this module is cheap (no openai, no httpx). The override is a stack the engine
factory owns (`summarizer.engines.base.overriding`); `replaying()` pushes onto it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.engines.base import overriding

if TYPE_CHECKING:
    from summarizer.config import Settings

__all__ = ["RECORD_ENV", "recorded_settings", "replaying"]

RECORD_ENV = "SUMMARIZER_RECORD"


def recorded_settings(header: dict[str, object]) -> dict[str, object]:
    """The Settings fields a cassette header says it was recorded with."""
    from summarizer.cassettes import recorded_settings as from_header

    return from_header(header)


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
        from summarizer.cassettes import fresh_recording

        def to_record(settings: Settings) -> Settings:
            return settings.with_(engine="llm", record=path, replay=None)

        with fresh_recording(path), overriding(to_record):
            yield path
        return

    from summarizer.cassettes import Cassette

    # Load now: a missing or malformed cassette fails at the `with`, not deep in a call.
    header = Cassette.load(path).header
    changes = recorded_settings(header) if use_recorded_settings else {}

    def to_replay(settings: Settings) -> Settings:
        return settings.with_(engine="llm", replay=path, record=None, **changes)

    with overriding(to_replay):
        yield path
