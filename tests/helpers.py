"""Small shared pieces for tests: a short article, model answers about it, settings builders and
batch helpers (the `fake_llm` server fixture is in conftest.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from summarizer.batch import BatchReport, run_batch
from summarizer.batch_output import read_whole_lines
from summarizer.config import Settings
from summarizer.inputs import iter_sources
from summarizer.models import Result

ARTICLE = (
    "Council approves budget\n\n"
    "The city council approved a $4.5 million budget on Tuesday after a three-hour debate.\n\n"
    '"This budget keeps every library open," Mayor Jane Porter said.\n\n'
    "The plan adds 12 police officers, according to the finance office.\n"
)


def good_answer() -> dict[str, Any]:
    return {
        "headline": "Council approves $4.5 million budget",
        "summary": "The city council approved a $4.5 million budget after a three-hour debate.",
        "event": {
            "what": "The city council approved the budget.",
            "who": ["city council", "Jane Porter"],
            "where": [],
            "when": "Tuesday",
            "date": None,
        },
        "quotes": [
            {
                "text": "This budget keeps every library open,",
                "speaker": "Jane Porter",
                "speaker_role": "Mayor",
                "kind": "direct",
            }
        ],
        "statistics": [
            {"text": "$4.5 million", "value": 4500000, "unit": "USD", "describes": "budget"},
            {"text": "12", "value": 12, "unit": "police officers", "describes": "officers added"},
        ],
    }


def misquoting_answer() -> dict[str, Any]:
    answer = good_answer()
    answer["quotes"][0]["text"] = "This budget keeps every school open,"
    return answer


# --- shared by the tests that talk to a loopback fake server -------------------------------------
def answer_good(_body: dict[str, Any]) -> dict[str, Any]:
    """A `fake_server.serve` handler: every request gets `good_answer()`."""
    return good_answer()


def llm_settings(url: str, **changes: Any) -> Settings:
    """Settings for the LLM engine against a loopback server: model "m", tools mode."""
    return Settings.resolve(base_url=url, model="m", mode="tools", **changes)


def jsonl_articles(path: Path, ids: list[str]) -> Path:
    """One record per id; the texts differ, so the cache cannot answer one from another."""
    with path.open("w", encoding="utf-8") as out:
        for article_id in ids:
            text = f"{ARTICLE}\n(ref {article_id})\n"
            out.write(json.dumps({"id": article_id, "text": text}) + "\n")
    return path


def batch_of(inputs: Path, settings: Settings, **options: Any) -> BatchReport:
    """`run_batch` over the articles under `inputs` (a file or a folder)."""
    return run_batch(list(iter_sources([str(inputs)])), settings, **options)


def result_ids(path: Path) -> Counter[str]:
    """The article ids of the results in a JSONL output, counted (duplicates show as 2)."""
    lines, partial = read_whole_lines(path)
    assert not partial
    return Counter(str(Result.model_validate_json(line).article.id) for line in lines)
