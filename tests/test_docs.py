"""The README documents every command and every summarize option."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from summarizer.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"summarizer {name}" in README, f"`summarizer {name}` is not in the README"


def test_every_summarize_option_is_in_the_readme() -> None:
    command = typer.main.get_command(app).commands["summarize"]  # type: ignore[attr-defined]
    missing = []
    for param in command.params:
        names = [o for o in param.opts if o.startswith("--")]
        if names and not any(re.search(rf"`{re.escape(n)}[`\s,]", README) for n in names):
            missing.append(names[0])
    assert not missing, f"options not in the README: {missing}"


def test_every_check_option_is_in_the_readme() -> None:
    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    for param in command.params:
        for name in (o for o in param.opts if o.startswith("--")):
            assert re.search(rf"`{re.escape(name)}[`\s,]", README), name


def test_every_setting_is_a_summarize_option_showing_its_environment_variable() -> None:
    from typer.testing import CliRunner

    from summarizer.config import SETTINGS

    help_text = CliRunner().invoke(app, ["summarize", "--help"], terminal_width=200).stdout
    flat = " ".join(help_text.split())
    for s in SETTINGS:
        assert s.flag in flat, s.flag
        if s.env:
            assert s.env in flat, s.env
            assert f"`{s.env}`" in README, f"{s.env} is not in the README"
