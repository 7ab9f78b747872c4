"""Shared by the batch benchmarks: the seed article, many copies of it, and a model answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "articles" / "operation-safe-city.txt"


def write_articles(path: Path, n: int) -> Path:
    """`n` JSONL records of the seed article with distinct ids (seed-000, seed-001, ...)."""
    text = SEED.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"seed-{i:03d}", "text": text}, ensure_ascii=False) + "\n")
    return path


def seed_answer(_: dict[str, Any] | None = None) -> dict[str, Any]:
    """A plausible, grounded draft for the seed article (what a good model answers)."""
    return {
        "headline": "ICE arrests 498 in nationwide sweep of sanctuary jurisdictions",
        "summary": (
            "U.S. Immigration and Customs Enforcement arrested 498 people in a four-day "
            "operation targeting sanctuary jurisdictions, about 100 of them in the Los Angeles "
            "area. Immigrant-rights advocates condemned the raids."
        ),
        "event": {
            "what": "ICE conducted a four-day nationwide immigration sweep, Operation Safe City.",
            "who": ["U.S. Immigration and Customs Enforcement", "Tom Homan", "Angelica Salas"],
            "where": ["Los Angeles", "Philadelphia"],
            "when": "last Thursday",
            "date": None,
        },
        "quotes": [
            {
                "text": "Sanctuary jurisdictions that do not honor detainers or allow us access "
                "to jails and prisons are shielding criminal aliens from immigration enforcement "
                "and creating a magnet for illegal immigration,",
                "speaker": "Tom Homan",
                "speaker_role": "ICE Acting Director",
                "kind": "direct",
            },
            {
                "text": "rogue agency.",
                "speaker": "Angelica Salas",
                "speaker_role": "executive director of the Coalition for Humane Immigrant Rights",
                "kind": "partial",
            },
        ],
        "statistics": [
            {"text": "498", "value": 498, "unit": "people", "describes": "arrested nationally"},
            {"text": "107", "value": 107, "unit": "arrests", "describes": "in Philadelphia"},
            {"text": "101", "value": 101, "unit": "arrests", "describes": "in Los Angeles"},
            {"text": "42", "value": 42, "unit": "countries", "describes": "origins of arrested"},
        ],
    }
