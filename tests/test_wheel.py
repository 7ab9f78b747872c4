"""A wheel built from the repo ships the prompts and runs without the checkout."""

from __future__ import annotations

import json
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


# What pip says when it cannot reach an index (offline CI, no proxy): a skip, not a failure.
_OFFLINE = (
    "NewConnectionError",
    "Network is unreachable",
    "Temporary failure in name resolution",
    "Could not find a version that satisfies the requirement hatchling",
    "ProxyError",
)


def _bundled_pip_venv(where: Path) -> Path:
    """A fresh venv with the pip its Python bundles (ensurepip), never upgraded: what a user
    of Debian's python3.11 (pip 23.2) gets from `python3 -m venv`."""
    subprocess.run(
        [sys.executable, "-m", "venv", str(where)], check=True, capture_output=True, timeout=120
    )
    return where / "bin"


def test_a_fresh_venv_with_its_bundled_pip_installs_the_html_extra_and_reads_html(
    tmp_path: Path,
) -> None:
    """Regression: `pip install '.[html]'` with pip 23.2 left out lxml_html_clean, and every
    HTML input failed with "lxml.html.clean module is now a separate project"."""
    from tests.helpers import ARTICLE

    bin_ = _bundled_pip_venv(tmp_path / "venv")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    install = subprocess.run(
        [str(bin_ / "python"), "-m", "pip", "install", "-q", "--no-compile", f"{ROOT}[html]"],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    offline = [line for line in install.stderr.splitlines() if any(s in line for s in _OFFLINE)]
    if install.returncode != 0 and offline:
        pytest.skip(f"no package index reachable ({offline[0].strip()})")
    assert install.returncode == 0, install.stderr[-2000:]
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    page.write_text(
        f"<html><head><title>Council vote</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Council vote</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    run = subprocess.run(
        [str(bin_ / "summarizer"), "summarize", str(page), "--engine", "offline"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "lxml" not in run.stderr
    result = json.loads(run.stdout)
    assert result["article"]["text"].strip()
