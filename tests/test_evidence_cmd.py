"""`summarizer evidence`: the library report, the CLI through typer's runner and as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evidence import report

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "articles" / "operation-safe-city.txt"
runner = CliRunner()
TEXT = "Tom Reed spoke first. “We are ready,” he said. Costs rose 12% to $4 million.\n"


def test_report_lists_passages_with_their_attribution_and_numbers() -> None:
    found = report(TEXT)
    (p,) = found["passages"]
    assert p["text"] == "We are ready,"
    assert p["speaker"] == "Tom Reed"
    assert p["speaker_as_written"] == "he"
    assert p["speaker_is_pronoun"] is True
    assert p["cue"] == "said"
    assert TEXT[p["start"] : p["end"]] == p["text"]
    assert {"12%", "$4 million"} <= {n["text"] for n in found["numbers"]}
    assert {"value", "high", "unit", "kind", "note"} <= set(found["numbers"][0])


def test_cli_prints_json_when_not_a_terminal(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["evidence", str(article)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == report(TEXT)


def test_cli_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evidence", str(tmp_path / "nope.txt"), "--json"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"Error: {tmp_path / 'nope.txt'}: no such file"]


def test_terminal_table_shows_speaker_and_cue() -> None:
    from rich.console import Console

    from summarizer.render.evidence import render_evidence

    console = Console(record=True, width=160)
    render_evidence(report(TEXT), console)
    shown = console.export_text()
    assert "Tom Reed" in shown and "said" in shown and "$4 million" in shown


def test_subprocess_on_the_seed_article() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "evidence", str(SEED), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert any(p["speaker"] == "Tom Homan" for p in found["passages"])
