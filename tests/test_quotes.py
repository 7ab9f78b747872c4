"""Quoted passages: marks paired by context, offsets into the original text, kinds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence.quotes import find_quoted_passages
from summarizer.evidence.types import QuotedPassage
from summarizer.verify import check


def texts(text: str) -> list[str]:
    return [p.text for p in find_quoted_passages(text)]


def only(text: str) -> QuotedPassage:
    found = find_quoted_passages(text)
    assert len(found) == 1, found
    return found[0]


def test_curly_quote_with_offsets_excluding_marks() -> None:
    text = "Intro.\n\n“We will win,” Jane Doe said."
    p = only(text)
    assert p.text == "We will win,"
    assert text[p.start : p.end] == p.text
    assert text[p.outer_start] == "“" and text[p.outer_end - 1] == "”"
    assert p.kind == "direct"


def test_straight_quotes() -> None:
    assert texts('He said, "It is over." Then "more," she said.') == ["It is over.", "more,"]


def test_nyt_two_apostrophes_as_marks() -> None:
    text = "''We finally may be seeing wage growth,'' Mr. Smith wrote. ``Odd style,'' he said."
    assert texts(text) == ["We finally may be seeing wage growth,", "Odd style,"]


def test_apostrophes_are_not_quotes() -> None:
    text = "Obama's plan, the ’90s, rock ’n’ roll and Mr. O’Malley’s campaign."
    assert find_quoted_passages(text) == []


def test_nested_single_quotes_stay_inside() -> None:
    text = "“He told me, ‘Don’t go,’ and I went,” she said."
    assert texts(text) == ["He told me, ‘Don’t go,’ and I went,"]
    nyt = "''They said 'no' to us,'' he said."
    assert texts(nyt) == ["They said 'no' to us,"]


def test_an_article_quoting_with_single_marks() -> None:
    # British tabloids and some Commonwealth papers quote with single marks; apostrophes between
    # letters and a plural possessive stay apostrophes.
    text = (
        "Mrs Dunne, 74, was stranded at the airport.\n\n"
        "'We sat on the floor all night. It wasn't right,' Mrs Dunne said. 'Shameful.'\n\n"
        "A spokesman said: 'The farmers' union was told. We apologise.'\n\n"
        "Her husband called it \u2018a disgrace\u2019 and said: "
        "\u2018We won\u2019t fly again.\u2019"
    )
    assert texts(text) == [
        "We sat on the floor all night. It wasn't right,",
        "Shameful.",
        "The farmers' union was told. We apologise.",
        "a disgrace",
        "We won\u2019t fly again.",
    ]
    assert find_quoted_passages(text)[0].speaker == "Mrs Dunne"


def test_single_marks_in_an_article_quoting_with_double_ones_stay_apostrophes() -> None:
    text = (
        "'Twas the night, the farmers' union said. \"We will win,\" she said.\n\n"
        'He called it \'fake,\' then left. "No," he said. "Never." \'Go.\' Then "why?" he asked.'
    )
    assert texts(text) == ["We will win,", "No,", "Never.", "why?"]


def test_curly_quotes_nested_in_straight_ones() -> None:
    text = 'Ward stated: "The law isn’t about “Equal Justice” anymore. It is politics."'
    assert texts(text) == ["The law isn’t about “Equal Justice” anymore. It is politics."]


def test_multi_paragraph_quote_reopened_on_each_paragraph() -> None:
    text = (
        "The mayor spoke.\n\n"
        "“First paragraph of the speech.\n\n"
        "“Second paragraph of it,” the mayor said.\n\nAfter."
    )
    found = find_quoted_passages(text)
    assert [p.text for p in found] == ["First paragraph of the speech.", "Second paragraph of it,"]
    assert found[0].group == found[1].group
    assert [p.continues for p in found] == [False, True]
    assert found[0].outer_end == text.index("\n\n“Second")  # runs to its paragraph's end


def test_continuation_paragraph_without_opening_mark() -> None:
    # As in the seed article: the second paragraph has no opening mark, only the closing one.
    text = (
        "“We are very clear,” Salas said. “But ICE makes our cities unsafe. \n\n"
        "We are deeply troubled by this,” she said. \n\nA total of 498 people were arrested."
    )
    found = find_quoted_passages(text)
    assert [p.text for p in found] == [
        "We are very clear,",
        "But ICE makes our cities unsafe.",
        "We are deeply troubled by this,",
    ]
    assert found[1].group == found[2].group and found[2].continues
    assert found[2].outer_start == text.index("We are deeply")


def test_unclosed_quote_runs_to_paragraph_end_only() -> None:
    text = "“Never closed, he said.\n\nNext paragraph has no quotes at all."
    assert texts(text) == ["Never closed, he said."]


def test_tweet_markup_is_not_quoted() -> None:
    text = (
        'Before.\n\n<tweet id="6721" author="@someone" datetime="2015-12-02">Scanner: '
        "suspect named</tweet>.\n\n“Later,” he said."
    )
    assert texts(text) == ["Later,"]


def test_mixed_marks_pair_up() -> None:
    assert texts("“It's unusual,“ said Larry Noble.") == ["It's unusual,"]
    assert texts('“The risk pool is out of balance," the group wrote.') == [
        "The risk pool is out of balance,"
    ]


def test_signature_line_under_a_quote_is_not_a_quote() -> None:
    text = 'Experts spoke.\n\n"We will enter the next recession unprepared.\nJosh Doe, Institute."'
    assert texts(text) == ["We will enter the next recession unprepared."]


def test_signature_line_with_a_role_under_a_quote_is_not_a_quote() -> None:
    text = 'Experts spoke.\n\n"We have not done enough.\nAmy Pope, deputy security advisor."'
    assert texts(text) == ["We have not done enough."]


def test_kinds_direct_partial_term() -> None:
    text = (
        "Officials said “Operation Safe City” ended. Jane Roe called it “a disgrace” on Monday. "
        "“We are done here,” Roe said. The mayor appeared on ABC’s “This Week.”"
    )
    kinds = {p.text: p.kind for p in find_quoted_passages(text)}
    assert kinds == {
        "Operation Safe City": "term",
        "a disgrace": "partial",
        "We are done here,": "direct",
        "This Week.": "term",
    }


def test_scare_quotes_after_labels_are_terms() -> None:
    text = "She called the raids an action by a “rogue agency.” Despite “resistance” they went on."
    assert [p.kind for p in find_quoted_passages(text)] == ["term", "term"]


def kinds(text: str) -> dict[str, str]:
    return {p.text: p.kind for p in find_quoted_passages(text)}


def test_quoted_names_after_naming_words_are_partial_quotes() -> None:
    text = (
        "Mook released a memo titled “The Facts on Where the Race Stands.” The crowd broke into "
        "chants of “Feel the Bern!” She took shots at Marco Rubio (“Little Marco”) again."
    )
    assert kinds(text) == {
        "The Facts on Where the Race Stands.": "partial",
        "Feel the Bern!": "partial",
        "Little Marco": "partial",
    }


def test_titles_of_works_stay_terms() -> None:
    text = (
        "He starred in “Parks and Recreation” and “Guardians of the Galaxy,” then left. "
        "The “No Comparison” ad ran on Monday. Clinton said on ABC’s “This Week” that she won."
    )
    assert set(kinds(text).values()) == {"term"}


def test_scare_quote_without_reporting_is_a_term() -> None:
    text = "The media pushed the “gun violence” narrative. Sanders said the system was “rigged.”"
    assert kinds(text) == {"gun violence": "term", "rigged.": "partial"}


def test_a_noun_spelled_as_a_verb_of_saying_reports_nothing() -> None:
    # "state" and "cry" are nouns in news; "stated", "cried" report someone's words.
    text = (
        "Officials in the state signed a “dissent channel” memo. The governor stated the plan "
        "was “unworkable.”\n\nThat is a far cry from serving up “ice cream” to “broccoli.”"
    )
    assert kinds(text) == {
        "dissent channel": "term",
        "unworkable.": "partial",
        "ice cream": "term",
        "broccoli.": "term",
    }
    # Nor do words that merely begin with a stem's letters.
    text = "The reporters in Dubai toured a “dry port” the railroad serves."
    assert kinds(text) == {"dry port": "term"}


def test_slogan_used_as_a_label_in_reported_speech_is_partial() -> None:
    text = "Gorka denounced the nascent “Neocons For Hillary” movement on Monday."
    assert kinds(text) == {"Neocons For Hillary": "partial"}


def test_mismatched_curly_marks_are_not_taken_for_a_quote() -> None:
    text = "Cruz called the KKK “abhorrent“ in a tweet."
    assert kinds(text) == {"abhorrent": "term"}


def test_mismatched_mark_after_a_space_is_not_taken_for_a_quote() -> None:
    text = "“We will win,” he said. “They see that. “\n\nThis story has been updated."
    assert kinds(text) == {"We will win,": "direct", "They see that.": "term"}


def test_title_with_a_bracketed_word_in_a_list_of_titles() -> None:
    text = 'The band played hits including "La Gozadera" and "Madre Tierra (Oye)."'
    assert set(kinds(text).values()) == {"term"}


def test_an_exclamation_after_and_is_an_utterance_not_a_title() -> None:
    text = "Franken drew loud jeers and “BERNIE!” chants from the floor."
    assert kinds(text) == {"BERNIE!": "partial"}


def test_a_word_mentioned_is_a_term_a_word_used_is_a_partial_quote() -> None:
    assert kinds("Intro.\n\nThe word “covfefe” was nominated by dozens of people.") == {
        "covfefe": "term"
    }
    used = "Intro.\n\nShe was criticised for using the term “superpredator” in the 1990s."
    assert kinds(used) == {"superpredator": "partial"}
    said = "Intro.\n\nTrump said the word “rigged” again on Monday."
    assert kinds(said) == {"rigged": "partial"}


def test_digest_excerpt_of_another_story_is_not_a_quote() -> None:
    text = (
        "FAREWELL—“The Living Room to close,” by Times’ Ben Sisario: “The Living Room, a "
        "nightclub in Manhattan, will close at the end of December.” http://nyti.ms/x"
    )
    assert set(kinds(text).values()) == {"term"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("ab C.,:\n“”‘’\"'`<>/=") + ["''", "``", '<tweet x="1">', " said "]),
        max_size=60,
    ).map("".join)
)
def test_offsets_always_inside_and_verbatim(text: str) -> None:
    for p in find_quoted_passages(text):
        assert 0 <= p.outer_start <= p.start <= p.end <= p.outer_end <= len(text)
        assert text[p.start : p.end] == p.text
        assert p.text.strip() == p.text and p.text
        if p.speaker_span is not None:
            assert 0 <= p.speaker_span[0] <= p.speaker_span[1] <= len(text)


def test_a_summary_quoting_a_term_verbatim_is_verified() -> None:
    # A passage read as a mention (term) is not offered as a quote, yet a summary that quotes it
    # word for word is grounded: the checker finds it in the article all the same.
    text = (
        "Supporters of the “Fight for 15” movement marched on Monday.\n\n"
        "“We will not stop,” organizer Jane Roe said."
    )
    assert kinds(text) == {"Fight for 15": "term", "We will not stop,": "direct"}
    summary = {
        "headline": "Minimum-wage marchers rally",
        "summary": "Supporters of a higher minimum wage marched.",
        "event": {"what": "a march", "who": ["supporters"], "where": []},
        "quotes": [{"text": "Fight for 15", "speaker": None}],
        "statistics": [],
    }
    checked = check(text, summary)
    assert [q.status for q in checked.summary.quotes] == ["exact"]
    assert not [i for i in checked.verification.issues if i.path.startswith("quotes[0]")]


@pytest.mark.xfail(
    strict=True,
    reason=(
        "kinds._CUE_AFTER reads the next paragraph's 'He's not saying' as a cue touching the "
        "quote. Bounded at the line end it changes 49 dev passages' kind (34 right by the gold, "
        "14 wrong) but costs eval_quotes' count-equal on the even half (.761 -> .756: a "
        "title-shaped fragment becomes a term), so it is left out for now"
    ),
)
def test_a_fragment_s_kind_is_not_decided_by_the_next_paragraph() -> None:
    text = (
        "Trump said he favours waterboarding and “a hell of a lot worse.”\n\n"
        "He’s not saying what other techniques he’d support."
    )
    assert [p.kind for p in find_quoted_passages(text)] == ["partial"]


# The quote scan's faster parts must find exactly what the patterns as first written find.
_SCAN_TEXT = st.text("ab .,?!'’\"“”«» \n\t\u00a0`", max_size=80)


@settings(max_examples=400, deadline=None)
@given(_SCAN_TEXT)
def test_single_closings_are_counted_as_the_pattern_counts_them(text: str) -> None:
    from summarizer.evidence import quotes

    as_written = re.compile(r"[,.?!]['’](?=\s|\Z)")
    assert quotes._single_closings(text) == len(as_written.findall(text))


@settings(max_examples=400, deadline=None)
@given(_SCAN_TEXT)
def test_the_marks_of_all_lines_are_those_the_pattern_finds_line_by_line(text: str) -> None:
    from summarizer.evidence import quotes

    as_written = re.compile("''|``|“|”|„|‟|\"|«|»")

    def line_by_line(s: int, e: int) -> list[quotes._Mark]:
        out = []
        for m in as_written.finditer(text, s, e):
            a, b = m.span()
            if m.group() == "''":
                if b < e and text[b] == "'":
                    a, b = a + 1, b + 1
                if 0 < a and b < len(text) and text[a - 1].isalnum() and text[b].isalnum():
                    continue
            glyph = text[a:b]
            out.append(quotes._Mark(a, b, quotes._orient(text, a, b, glyph), quotes._family(glyph)))
        return out

    lines = quotes._lines(text)
    assert quotes._marks(text, lines) == [line_by_line(s, e) for s, e in lines]


def test_two_opening_marks_in_a_row_open_one_quote() -> None:
    # A straight mark typed before a curly one: the quoted words start after both.
    text = '"“You don’t win the nomination by states,” Rubio responded.\n\nHe left.'
    (p,) = find_quoted_passages(text)
    assert (p.text, p.outer_start, text[p.start]) == (
        "You don’t win the nomination by states,",
        0,
        "Y",
    )
