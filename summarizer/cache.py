"""An on-disk cache of model answers, so an article already summarised costs no request.

What is cached is the engine's draft (`EngineRun`), not the verified result: verification is
deterministic and cheap, so a cached draft is re-checked by the current verifier and improvements
to it apply to cached answers too. Failures are never cached.

One small JSON file per entry, written atomically, under two-character shard folders: safe for
several processes at once and for a run killed at any moment (an entry is there whole or not at
all; an unreadable one is a miss).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

from pydantic import ValidationError

from summarizer.config import Settings
from summarizer.engines.base import EngineRun
from summarizer.models import SCHEMA_VERSION, Article, Summary, Usage

CACHE_ENV = "SUMMARIZER_CACHE_DIR"
# Bumped when the entry format changes, so old entries become misses instead of errors.
_FORMAT = "2"


def default_cache_dir() -> Path:
    """SUMMARIZER_CACHE_DIR, else the platform's user cache folder (e.g. ~/.cache/summarizer)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("summarizer", appauthor=False)) / "responses"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_key(article: Article, settings: Settings, prompt_sha256: str) -> str:
    """Everything that can change the model's answer, and nothing else (not the article id)."""
    parts = {
        "format": _FORMAT,
        "prompt_sha256": prompt_sha256,
        "schema_version": SCHEMA_VERSION,
        "text_sha256": sha256(article.text),
        "title": article.title,
        # Declared in summarizer.config: every setting marked as changing the answer.
        "settings": settings.values("answer"),
    }
    return sha256(json.dumps(parts, sort_keys=True))


class ResponseCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> EngineRun | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return EngineRun(
                summary=Summary.model_validate(data["summary"]),
                engine=data["engine"],
                model=data.get("model"),
                prompt_sha256=data.get("prompt_sha256"),
                attempts=int(data.get("attempts", 0)),
                usage=Usage.model_validate(data["usage"]) if data.get("usage") else None,
            )
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            # Missing, half-written by another tool, or from an older format: a miss.
            return None

    def put(self, key: str, run: EngineRun) -> None:
        entry = {
            "summary": run.summary.model_dump(mode="json"),
            "engine": run.engine,
            "model": run.model,
            "prompt_sha256": run.prompt_sha256,
            "attempts": run.attempts,
            "usage": run.usage.model_dump() if run.usage else None,
        }
        path = self._path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            # Atomic (rename) but not fsync'd: a kill leaves the entry whole or absent, and a
            # power cut at worst costs one request again. Not worth an fsync per article.
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            # A cache that cannot be written (read-only, disk full) must not fail the article.
            tmp.unlink(missing_ok=True)
