"""The committed JSON Schema is what the models generate, and results validate against it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.schema import result_schema_json

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "result.schema.json"


def test_committed_schema_has_not_drifted() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == result_schema_json(), (
        "schemas/result.schema.json is stale: run `make schema` (summarizer schema -o ...)"
    )


def test_schema_command_prints_the_same() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == result_schema_json()
