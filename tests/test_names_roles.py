"""A speaker's role, asked again and again of the same text (once per title phrase): the answers
are the same whether remembered or worked out afresh, and a surname counts where it stands as a
whole word only; a lone surname's places are found without compiling a pattern per article,
and are the places that pattern finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence.names import (
    _whole_word_hits,
    _word_places,
    _words_ending,
    role_holder,
    speaker_role,
)


@pytest.mark.parametrize(
    ("text", "word", "limit", "found"),
    [
        ("Ito spoke. Itoh came. Ito left.", "Ito", 8, ["Ito", "Ito"]),
        ("Ito spoke. Itoh came. Ito left.", "Ito", 1, ["Ito"]),
        ("Bonito and d’Ito, then Ito.", "Ito", 8, ["Ito"]),  # inside a word, after a glued d’
        ("Kato-Ito said so; Ito2 did not.", "Ito", 8, ["Ito"]),  # a hyphen parts two words
        ("Ito’s aide and Ito_x.", "Ito", 8, ["Ito"]),  # a possessive is the name; "_" glues
        ("Nobody of that name.", "Ito", 8, []),
    ],
)
def test_word_places_are_whole_words(text: str, word: str, limit: int, found: list[str]) -> None:
    places = _word_places(text, word, limit)
    assert [text[s:e] for s, e in places] == found
    assert all(text[s:e] == word for s, e in places)


_TEXT = (
    "Foreign Minister Ana Kovač met Trade Minister Piet Ruud in Ghent. "
    "“We agreed on the tariffs,” the foreign minister said. "
    "“Not on the quotas,” the trade minister said. "
    "Kovač later left."
)


@pytest.mark.parametrize(
    ("speaker", "role"),
    [("Ana Kovač", "Foreign Minister"), ("Piet Ruud", "Trade Minister"), ("Nobody Here", None)],
)
def test_speaker_role_remembered_is_the_same_as_worked_out(speaker: str, role: str | None) -> None:
    speaker_role.cache_clear()  # type: ignore[attr-defined]
    fresh = speaker_role(_TEXT, speaker)
    assert fresh == role
    assert speaker_role(_TEXT, speaker) == fresh  # from the per-text cache


def test_role_holder_after_the_roles_are_remembered() -> None:
    at_foreign = _TEXT.index("the foreign minister")
    at_trade = _TEXT.index("the trade minister")
    # The same people are asked their role at both phrases: the second asks are remembered.
    assert role_holder(_TEXT, at_foreign, "the foreign minister") == "Ana Kovač"
    assert role_holder(_TEXT, at_trade, "the trade minister") == "Piet Ruud"
    assert role_holder(_TEXT, at_trade, "the prime minister") is None


def _by_pattern(text: str, words: set[str]) -> list[tuple[int, int]]:
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w’'])(?:{alternatives})(?![\w’'\-])")
    return [m.span() for m in pattern.finditer(text)]


_CHARS = st.sampled_from(list("Wilsé_1 -’'.,\n"))


@settings(max_examples=300, deadline=None)
@given(
    st.text(_CHARS, max_size=40),
    st.sets(st.text(_CHARS, min_size=1, max_size=5), min_size=1, max_size=4),
)
def test_whole_word_hits_are_the_patterns_matches(text: str, words: set[str]) -> None:
    assert _whole_word_hits(text, words) == _by_pattern(text, words)


@pytest.mark.parametrize(
    ("text", "words", "spans"),
    [
        ("Will wrote. Williams said.", {"Will", "Williams"}, [(0, 4), (12, 20)]),
        ("Israel’s envoy; said Israel.", {"Israel"}, [(21, 27)]),  # not before ’
        ("Ebeling-Smith and Ebeling", {"Ebeling"}, [(18, 25)]),  # not before a hyphen
        ("d’Israel and O'Israel said; Israel said.", {"Israel"}, [(28, 34)]),  # nor after ’ '
        ("Kato-Ito said so.", {"Ito"}, [(5, 8)]),  # after a hyphen it is a word
    ],
)
def test_whole_word_hits(text: str, words: set[str], spans: list[tuple[int, int]]) -> None:
    assert _whole_word_hits(text, words) == spans


_SEG_CHARS = st.sampled_from(list("ab É1_’'.-,;“\n\t\u00a0\u2003"))


@settings(max_examples=500, deadline=None)
@given(st.text(_SEG_CHARS, max_size=40))
def test_words_ending_are_the_searched_words(seg: str) -> None:
    m = re.search(r"((?:[\w’'.\-]+\s+){1,6})$", seg)
    assert _words_ending(seg) == ([] if m is None else m.group(1).split())


@pytest.mark.parametrize(
    ("seg", "words"),
    [
        ("said the economist ", ["said", "the", "economist"]),
        ("one two three four five six seven ", ["two", "three", "four", "five", "six", "seven"]),
        ("(the economist ", ["the", "economist"]),  # a bracket parts no words but ends the run
        ("the economist", []),  # no white space before the name
        ("the, economist ", ["economist"]),
    ],
)
def test_words_ending(seg: str, words: list[str]) -> None:
    assert _words_ending(seg) == words
