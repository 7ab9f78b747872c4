"""The cases of a fixtures folder, and replaying one of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import InputError

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.models import Article, Result


@dataclass(frozen=True)
class Case:
    name: str
    article: Path | None
    cassette: Path
    expected: Path
    answer: Path | None = None


# --- finding the cases ----------------------------------------------------------------------


def find_cases(root: Path) -> list[Case]:
    if not root.is_dir():
        raise InputError(f"{root}: no such fixtures folder")
    articles_dir = root / "articles"
    if not articles_dir.is_dir():
        raise InputError(f"{root}: no articles/ folder (see `summarizer regress --help`)")
    articles = sorted(p for p in articles_dir.iterdir() if p.is_file())
    names = {p.stem for p in (root / "responses").glob("*.json")}
    names |= {p.stem for p in (root / "answers").glob("*.json")}
    cases = []
    for name in sorted(names):
        answer = root / "answers" / f"{name}.json"
        cases.append(
            Case(
                name=name,
                article=_article_for(name, articles),
                cassette=root / "responses" / f"{name}.json",
                expected=root / "expected" / f"{name}.json",
                answer=answer if answer.is_file() else None,
            )
        )
    return cases


def _article_for(case: str, articles: Sequence[Path]) -> Path | None:
    """The article whose stem is the longest `STEM.` prefix of the case name."""
    fitting = [a for a in articles if case == a.stem or case.startswith(a.stem + ".")]
    return max(fitting, key=lambda a: len(a.stem)) if fitting else None


def load_article(path: Path) -> Article:
    from summarizer.inputs import iter_sources

    [source] = list(iter_sources([str(path)]))
    if source.article is None:
        raise InputError(source.error or f"{path}: cannot be read")
    return source.article


# --- running --------------------------------------------------------------------------------


def replay_settings(cassette: Path) -> Settings:
    """Settings that send exactly what the cassette recorded."""
    from summarizer.cassettes import Cassette, recorded_settings
    from summarizer.config import Settings

    recorded = recorded_settings(Cassette.load(cassette).header)
    return Settings(engine="llm", replay=cassette).with_(**recorded)


def run_case(case: Case) -> Result:
    from summarizer.api import summarize

    if case.article is None:
        raise InputError(f"no article for case {case.name} in articles/ (NAME.txt for NAME.*)")
    if not case.cassette.is_file():
        raise InputError(f"{case.cassette}: no cassette (make it with --record)")
    return summarize(load_article(case.article), settings=replay_settings(case.cassette))
