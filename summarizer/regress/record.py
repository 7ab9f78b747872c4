"""Re-recording a case's cassette: handwritten answers through the fake server, or a model."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.cassettes import Cassette, fresh_recording, recorded_settings
from summarizer.errors import InputError, ReplayError
from summarizer.regress.cases import Case, load_article

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.models import Result


def record_case(case: Case, live_settings: Settings | None) -> str:
    """Re-record a case's cassette; returns what was done, for the report."""
    if case.article is None:
        raise InputError(f"no article for case {case.name}")
    existing = Cassette.load(case.cassette) if case.cassette.is_file() else None
    handwritten = "handwritten" in case.name or (
        existing is not None and existing.origin == "handwritten"
    )
    if handwritten:
        answer: dict[str, Any] | None
        if case.answer is not None:
            answer = json.loads(case.answer.read_text(encoding="utf-8"))
        else:
            answer = handwritten_answer(existing) if existing else None
        if not isinstance(answer, dict):
            raise InputError(f"{case.name}: no handwritten answer (answers/{case.name}.json)")
        note = str(existing.header.get("note", "")) if existing else ""
        # Re-record with the settings the case was made with (its strategy, say), not today's
        # defaults: a case pins down one path through the pipeline.
        base = None
        if existing is not None:
            from summarizer.config import Settings

            recorded = recorded_settings(existing.header)
            recorded.pop("base_url", None)
            base = Settings(model="handwritten", mode="tools").with_(**recorded)
        record_handwritten(case.article, answer, case.cassette, note=note, settings=base)
        return "re-recorded (handwritten, through the fake server)"
    if live_settings is None or not live_settings.llm_configured:
        raise InputError(
            f"{case.name}: re-recording a model cassette needs a model: set --base-url or "
            "OPENAI_API_KEY"
        )
    from summarizer.api import summarize

    recorded = recorded_settings(existing.header) if existing else {}
    recorded.pop("base_url", None)
    settings = live_settings.with_(**recorded).with_(
        engine="llm", record=case.cassette, replay=None
    )
    with fresh_recording(case.cassette):
        summarize(load_article(case.article), settings=settings)
    return f"re-recorded from {settings.model}"


def record_handwritten(
    article_path: Path,
    answer: Mapping[str, Any],
    cassette: Path,
    *,
    note: str = "",
    settings: Settings | None = None,
) -> Result:
    """Make a cassette for `answer` (a DraftSummary as JSON) through the real client path.

    A loopback fake server answers every request with `answer`; the pipeline runs with
    --record; the header then says origin "handwritten". Returns the result of that run.
    """
    from summarizer.api import summarize
    from summarizer.config import Settings
    from summarizer.inputs import iter_sources
    from summarizer.testing.fake_server import serve

    [source] = list(iter_sources([str(article_path)]))
    if source.article is None:
        raise ReplayError(source.error or f"{article_path}: cannot be read")
    base = settings or Settings(model="handwritten", mode="tools")
    with serve(lambda _body: dict(answer)) as server, fresh_recording(cassette):
        run_settings = base.with_(
            engine="llm", base_url=server.url, api_key=None, record=cassette, replay=None
        )
        result = summarize(source.article, settings=run_settings)
    # The recording is on disk (rewritten after every exchange): say where its answer came from.
    recorded = Cassette.load(cassette)
    recorded.set_origin("handwritten", note or "written by hand, served by fake_server")
    recorded.header["base_url_host"] = "127.0.0.1 (summarizer.testing.fake_server)"
    recorded.header["settings"]["base_url"] = None
    recorded.save()
    return result


def handwritten_answer(cassette: Cassette) -> dict[str, Any] | None:
    """The answer a handwritten cassette serves: the last successful completion's JSON."""
    for interaction in reversed(cassette.interactions):
        if interaction.status != 200 or not isinstance(interaction.response, dict):
            continue
        choices = interaction.response.get("choices") or []
        if not choices:
            continue
        message = choices[0].get("message") or {}
        calls = message.get("tool_calls") or []
        text = calls[0]["function"]["arguments"] if calls else message.get("content")
        if isinstance(text, str):
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError:
                continue
            if isinstance(parsed, dict):
                return parsed
    return None
