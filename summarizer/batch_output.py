"""Where a batch's results go, and how a re-run knows what is already done.

Three sinks, all safe against a run killed at any moment, all streaming: what they keep in
memory is the resume index (an id and a key per article), never the results.
- `JsonlSink`: one line per article, appended as they finish: whole lines only, grouped (what
  finished during the last fsync goes in the next write). A killed run can leave at most one
  partial last line; the next run drops it.
- `DirSink`: one JSON file per article, written atomically, named safely from the article id.
- `TableSink`: results kept in SQLite beside the tables; the tables are written from it,
  in input order, atomically, when the run ends (see `summarizer.tables`).

JSONL and folder sinks keep an index beside their results (`{"id", "key"}` lines) written
*after* the result. An article counts as done only when both its result and an index entry with
the current key exist, so a result from other settings, or one whose index line the kill cut
off, is redone. Inputs stream, so which stored results are stale is known only as the articles
come: the stale lines of a JSONL file are dropped when the run ends (one streaming rewrite), a
file of the folder is replaced in one step. Never a loss; after a finished run, never a
duplicate (a killed one can leave a stale line beside its replacement, dropped by the next).
"""

from __future__ import annotations

import glob
import json
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from summarizer.output import atomic_path, atomic_write_text

if TYPE_CHECKING:
    from summarizer.tables import TableFormat

TABLE_NAMES = ("articles", "quotes", "statistics", "issues")  # summarizer.tables.TABLE_NAMES

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


@dataclass(frozen=True)
class Done:
    """An article summarised: its place in the input, id, resume key and result as JSON."""

    seq: int
    id: str
    key: str
    line: str


@dataclass(frozen=True)
class Failed:
    """An article that failed (only the table sink keeps these: they are rows too)."""

    seq: int
    id: str
    name: str
    error: str
    message: str


Item = Done | Failed


def _read_index(path: Path) -> tuple[dict[str, str], int]:
    """The last key per id, and the number of lines read (more than ids: worth compacting)."""
    index: dict[str, str] = {}
    count = 0
    for line in _iter_whole_lines(path):
        count += 1
        try:
            entry = json.loads(line)
            index[str(entry["id"])] = str(entry["key"])
        except (ValueError, KeyError, TypeError):
            continue
    return index, count


