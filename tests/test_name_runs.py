"""The name scan's fast path finds exactly the capitalised runs `_CAPSEQ.finditer` finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence import names
from summarizer.evidence.text import without_urls

# Pieces that exercise every branch: particles (also inside words), honorifics, initials,
# "Jr." and "St.", apostrophes, hyphens, non-ASCII capitals, odd white space, URL blanks.
_PIECES = [
    "de", "la", "y", "van", "della", "dde", "al", "bin", " ", "  ", "\n", "\n\n", " \n \n",
    "\xa0", "\u2003",
    "A", "Bo", "St.", "St", "Mr.", "Mr", "Lt.", "Lt. Gov.", "Gov", "’", "'", "-", "é", "É",
    "Ω", "1", "_", "x", ".", ",", "\0", "Mc", "McD", "Jr.", "U.S.", "J.", "of", "and", "S",
    "al-", "el-", "ash-", "bint-", "d’", "d'", "-", "zu", "dos", "ter", "bint", "s",
]  # fmt: skip


def _slow(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in names._CAPSEQ.finditer(text)]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_runs_are_capseq_matches(text: str) -> None:
    assert list(names._capitalised_runs(text)) == _slow(text)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join), st.data())
def test_runs_in_a_window_are_the_windows_capseq_matches(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert list(names._capitalised_runs(text, lo, hi)) == [
        (m.start(), m.group()) for m in names._CAPSEQ.finditer(text, lo, hi)
    ]


def test_runs_of_an_article() -> None:
    text = (
        "Former President Charles de Gaulle met, said de Gaulle, Vincent van Gogh and Mr. Smith "
        "Jr. in St. Louis, U.S. Sen. Debbie Stabenow said. la Cruz, della Rosa, y Gasset, "
        "McDonald’s and Zoë Ångström visited http://example.com/Some Page with J. R. Ewing. "
        "Abu Bakr al-Baghdadi, al-Masri, Mr el-Sisi, royal-Blue, Valéry Giscard d’Estaing and "
        "Hessa bint Khalifa met Olaf zu Solms, de al-Masri and Maria dos Santos."
    )
    assert list(names._capitalised_runs(without_urls(text))) == _slow(without_urls(text))
    assert (text.index("said de Gaulle") + 5, "de Gaulle") in list(names._capitalised_runs(text))


_END_CHARS = st.sampled_from(list("sS’'a \n-"))


@settings(max_examples=300, deadline=None)
@given(st.text(_END_CHARS, max_size=6).filter(lambda w: not w.endswith("\n")))
def test_possessive_end_is_the_patterns(word: str) -> None:
    # (A name run never ends with a line break, where `$` would also match.)
    m = re.search(r"[’']s$|(?<=s)[’']$", word)
    assert names._possessive_end(word) == (len(word) if m is None else m.start())


@given(st.text(st.sampled_from(list("CSaignx")), max_size=8))
def test_is_participle_is_the_patterns(word: str) -> None:
    assert names._is_participle(word) == (re.fullmatch(r"[A-Z][a-z]+ing", word) is not None)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A capital inside a word opens no name; the words after that word are their own.
        ("Apple showed the iPhone Pro on Tuesday.", [("Apple", False), ("Pro", False)]),
        ("On Tuesday iPhone O’Brien said the deal was off.", [("O’Brien", False)]),
        ("I worried aboutVladimir Putin today.", [("Putin", False)]),
        ("the eBay Chief John Donahoe said", [("John Donahoe", True)]),
        ("the iPhone Association of America", [("Association of America", False)]),
    ],
)
def test_no_name_opens_inside_a_word(text: str, found: list[tuple[str, bool]]) -> None:
    got = names.names_in(text, 0, len(text))
    assert [(m.text, m.is_person) for m in got] == found
    assert all(text[m.start : m.end] == m.text for m in got)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*_PIECES, "iPhone", "eBay", "Pro", "Max"]), max_size=16).map("".join)
)
def test_no_mention_starts_inside_a_word(text: str) -> None:
    for m in names.names_in(text, 0, len(text)):
        assert m.start == 0 or not re.match(r"\w", text[m.start - 1]), (text, m)
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A model's code holds a digit: it is no acronym of a title, and the word after it no
        # person ("Plus", "Lightning", "Summit" were taken for names after "S10", "F-35", "G7").
        ("The Galaxy S10 Plus sold well.", [("Galaxy S10 Plus", False)]),
        ("the F-35 Lightning jets", [("F-35 Lightning", False)]),
        ("the G7 Summit", [("G7 Summit", False)]),
        # An acronym of letters still is, and a title word after a code too.
        ("ICE Acting Director Tom Homan said", [("Tom Homan", True)]),
        ("MI6 Chief Richard Moore said", [("Richard Moore", True)]),
    ],
)
def test_a_model_code_is_no_title(text: str, found: list[tuple[str, bool]]) -> None:
    assert [(m.text, m.is_person) for m in names.names_in(text, 0, len(text))] == found


@pytest.mark.parametrize(
    ("text", "runs", "orgs"),
    [
        ("#Brexit \n\nPutin said", ["Brexit", "Putin"], []),  # a paragraph break ends a name
        ("Ann\nCole said", ["Ann\nCole"], []),  # a hard wrap does not
        ("J.\n \nSmith, Charles de \n\nGaulle", ["J", "Smith", "Charles", "Gaulle"], []),
        ("Bank \n\nof America; Bank of\n\nAmerica", ["Bank", "America", "Bank", "America"], []),
        ("Bank of\nAmerica", ["Bank", "America"], ["Bank of\nAmerica"]),
    ],
)
def test_a_blank_line_ends_a_name(text: str, runs: list[str], orgs: list[str]) -> None:
    assert [run for _, run in names._capitalised_runs(text)] == runs
    assert [m.group() for m in names._org_joins(text)] == orgs


_ORG_PIECES = st.sampled_from(
    ["Coalition", " for ", " of ", " and ", " the ", " & ", "Humane", "Immigrant", "Rights",
     "U.S.", "Dept.", " ", "  ", "\n", "\n\n", " \n \n", "iPhone", "McDonald", "al-Masri",
     "O'Brien", "said",
     "Bank", " Of ", "offer", "Ángel", "\0", ",", "-", "."]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(_ORG_PIECES, max_size=14))
def test_org_joins_found_from_the_hints_are_those_of_a_search_at_every_capital(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    # The reference: _ORG_JOIN tried wherever a search for a chain and its joiner matches.
    start = re.compile(names._ORG_CHAIN + names._ORG_JOINER)
    searched = []
    hint = start.search(text)
    while hint is not None:
        m = names._ORG_JOIN.match(text, hint.start())
        if m is not None:
            searched.append(m.span())
        hint = start.search(text, m.end() if m is not None else hint.start() + 1)
    assert [m.span() for m in names._org_joins(text)] == searched
