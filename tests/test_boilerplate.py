"""Page boilerplate and datelines are no part of the article's prose."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.evidence.boilerplate import (
    body_sentences,
    dateline_candidates,
    dateline_place,
    dateline_span,
)


def prose(text: str) -> list[str]:
    return [text[s:e] for s, e in body_sentences(text)]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Skip Ad Ad Loading... x Embed x Share Toblerone is facing criticism.", "Toblerone is"),
        (
            "Get politics updates directly to your inbox + Subscribe Thank you for subscribing! "
            "Could not subscribe, try again later Invalid Email The FBI said so.",
            "The FBI said",
        ),
        ("Image copyright Reuters Image caption The boy was found.", "The boy was"),
        ("Photo LONDON -- At least seven people were killed.", "At least seven"),
        ("KUNDUZ, Afghanistan -- Taliban insurgents struck.", "Taliban insurgents"),
        ("WASHINGTON (AP) — The Senate voted.", "The Senate"),
        ("(CNN) — President Joe Biden signed the bill.", "President Joe Biden"),
    ],
)
def test_the_prose_starts_after_boilerplate_and_datelines(text: str, first: str) -> None:
    assert prose(text)[0].startswith(first)


def test_a_share_widget_mid_text_ends_the_sentence_before_it() -> None:
    text = (
        "Three victims were named as Donald Collett and Robert Huxley Click to share on WhatsApp "
        "(Opens in new window) Click to share on Facebook (Opens in new window) Police said more."
    )
    assert prose(text) == [
        "Three victims were named as Donald Collett and Robert Huxley",
        "Police said more.",
    ]


def test_dateline_place() -> None:
    text = "Photo KUNDUZ, Afghanistan -- Taliban insurgents struck."
    span = dateline_place(text)
    assert span is not None and text[span[0] : span[1]] == "KUNDUZ, Afghanistan"
    assert dateline_place("The FBI said so on Sunday.") is None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("WASHINGTON, Nov 6 (Reuters) - The FBI said so.", "WASHINGTON, Nov 6 (Reuters) - "),
        ("LONDON, November 8, 2016 -- Voters went out.", "LONDON, November 8, 2016 -- "),
        ("NAIROBI, 6 November (Xinhua) -- Kenya said so.", "NAIROBI, 6 November (Xinhua) -- "),
        ("The FBI said so on Sunday.", None),
        # "ST." of a place in capitals is Saint, no sentence end
        ("Ferguson is safe.\n\nST. LOUIS — The mayor said so.", "ST. LOUIS — "),
    ],
)
def test_dateline_span_is_place_date_and_agency(text: str, line: str | None) -> None:
    span = dateline_span(text)
    assert (text[span[0] : span[1]] if span else None) == line


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("OTTAWA — It cost $5.", ["OTTAWA"]),
        ("TORONTO, Ont. — It cost $5.", ["TORONTO, Ont."]),
        ("Wellington: The Government will spend $1.1b.", ["Wellington"]),
        ("NEW DELHI: The government said so.", ["NEW DELHI"]),
        # a headline's topic before a colon is a candidate only: the caller judges the place
        ("Poll: Trump trails.\n\nTALLAHASSEE — Voters said so.", ["TALLAHASSEE", "Poll"]),
        ("The FBI said so: it is over.", []),
        ("Officials said so. Later, WASHINGTON — ", []),
    ],
)
def test_dateline_candidates(text: str, places: list[str]) -> None:
    assert [text[s:e] for s, e in dateline_candidates(text)] == places


def test_a_loose_place_line_is_no_dateline_of_the_prose() -> None:
    # "Poll:" opens a headline as often as "Wellington:" a dateline: the prose keeps both
    assert dateline_place("Poll: Trump trails in Florida.") is None
    assert prose("Wellington: The Government will spend more.")[0].startswith("Wellington:")


# Pieces a place line is made of, and what stands next to one: all-capitals runs of every
# length, capitals inside words, dates with and without a year, agencies, each dash.
_LINE_PIECES = st.sampled_from(
    [
        "NEW",
        "YORK",
        "U.S.",
        "O'NEIL",
        "KILLED",
        "A",
        "xNEW",
        "Afghanistan",
        "Nov",
        "6",
        "2016",
        "1999",
        "20161",
        "(Reuters)",
        "(AP",
        ")",
        ",",
        ", ",
        " ",
        "  ",
        "-",
        "--",
        "—",
        "–",
        "said",
        ".",
        "\n",
    ]
)


@given(st.lists(st.one_of(_LINE_PIECES, st.text(alphabet="AZa z1,-—(). '’", max_size=6))))
def test_the_scan_for_a_place_line_finds_one_exactly_when_there_is_one(pieces: list[str]) -> None:
    import re

    from summarizer.evidence import boilerplate

    text = "".join(pieces)
    there = re.compile(boilerplate._PLACE_LINE).search(text) is not None
    assert (boilerplate._ANY_PLACE_LINE.search(text) is not None) == there


def test_capitalised_headlines_hold_no_place_line() -> None:
    from summarizer.evidence import boilerplate

    # Headlines in capitals, none a dateline: the whole text is scanned, each run once.
    text = "FIREWORKS FLY IN FIRST ONE-ON-ONE DEMOCRATIC DEBATE OVER THE WEEKEND Voters said. " * 50
    assert boilerplate._ANY_PLACE_LINE.search(text) is None
    assert dateline_span(text) is None


@given(
    st.lists(
        st.tuples(st.integers(1, 400), st.sampled_from([". ", "! ", ".\n", ".\n\n", " "])),
        max_size=12,
    ),
    st.booleans(),
)
def test_first_sentences_over_a_short_reach_are_those_of_the_full_reach(
    pieces: list[tuple[int, str]], boilerplate_first: bool
) -> None:
    from summarizer.evidence import boilerplate
    from summarizer.evidence.text import sentences

    text = "".join("Word " * (n // 5) + "end" + mark for n, mark in pieces)
    if boilerplate_first:
        text = "Click to share on WhatsApp (Opens in new window)\n" + text
    spans = boilerplate.boilerplate_spans(text)
    cuts = [0, *(x for span in spans for x in span), len(text)]
    full: list[tuple[int, int]] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        full += sentences(text, a, min(b, a + boilerplate._DATELINE_REACH))
    assert boilerplate._first_sentences(text) == tuple(full[: boilerplate._DATELINE_SENTENCES])


def _lead_pieces() -> st.SearchStrategy[str]:
    from summarizer.evidence.boilerplate import _LEADS

    leads = sorted(_LEADS)
    # Whole leads, their halves (a lead cut short is no lead) and their tails glued to others.
    cuts = [lead[: len(lead) // 2] for lead in leads] + [lead[len(lead) // 2 :] for lead in leads]
    return st.sampled_from(leads + cuts)


@given(st.lists(st.one_of(_lead_pieces(), st.text(alphabet="AGIPa sx(@©[\n’", max_size=4))))
def test_the_one_scan_for_cue_leads_finds_every_lead_the_text_holds(pieces: list[str]) -> None:
    from summarizer.evidence.boilerplate import _LEADS, _present_leads

    text = "".join(pieces)
    assert _present_leads(text) == {lead for lead in _LEADS if lead in text}
