"""Faults from a real loopback server: each is retried to success or reported for its article in
one line, the rest of the batch completes, and a failed run never clobbers earlier output."""

from __future__ import annotations

import json
import os
import re
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.batch import BatchReport, run_batch
from summarizer.batch_output import read_whole_lines
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.inputs import iter_sources
from summarizer.output import atomic_write_text
from summarizer.testing.fake_server import Fault, serve
from tests.helpers import ARTICLE, answer_good, good_answer, result_ids

runner = CliRunner()
MARK = re.compile(r"\[case ([\w-]+)\]")
# A summary line's counts: "N articles: D done (C cached), S already done, F failed".
COUNTS = re.compile(
    r"(\d+) articles: (\d+) done(?: \(\d+ cached\))?, (\d+) already done, (\d+) failed"
)


def _text(case: str) -> str:
    # The marker keeps each article's text (and so its cache key) distinct, and tells the
    # server which fault this article's requests get; re-asks repeat it.
    return f"{ARTICLE}\n[case {case}]\n"


def _jsonl(path: Path, cases: list[str]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps({"id": case, "text": _text(case)}) + "\n")
    return path


def _case_of(body: dict[str, Any]) -> str | None:
    found = MARK.search(json.dumps(body))
    return found.group(1) if found else None


# What each fault looks like on the wire, and the words its one-line error must contain.
@dataclass(frozen=True)
class Kind:
    fault: Callable[[], Fault]
    error: str
    recovers: bool  # injected once: retried (transport) or re-asked (answer) to success


KINDS: dict[str, Kind] = {
    "429": Kind(lambda: Fault(status=429, headers={"retry-after": "1"}), "answered 429", True),
    "500": Kind(lambda: Fault(status=500), "answered 500", True),
    "503": Kind(lambda: Fault(status=503), "answered 503", True),
    "reset": Kind(lambda: Fault(reset=True), "Connection reset", True),
    "slow": Kind(lambda: Fault(delay=1.5), "did not answer within 0.5 s", True),
    "malformed": Kind(
        lambda: Fault(content='{"headline": "Council", "quotes": [{"text": '),
        "did not fit the schema",
        True,
    ),
    "badschema": Kind(
        lambda: Fault(content=json.dumps({**good_answer(), "quotes": "none", "headline": 5})),
        "did not fit the schema",
        True,
    ),
    # A truncated answer or a refusal would come back the same if asked again: reported at once.
    "length": Kind(lambda: Fault(finish_reason="length"), "cut off", False),
    "refusal": Kind(lambda: Fault(refusal="I can't help with that."), "refused to answer", False),
}


