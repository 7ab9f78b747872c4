"""A wheel built from the repo ships the prompts and runs without the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling (dev extra) builds the wheel offline")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (built,) = out.glob("summarizer-*.whl")
    return built


def test_wheel_contains_the_prompts(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for prompt in (ROOT / "prompts").iterdir():
        assert f"summarizer/_prompts/{prompt.name}" in names


def test_installed_wheel_runs_help_without_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    # The wheel's copy comes first on the path; the dependencies come from this environment.
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import summarizer, summarizer.prompts as p; "
        "print(summarizer.__file__); print(p.prompts_dir()); print(bool(p.load_prompts().system))"
    )
    probe = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr
    module, prompts, loaded = probe.stdout.split()
    assert module.startswith(str(site)) and prompts.startswith(str(site)) and loaded == "True"
    help_run = subprocess.run(
        [sys.executable, "-m", "summarizer", "--help"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert help_run.returncode == 0, help_run.stderr
    assert "summarize" in help_run.stdout
