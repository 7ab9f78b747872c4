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


def _configuration_rows() -> dict[str, list[str]]:
    """The README's configuration table, by each row's first flag."""
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        flags = re.findall(r"`(--[a-z-]+)", cells[0]) if cells else []
        for flag in flags:
            rows[flag] = cells
    return rows


def test_the_configuration_table_agrees_with_the_settings_metadata() -> None:
    """Each setting's row names its environment variable and its default as config.py declares
    them, and the cache-key note lists exactly the settings that change the answer."""
    from summarizer.config import SETTINGS

    rows = _configuration_rows()
    for s in SETTINGS:
        assert s.flag in rows, f"{s.flag} has no row in the README's configuration table"
        _, env, default, _ = rows[s.flag][:4]
        assert env == (f"`{s.env}`" if s.env else ""), (s.flag, env)
        if s.default is not None:
            written = f"{s.default:g}" if isinstance(s.default, float) else str(s.default)
            assert f"`{written}`" in default, (s.flag, default, written)
    cache_note = rows["--cache-dir"][3]
    listed = re.search(r"changes the answer \(([^)]*)\)", cache_note)
    assert listed, cache_note
    named = {w.strip().lower() for w in listed.group(1).split(",")}
    assert named == {s.name.replace("_", " ") for s in SETTINGS if s.answer}, named