class PerArticle:
    """Faults by article: `KIND-once` articles get it on their first request, `KIND-always` on
    every one, `clean-N` never; thread-safe enough for the server's handler threads."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def __call__(self, _: int, body: dict[str, Any]) -> Fault | None:
        case = _case_of(body)
        if case is None or case.startswith("clean"):
            return None
        kind, how = case.rsplit("-", 1)
        self.seen[case] += 1
        if how == "always" or self.seen[case] == 1:
            return KINDS[kind].fault()
        return None


def _settings(url: str, **changes: Any) -> Settings:
    options: dict[str, Any] = {
        "base_url": url,
        "model": "m",
        "mode": "tools",
        "timeout": 0.5,
        "transport_retries": 1,
        "max_retries": 1,
    }
    return Settings.resolve(**(options | changes))


def _batch(inputs: Path, settings: Settings, **options: Any) -> BatchReport:
    return run_batch(list(iter_sources([str(inputs)])), settings, cache=False, **options)


def _errors(path: Path) -> dict[str, dict[str, Any]]:
    lines, partial = read_whole_lines(path)
    assert not partial
    records = [json.loads(line) for line in lines]
    return {str(r["id"]): r for r in records}


def test_every_fault_is_retried_or_reported_and_the_batch_completes(tmp_path: Path) -> None:
    cases = [f"{k}-once" for k in KINDS] + [f"{k}-always" for k in KINDS]
    cases += [f"clean-{i}" for i in range(6)]
    inputs = _jsonl(tmp_path / "in.jsonl", cases)
    out = tmp_path / "out.jsonl"
    with serve(answer_good, faults=PerArticle()) as server:
        report = _batch(inputs, _settings(server.url), out_jsonl=out, concurrency=8)

    expected_done = {f"{k}-once" for k, kind in KINDS.items() if kind.recovers}
    expected_done |= {c for c in cases if c.startswith("clean")}
    done = result_ids(out)
    errors = _errors(tmp_path / "out.errors.jsonl")
    assert set(done) == expected_done and max(done.values()) == 1
    assert set(errors) == set(cases) - expected_done
    assert report.done + report.failed == len(cases) == report.articles
    for case, record in errors.items():
        message = record["message"]
        assert KINDS[case.rsplit("-", 1)[0]].error in message, (case, message)
        assert "\n" not in message and "Traceback" not in message
        assert len(message) < 300, message
        assert record["error"] == "EngineError"
    # Retried faults are counted as such, separately from the re-asks of a bad answer.
    assert report.transport_retries >= 5  # 429, 500, 503, reset, slow once; more when always
    assert report.reasks >= 2  # malformed and badschema once


def test_malformed_json_content_in_json_mode(tmp_path: Path) -> None:
    """Content (not tool arguments) that is not JSON: re-asked once, then reported."""
    inputs = _jsonl(tmp_path / "in.jsonl", ["malformed-once", "malformed-always", "clean-0"])
    with serve(answer_good, faults=PerArticle()) as server:
        report = _batch(inputs, _settings(server.url, mode="json"), out_jsonl=tmp_path / "o.jsonl")
    assert set(result_ids(tmp_path / "o.jsonl")) == {"malformed-once", "clean-0"}
    errors = _errors(tmp_path / "o.errors.jsonl")
    assert set(errors) == {"malformed-always"}
    assert (
        "did not fit the schema after 2 attempt(s) (json mode)"
        in (errors["malformed-always"]["message"])
    )
    assert report.reasks >= 1


def test_retry_after_beyond_two_minutes_is_reported_not_waited_for(tmp_path: Path) -> None:
    """The client reads Retry-After: a server asking for an hour is not retried blindly."""
    inputs = _jsonl(tmp_path / "in.jsonl", ["a"])

    def plan(_: int, __: dict[str, Any]) -> Fault:
        return Fault(status=429, headers={"retry-after": "3600"})

    with serve(answer_good, faults=plan) as server:
        report = _batch(
            inputs, _settings(server.url, transport_retries=3), out_jsonl=tmp_path / "o.jsonl"
        )
        assert len(server.requests) == 1
    assert report.failed == 1 and report.transport_retries == 0
    assert "answered 429" in report.failures[0].message


KINDS_IN_TURN = ("429", "500", "reset", "malformed")


def test_hundred_articles_every_fourth_request_faulted(tmp_path: Path) -> None:
    """The issue's done-when: 100 articles, every 4th request faulted (429, 500, reset,
    malformed in turn), through the CLI: each article has a result or an errors-file line,
    exactly once, and the final summary line's counts add up to 100."""
    ids = [f"n{i:03d}" for i in range(100)]
    inputs = _jsonl(tmp_path / "in.jsonl", ids)
    out = tmp_path / "out.jsonl"
    injected: Counter[str] = Counter()

    def every_fourth(index: int, _: dict[str, Any]) -> Fault | None:
        if index % 4 != 3:
            return None
        kind = KINDS_IN_TURN[(index // 4) % 4]
        injected[kind] += 1
        return KINDS[kind].fault()

    with serve(answer_good, faults=every_fourth) as server:
        args = ["summarize", str(inputs), "-o", str(out), "--base-url", server.url]
        args += ["--model", "m", "--mode", "tools", "--concurrency", "8", "--no-cache"]
        args += ["--timeout", "5", "--transport-retries", "3", "--max-retries", "2"]
        result = runner.invoke(app, args)
        requests = len(server.requests)

    assert "Traceback" not in result.output
    assert all(injected[k] >= 5 for k in KINDS_IN_TURN), injected
    assert requests >= 125  # 100 articles plus at least one more per injected fault
    summary = [line for line in result.stderr.splitlines() if line.startswith("summarizer: ")]
    assert len(summary) == 1, result.stderr
    counts = COUNTS.search(summary[0])
    assert counts is not None, summary[0]
    articles, done, skipped, failed = (int(g) for g in counts.groups())
    assert articles == 100 and done + skipped + failed == 100 and skipped == 0
    # Counted as sent: at least what the server saw (a request lost on a reset line counts too).
    sent = re.search(r"· (\d+) requests ·", summary[0])
    assert sent is not None and int(sent.group(1)) >= requests

    results = result_ids(out)
    errors_path = tmp_path / "out.errors.jsonl"
    errors = _errors(errors_path) if errors_path.exists() else {}
    assert max(results.values()) == 1  # no duplicates
    assert len(results) == done and len(errors) == failed
    assert set(results) | set(errors) == set(ids) and not set(results) & set(errors)
    assert result.exit_code == (1 if failed else 0)


# --- no lost work: a failed run never clobbers earlier output ---------------------------------


def test_failed_run_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    existing = tmp_path / "existing.json"
    existing.write_text('{"earlier": "result"}\n', encoding="utf-8")
    before = existing.read_bytes()

    with serve(answer_good, faults=lambda _, __: Fault(status=500)) as server:
        args = ["summarize", str(article), "-o", str(existing), "--base-url", server.url]
        result = runner.invoke(app, [*args, "--transport-retries", "0", "--timeout", "2"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "answered 500" in result.stderr
    assert existing.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "existing.json"]  # no temp


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")

    def broken_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_text(target, "new\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    """Temp + rename must not turn a result into mkstemp's private 0600."""
    fresh = tmp_path / "fresh.json"
    atomic_write_text(fresh, "{}\n")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    shared = tmp_path / "shared.json"
    shared.write_text("{}\n", encoding="utf-8")
    shared.chmod(0o640)
    atomic_write_text(shared, "[]\n")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640


def test_failed_articles_leave_no_file_in_out_dir(tmp_path: Path) -> None:
    inputs = _jsonl(tmp_path / "in.jsonl", ["500-always", "clean-0"])
    out_dir = tmp_path / "out"
    with serve(answer_good, faults=PerArticle()) as server:
        report = _batch(inputs, _settings(server.url, transport_retries=0), out_dir=out_dir)
    assert report.done == 1 and report.failed == 1
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [".summarizer-index.jsonl", "clean-0.json", "errors.jsonl"]
