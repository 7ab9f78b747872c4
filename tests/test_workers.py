"""`--workers N`: the offline engine and verification in N processes, same results, same order."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from summarizer.batch import run_batch
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.inputs import iter_sources

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))


def _feed(tmp_path: Path, n: int = 40) -> Path:
    """`n` records of the fixture articles (distinct texts), with failures in between."""
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = FIXTURES[i % len(FIXTURES)].read_text(encoding="utf-8") + f"\n(ref {i})\n"
            out.write(json.dumps({"id": f"a{i:03d}", "text": text}) + "\n")
            if i % 13 == 5:
                out.write(json.dumps({"id": f"empty{i}", "text": " "}) + "\n")
                out.write("not json\n")
                out.write(json.dumps({"id": f"long{i}", "text": "x " * 5000}) + "\n")
    return path


SETTINGS = Settings(engine="offline", max_chars=8000)


def _run(feed: Path, out: Path, workers: int) -> str:
    report = run_batch(iter_sources([str(feed)]), SETTINGS, out_jsonl=out, workers=workers)
    assert report.failed == 3 * 3 and report.done == 40
    return out.read_text(encoding="utf-8")


def test_two_workers_write_the_same_lines_in_the_same_order(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    one = _run(feed, tmp_path / "one.jsonl", 1)
    two = _run(feed, tmp_path / "two.jsonl", 2)
    assert two == one
    ids = [json.loads(line)["article"]["id"] for line in one.splitlines()]
    assert ids == [f"a{i:03d}" for i in range(40)]
    errors_one = (tmp_path / "one.errors.jsonl").read_text().replace("one.jsonl", "")
    errors_two = (tmp_path / "two.errors.jsonl").read_text().replace("two.jsonl", "")
    assert errors_one == errors_two


def test_workers_resume(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    out = tmp_path / "out.jsonl"
    _run(feed, out, 2)
    lines = out.read_text().splitlines()
    # A run killed after 10 results: the next one does the rest, in order after them.
    out.write_text("\n".join(lines[:10]) + "\n" + lines[10][:50])
    again = run_batch(iter_sources([str(feed)]), SETTINGS, out_jsonl=out, workers=2)
    assert (again.skipped, again.done) == (10, 30)
    assert out.read_text().splitlines() == lines


def test_workers_without_a_sink_return_results_in_order(tmp_path: Path) -> None:
    feed = _feed(tmp_path, 12)
    report = run_batch(iter_sources([str(feed)]), SETTINGS, workers=2)
    assert [r.article.id for r in report.results] == [f"a{i:03d}" for i in range(12)]
    kinds = [type(o).__name__ for o in report.outcomes]
    assert kinds.count("Failure") == 3 and kinds[:6] == ["Result"] * 6


def test_cli_workers_option(tmp_path: Path) -> None:
    feed = _feed(tmp_path, 10)
    runner = CliRunner()
    for workers in ("1", "2"):
        done = runner.invoke(
            app,
            ["summarize", str(feed), "--engine", "offline", "--workers", workers]
            + ["--max-chars", "8000", "--tables", str(tmp_path / workers)],
        )
        assert done.exit_code == 1  # the bad records
        assert "10 done" in done.stderr
    for table in ("articles", "quotes", "statistics", "issues"):
        one = (tmp_path / "1" / f"{table}.parquet").read_bytes()
        assert one == (tmp_path / "2" / f"{table}.parquet").read_bytes()
    bad = runner.invoke(app, ["summarize", str(feed), "--workers", "0"])
    assert bad.exit_code == 2


def test_llm_verification_in_worker_processes(tmp_path: Path) -> None:
    """With a model, `workers` moves verification off the event loop into processes."""
    from summarizer.testing.fake_server import serve
    from tests.helpers import good_answer

    feed = _feed(tmp_path, 8)
    outs = {}
    with serve(lambda _: good_answer()) as server:
        settings = Settings.resolve(base_url=server.url, model="m", mode="tools", max_retries=0)
        for workers in (1, 2):
            out = tmp_path / f"llm{workers}.jsonl"
            report = run_batch(
                iter_sources([str(feed)]), settings, out_jsonl=out, workers=workers, cache=False
            )
            assert (report.done, report.failed) == (9, 2)  # the blank and the 'not json' lines
            outs[workers] = sorted(out.read_text().splitlines())
    assert outs[1] == outs[2]


def test_a_killed_redo_keeps_what_it_redid(tmp_path: Path) -> None:
    """Settings changed, run killed after 5 redone articles: their new lines (after the old
    ones) are kept, the old ones dropped, the rest redone; never a duplicate."""
    feed = _feed(tmp_path)
    changed = SETTINGS.with_(max_retries=5)  # part of the resume key
    out = tmp_path / "out.jsonl"
    _run(feed, out, 1)
    reference = tmp_path / "ref.jsonl"
    run_batch(iter_sources([str(feed)]), changed, out_jsonl=reference)
    new_lines = reference.read_text().splitlines()
    new_index = (tmp_path / ".ref.jsonl.index").read_text().splitlines()
    with out.open("a") as handle:
        handle.write("\n".join(new_lines[:5]) + "\n")
    with (tmp_path / ".out.jsonl.index").open("a") as handle:
        handle.write("\n".join(new_index[:5]) + "\n")
    again = run_batch(iter_sources([str(feed)]), changed, out_jsonl=out, workers=2)
    assert (again.skipped, again.done) == (5, 35)
    assert out.read_text().splitlines() == new_lines
