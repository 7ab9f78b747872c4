"""Whether a first name is usually a man's or a woman's, from the kept package gender-guesser.

Pronoun resolution asks, and only as the last of its clues (an honorific, a gendered noun
and the article's own pronouns come first): "she said" after "Justin Trudeau met Rachel
Notley" is Notley. The name scan asks too, to tell a portfolio before a name ("Minister for
Housing Darragh O'Brien") from a company ("Energy Transfer Partners"). gender-guesser's answers
other than a clear "male" or "female" ("andy", "mostly_male", "unknown") are no answer, and no
answer never rules a person out.

Reading gender-guesser's name file takes about half a second, so the table it yields (names with
a clear answer, about 38,000) is built once and kept in the user's cache folder (`disk_cache`);
it is loaded on the first question, never at import. Deterministic: a data file, no model.
gender-guesser is GPLv3 (this project is Apache-2.0): without it installed every first name is
unknown and pronouns are resolved by the other clues alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from summarizer.evidence.disk_cache import loaded_once

__all__ = ["first_name_gender"]

Gender = Literal["male", "female"]
_CODES: dict[str, Gender] = {"m": "male", "f": "female"}


def _build() -> dict[str, str]:
    try:
        import gender_guesser.detector as detector
    except ImportError:  # not installed: every name is unknown, which rules nobody out
        return {}
    found = detector.Detector(case_sensitive=False)
    out: dict[str, str] = {}
    for name in found.names:
        answer = found.get_gender(name)
        if answer in ("male", "female"):
            out[name] = answer[0]
    return out


_SOURCES = (Path(__file__),)  # made once: the table is asked for every first name looked up


def _table() -> dict[str, str]:
    return loaded_once("first-names", _build, dict, packages=("gender-guesser",), sources=_SOURCES)


def first_name_gender(name: str) -> Gender | None:
    """ "male" or "female" when `name` (a first name, any case) is clearly one, else None."""
    word = name.strip(" .,").lower()
    if len(word) < 2 or not word.isalpha():
        return None  # an initial ("J."), a hyphenated or odd token: no answer
    code = _table().get(word)
    return _CODES[code] if code is not None else None
