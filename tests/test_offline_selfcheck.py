"""The offline engine's result passes its own checks: `summarize --engine offline`, then `check`
on the same article, shows no error at the headline, the summary or the event (issue 13)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarizer import check
from summarizer.engines import offline_event
from summarizer.engines.offline import OfflineEngine
from summarizer.models import Summary

CLAIM_FIELDS = ("headline", "summary", "event.")


def _claim_errors(text: str, title: str | None = None, published: str | None = None) -> list[str]:
    summary = OfflineEngine().summarize(text, title=title, published=published)
    checked = check(text, summary, title=title, published=published)
    return [
        i.message
        for i in checked.verification.issues
        if i.severity == "error" and i.path.startswith(CLAIM_FIELDS)
    ]


# Page noise of the kinds real pages carry, hand-written: a link's letters, a unit glued to a
# number, words glued by a lost space, a brand's inner capital, a sidebar's headlines glued on.
NOISY = [
    (
        "Sen. Ann Cole and Mayor Rob Dale wore red hats on Wednesday night before the rally.\n\n"
        '<tweet id="1" author="@newsdesk">Ann Cole & Rob Dale wear red hats before the rally. '
        "pic.twitter.com/abcXyZ12q SIGN UP FOR OUR NEWSLETTER — Newsdesk (@newsdesk) "
        "May 4, 2016</tweet>.\n\nReporters noted the hats.",
        "Ann Cole, Rob Dale Wear Red Hats at Rally",
        "2016-05-05",
    ),
    (
        "Is within $4M of Dale's haul.\n\nAnn Cole raised more than $33million during the last "
        "three months of the year, her campaign announced Saturday. Her haul puts her within "
        "$4million of the $37million raised by Rob Dale.",
        "Ann Cole raises $33M; Is within $4M of Dale's haul",
        "2016-01-03",
    ),
    (
        "Morning Email: the leak.\n\nTOP STORIES.\n\nThe party chair resigned on Sunday after "
        "months of criticism. Here’s why you should be worried aboutVladimir Putin’s potential "
        "involvement in the leak. [Jane Roe, Daily News]",
        "Morning Email: Putin’s Potential Involvement In The Leak",
        "2016-07-25",
    ),
    (
        "The big iFixit teardown is done, and the results are in. The new 16-inch laptop is a lot "
        "like the old 15-inch one. As iFixit points out, the keyboard is new.",
        "The Future of Laptop Innovation Is Backwards",
        None,
    ),
    (
        "A Buffalo man pleaded guilty to threatening Rep. Ilhan OmarIlhan OmarHillicon Valley: "
        "Senators call for 5G security coordinator | iPhone maker faces questions MORE (D-Minn.), "
        "prosecutors announced Monday. His sentencing is set for Feb. 14.",
        "Buffalo man pleads guilty to threatening Omar",
        "2019-11-19",
    ),
    (
        "On Tuesday iPhone O’Brien said the deal was off. See https://example.com/News/Putin-Visit "
        "for more. eBay and YouTube declined to comment.",
        None,
        "2019-11-20",
    ),
]


@pytest.mark.parametrize(("text", "title", "published"), NOISY)
def test_the_engine_s_result_on_noisy_pages_passes_its_own_checks(
    text: str, title: str | None, published: str | None
) -> None:
    assert _claim_errors(text, title, published) == []


def test_a_piece_without_a_sentence_end_is_not_glued_into_a_name() -> None:
    text = "Putin #Brexit \n\n. Putin in Putin Putin Putin Putin"
    summary = OfflineEngine().summarize(text).summary
    assert "Brexit Putin" not in summary, summary
    assert _claim_errors(text) == []


def test_no_name_is_read_from_inside_a_token() -> None:
    text = NOISY[5][0]
    event = OfflineEngine().summarize(text, published="2019-11-20").event
    assert not any(w.startswith(("Phone", "Bay", "Tube")) for w in event.who), event.who
    glued = OfflineEngine().summarize(NOISY[2][0], title=NOISY[2][1]).event
    assert "Vladimir Putin" not in glued.who


def test_no_place_is_read_from_inside_a_link() -> None:
    text = (
        "Police in Leeds arrested two men on Monday. Read more at "
        "https://www.example.com/Paris/Texas-News/Boston and www.Chicago-Tribune.com/Berlin."
    )
    event = OfflineEngine().summarize(text, published="2020-01-07").event
    assert event.where == ["Leeds"]


def test_a_candidate_the_checker_would_flag_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    # Whatever the candidates' rules let through, the checks decide: a name the article never
    # writes and a place it never names do not reach the result.
    text = "Tom Homan said 498 people were arrested in Philadelphia on Wednesday."
    monkeypatch.setattr(offline_event, "_who", lambda *a: ["Boris Johnson", "Tom Homan"])
    monkeypatch.setattr(offline_event, "_where", lambda *a: ["Boston", "Philadelphia"])
    event = OfflineEngine().summarize(text).event
    assert (event.who, event.where) == (["Tom Homan"], ["Philadelphia"])


_TOKENS = [
    *("Putin Vladimir aboutVladimir iPhone eBay YouTube 5G $4M Mr. Sen. ICE U.S. FBI".split()),
    *("New York London Texas Monday yesterday 498 1,200 $1.2bn 3.5% nearly million".split()),
    *("said the a of and in on people were arrested police The It Two Click share".split()),
    *("McDonald O’Brien Jean-Claude Juncker Mazar-i-Sharif Immigration Customs".split()),
    *("Enforcement Department Justice Trump Donald Clinton’s al-Assad Bashar St. Louis".split()),
    *(". . , ; : — “ ” ( ) ’s".split()),
    "\n\n",
    "https://t.co/AbC12",
    "pic.twitter.com/mzvFqiR3zt",
    "@cspan",
    "#Brexit",
    "May 4, 2016",
]
_ATTACHED = frozenset(".,;:”)’s")


def _join(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        glue = t in _ATTACHED or not out or out.endswith(("\n", "“", "("))
        out += t if glue else " " + t
    return out


_TEXT = st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=50).map(_join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(_TEXT, st.text(min_size=1, max_size=120)),
    st.none() | _TEXT,
    st.none() | st.dates().map(lambda d: d.isoformat()),
)
# Inputs hypothesis found, kept: a word glued to a number before it labels no number after it
# ("0B 0"); a label the article reads as the claim does, though no whole word ("{B 0¹"); a
# control character is the space the summary gets ("@\x1f0": no e-mail address), also between a
# label's word and its number (":B\x1f0À").
@example("0B 0", None, None)
@example(":B\x1f0À", None, None)
# A summary's clause drops a comma or squashes a line break, and "498 498" is one number: the
# scan reads it so before a comma too, and the engine keeps whitespace between digits.
@example("498 498,", None, None)
@example("0", "498 \n\n498", None)
@example(
    "The council said prices rose to 498\n\n498 people came to the hall. It was 5.", None, None
)
@example("Tickets cost $5\n\nbillion. It rose 5\n%.", "Cost $5\n\nbillion", None)
@example("498", "one\n\nmillion", None)
@example("dozens  million", None, None)
# The clause cut of the event's what reads a date whose year the article's "2016 million" took.
@example("Putin were May 4, 2016 million", None, None)
@example("0", "Putin " * 17 + "May 4, 2016 million", None)  # the headline's cut, the same
# A piece without a sentence end ("#Brexit") joined by a space to the next piece's "Putin" made
# a name the article never writes; a blank line ends a name in the article and in the summary.
@example("Putin #Brexit \n\n. Putin in Putin Putin Putin Putin", None, None)
@example("{B 0¹", None, None)
@example("@\x1f0", None, None)
def test_for_any_text_the_offline_result_has_no_claim_error(
    text: str, title: str | None, published: str | None
) -> None:
    summary: Summary = OfflineEngine().summarize(text, title=title, published=published)
    checked = check(text, summary, title=title, published=published)
    errors = [
        i.message
        for i in checked.verification.issues
        if i.severity == "error" and i.path.startswith(CLAIM_FIELDS)
    ]
    assert errors == []


@pytest.mark.parametrize("text", ["***", "— — …", '"  "', "...", "🙂 ✔"])
def test_the_placeholder_of_a_text_without_words_passes_its_own_check(text: str) -> None:
    # Nothing to summarise: the engine says so, and `check` of its own result agrees.
    summary = OfflineEngine().summarize(text)
    assert summary.summary == "The article has no text to summarise."
    assert _claim_errors(text) == []


def test_the_placeholder_of_an_article_with_words_is_flagged() -> None:
    # "The article has no text to summarise." said of an article with words is not true.
    placeholder = OfflineEngine().summarize("***")
    checked = check("The council approved the budget on Monday.", placeholder)
    paths = [i.path for i in checked.verification.issues if i.severity == "error"]
    assert "summary" in paths
