"""The lexicon is the one home of the evidence layer's word lists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from summarizer.evidence import lexicon
from summarizer.evidence.text import sentences

PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"

# A string constant naming this many of a list's members is a copy of that list. (Pronouns are
# left out: stop-word lists rightly hold them.)
LISTS = {
    "months": (re.compile(rf"\b(?:{'|'.join(lexicon.MONTHS)})\b", re.I), 3),
    "weekdays": (re.compile(rf"\b(?:{'|'.join(lexicon.WEEKDAYS)})\b", re.I), 3),
    "reporting verbs": (re.compile(r"\b(?:quipped|testified|retorted|conceded|acknowledged)\b"), 2),
}


def _constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize("name", sorted(LISTS))
def test_no_module_keeps_its_own_copy_of_a_word_list(name: str) -> None:
    pattern, limit = LISTS[name]
    copies = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "lexicon.py"
        and any(len(set(m.lower() for m in pattern.findall(s))) >= limit for s in _constants(path))
    ]
    assert copies == [], f"{name} spelled out outside evidence/lexicon.py"


def test_every_verb_has_a_use() -> None:
    for verb, use in lexicon.REPORTING_VERBS.items():
        assert use.cue or use.speech or use.inverts or use.verify, verb


def test_speaker_pronouns_carry_what_they_stand_for() -> None:
    subjects = {w for w, p in lexicon.PRONOUNS.items() if p.case == "subject" and p.refers}
    assert subjects == {"he", "she", "they", "i", "we", "it"}


def test_every_honorific_is_an_abbreviation_the_splitter_knows() -> None:
    for title in lexicon.HONORIFICS:
        if title != "Sheriff" and title != "Miss":
            text = f"The plan was ready, said {title}. Jane Doe. She left."
            assert sentences(text)[0][1] > text.index("Doe"), title
