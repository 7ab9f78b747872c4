"""The deterministic offline engine: the contract from the text alone; the seed acceptance."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from summarizer.engines.offline import OfflineEngine, quote_groups
from summarizer.models import Summary

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "operation-safe-city.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Summary:
    return OfflineEngine().summarize(seed_text)


def test_seed_direct_quotes_and_speakers(seed: Summary, seed_text: str) -> None:
    by_start = {q.text[:25]: q for q in seed.quotes}
    expected = {
        # "according to the agency": the source as written (issue 12), not a name elsewhere
        "where ICE deportation off": "the agency",
        "Sanctuary jurisdictions t": "Tom Homan",
        "As a result, ICE is force": "Tom Homan",
        "We have a hard time belie": "Angelica Salas",
        "But we are very clear tha": "Angelica Salas",
        "We are deeply troubled by": "Angelica Salas",
        "We are never going to sto": "Matthew Albence",
        "And if we need to go into": "Matthew Albence",
        "violated U.S. immigration": "Immigration and Customs Enforcement officials",
    }
    for head, speaker in expected.items():
        assert head in by_start, head
        got = by_start[head].speaker
        assert got is not None and speaker in got, (head, got)
    for q in seed.quotes:
        assert q.span is not None and seed_text[q.span.start : q.span.end] == q.text
    assert by_start["Sanctuary jurisdictions t"].speaker_role == "ICE Acting Director"
    assert by_start["We have a hard time belie"].speaker_role == (
        "executive director of the Coalition for Humane Immigrant Rights"
    )


def test_seed_titles_and_scare_quotes_are_not_quotes(seed: Summary) -> None:
    texts = [q.text.rstrip(",.") for q in seed.quotes]
    for term in ("Operation Safe City", "rogue agency", "resistance"):
        assert term not in texts


def test_seed_counts_the_multi_paragraph_quote_once(seed_text: str) -> None:
    groups = {p.group for p in quote_groups(seed_text)}
    assert len(groups) == 8  # 9 quote paragraphs; Salas's last two are one quote


def test_an_unclosed_quote_counts_with_the_next_quote() -> None:
    text = (
        "Experts spoke.\n\n“We will enter the next recession unprepared.\n\n"
        "Baker added more.\n\n“It is a real risk,” he said.\n\n“Another thing,” Roe said."
    )
    groups = [p.group for p in quote_groups(text)]
    assert len(groups) == 3 and groups[0] == groups[1] != groups[2]


def test_seed_statistics(seed: Summary) -> None:
    values = {s.value for s in seed.statistics}
    assert {100, 4, 498, 107, 101, 42} <= values
    texts = " ".join(s.text for s in seed.statistics)
    assert "four-day" in texts or "four" in texts
    assert all(s.describes.strip() for s in seed.statistics)


def test_seed_lead_is_extractive(seed: Summary, seed_text: str) -> None:
    assert seed.event.what.startswith("About 100 people were arrested")
    assert seed.event.what in seed_text
    assert seed.headline.rstrip(" …") in seed_text
    assert seed.event.when is not None and " ".join(seed.event.when.split()) == "last Thursday"
    assert seed.event.date is None
    assert "Los Angeles" in seed.event.where


def test_empty_and_quote_free_text() -> None:
    empty = OfflineEngine().summarize("")
    assert empty.quotes == [] and empty.statistics == []
    plain = OfflineEngine().summarize("The council met on Tuesday and approved the budget plan.")
    assert plain.quotes == []
    assert plain.event.when == "on Tuesday"


def test_explicit_date_only() -> None:
    text = "The treaty was signed in Paris on March 3, 2016, by the ministers of both states."
    summary = OfflineEngine().summarize(text)
    assert summary.event.date == "2016-03-03"
    assert "Paris" in summary.event.where


def test_deterministic(seed_text: str) -> None:
    assert OfflineEngine().summarize(seed_text) == OfflineEngine().summarize(seed_text)


def test_headline_does_not_stop_at_an_abbreviated_title() -> None:
    # Regression: the engine's own splitter did not know "Adm." and cut the lead there.
    text = (
        "The fleet was ready, said Adm. Mike Mullen, the chairman of the Joint Chiefs of Staff, "
        "after a visit to the base.\n\nHe praised the crews for their work over the winter.\n"
    )
    summary = OfflineEngine().summarize(text)
    assert summary.headline != "The fleet was ready, said Adm."
    assert summary.headline.startswith("The fleet was ready, said Adm. Mike Mullen")
    assert summary.event.what == "The fleet was ready"  # the main clause, before the reporting one


def test_labels_and_scores_are_not_statistics_but_ages_are() -> None:
    # Regression: the engine kept its own list of statistic kinds and reported labels and scores.
    # Ages are facts a reader is told (issue 12 counts them among the numbers to report).
    text = (
        "Joe Smith, 66, scored twice in Game 6 as the Bruins beat the Rangers 3-2 on Sunday, "
        "and ticket sales rose 12 percent to $4 million.\n"
    )
    stats = {s.text for s in OfflineEngine().summarize(text).statistics}
    assert stats == {"66", "12 percent", "$4 million"}


def test_statistics_are_what_is_statistic_counts(seed_text: str) -> None:
    from summarizer.evidence.numbers import find_numbers, is_statistic

    expected = [(n.start, n.end) for n in find_numbers(seed_text) if is_statistic(n)]
    got = [
        (s.span.start, s.span.end)
        for s in OfflineEngine().summarize(seed_text).statistics
        if s.span
    ]
    assert got == expected


# --- any shape of text --------------------------------------------------------------------------

ONE_PARAGRAPH = (
    "Skip Ad Ad Loading... x Embed x Share Several people died and dozens were injured after a "
    "tram derailed in Croydon, south London, on Wednesday. Click to share on WhatsApp (Opens in "
    "new window) Click to share on Facebook (Opens in new window) Five people were trapped inside "
    "the vehicle. “It is too early for us to confirm numbers,” a police spokesman said. More than "
    "50 people were taken to hospital, the London Ambulance Service said and the line stays shut"
)


@pytest.mark.parametrize(
    "text",
    [
        ONE_PARAGRAPH,
        "Fire crews were called to the school",  # no final stop, one short sentence
        "Flooding closed the road.",
        "Click to share on WhatsApp (Opens in new window) Storm hits coast",
        "“We will rebuild,” the mayor said",
    ],
)
def test_non_empty_text_never_gets_the_empty_placeholder(text: str) -> None:
    summary = OfflineEngine().summarize(text)
    assert summary.headline != "(empty article)"
    assert summary.event.what != "(no text)"
    assert "…" not in summary.headline
    assert "Click to share" not in summary.headline + summary.summary
    assert "Skip Ad" not in summary.headline + summary.summary


def test_boilerplate_is_skipped_and_quotes_and_statistics_still_found() -> None:
    summary = OfflineEngine().summarize(ONE_PARAGRAPH)
    assert summary.headline.startswith("Several people died and dozens were injured")
    assert summary.summary.startswith("Several people died")
    assert [q.text for q in summary.quotes] == ["It is too early for us to confirm numbers,"]
    assert {s.text for s in summary.statistics} >= {"More than 50 people"} or any(
        s.value == 50 for s in summary.statistics
    )
    assert summary.event.where[:2] == ["Croydon", "south London"]
    assert summary.event.when == "on Wednesday"


def test_with_a_title_the_headline_is_the_title_and_never_invented() -> None:
    title = "Tram derails in Croydon, killing seven - The Daily Paper"
    summary = OfflineEngine().summarize(ONE_PARAGRAPH, title=title, published="2016-11-09")
    assert summary.headline == "Tram derails in Croydon, killing seven"
    assert summary.event.date == "2016-11-09"


def test_spaces_are_squashed_unless_that_reads_other_numbers() -> None:
    # A space between digits groups thousands ("498 498" is 498,498): a title with a page's
    # line break there is kept as written, so the headline and the event read its two numbers.
    summary = OfflineEngine().summarize("0", title="498 \n\n498 people  wait")
    assert summary.headline == summary.event.what == "498 \n\n498 people  wait"
    assert OfflineEngine().summarize("0", title="one\n\nmillion").headline == "one\n\nmillion"
    squashed = OfflineEngine().summarize("0", title="Fans  wait\nin a 1 234 queue").headline
    assert squashed == "Fans wait in a 1 234 queue"
    # Sentences are joined by a space, but not into one number: the text's own break stays.
    text = (
        "The council said prices rose to 498\n\n498 people came to the hall on Monday. "
        "Officials said 12 more would come later in the week."
    )
    assert (
        OfflineEngine()
        .summarize(text)
        .summary.startswith("The council said prices rose to 498\n\n498 people")
    )


def test_a_what_cut_the_checks_would_flag_is_the_whole_clause() -> None:
    # Cut at its comma, "May 4" reads a date whose year the text's "2016 million" took.
    text = "Putin were May 4, 2016 million"
    assert OfflineEngine().summarize(text).event.what == text


def test_a_long_lead_gives_a_whole_phrase_as_headline() -> None:
    text = (
        "The city council voted on Tuesday night to close three public libraries and two "
        "swimming pools in the northern districts, after a budget review found a deficit of "
        "more than four million pounds. The decision angered residents."
    )
    headline = OfflineEngine().summarize(text).headline
    assert "…" not in headline
    assert text.startswith(headline)
    assert headline.endswith("in the northern districts")


def test_summary_is_whole_sentences_chosen_for_the_topic() -> None:
    text = (
        "A tram derailed in Croydon on Wednesday, killing seven people. "
        "The weather had been wet all week. "
        "Investigators said the tram was travelling at three times the speed limit when it "
        "derailed on a sharp bend near Sandilands. "
        "A local cafe offered free tea. "
        "The tram operator said it would cooperate with the derailment investigation. "
        "Football results are on page 12."
    )
    summary = OfflineEngine().summarize(text, title="Croydon tram derailment: seven killed")
    chosen = summary.summary
    assert chosen.startswith("A tram derailed in Croydon")
    assert "speed limit" in chosen and "cafe" not in chosen and "Football" not in chosen
    from summarizer.evidence.text import sentences

    whole = {text[s:e] for s, e in sentences(text)}
    assert all(chosen[a:b] in whole for a, b in sentences(chosen))


_NAMES = ["Maria Lopez", "John Smith", "The mayor", "Ahmed Khan", "Police Chief Ann Lee"]
_WORDS = ["the plan works", "we will rebuild", "this is a good day", "nobody was hurt"]
_FACTS = [
    "The council met on Tuesday.",
    "Fire crews arrived at 6am.",
    "About 40 people were hurt.",
    "The road was closed for hours.",
]
_SENTENCE = st.one_of(
    st.builds(
        lambda w, n: (
            f"“{w.capitalize()},” said {n[0].lower() + n[1:] if n.startswith('The') else n}."
        ),
        st.sampled_from(_WORDS),
        st.sampled_from(_NAMES),
    ),
    st.builds(
        lambda n, w: f"{n} said: “{w.capitalize()}.”",
        st.sampled_from(_NAMES),
        st.sampled_from(_WORDS),
    ),
    st.sampled_from(_FACTS),
)
_ARTICLE = st.lists(
    st.lists(_SENTENCE, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=5
)


@settings(max_examples=60, deadline=None)
@given(_ARTICLE)
def test_an_article_without_line_breaks_gives_the_same_quotes_and_speakers(pars: list[str]) -> None:
    # Same offsets both ways: each paragraph break becomes as many spaces.
    with_breaks, flat = "\n\n".join(pars), "  ".join(pars)

    def quotes(text: str) -> list[tuple[str, str | None, int]]:
        return [
            (q.text, q.speaker, q.span.start if q.span else -1)
            for q in OfflineEngine().summarize(text).quotes
        ]

    assert quotes(flat) == quotes(with_breaks)


@settings(max_examples=200, deadline=None)
@given(
    st.text(min_size=1, max_size=200),
    st.none() | st.text(max_size=80),
    st.none() | st.dates().map(lambda d: d.isoformat()),
)
@example("<A>", None, None)  # nothing but markup: read as written, never emptied
def test_any_text_with_a_word_gets_a_headline_summary_and_what(
    text: str, title: str | None, published: str | None
) -> None:
    OfflineEngine().summarize(text, title=title, published=published)  # never raises
    summary = OfflineEngine().summarize(text)
    if any(c.isalnum() for c in text):
        # Hypothesis draws the source's own string literals too: a text that is the
        # placeholder's words gets them as its headline, chosen from the text like any other.
        assert summary.headline != "(empty article)" or "(empty article)" in text
        assert summary.headline.strip() and summary.summary.strip() and summary.event.what.strip()
        assert summary.headline in text  # chosen, never written: no "…" of ours
