"""Typographic normalisation and its offset map back to the original text."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from summarizer.evidence.normalize import (
    _CHANGES,
    _OTHER_SPACES,
    _change_spans,
    normalize,
    normalize_str,
)

# Every character the normaliser treats specially, and some plain ones.
ALPHABET = "ab .,'\"`‘’“”„«»–—‒−‐…\n\t\r\xa0\u2009\u200b\u200d\ufeff\u00adİ"


def test_quotes_dashes_ellipsis_and_spaces() -> None:
    text = "He said \u201cno\u2014never\u2026\u201d\n\n  and \u2018so\u2019 \u2013 \u2212 it"
    assert normalize(text).text == "He said \"no-never...\" and 'so' - - it"


def test_tex_and_nyt_double_quotes() -> None:
    assert normalize("``Yes,'' he said").text == '"Yes," he said'


def test_zero_width_characters_are_removed() -> None:
    assert normalize("co\u200bop\ufeff\u00aderate").text == "cooperate"
    assert normalize("a \u200b b").text == "a b"


def test_nbsp_and_other_spaces_become_one_space() -> None:
    assert normalize("a\xa0\xa0b\u2009c\r\nd").text == "a b c d"


def test_a_lone_space_is_not_a_change() -> None:
    norm = normalize("one two three")
    assert norm.text == "one two three"
    assert norm.span_to_original(4, 7) == (4, 7)


def test_casefold_keeps_offsets() -> None:
    norm = normalize("İstanbul SAID", casefold=True)
    assert len(norm.text) == len("İstanbul SAID")
    assert norm.text.endswith("said")


def test_span_maps_back_over_collapsed_runs_and_expansions() -> None:
    text = "First\n\n\u201cQuote\u2026 here\u201d"
    norm = normalize(text)
    i = norm.text.index('"Quote... here"')
    start, end = norm.span_to_original(i, i + len('"Quote... here"'))
    assert text[start:end] == "\u201cQuote\u2026 here\u201d"


def test_to_normalized_inverts_to_original() -> None:
    text = "a\n\n\u2026 b"
    norm = normalize(text)
    for k in range(len(norm.text)):
        assert norm.to_normalized(norm.to_original(k)) <= k


def test_normalize_str_is_normalize_text() -> None:
    text = "x\u2019s  \u201cy\u201d\u2026"
    assert normalize_str(text) == normalize(text).text
    assert normalize_str(text, casefold=True) == normalize(text, casefold=True).text


@given(st.text(alphabet=ALPHABET, max_size=60), st.booleans())
def test_map_is_monotonic_and_in_range(text: str, casefold: bool) -> None:
    norm = normalize(text, casefold=casefold)
    starts = [norm.to_original(i) for i in range(len(norm.text) + 1)]
    ends = [norm.to_original_end(j) for j in range(len(norm.text) + 1)]
    assert starts == sorted(starts)
    assert ends == sorted(ends)
    assert all(0 <= o <= len(text) for o in starts + ends)
    assert starts[-1] == len(text)
    assert normalize_str(text, casefold=casefold) == norm.text


@given(st.text(alphabet=ALPHABET, max_size=60), st.data())
def test_mapped_span_normalises_to_the_same_text(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    n = len(norm.text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    start, end = norm.span_to_original(i, j)
    assert 0 <= start <= end <= len(text)
    # The original slice holds at least the normalised one (an expansion such as the "..." of
    # "…" is never cut: a span starting or ending inside it takes the whole character).
    assert norm.text[i:j] in normalize_str(text[start:end])


@given(st.text(alphabet="aAİΣσ’' \n.x", max_size=30))
def test_the_kept_lower_case_text_is_the_one_made_afresh(text: str) -> None:
    from summarizer.evidence.normalize import _casefold, lowered

    for _ in range(2):  # the second answer is the kept one
        low = lowered(text)
        assert low == _casefold(text) and len(low) == len(text)


def test_the_other_spaces_are_every_whitespace_but_the_space() -> None:
    other = re.compile(f"[{_OTHER_SPACES}]")
    assert [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if bool(other.fullmatch(c)) != (c.isspace() and c != " ")
    ] == []


# The characters the changes are made of, a few together, and plain letters between them.
_PIECES = st.sampled_from(
    [" ", "  ", "\n", "\t", "\r\n", "\xa0", "\u2003", "\u200b", "\u00ad", "\ufeff"]
    + ["\u2026", "'", "''", "`", "``", "a", "b c", "."]
)


@given(st.lists(_PIECES, max_size=16).map("".join))
def test_the_fast_scan_finds_what_the_changes_pattern_finds(text: str) -> None:
    assert _change_spans(text) == [m.span() for m in _CHANGES.finditer(text)]


@given(st.text(max_size=40))
def test_the_fast_scan_finds_what_the_changes_pattern_finds_in_any_text(text: str) -> None:
    assert _change_spans(text) == [m.span() for m in _CHANGES.finditer(text)]
