"""A page's stamp of its own dates ("Published: 08:30 GMT, 8 November 2016 | Updated: ...") is
boilerplate: no part of the prose, the headline or the event, and no day of the story."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import check, summarize
from summarizer.dates import resolve_event_date
from summarizer.evidence.boilerplate import prose_sentences

BODY = (
    "The minister resigned after a row over expenses. Critics welcomed the move. "
    "The party said it would choose a successor within weeks."
)
PUBLISHED = "2016-11-09"

STAMPS = [
    "Last modified on Wed 9 Nov 2016 10.49 GMT",
    "First published on Tue 8 Nov 2016 23.49 GMT",
    "Published: 08:30 GMT, 8 November 2016 | Updated: 12:41 GMT, 9 November 2016",
    "PUBLISHED: 17:04, Tue, Nov 8, 2016 | UPDATED: 09:12, Wed, Nov 9, 2016",
    "Updated 9:34 PM ET, Tue November 8, 2016",
    "Posted: Tuesday, November 8, 2016 10:31 PM",
    "Posted on Nov. 8, 2016 at 10:31 p.m.",
]


@pytest.mark.parametrize("stamp", STAMPS)
def test_a_stamp_is_no_part_of_the_prose(stamp: str) -> None:
    text = f"{stamp} {BODY}"
    first = prose_sentences(text)[0]
    assert text[first[0] : first[1]] == "The minister resigned after a row over expenses."


@pytest.mark.parametrize("stamp", STAMPS)
def test_a_stamp_changes_nothing_of_the_summary(stamp: str) -> None:
    plain = summarize(BODY, published=PUBLISHED, engine="offline").summary
    stamped = summarize(f"{stamp} {BODY}", published=PUBLISHED, engine="offline").summary
    # A stamp's clock times and years are the page's furniture, no statistic of the story.
    assert (stamped.headline, stamped.summary, stamped.event, stamped.statistics) == (
        plain.headline,
        plain.summary,
        plain.event,
        plain.statistics,
    )
    # The lead names no day: the story is of its publication day, whatever the page's stamp.
    assert stamped.event.when is None
    assert stamped.event.date == PUBLISHED


@pytest.mark.parametrize("stamp", STAMPS)
def test_the_checker_reads_a_stamped_page_as_the_engine_does(stamp: str) -> None:
    text = f"{stamp} {BODY}"
    assert resolve_event_date(PUBLISHED, text, PUBLISHED) == PUBLISHED
    summary = {"headline": "", "summary": "", "event": {"what": "", "date": PUBLISHED}}
    issues = check(text, summary, published=PUBLISHED).verification.issues
    assert not [i for i in issues if i.path == "event.date"]


@pytest.mark.parametrize(
    "prose",
    [
        "Updated 2016 figures show a rise in May.",  # a label with no month or time after it
        "The report was Published in May by the council.",
        "Posted workers from Poland arrived on Monday.",
    ],
)
def test_prose_that_starts_like_a_stamp_stays(prose: str) -> None:
    (only,) = prose_sentences(prose)
    assert only == (0, len(prose))


_MONTHS = ["January", "Jan", "Feb.", "March", "Sept.", "Sep", "November", "Nov", "Nov."]
_WEEKDAYS = ["Monday", "Mon", "Tues", "Wed", "Thursday", "Thurs", "Sat", "Sunday"]


@st.composite
def stamps(draw: st.DrawFn) -> str:
    """A stamp as pages write one: a label, then a day, a month, a year, a time in any order
    news sites use."""
    label = draw(st.sampled_from(["Published", "PUBLISHED", "Updated", "Last updated", "Posted"]))
    day = date(2016, 1, 1) + timedelta(days=draw(st.integers(0, 365)))
    month = draw(st.sampled_from(_MONTHS))
    weekday = draw(st.sampled_from(["", *(w + ", " for w in _WEEKDAYS)]))
    clock = draw(st.sampled_from(["", "08:30", "9:34 PM", "17.04 GMT", "10:31 p.m. ET"]))
    when = draw(
        st.sampled_from(
            [
                f"{weekday}{month} {day.day}, {day.year}",
                f"{weekday}{day.day} {month} {day.year}",
            ]
        )
    )
    sep = draw(st.sampled_from([" ", ": ", " on ", " at "]))
    if clock and draw(st.booleans()):
        return f"{label}{sep}{clock}, {when}"
    return f"{label}{sep}{when} {clock}".rstrip()


@settings(max_examples=40, deadline=None)
@given(stamps())
def test_any_stamp_leaves_the_prose_as_it_is(stamp: str) -> None:
    text = f"{stamp} {BODY}"
    offset = len(stamp) + 1
    shifted = [(s - offset, e - offset) for s, e in prose_sentences(text)]
    assert shifted == list(prose_sentences(BODY))
