"""The layers the design promises (docs/ARCHITECTURE.md): evidence and verification never import
the model stack, the CLI's start-up imports neither openai nor instructor, and only the engine
layer builds engines or knows the openai client's private parts."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("openai", "instructor", "typer", "httpx2")


def _imported_after(code: str) -> set[str]:
    probe = f"import sys; {code}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"


def _modules_of(folder: str) -> list[str]:
    """Every module of a package folder and of its subpackages (`evidence/attribution/`): a new
    evidence or verify module is covered unasked."""
    root = PACKAGE / folder
    out = []
    for p in sorted(root.rglob("*.py")):
        parts = p.relative_to(root).with_suffix("").parts
        out.append(
            ".".join(["summarizer", folder, *(parts[:-1] if parts[-1] == "__init__" else parts)])
        )
    return out


PURE = [
    *_modules_of("evidence"),
    *_modules_of("verify"),
    "summarizer.dates",
    "summarizer.engines.offline",
    "summarizer.engines.offline_event",
    "summarizer.models",
]


@pytest.mark.parametrize("module", PURE)
def test_pure_layers_import_no_model_stack(module: str) -> None:
    loaded = _imported_after(f"import {module}")
    assert not loaded & set(HEAVY), f"{module} pulls in {sorted(loaded & set(HEAVY))}"


def test_checking_a_summary_imports_no_model_stack() -> None:
    code = (
        "from summarizer import check; "
        "check('He said \"hi\" on 3 days.', {'headline': 'h', 'summary': 's', "
        "'event': {'what': 'w'}, 'quotes': [{'text': 'hi'}], 'statistics': []})"
    )
    assert not _imported_after(code) & {"openai", "instructor", "typer"}


def test_the_cli_module_does_not_import_openai_or_instructor() -> None:
    loaded = _imported_after("import summarizer.cli")
    assert not loaded & {"openai", "instructor"}


@pytest.mark.parametrize(
    "module",
    [
        "summarizer.engines",  # the interface and the factory: the LLM stack loads on use
        "summarizer.engines.llm",
        "summarizer.engines.llm.anchored",
        "summarizer.engines.llm.modes",
        "summarizer.testing",
        "summarizer.cassettes.format",
    ],
)
def test_cheap_modules_import_no_openai(module: str) -> None:
    loaded = _imported_after(f"import {module}")
    assert not loaded & {"openai", "instructor", "typer"}, module


PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"
# Private to the engine layer: the LLM engine class and modules, and openai's own headers.
ENGINE_INTERNALS = ("summarizer.engines.llm.engine", "summarizer.engines.llm.errors")


def _outside_engines() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "engines" not in p.relative_to(PACKAGE).parts]


@pytest.mark.parametrize("path", _outside_engines(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_engine_layer_builds_engines_or_reads_openai_internals(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert "x-stainless" not in source.lower(), f"{path.name} reads openai's private headers"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {a.name for a in node.names}
            assert node.module not in ENGINE_INTERNALS, f"{path.name} imports {node.module}"
            assert "LLMEngine" not in names, f"{path.name} builds LLMEngine: use make_engine"
        if isinstance(node, ast.Attribute) and node.attr in ("_transports", "_transports_for"):
            raise AssertionError(f"{path.name} touches an engine's private {node.attr}")
