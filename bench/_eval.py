"""The annotated evaluation data: where it lives (../shared/eval beside the repository, or
SUMMARIZER_EVAL_DIR) and reading it. It is never copied into the repository."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = Path(os.environ.get("SUMMARIZER_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def load_or_skip(name: str) -> list[dict[str, Any]]:
    """The records of EVAL_DIR/name; without the file, a `skipped:` line and exit 0."""
    path = EVAL_DIR / name
    if not path.is_file():
        print(f"skipped: {path} not found (set SUMMARIZER_EVAL_DIR)")
        raise SystemExit(0)
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
