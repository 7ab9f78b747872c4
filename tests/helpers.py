"""Small shared pieces for tests: a short article and model answers about it."""

from __future__ import annotations

from typing import Any

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
