"""The CLI through typer's runner and as a real subprocess: exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.engines import llm
from summarizer.testing.fake_server import serve
from tests.helpers import ARTICLE, good_answer, misquoting_answer

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "articles" / "operation-safe-city.txt"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _forget_modes() -> None:
    llm.forget_servers()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "council.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_help_and_version() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("summarize", "check", "schema"):
        assert command in result.output
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("summarizer ")


def test_summarize_help_shows_environment_variables() -> None:
    result = runner.invoke(app, ["summarize", "--help"])
    assert result.exit_code == 0
    for var in ("SUMMARIZER_MODEL", "OPENAI_BASE_URL", "OPENAI_API_KEY", "SUMMARIZER_MODE"):
        assert var in result.output


def test_seed_article_without_a_key_uses_the_offline_engine(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = _run("summarize", str(SEED), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "offline engine" in proc.stderr
    data = json.loads(out.read_text())
    assert data["schema_version"] == "2"
    assert data["provenance"]["engine"] == "offline"
    assert data["summary"]["quotes"]


@pytest.mark.parametrize("mode", ["tools", "json_schema"])
def test_summarize_against_a_loopback_server(article: Path, tmp_path: Path, mode: str) -> None:
    out = tmp_path / "out.json"
    with serve(lambda _: good_answer()) as server:
        proc = _run(
            "summarize", str(article), "-o", str(out),
            "--base-url", server.url, "--model", "m", "--mode", mode,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert data["provenance"]["engine"] == "llm"
    assert data["provenance"]["model"] == "m"
    assert data["summary"]["quotes"][0]["status"] == "exact"
    assert data["verification"]["passed"] is True


def test_strict_exits_3_when_verification_fails(article: Path) -> None:
    with serve(lambda _: misquoting_answer()) as server:
        result = runner.invoke(
            app,
            ["summarize", str(article), "--base-url", server.url, "--mode", "tools",
             "--strategy", "free", "--max-retries", "0", "--strict"],
        )  # fmt: skip
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines()[-1].startswith("Error: verification failed")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["summarize", "missing.txt"], 2, "Error: missing.txt: no such file"),
        (["summarize", "{article}", "--engine", "llm"], 2, "Error: no model configured"),
        (["summarize", "{article}", "--mode", "xml"], 2, "Invalid value"),
        (["check", "missing.txt", "s.json"], 2, "Error: missing.txt: no such file"),
    ],
)
def test_errors_are_one_line_with_documented_codes(
    article: Path, args: list[str], code: int, message: str
) -> None:
    argv = [a.replace("{article}", str(article)) for a in args]
    result = runner.invoke(app, argv)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_file_is_a_one_line_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    proc = _run("summarize", str(empty))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"Error: {empty}: the article is empty"


def test_jsonl_in_gives_one_line_per_article_in_order(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    records = [{"id": f"a{i}", "text": ARTICLE} for i in range(3)]
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = runner.invoke(app, ["summarize", str(source), "--engine", "offline"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["article"]["id"] for line in lines] == ["a0", "a1", "a2"]


def test_stdin_input() -> None:
    result = runner.invoke(app, ["summarize", "-", "--engine", "offline"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["text"] == ARTICLE


def test_check_reports_a_misquote(article: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps(misquoting_answer()))
    result = runner.invoke(app, ["check", str(article), str(summary)])
    assert result.exit_code == 0
    assert "fuzzy" in result.stdout
    strict = runner.invoke(app, ["check", str(article), str(summary), "--json", "--strict"])
    assert strict.exit_code == 3
    checked: dict[str, Any] = json.loads(strict.stdout)
    assert checked["verification"]["passed"] is False


def test_check_rejects_a_file_that_is_not_json(article: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = runner.invoke(app, ["check", str(article), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}: not JSON")
