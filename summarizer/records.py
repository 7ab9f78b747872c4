"""One article from what an input holds: the `Source` a batch reads, and the one rule that
turns a record (a JSONL line, a table row) into it. Shared by `inputs` and `table_inputs`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from summarizer.models import Article


@dataclass(frozen=True)
class Source:
    """One article to summarise, or the reason it cannot be read (kept, so a batch goes on)."""

    name: str  # shown in errors: a file name, `stdin`, or `file.jsonl:3`
    article: Article | None = None
    error: str | None = None


def source_from_record(
    record: Mapping[str, Any], *, name: str, default_id: str, seen: set[str] | None = None
) -> Source:
    """One article from a record (a JSONL line, a table row): the one rule for both.

    `text` must be a non-empty string; `id` (else `default_id`), `title`, `url` and `published`
    are optional. An id already in `seen` is refused as a duplicate (and new ids are added)."""
    raw_id = record.get("id")
    article_id = str(raw_id) if raw_id is not None else default_id
    text = record.get("text")
    if not isinstance(text, str):
        return Source(name=name, error=f'{name}: a record needs a "text" string')
    if seen is not None:
        if article_id in seen:
            return Source(name=name, error=f"{name}: duplicate id {article_id!r}")
        seen.add(article_id)
    if not text.strip():
        return Source(name=name, error=f"{name}: the article is empty")
    try:
        article = Article(
            id=article_id,
            text=text,
            title=_opt_str(record.get("title")),
            url=_opt_str(record.get("url")),
            published=_opt_str(record.get("published")),
        )
    except ValueError as exc:
        return Source(name=name, error=f"{name}: {_one_line(exc)}")
    return Source(name=name, article=article)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _one_line(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        return f"{'.'.join(str(p) for p in first.get('loc', ()))}: {first.get('msg')}"
    return str(exc).splitlines()[0]
