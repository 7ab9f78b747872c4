"""The layers the design promises: evidence and verification never import the model stack, and
the CLI's start-up imports neither openai nor instructor."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("openai", "instructor", "typer", "httpx2")


def _imported_after(code: str) -> set[str]:
    probe = f"import sys; {code}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "module",
    [
        "summarizer.evidence",
        "summarizer.evidence.quotes",
        "summarizer.evidence.numbers",
        "summarizer.evidence.names",
        "summarizer.evidence.attribution",
        "summarizer.evidence.kinds",
        "summarizer.evidence.regex",
        "summarizer.evidence.align",
        "summarizer.evidence.lexicon",
        "summarizer.evidence.text",
        "summarizer.evidence.numbers_vocab",
        "summarizer.verify",
        "summarizer.verify.quotes",
        "summarizer.verify.speakers",
        "summarizer.verify.statistics",
        "summarizer.verify.placement",
        "summarizer.verify.injection",
        "summarizer.dates",
        "summarizer.engines.offline",
        "summarizer.models",
    ],
)
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
