"""Where a batch's results go, and how a re-run knows what is already done.

Two sinks, both safe against a run killed at any moment:
- `JsonlSink`: one line per article, appended as they finish: whole lines only, grouped (what
  finished during the last fsync goes in the next write). A killed run can leave at most one
  partial last line; the next run drops it.
- `DirSink`: one JSON file per article, written atomically, named safely from the article id.

Each keeps an index beside its results (`{"id", "key"}` lines) written *after* the result. An
article counts as done only when both its result and an index entry with the current key exist,
so a result from other settings, or one whose index line the kill cut off, is redone, and the
stale result is removed first (JSONL) or replaced in one step (folder): never a duplicate, never
a loss.
"""

from __future__ import annotations

import glob
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from summarizer.output import atomic_write_text

INDEX_NAME = ".summarizer-index.jsonl"
_UNSAFE = re.compile(r"[^\w.-]+")
_MAX_NAME = 120
# Names Windows refuses whatever the extension; harmless to avoid everywhere.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


def safe_name(article_id: str) -> str:
    """A file name stem from an id: no separators, no traversal, no leading dot, bounded length."""
    name = unicodedata.normalize("NFC", article_id)
    name = _UNSAFE.sub("_", name).strip("_")
    name = name.lstrip(".") or "article"
    if name.casefold() in _RESERVED:
        name += "_"
    if len(name) > _MAX_NAME:
        import hashlib

        digest = hashlib.sha256(article_id.encode()).hexdigest()[:10]
        name = f"{name[: _MAX_NAME - 11]}-{digest}"
    return name


def assign_names(ids: Iterable[str]) -> dict[str, str]:
    """File names for ids, in order; collisions (also by case) get -2, -3, ..."""
    taken: set[str] = set()
    names: dict[str, str] = {}
    for article_id in ids:
        stem = safe_name(article_id)
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        names[article_id] = name + ".json"
    return names


def read_whole_lines(path: Path) -> tuple[list[str], bool]:
    """The complete lines of a file, and whether a partial last line (a killed write) was cut."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], False
    text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")
    partial = lines.pop() != ""  # the text after the last newline: empty when the file is whole
    return [line for line in lines if line.strip()], partial


def append_lines(path: Path, lines: list[str], *, sync: bool = True) -> None:
    """Append whole lines in one write. A kill can cut only the end of it: at worst one partial
    last line, which the next run drops."""
    data = "".join(line.rstrip("\n") + "\n" for line in lines).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


# (article id, resume key, the result as one line of JSON)
Item = tuple[str, str, str]


def _read_index(path: Path) -> tuple[dict[str, str], int]:
    """The last key per id, and the number of lines read (more than ids: worth compacting)."""
    lines, partial = read_whole_lines(path)
    index: dict[str, str] = {}
    for line in lines:
        try:
            entry = json.loads(line)
            index[str(entry["id"])] = str(entry["key"])
        except (ValueError, KeyError, TypeError):
            continue
    return index, len(lines) + partial


def _write_index(path: Path, index: dict[str, str]) -> None:
    atomic_write_text(path, "".join(_index_line(i, k) + "\n" for i, k in index.items()))


def _index_line(article_id: str, key: str) -> str:
    return json.dumps({"id": article_id, "key": key}, ensure_ascii=False)


def _result_id(line: str) -> str | None:
    try:
        record: Any = json.loads(line)
        value = record["article"]["id"]
    except (ValueError, KeyError, TypeError):
        return None
    return None if value is None else str(value)


class JsonlSink:
    """Results appended to one JSONL file, with its index in a hidden file beside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index_path = path.with_name(f".{path.name}.index")
        self._lock = threading.Lock()

    def prepare(self, jobs: dict[str, str], *, force: bool) -> set[str]:
        """Ids (of `jobs`, id -> key) already done; stale or cut results are removed first."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines, partial = read_whole_lines(self.path)
        index, index_lines = _read_index(self.index_path)
        kept: list[str] = []
        kept_ids: set[str] = set()
        done: set[str] = set()
        changed = partial
        for line in lines:
            article_id = _result_id(line)
            if article_id is None:
                changed = True  # not a result line (hand-edited?): it cannot be resumed from
                continue
            if article_id in jobs:
                fresh = not force and index.get(article_id) == jobs[article_id]
                if not fresh or article_id in done:
                    changed = True
                    continue
                done.add(article_id)
            kept.append(line)
            kept_ids.add(article_id)
        if changed:
            atomic_write_text(self.path, "".join(line + "\n" for line in kept))
        entries = {i: k for i, k in index.items() if i in kept_ids}
        if changed or len(entries) != index_lines:
            _write_index(self.index_path, entries)
        return done

    def store(self, article_id: str, result_json: str) -> None:
        """Nothing to do per article: the line is written by `commit`."""

    def commit(self, items: list[Item]) -> None:
        """Results first, then their index entries: one write and one fsync each, per group."""
        with self._lock:
            append_lines(self.path, [result for _, _, result in items])
            append_lines(self.index_path, [_index_line(i, k) for i, k, _ in items])


class DirSink:
    """One `<safe id>.json` per article in a folder, with the index in `.summarizer-index.jsonl`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index_path = folder / INDEX_NAME
        self.names: dict[str, str] = {}
        self._lock = threading.Lock()

    def prepare(self, jobs: dict[str, str], *, force: bool) -> set[str]:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.names = assign_names(jobs)
        # A kill during an atomic write leaves its temporary file (`.NAME.json.XXXX.tmp`).
        for name in self.names.values():
            for stale in self.folder.glob(f".{glob.escape(name)}.*.tmp"):
                stale.unlink(missing_ok=True)
        index, index_lines = _read_index(self.index_path)
        if force:
            return set()
        if index_lines > len(index):
            _write_index(self.index_path, index)
        return {
            article_id
            for article_id, key in jobs.items()
            if index.get(article_id) == key and (self.folder / self.names[article_id]).is_file()
        }

    def path_for(self, article_id: str) -> Path:
        return self.folder / self.names[article_id]

    def store(self, article_id: str, result_json: str) -> None:
        """The article's file, atomically; safe to call from several threads at once."""
        atomic_write_text(self.path_for(article_id), result_json + "\n")

    def commit(self, items: list[Item]) -> None:
        """The index entries of results already stored."""
        with self._lock:
            append_lines(self.index_path, [_index_line(i, k) for i, k, _ in items])


class ErrorLog:
    """Failures of this run, one JSON line each; the previous run's file is replaced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self.path.unlink(missing_ok=True)

    def write(self, record: dict[str, Any]) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            append_lines(self.path, [json.dumps(record, ensure_ascii=False)], sync=False)