def _iter_whole_lines(path: Path) -> Iterator[str]:
    """The complete, non-blank lines of a file, streamed; a partial last line is left out."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    with handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                return
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            if line.strip():
                yield line


def _write_index(path: Path, index: dict[str, str]) -> None:
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as out:
        for article_id, key in index.items():
            out.write(_index_line(article_id, key) + "\n")


def _index_line(article_id: str, key: str) -> str:
    return json.dumps({"id": article_id, "key": key}, ensure_ascii=False)


def _result_id(line: str) -> str | None:
    try:
        record: Any = json.loads(line)
        value = record["article"]["id"]
    except (ValueError, KeyError, TypeError):
        return None
    return None if value is None else str(value)


class Sink(Protocol):
    """What a batch needs of where its results go. `open` first; `done` for each article in
    input order; `store` per result (in any thread), `commit` per group; `finish` at the end."""

    def open(self, *, force: bool) -> None: ...
    def done(self, article_id: str, key: str, seq: int) -> bool: ...
    def store(self, article_id: str, result_json: str) -> None: ...
    def commit(self, items: list[Item]) -> None: ...
    def finish(self) -> None: ...


class JsonlSink:
    """Results appended to one JSONL file, with its index in a hidden file beside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index_path = path.with_name(f".{path.name}.index")
        self._lock = threading.Lock()
        self._index: dict[str, str] = {}
        self._index_lines = 0
        self._present: set[str] = set()  # ids with a whole result line at the start
        # Ids with more than one line (a killed run's redo), and where the last one starts: it
        # is the newest, and the index's key (written after it) says whether it is still good.
        self._repeated: dict[str, int] = {}
        self._redo: set[str] = set()  # ids of `_present` done again: their old lines go
        self._start_size = 0
        self._whole_end = 0
        self._dirty = False  # a partial or foreign line: rewrite even if nothing is redone
        self._force = False

    def open(self, *, force: bool) -> None:
        """Read the index and which ids the file has (streaming: ids, not results)."""
        self._force = force
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._index, self._index_lines = _read_index(self.index_path)
        try:
            self._start_size = self.path.stat().st_size
        except FileNotFoundError:
            self._start_size = 0
        whole_end = 0
        if self._start_size:
            with self.path.open("rb") as handle:
                for raw in handle:
                    if not raw.endswith(b"\n"):
                        break
                    whole_end += len(raw)
                    if not raw.strip():
                        continue
                    article_id = _result_id(raw.decode("utf-8", errors="replace"))
                    if article_id is None:
                        self._dirty = True  # not a result line (hand-edited?): no resuming from it
                    elif article_id in self._present:
                        self._repeated[article_id] = whole_end - len(raw)
                    else:
                        self._present.add(article_id)
        self._whole_end = whole_end
        if whole_end < self._start_size:
            # A killed write's partial last line: appends must start on a fresh line, so end it
            # now; it is dropped at the end.
            self._dirty = True
            append_lines(self.path, [""], sync=True)

    def done(self, article_id: str, key: str, seq: int) -> bool:
        if article_id not in self._present:
            return False
        fresh = not self._force and self._index.get(article_id) == key
        if not fresh:
            self._redo.add(article_id)
        return fresh

    def store(self, article_id: str, result_json: str) -> None:
        """Nothing to do per article: the line is written by `commit`."""

    def commit(self, items: list[Item]) -> None:
        """Results first, then their index entries: one write and one fsync each, per group."""
        done = [item for item in items if isinstance(item, Done)]
        if not done:
            return
        with self._lock:
            append_lines(self.path, [item.line for item in done])
            append_lines(self.index_path, [_index_line(item.id, item.key) for item in done])
            for item in done:
                self._index[item.id] = item.key
            self._index_lines += len(done)

    def finish(self) -> None:
        """Drop the lines that were redone (and any partial or foreign line), streaming."""
        if self._redo or self._repeated or self._dirty:
            kept: set[str] = set()
            with atomic_path(self.path) as tmp, tmp.open("wb") as out:
                with self.path.open("rb") as handle:
                    offset = 0
                    for raw in handle:
                        start = offset
                        old = offset < self._start_size
                        cut = old and offset >= self._whole_end
                        offset += len(raw)
                        if cut or not raw.endswith(b"\n") or not raw.strip():
                            continue
                        article_id = _result_id(raw.decode("utf-8", errors="replace"))
                        if article_id is None or (old and article_id in self._redo):
                            continue
                        if old and self._repeated.get(article_id, start) != start:
                            continue  # an older copy of a line a killed run wrote again
                        out.write(raw)
                        kept.add(article_id)
            self._index = {i: k for i, k in self._index.items() if i in kept}
            _write_index(self.index_path, self._index)
        elif self._index_lines > len(self._index):
            _write_index(self.index_path, self._index)


class DirSink:
    """One `<safe id>.json` per article in a folder, with the index in `.summarizer-index.jsonl`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index_path = folder / INDEX_NAME
        self.names: dict[str, str] = {}
        self._taken: set[str] = set()
        self._lock = threading.Lock()
        self._index: dict[str, str] = {}
        self._index_lines = 0
        self._force = False

    def open(self, *, force: bool) -> None:
        self._force = force
        self.folder.mkdir(parents=True, exist_ok=True)
        self._index, self._index_lines = _read_index(self.index_path)

    def _name(self, article_id: str) -> str:
        """The file name of an id, in input order: collisions (also by case) get -2, -3, ..."""
        name = self.names.get(article_id)
        if name is None:
            stem = safe_name(article_id)
            name, n = stem, 1
            while name.casefold() in self._taken:
                n += 1
                name = f"{stem}-{n}"
            self._taken.add(name.casefold())
            name += ".json"
            self.names[article_id] = name
            # A kill during an atomic write leaves its temporary file (`.NAME.json.XXXX.tmp`).
            for stale in self.folder.glob(f".{glob.escape(name)}.*.tmp"):
                stale.unlink(missing_ok=True)
        return name

    def done(self, article_id: str, key: str, seq: int) -> bool:
        name = self._name(article_id)
        return (
            not self._force
            and self._index.get(article_id) == key
            and (self.folder / name).is_file()
        )

    def path_for(self, article_id: str) -> Path:
        return self.folder / self._name(article_id)

    def store(self, article_id: str, result_json: str) -> None:
        """The article's file, atomically; safe to call from several threads at once."""
        atomic_write_text(self.path_for(article_id), result_json + "\n")

    def commit(self, items: list[Item]) -> None:
        """The index entries of results already stored."""
        done = [item for item in items if isinstance(item, Done)]
        if not done:
            return
        with self._lock:
            append_lines(self.index_path, [_index_line(item.id, item.key) for item in done])
            self._index_lines += len(done)
            for item in done:
                self._index[item.id] = item.key

    def finish(self) -> None:
        if self._index_lines > len(self._index):
            _write_index(self.index_path, self._index)


