"""Built tables are saved once and read back; a damaged or unwritable cache is a rebuild."""

from __future__ import annotations

from pathlib import Path

from summarizer.evidence import disk_cache, places
from summarizer.evidence.disk_cache import load_or_build


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return {"built": self.calls}


def test_built_once_then_read(tmp_path: Path) -> None:
    build = Counter()
    assert load_or_build("t", build, dict, folder=tmp_path) == {"built": 1}
    assert load_or_build("t", build, dict, folder=tmp_path) == {"built": 1}
    assert build.calls == 1


def test_a_changed_source_is_a_new_key_and_only_the_keys_used_last_stay(tmp_path: Path) -> None:
    source, folder = tmp_path / "rules.py", tmp_path / "c"
    build = Counter()
    for version in range(disk_cache.KEEP + 2):
        source.write_text(f"A = {version}\n")
        assert load_or_build("t", build, dict, sources=[source], folder=folder) == {
            "built": version + 1
        }
    assert len(list(folder.glob("t-*.pickle"))) == disk_cache.KEEP


def test_two_installs_sharing_a_cache_do_not_rebuild_each_others_table(tmp_path: Path) -> None:
    # Two versions of the rules run in turn (two virtualenvs, one user cache): each builds once.
    source, folder = tmp_path / "rules.py", tmp_path / "c"
    build = Counter()
    for _ in range(3):
        for version in ("A = 1\n", "A = 2\n"):
            source.write_text(version)
            load_or_build("t", build, dict, sources=[source], folder=folder)
    assert build.calls == 2


def test_a_damaged_file_or_the_wrong_type_is_a_rebuild(tmp_path: Path) -> None:
    build = Counter()
    load_or_build("t", build, dict, folder=tmp_path)
    (file,) = tmp_path.glob("t-*.pickle")
    file.write_bytes(b"\x80\x05 not a pickle")
    assert load_or_build("t", build, dict, folder=tmp_path) == {"built": 2}
    assert load_or_build("t", build, list, folder=tmp_path) == {"built": 3}


def test_an_unwritable_folder_still_gives_the_value(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    build = Counter()
    assert load_or_build("t", build, dict, folder=blocker / "sub") == {"built": 1}


def test_the_gazetteer_read_back_is_the_one_built(tmp_path: Path) -> None:
    built = places._build()
    source = Path(places.__file__)
    load_or_build("gz", places._build, places._Gazetteer, sources=[source], folder=tmp_path)
    again = load_or_build(
        "gz", places._Gazetteer, places._Gazetteer, sources=[source], folder=tmp_path
    )
    assert again == built
