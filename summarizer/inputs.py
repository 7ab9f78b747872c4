"""Reading articles from what the command line names: files, `-`, JSONL, Parquet/CSV, folders,
HTML, URLs."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from summarizer.errors import InputError
from summarizer.models import Article
from summarizer.records import Source, source_from_record

__all__ = [
    "ARTICLE_SUFFIXES",
    "Source",
    "decode_text",
    "iter_sources",
    "read_text_file",
    "source_from_record",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def iter_sources(inputs: list[str]) -> Iterator[Source]:
    """The articles the inputs name, read lazily (a JSONL or table file streams, one record at a
    time), but every input checked first: a missing file, an empty folder or an empty JSONL or
    table file is an `InputError` here, before a batch starts."""
    if not inputs:
        raise InputError("no input: name an article file, a folder, a .jsonl file, a URL or -")
    parts = [_plan(item) for item in inputs]
    return itertools.chain.from_iterable(part() for part in parts)


def _plan(item: str) -> Callable[[], Iterable[Source]]:
    if item == "-":
        return lambda: [_from_stdin()]
    if _is_url(item):
        return lambda: [_from_url(item)]
    path = Path(item)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
        if not files:
            raise InputError(f"{item}: no articles in this folder ({', '.join(ARTICLE_SUFFIXES)})")
        return lambda: (_from_file(file) for file in files)
    if not path.exists():
        raise InputError(f"{item}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        _check_jsonl(path)
        return lambda: _from_jsonl(path)
    if suffix in (".parquet", ".csv"):
        from summarizer.table_inputs import iter_table_file

        rows = iter_table_file(path)
        return lambda: rows
    return lambda: [_from_file(path)]


def _from_stdin() -> Source:
    try:
        text = _read_stdin()
    except InputError as exc:
        return Source(name="stdin", error=str(exc))
    return _from_text("stdin", text, article_id=None)


def _is_url(item: str) -> bool:
    """http(s), or any other scheme (`ftp://`, `file://`), which `_from_url` refuses by name."""
    from summarizer.html_input import looks_like_url

    return item.startswith(("http://", "https://")) or (
        looks_like_url(item) and not Path(item).exists()
    )


def read_text_file(path: Path) -> str:
    """UTF-8, with undecodable bytes replaced (and a warning) rather than a refusal."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    return decode_text(data, str(path))


def decode_text(data: bytes, name: str) -> str:
    """The one decoding rule for files and stdin: UTF-8 (a BOM dropped); undecodable bytes
    replaced with U+FFFD and a warning on stderr; NUL bytes mean binary, refused."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not article text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        print(
            f"warning: {name}: not valid UTF-8 at byte {exc.start}; undecodable bytes replaced",
            file=sys.stderr,
        )
        return data.decode("utf-8-sig", errors="replace")


def _read_stdin() -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, bytes):
        return decode_text(data, "stdin")
    return data


def _from_file(path: Path) -> Source:
    try:
        text = read_text_file(path)
    except InputError as exc:
        return Source(name=str(path), error=str(exc))
    if path.suffix.lower() in (".html", ".htm"):
        return _from_html(str(path), text, url=None, article_id=path.stem)
    return _from_text(str(path), text, article_id=path.stem)


def _from_text(name: str, text: str, *, article_id: str | None) -> Source:
    if not text.strip():
        return Source(name=name, error=f"{name}: the article is empty")
    return Source(name=name, article=Article(id=article_id, text=text))


def _from_html(name: str, html: str, *, url: str | None, article_id: str | None) -> Source:
    from summarizer.html_input import article_from_html

    try:
        article = article_from_html(html, url=url)
    except InputError as exc:
        return Source(name=name, error=f"{name}: {exc}")
    if article.id is None and article_id is not None:
        article = article.model_copy(update={"id": article_id})
    return Source(name=name, article=article)


def _from_url(url: str) -> Source:
    from summarizer.html_input import fetch_url

    try:
        html, final_url = fetch_url(url)
    except InputError as exc:
        return Source(name=url, error=str(exc))
    return _from_html(url, html, url=final_url, article_id=None)


def _check_jsonl(path: Path) -> None:
    """Refuse a binary or empty JSONL file before the batch starts (reads only its start)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            if b"\x00" in head:
                raise InputError(f"{path}: looks like a binary file, not article text")
            while head and not head.strip():
                head = handle.read(65536)
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    if not head.strip():
        raise InputError(f"{path}: no records in this JSONL file")


def _from_jsonl(path: Path) -> Iterator[Source]:
    """One source per line, streamed: memory holds one line and the ids seen so far."""
    seen: set[str] = set()
    offset = 0
    warned = False
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                if not warned:
                    print(
                        f"warning: {path}: not valid UTF-8 at byte {offset + exc.start}; "
                        "undecodable bytes replaced",
                        file=sys.stderr,
                    )
                    warned = True
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8", errors="replace")
            offset += len(raw)
            if not line.strip():
                continue
            name = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Source(name=name, error=f"{name}: not JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                yield Source(name=name, error=f'{name}: a record needs a "text" string')
                continue
            yield source_from_record(
                record, name=name, default_id=f"{path.stem}-{number}", seen=seen
            )
