"""Shared by the batch benchmarks: the seed article, many copies of it, and its ideal answer."""

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


ANSWER = ROOT / "fixtures" / "answers" / "operation-safe-city.handwritten.json"


def seed_answer(_: dict[str, Any] | None = None) -> dict[str, Any]:
    """The hand-made ideal draft for the seed article (the one the regression fixtures use)."""
    answer: dict[str, Any] = json.loads(ANSWER.read_text(encoding="utf-8"))
    return answer
