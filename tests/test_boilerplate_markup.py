"""Markup a feed or a scraper leaves in the text (embedded posts, shortcodes, tags, picture
links) is no part of the offline headline, summary or event; quotes keep offsets into the text
as given, markup and all."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer import check
from summarizer.engines.offline import OfflineEngine
from summarizer.evidence.boilerplate import without_furniture, without_markup

_MARKUP = re.compile(r"<|>|\[/?\w+|pic\.twitter\.com|\(@\w+\)")

ARTICLES = [
    (
        "Sen. Ann Cole and Mayor Rob Dale wore red hats at the rally on Wednesday night.\n\n"
        '<tweet id="1" author="@newsdesk" datetime="2016-05-04">Ann Cole and Rob Dale wear red '
        "hats before the rally. pic.twitter.com/abcXyZ12q</tweet>.\n\n"
        "“We wore them for the cause,” Cole said after the rally.\n\n"
        "Reporters noted that the hats were sold out within an hour of the rally."
    ),
    (
        '<tweet tweet-id="7"><tweet/>. The council voted to close the old bridge on Monday '
        "after engineers found cracks. [embed]https://www.youtube.com/watch?v=abc[/embed] "
        "“It is not safe,” the mayor said. The bridge will stay shut for a year."
    ),
    (
        "My god, the new bar is obscene. #mindthegap pic.twitter.com/VnXFaiFAml -- Josh Barrie "
        "(@joshbythesea) November 8, 2016 The maker of the bar said the change kept its price "
        "down. Shoppers said they would buy another brand."
    ),
    (
        'The <b>council</b> voted to close the <a href="/bridge">old bridge</a> on Monday.'
        "<br/>Engineers found cracks in <i>three</i> of its piers, the report said."
    ),
    (
        '[caption id="attachment_9" align="alignright"]The old bridge in 1950[/caption] '
        "The council voted to close the old bridge on Monday after engineers found cracks."
    ),
]


@pytest.mark.parametrize("text", ARTICLES)
def test_no_markup_in_the_offline_headline_summary_or_event(text: str) -> None:
    summary = OfflineEngine().summarize(text)
    for field in (summary.headline, summary.summary, summary.event.what, *summary.event.who):
        assert not _MARKUP.search(field), field


@pytest.mark.parametrize("text", ARTICLES)
def test_quotes_still_slice_the_text_as_given(text: str) -> None:
    summary = OfflineEngine().summarize(text)
    for q in summary.quotes:
        assert q.span is not None
        assert text[q.span.start : q.span.end] == q.text


@pytest.mark.parametrize("text", ARTICLES)
def test_the_offline_result_passes_its_own_check(text: str) -> None:
    summary = OfflineEngine().summarize(text)
    checked = check(text, summary)
    errors = [i.message for i in checked.verification.issues if i.severity == "error"]
    assert errors == []


def test_a_title_s_markup_is_not_in_the_headline() -> None:
    text = "The council voted to close the old bridge on Monday after engineers found cracks."
    summary = OfflineEngine().summarize(text, title="Council <em>closes</em> old bridge")
    assert summary.headline == "Council closes old bridge"


@pytest.mark.parametrize(
    ("marked", "plain"),
    [
        ("The <b>council</b> voted.", "The council voted."),
        ("Cracks<br/>were found.", "Cracks were found."),
        ("See [embed]https://x.example/v[/embed] the video.", "See the video."),
        ("Wow pic.twitter.com/abc123 indeed.", "Wow indeed."),
        ("3 < 4 and 5 > 2 stay as written.", "3 < 4 and 5 > 2 stay as written."),
    ],
)
def test_without_markup(marked: str, plain: str) -> None:
    assert without_markup(marked) == plain


@given(st.text(alphabet="ab <>/[]tweet:@Getty Images\n.AFPvia", max_size=80))
def test_furniture_is_blanked_offsets_kept(text: str) -> None:
    blanked = without_furniture(text)
    assert len(blanked) == len(text)
    assert all(b == t or b == "\0" for b, t in zip(blanked, text, strict=True))


_MARKUP_PIECES = st.sampled_from(
    ["<", ">", "[", "]", "/", " ", "b", "i x", "embed", "caption", "tweet", "<p>", "</p>",
     "[embed]", "[/embed]", "<br/>", "a", "\n", "=", '"']
)  # fmt: skip


@given(st.lists(_MARKUP_PIECES, max_size=16))
def test_the_markup_branches_apart_find_what_the_alternation_finds(pieces: list[str]) -> None:
    from summarizer.evidence.boilerplate import _INLINE_MARKUP, _markup_spans

    text = "".join(pieces)
    assert _markup_spans(text) == [m.span() for m in _INLINE_MARKUP.finditer(text)]
