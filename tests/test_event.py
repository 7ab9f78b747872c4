"""The offline engine's event: who, where, when/date and what, from the title and the lead."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from summarizer import check
from summarizer.cli import app
from summarizer.engines.offline import OfflineEngine

TEXT = (
    "Photo LONDON -- At least seven people were killed and dozens more were injured when a tram "
    "derailed in Croydon on Wednesday, the British Transport Police said. The driver, a "
    "42-year-old man, was arrested. Sadiq Khan, the Mayor of London, said the city was in "
    "mourning. Investigators said the tram was going too fast. An earlier crash, on October 28, "
    "hurt nobody."
)
TITLE = "Tram Derails in Croydon, Near London, Killing at Least 7"


def _checked_event(text: str, published: str) -> tuple[str | None, str | None]:
    """The offline engine's `event.when` and `event.date` for `text`, which the checker reads
    as the engine does: no issue at `event.date`."""
    result = OfflineEngine().summarize(text, published=published)
    checked = check(text, result, published=published)
    assert not [i for i in checked.verification.issues if i.path == "event.date"]
    return result.event.when, result.event.date


def test_event_from_title_and_lead() -> None:
    event = OfflineEngine().summarize(TEXT, title=TITLE, published="2016-11-10").event
    assert event.who[0] == "At least seven people"
    assert "British Transport Police" in event.who
    assert event.where[0] == "LONDON"  # the dateline
    assert "Croydon" in event.where
    assert event.when == "on Wednesday"
    assert event.date == "2016-11-09"  # resolved against publication, not October 28
    assert event.what == "Tram Derails in Croydon"


def test_without_a_publication_date_a_relative_day_has_no_date() -> None:
    event = OfflineEngine().summarize(TEXT).event
    assert event.when == "on Wednesday"
    assert event.date is None
    assert event.what == "At least seven people were killed and dozens more were injured"


def test_explicit_dates_are_taken_as_written() -> None:
    text = "The treaty was signed in Paris on March 3, 2016, by the ministers of both states."
    event = OfflineEngine().summarize(text, published="2016-03-10").event
    assert (event.when, event.date) == ("on March 3, 2016", "2016-03-03")


def test_a_clock_time_alone_is_the_day_of_publication() -> None:
    text = "A fire broke out at a warehouse in Leeds at around 6am, the fire service said."
    event = OfflineEngine().summarize(text, published="2016-11-09").event
    assert (event.when, event.date) == ("at around 6am", "2016-11-09")
    assert event.where == ["Leeds"]


def test_an_article_naming_no_day_is_of_its_publication_day_and_passes_the_check() -> None:
    text = "Toblerone has widened the gaps between its peaks, and fans in Britain are angry."
    assert _checked_event(text, "2016-11-08") == (None, "2016-11-08")
    # With no publication date there is no day to give.
    assert OfflineEngine().summarize(text).event.date is None


def test_the_cli_reads_what_feeds_carry_as_published(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(
        '{"id": "a", "text": "The council met on Tuesday and approved the plan.", '
        '"published": "Wed, 09 Nov 2016 14:30:00 +0000"}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["summarize", "--engine", "offline", "-f", "jsonl", str(src)])
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if x.startswith("{")]
    record = json.loads(line)
    assert record["article"]["published"] == "2016-11-09"
    assert record["summary"]["event"]["date"] == "2016-11-08"


def test_an_unreadable_published_is_a_one_line_error_naming_the_field(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("The council met on Tuesday and approved the plan.", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["summarize", "--engine", "offline", "--published", "soon", str(src)]
    )
    assert result.exit_code != 0
    message = result.output.strip()
    assert "--published" in message and "soon" in message and len(message.splitlines()) == 1


def test_a_day_named_after_the_lead_is_background_and_the_undated_lead_is_of_its_day() -> None:
    text = (
        "The three remaining victims of the Croydon tram crash have been named by police, "
        "who said that all seven families had now been told. They are Donald Collett, 62, "
        "Philip Logan, 52, and Robert Huxley, 63, all from south London. Their families paid "
        "tribute to three men they described as kind, funny and devoted to their grandchildren. "
        "The tram derailed on Wednesday, killing seven people."
    )
    assert _checked_event(text, "2016-11-12") == (None, "2016-11-12")


def test_an_undated_lead_takes_the_latest_day_of_the_news_cycle_named_further_on() -> None:
    text = (
        "Hillary Clinton has blamed her defeat in the US presidential election on the FBI "
        "director and his letter to Congress about her emails in the last days of the race. "
        "The letter had stopped her campaign's momentum just as it was gaining ground in the "
        "swing states, Mrs Clinton said. She was speaking to party donors in a phone call, "
        "which was leaked to the media. Protests have continued since the result "
        "was confirmed on Wednesday. Mrs Clinton told the donors on a conference call on "
        "Saturday that the letter was to blame."
    )
    # Published on a Sunday.
    assert _checked_event(text, "2016-11-13") == ("on Saturday", "2016-11-12")


def test_what_is_to_come_a_quoted_day_and_a_post_s_date_are_not_the_news_day() -> None:
    lead = (
        "The city council has approved the new budget after a long and bitter debate over "
        "the cost of the schools, the roads and the libraries. Councillors voted for it by a "
        "wide margin, with only the opposition's five members against. The mayor welcomed the "
        "result and thanked the officials who had drafted the plan over the summer. "
    )
    for later in (
        "The budget will be published on Sunday.",
        '"We worked on it until yesterday," the mayor said.',
        "Great news -- Jo Bloggs (@jobloggs) November 12, 2016",
        "The vote was held at around 6pm.",
    ):
        event = OfflineEngine().summarize(lead + later, published="2016-11-13").event
        assert (event.when, event.date) == (None, "2016-11-13"), later


def test_a_coarse_period_gives_no_day_and_leaves_the_publication_day() -> None:
    # "last week", "this month" name no one day (a coders' date for them is the publication
    # day's, as for "2016"), and in a lead they are as often background ("in retaliation for
    # air strikes last week"): no `when` of their own, and the undated lead's rule stands.
    for period in ("last week", "earlier this month", "this year", "last month"):
        text = (
            "A suicide bomber has rammed a truck into a German consulate in Afghanistan, killing "
            f"at least six civilians. The Taliban said it was revenge for air strikes {period}."
        )
        assert _checked_event(text, "2016-11-11") == (None, "2016-11-11"), period


def test_a_weekday_in_a_future_clause_is_the_next_such_day() -> None:
    text = "Lewis Hamilton will race for the title in Abu Dhabi on Sunday, his team said."
    result = OfflineEngine().summarize(text, published="2016-11-16")  # a Wednesday
    assert (result.event.when, result.event.date) == ("on Sunday", "2016-11-20")
    assert not check(text, result, published="2016-11-16").verification.issues
    past = "Lewis Hamilton won the race in Sao Paulo on Sunday, his team said."
    assert OfflineEngine().summarize(past, published="2016-11-16").event.date == "2016-11-13"


def test_a_timetabled_present_is_a_plan_for_the_engine_and_the_checker() -> None:
    text = (
        "The climate summit opens Monday in Marrakesh with leaders from 150 countries. "
        "Organisers expect protests. Security has been tightened around the venue."
    )
    result = OfflineEngine().summarize(text, published="2016-11-02")  # a Wednesday
    assert (result.event.when, result.event.date) == ("Monday", "2016-11-07")
    assert not check(text, result, published="2016-11-02").verification.issues
    # The Monday before is no day the text gives: the checker reads the clause the same way.
    summary = result.model_dump()
    summary["event"]["date"] = "2016-10-31"
    checked = check(text, summary, published="2016-11-02")
    assert [i.path for i in checked.verification.issues if i.severity == "error"] == ["event.date"]


def test_a_time_and_its_day_are_one_when() -> None:
    text = (
        "A rescue operation is underway in China to save a boy who fell into a well. The boy "
        "plummeted into the well at around 11am local time on Sunday, Chinese media said."
    )
    event = OfflineEngine().summarize(text, published="2016-11-08").event
    assert event.when == "at around 11am local time on Sunday"
    assert event.date == "2016-11-06"


def test_without_publication_a_lead_date_takes_the_article_s_year() -> None:
    text = (
        "Chicago Cubs players celebrated their Nov. 2 World Series victory. The city partied. "
        "Nov. 2, 2016 The Cubs celebrate after winning the World Series."
    )
    result = OfflineEngine().summarize(text)
    assert (result.event.when, result.event.date) == ("Nov. 2", "2016-11-02")
    checked = check(text, result)
    assert not [i for i in checked.verification.issues if i.path == "event.date"]
    assert [c.status for c in checked.verification.claims if c.path == "event.date"] == [
        "normalized"
    ]


def test_a_lead_of_short_sentences_runs_to_its_first_fifty_words() -> None:
    text = (
        "Chicago Cubs players celebrate on the field after winning the World Series. "
        "The Cubs are champions. Few expected to write that. But on Wednesday, it happened. "
        "Fans partied all night long in the streets of the city."
    )
    event = OfflineEngine().summarize(text, published="2016-11-03").event
    assert (event.when, event.date) == ("on Wednesday", "2016-11-02")


def test_the_reporter_s_day_is_preferred_to_a_quoted_one() -> None:
    text = (
        "Billy Bush is joining the ''Today'' show as an anchor, NBC announced on Tuesday. "
        'It is a promotion. "I am honoured to be here today," he said on Wednesday.'
    )
    event = OfflineEngine().summarize(text, published="2016-05-18").event
    assert (event.when, event.date) == ("on Tuesday", "2016-05-17")
    # A quoted title names no day at all, even when nothing else in the lead does.
    show = 'Clinton said the Russians hacked the party, in an interview with "Fox News Sunday."'
    assert OfflineEngine().summarize(show, published="2016-07-31").event.when is None


def test_a_dateline_s_day_is_what_the_engine_and_the_checker_count_from() -> None:
    text = (
        "WASHINGTON, Nov 6 (Reuters) - The FBI said on Sunday it stood by its earlier finding "
        "that no charges were warranted. Democrats welcomed the news. Republicans did not."
    )
    # Posted a day later than filed: "Sunday" is the dateline's day either way, and
    # "Monday" would be the day before the dateline's, not the page's day.
    result = OfflineEngine().summarize(text, published="2016-11-07")
    assert (result.event.when, result.event.date) == ("on Sunday", "2016-11-06")
    assert not check(text, result, published="2016-11-07").verification.issues
    # A lead naming no day is of the day the story was filed, the dateline's.
    undated = "LONDON, Nov 6 (Reuters) - Toblerone has changed its shape. Fans are angry."
    result = OfflineEngine().summarize(undated, published="2016-11-07")
    assert (result.event.when, result.event.date) == (None, "2016-11-06")
    assert not check(undated, result, published="2016-11-07").verification.issues


def test_posts_embedded_from_after_published_date_the_page() -> None:
    text = (
        "Toblerone has widened the gaps between its peaks, and fans are angry. "
        "Typical cost cutting -- Angela Night (@Angelheartnight) November 8, 2016 "
        "The company said costs had risen."
    )
    assert _checked_event(text, "2016-02-08")[1] == "2016-11-08"


def test_the_news_day_outranks_a_coming_one_in_its_sentence() -> None:
    # "said on Friday that it will vote on Monday": the news is the saying, whatever comes later.
    for lead in (
        "The council said on Friday that it will vote on the plan on Monday.",
        "The council will vote on the plan on Monday, officials said on Friday.",
        "On Friday, the council said it will vote on the plan on Monday.",
        "As of early Friday, it appears that when the council meets on Saturday it will vote.",
    ):
        text = lead + " The mayor welcomed the move. Critics said nothing."
        event = OfflineEngine().summarize(text, published="2016-11-11").event
        assert event.date == "2016-11-11", lead
    # A sentence whose only day is to come gives that day.
    text = "The council will vote on the plan on Monday. The mayor welcomed the move."
    assert OfflineEngine().summarize(text, published="2016-11-11").event.date == "2016-11-14"
