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
from summarizer.testing.fake_server import serve
from tests.helpers import ARTICLE, good_answer, misquoting_answer

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "articles" / "operation-safe-city.txt"
runner = CliRunner()


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
    # A checker is a gate: an error that stands exits 3 (regression: it printed FAILED, exit 0).
    result = runner.invoke(app, ["check", str(article), str(summary)])
    assert result.exit_code == 3
    assert "verification: FAILED" in result.stdout
    assert "fuzzy" in result.stdout
    assert result.stderr == "Error: verification failed\n"
    as_json = runner.invoke(app, ["check", str(article), str(summary), "--json", "--strict"])
    assert as_json.exit_code == 3
    checked: dict[str, Any] = json.loads(as_json.stdout)
    assert checked["verification"]["passed"] is False
    report_only = runner.invoke(app, ["check", str(article), str(summary), "--exit-zero"])
    assert report_only.exit_code == 0, report_only.output
    assert "verification: FAILED" in report_only.stdout


def test_check_exits_0_on_a_summary_that_passes(article: Path, tmp_path: Path) -> None:
    produced = runner.invoke(app, ["summarize", str(article), "--engine", "offline"])
    assert produced.exit_code == 0, produced.output
    result_file = tmp_path / "result.json"
    result_file.write_text(produced.stdout)
    if not json.loads(produced.stdout)["verification"]["passed"]:
        pytest.skip("the offline summary of this article does not pass its own check")
    checked = runner.invoke(app, ["check", str(article), str(result_file)])
    assert checked.exit_code == 0, checked.output


def test_check_rejects_a_file_that_is_not_json(article: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = runner.invoke(app, ["check", str(article), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}: not JSON")


def test_another_max_tokens_misses_the_cache_and_the_resume_key(tmp_path: Path) -> None:
    """Regression: a --max-tokens 200 run was served from a --max-tokens 100 run's cache."""
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    with serve(lambda _: good_answer()) as server:
        common = ["summarize", str(inputs), "--base-url", server.url, "--model", "m",
                  "--mode", "tools", "--cache-dir", str(tmp_path / "cache")]  # fmt: skip

        def run(*args: str) -> str:
            result = runner.invoke(app, [*common, *args])
            assert result.exit_code == 0, result.output
            return result.stderr.splitlines()[-1]

        assert "1 done, 0 already done" in run(
            "-o", str(tmp_path / "1.jsonl"), "--max-tokens", "100"
        )
        assert "(1 cached)" in run("-o", str(tmp_path / "2.jsonl"), "--max-tokens", "100")
        other = run("-o", str(tmp_path / "3.jsonl"), "--max-tokens", "200")
        assert "cached" not in other and "1 requests" in other
        out = ["--out-dir", str(tmp_path / "out"), "--no-cache"]
        assert "1 done" in run(*out, "--max-tokens", "100")
        assert "1 already done" in run(*out, "--max-tokens", "100")
        assert "0 already done" in run(*out, "--max-tokens", "200")


def test_summarize_and_asummarize_take_the_same_typed_settings() -> None:
    import inspect
    import typing

    from summarizer import api
    from summarizer.config import SETTINGS, SettingsKwargs

    sync = inspect.signature(api.summarize, eval_str=True)
    async_ = inspect.signature(api.asummarize, eval_str=True)
    assert sync == async_
    assert sync.parameters["options"].annotation == typing.Unpack[SettingsKwargs]
    assert set(typing.get_type_hints(SettingsKwargs)) == {s.name for s in SETTINGS}


def test_summarize_keywords_reach_the_settings(tmp_path: Path) -> None:
    from summarizer import summarize
    from summarizer.errors import ConfigError

    with pytest.raises(ConfigError, match="max-tokens must be more than 0"):
        summarize(ARTICLE, engine="offline", max_tokens=0)
    with pytest.raises(ConfigError, match="unknown setting"):
        summarize(ARTICLE, engine="offline", modle="m")  # type: ignore[call-arg]
    assert summarize(ARTICLE, engine="offline").provenance.engine == "offline"


def test_the_cli_modules_register_nothing_and_import_no_other_command() -> None:
    """Commands are registered in cli/app.py only; command modules never import each other
    (a function-level import counts), so no cycle can form among them."""
    import ast

    cli = Path(__file__).resolve().parents[1] / "summarizer" / "cli"
    commands = {p.stem for p in cli.glob("*_cmd.py")}
    for path in cli.glob("*.py"):
        if path.name in ("app.py", "__init__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            (node.module or "").removeprefix("summarizer.cli.")
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        } | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "summarizer.cli"
            for alias in node.names
        }
        assert not imported & (commands | {"app"}), f"{path.name} imports {imported}"
        assert "app.command" not in path.read_text(encoding="utf-8"), path.name


def test_check_exit_codes_as_a_real_process(article: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps(misquoting_answer()))
    gate = _run("check", str(article), str(summary))
    assert gate.returncode == 3, gate.stderr
    assert gate.stderr == "Error: verification failed\n"
    report_only = _run("check", str(article), str(summary), "--exit-zero")
    assert report_only.returncode == 0 and "verification: FAILED" in report_only.stdout


def test_main_paces_the_garbage_collector_for_a_short_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Young collections every 700 allocations (and full ones as start-up grew the heap) cost a
    # batch run 0.7-1 s of CPU, and the last collection at exit 0.3-1 s more, freeing nothing:
    # main collects less often and freezes what is alive at exit (at exit, not at once: a
    # caller of main in a longer process keeps its collector).
    import atexit
    import gc
    import importlib

    registered: list[Any] = []
    thresholds: list[tuple[int, ...]] = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(gc, "set_threshold", lambda *t: thresholds.append(t))
    module = importlib.import_module("summarizer.cli.app")
    monkeypatch.setattr(module, "app", lambda: None)
    module.main()
    assert registered == [gc.freeze]
    assert thresholds and thresholds[0][0] > 10 * gc.get_threshold()[0]