STATE_NAME = ".summarizer-state.sqlite"


class TableSink:
    """`articles`, `quotes`, `statistics` and `issues` tables in a folder (Parquet or CSV).

    Each result (or failure) goes into a small SQLite file beside the tables as it finishes,
    with its place in the input; that file is the resume state. When the run ends, the tables
    are written from it, this run's articles in input order, and replace the old ones
    atomically. A killed run loses nothing finished: the next one skips it.
    """

    def __init__(self, folder: Path, fmt: TableFormat = "parquet") -> None:
        self.folder = folder
        self.fmt = fmt
        self.state_path = folder / STATE_NAME
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._reader: sqlite3.Connection | None = None
        self._run = 0
        self._force = False
        self._seen: list[tuple[int, int, str]] = []  # skipped articles' new places, batched

    def open(self, *, force: bool) -> None:
        self._force = force
        self.folder.mkdir(parents=True, exist_ok=True)
        for table in TABLE_NAMES:  # a killed run's half-written table
            for stale in self.folder.glob(f".{table}.{self.fmt}.*.tmp"):
                stale.unlink(missing_ok=True)
        db = sqlite3.connect(self.state_path, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS results (id TEXT PRIMARY KEY, key TEXT, result TEXT,"
            " name TEXT, error TEXT, message TEXT, seq INTEGER, run INTEGER)"
        )
        (last,) = db.execute("SELECT coalesce(max(run), 0) FROM results").fetchone()
        self._run = int(last) + 1
        self._db = db
        # Lookups on their own connection: in WAL mode a read never waits for a commit, so the
        # thread asking (the event loop, with a model) is not held up by another's fsync.
        self._reader = sqlite3.connect(self.state_path, check_same_thread=False)

    def done(self, article_id: str, key: str, seq: int) -> bool:
        assert self._db is not None
        if self._force:
            return False
        assert self._reader is not None
        row = self._reader.execute(
            "SELECT key, result IS NOT NULL FROM results WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None or row[0] != key or not row[1]:
            return False
        self._seen.append((seq, self._run, article_id))
        if len(self._seen) >= 1000:
            self._flush_seen()
        return True

    def _flush_seen(self) -> None:
        assert self._db is not None
        with self._lock:
            self._db.executemany("UPDATE results SET seq = ?, run = ? WHERE id = ?", self._seen)
        self._seen = []

    def store(self, article_id: str, result_json: str) -> None:
        """Nothing to do per article: the group is written by `commit`."""

    def commit(self, items: list[Item]) -> None:
        assert self._db is not None
        rows = [
            (i.id, i.key, i.line, None, None, None, i.seq, self._run)
            if isinstance(i, Done)
            else (i.id, None, None, i.name, i.error, i.message, i.seq, self._run)
            for i in items
        ]
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?)", rows)
            self._db.execute("COMMIT")

    def finish(self) -> None:
        """The tables of this run's articles, in input order, streamed from the state."""
        assert self._db is not None
        if self._seen:
            self._flush_seen()
        from summarizer.tables import ArticleError, TableWriter, failure_rows, result_rows

        cursor = self._db.execute(
            "SELECT id, result, name, error, message FROM results WHERE run = ? ORDER BY seq",
            (self._run,),
        )
        with TableWriter(self.folder, self.fmt) as writer:
            for article_id, result, name, error, message in cursor:
                if result is not None:
                    writer.add(result_rows(json.loads(result)))
                else:
                    writer.add(failure_rows(ArticleError(article_id, error, message, name)))
        self._db.close()
        self._db = None
        if self._reader is not None:
            self._reader.close()
            self._reader = None


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
