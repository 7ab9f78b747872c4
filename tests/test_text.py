"""The evidence layer's one sentence splitter: offsets into the original, abbreviation-aware."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence.text import (
    _find_www,
    blank_line_blocks,
    is_word_char,
    paragraph_at,
    paragraphs,
    sentence_end,
    sentence_start,
    sentences,
)


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The fleet was ready, said Adm. Mike Mullen. He left.",
            ["The fleet was ready, said Adm. Mike Mullen.", "He left."],
        ),
        ("U.S. officials said so. Others did not.", ["U.S. officials said so.", "Others did not."]),
        (
            "Sen. Ted Cruz spoke. Rep. Jane Doe, too.",
            ["Sen. Ted Cruz spoke.", "Rep. Jane Doe, too."],
        ),
        ("James B. Comey testified. It was long.", ["James B. Comey testified.", "It was long."]),
        (
            "It grew in the U.S. It did not grow elsewhere.",
            ["It grew in the U.S. It did not grow elsewhere."],
        ),
        ("“We won,” she said. “Again.”", ["“We won,” she said.", "“Again.”"]),
        ("He asked why? then left. Done!", ["He asked why? then left.", "Done!"]),
        ("On Aug. 5 it rained. Then it stopped.", ["On Aug. 5 it rained.", "Then it stopped."]),
        ("First line\nSecond line. Third.", ["First line", "Second line.", "Third."]),
        ("Acme Inc. said it would. No.", ["Acme Inc. said it would.", "No."]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_sentences_within_a_range_keep_original_offsets() -> None:
    text = "Intro.\nOne here. Two there.\nOutro."
    a, b = paragraph_at(text, 10)
    assert [text[s:e] for s, e in sentences(text, a, b)] == ["One here.", "Two there."]


def test_paragraphs() -> None:
    text = "A b.\n\nC d.\n"
    assert [text[a:b] for a, b in paragraphs(text)] == ["A b.", "C d."]


def test_sentence_start_and_end() -> None:
    text = "Sen. Ted Cruz spoke. Then he left."
    assert sentence_start(text, 25, 0) == len("Sen. Ted Cruz spoke.")
    assert sentence_end(text, 0, len(text)) == len("Sen. Ted Cruz spoke.")


@given(st.text(alphabet='ab .?!\n“”"ADMr', max_size=80))
def test_sentences_are_ordered_trimmed_slices(text: str) -> None:
    spans = sentences(text)
    for (_, b), (c, _) in zip(spans, spans[1:], strict=False):
        assert b <= c
    for a, b in spans:
        chunk = text[a:b]
        assert chunk and chunk == chunk.strip() and "\n" not in chunk


def test_a_sentence_starts_past_the_closing_quote_of_the_one_before() -> None:
    text = "“It is not Bernie Sanders.” He says he respects her."
    assert text[sentence_start(text, len(text) - 5, 0) :].startswith(" He says")


def test_no_name_starts_inside_a_pasted_link() -> None:
    from summarizer.evidence.names import name_index

    text = (
        "World Series Champions. #FlyTheWhttps://t.co/1E3dXohSkI- Chicago Cubs (@Cubs) "
        "November 03, 2016. See www.Example.com/Foo Bar for more."
    )
    names = [m.text for m in name_index(text).mentions]
    assert "Chicago Cubs" in names
    assert not any("E3dXohSkI" in n or "Example" in n or "Foo" in n for n in names), names


@given(st.text(alphabet="ab:/. wWhtps\n", max_size=60))
def test_blanking_links_keeps_every_offset(text: str) -> None:
    from summarizer.evidence.text import without_urls

    blanked = without_urls(text)
    assert len(blanked) == len(text)
    assert all(b == t or b == "\0" for b, t in zip(blanked, text, strict=True))


@given(st.text(alphabet="ab:/. wWhtpsK\u00a0\n-+1é", max_size=60))
def test_links_are_blanked_word_by_word_as_over_the_whole_text(text: str) -> None:
    # without_urls runs its pattern only over the words holding "://" or "www." (for speed):
    # what it blanks is what the pattern blanks over the whole text.
    from summarizer.evidence.text import _URL, without_urls

    assert without_urls(text) == _URL.sub(lambda m: "\0" * len(m.group()), text)


@given(st.text(alphabet="ab.@ x-\n", max_size=60))
def test_email_addresses_are_blanked_as_the_pattern_finds_them(text: str) -> None:
    # without_urls looks for addresses from each "@" (for speed): what it blanks is what the
    # pattern blanks over the whole text.
    from summarizer.evidence.text import _EMAIL, without_urls

    assert without_urls(text) == _EMAIL.sub(lambda m: "\0" * len(m.group()), text)


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("One line.", ["One line."]),
        ("A hard\nwrap.", ["A hard\nwrap."]),
        ("One.\n\nTwo.\n \nThree.\r\n\r\nFour.", ["One.", "Two.", "Three.\r", "Four."]),
        ("\n\nAfter a blank start.", ["", "After a blank start."]),
    ],
)
def test_blank_line_blocks(text: str, blocks: list[str]) -> None:
    assert [text[s:e] for s, e in blank_line_blocks(text)] == blocks


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Saint, Fort and Mount of a dateline in capitals: no sentence end
        ("ST. LOUIS — The mayor spoke.", ["ST. LOUIS — The mayor spoke."]),
        ("FT. LAUDERDALE, Fla. — A man was held.", ["FT. LAUDERDALE, Fla. — A man was held."]),
        # the Financial Times and the Straits Times end a sentence like any word
        ("He told the FT. The firm fell.", ["He told the FT.", "The firm fell."]),
        ("She spoke to the ST. It said no.", ["She spoke to the ST.", "It said no."]),
    ],
)
def test_capital_place_abbreviations_hold_only_before_capitals(text: str, parts: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text)] == parts


_WWW = re.compile(r"[wW][wW][wW]\.")


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("wW.xẀ :/")), max_size=24), st.data())
def test_find_www_is_the_scan(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    m = _WWW.search(text, pos, end)
    assert _find_www(text, pos, end) == (-1 if m is None else m.start())


@pytest.mark.parametrize(
    ("text", "at"),
    [("see www.x.org", 4), ("WwW.a and www.b", 0), ("wwww.a", 1), ("aww. now.", -1), ("", -1)],
)
def test_find_www(text: str, at: int) -> None:
    assert _find_www(text, 0, len(text)) == at


@given(st.characters())
def test_is_word_char_is_the_regex_word_class(c: str) -> None:
    # Callers test a word's edges with it in place of `\w` (numbers, kinds, names, claims).
    assert is_word_char(c) == (re.fullmatch(r"\w", c) is not None)
