"""Speaker attribution around quoted passages, and the helpers the checker uses."""

from __future__ import annotations

from summarizer.evidence.attribution import names_near
from summarizer.evidence.names import (
    person_names,
    speaker_role,
    split_role,
)
from summarizer.evidence.quotes import find_quoted_passages


def speakers(text: str) -> list[str | None]:
    return [p.speaker for p in find_quoted_passages(text)]


def test_quote_then_name_said() -> None:
    assert speakers("“Taxes will fall,” Jane Okafor said.") == ["Jane Okafor"]


def test_name_said_colon_then_quote() -> None:
    assert speakers("Jane Okafor said: “Taxes will fall.”") == ["Jane Okafor"]


def test_inverted_said_name_title() -> None:
    text = "“Growth is back,” said Geoff Garin, a Democratic pollster."
    p = find_quoted_passages(text)[0]
    assert p.speaker == "Geoff Garin"
    assert p.cue == "said"
    assert p.speaker_span is not None and text[slice(*p.speaker_span)] == "Geoff Garin"


def test_descriptive_speaker_kept_as_written() -> None:
    assert speakers("“No comment,” the spokesman said.") == ["the spokesman"]
    assert speakers("“Case closed,” said one senior official.") == ["one senior official"]


def test_title_run_split_from_name() -> None:
    text = "“We will act,” ICE Acting Director Tom Homan said."
    assert speakers(text) == ["Tom Homan"]
    assert split_role("ICE Acting Director Tom Homan") == ("Tom Homan", "ICE Acting Director")


def test_appositive_between_name_and_verb() -> None:
    text = (
        "Maria Lopez, executive director of the Coalition for Fair Housing, called the plan "
        "“a disgrace.”"
    )
    p = find_quoted_passages(text)[0]
    assert p.speaker == "Maria Lopez"
    assert p.kind == "partial"
    assert speaker_role(text, "Maria Lopez") == (
        "executive director of the Coalition for Fair Housing"
    )


def test_surname_expanded_to_full_name() -> None:
    text = "Maria Lopez runs the group.\n\n“We are ready,” Lopez said."
    assert speakers(text) == ["Maria Lopez"]
    nyt = "Geoff Garin is a pollster.\n\n''It is over,'' Mr. Garin added."
    assert speakers(nyt) == ["Geoff Garin"]


def test_pronoun_resolved_to_nearest_person() -> None:
    text = "Mayor Ann Brooks visited the site on Monday.\n\n“It is a tragedy,” she said."
    p = find_quoted_passages(text)[0]
    assert p.speaker == "Ann Brooks"
    assert p.speaker_is_pronoun
    assert p.speaker_span is not None and text[slice(*p.speaker_span)] == "she"


def test_chain_of_quotes_inherits_speaker() -> None:
    text = "“We lost,” Tom Reyes said. “But we will be back next year.”"
    assert speakers(text) == ["Tom Reyes", "Tom Reyes"]


def test_period_ended_quote_does_not_take_next_sentence_attribution() -> None:
    text = "“We are refugees,” Ms. Alawee said. “We are not terrorists.” Mr. Zahed said: “No.”"
    assert speakers(text) == ["Ms. Alawee", "Ms. Alawee", "Mr. Zahed"]


def test_continuation_paragraph_inherits_speaker() -> None:
    text = (
        "“We are clear,” Salas said. “ICE makes cities unsafe. \n\n"
        "We are deeply troubled,” she said. \n\nOther news."
    )
    assert speakers(text) == ["Salas", "Salas", "Salas"]


def test_according_to_the_agency_is_reported_as_written() -> None:
    # Issue 12: a descriptive source is the speaker as the article writes it, not a name found
    # elsewhere (the checker still accepts the organisation it stands for).
    text = (
        "U.S. Immigration and Customs Enforcement ran the sweep.\n\n"
        "Agents targeted regions “where detainers are not honored,” according to the agency."
    )
    assert speakers(text) == ["the agency"]


def test_a_speaker_phrase_ends_before_its_verb() -> None:
    assert speakers("“Not now,” the federal judge had said.") == ["the federal judge"]
    assert speakers("“No,” voters shouldn’t be told, the spokesman said.") == ["voters"]


def test_participle_takes_the_sentence_subject() -> None:
    text = "Trump defended the incident, calling the protester “a very obnoxious guy.”"
    assert speakers(text) == ["Trump"]


def test_person_names_and_names_near() -> None:
    text = (
        "Tom Homan leads the agency. Angelica Salas disagrees.\n\n"
        "“It is cruel,” Salas said.\n\nHoman did not reply."
    )
    assert person_names(text) == ["Tom Homan", "Angelica Salas"]
    p = find_quoted_passages(text)[0]
    near = names_near(text, p.start, p.end)
    assert "Salas" in near and "Angelica Salas" in near
    assert names_near(text, -5, 10_000)  # out-of-range offsets are clamped, not errors
    assert names_near("", 0, 0) == []


def test_a_place_after_a_preposition_is_no_subject() -> None:
    text = (
        "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton went further, saying the "
        "country should “lead the coalition.”"
    )
    assert speakers(text) == ["Mrs. Clinton"]


def test_a_dateline_is_no_subject() -> None:
    text = (
        "WASHINGTON — Sen. Chuck Grassley on Wednesday played down the attack, comparing it "
        "to “a wise Latina.”"
    )
    assert speakers(text) == ["Chuck Grassley"]
    text = "Washington (AFP) – Hillary Clinton swiped at Trump, saying “bombastic comments” hurt."
    assert speakers(text) == ["Hillary Clinton"]
    # The dateline's own grammar (boilerplate's), a hyphen for its dash included.
    text = "CHICAGO - Rahm Emanuel may have lost ground, ahead of “Chuy” Garcia’s rise."
    assert speakers(text) == ["Rahm Emanuel"]
    # A digest's run-in head in capitals, further on: no dateline, and no speaker either.
    text = (
        "Mark Levine spoke at the gala.\n\nFAREWELL—“The Living Room to close at the end "
        "of December,” the venue’s owners announced."
    )
    assert "FAREWELL" not in speakers(text)


def test_a_sentence_adverb_is_no_speaker() -> None:
    text = "Hours later, Jane Okafor spoke, telling reporters “we are ready.”"
    assert speakers(text) == ["Jane Okafor"]


def test_a_verb_after_a_name_closes_its_clause() -> None:
    text = (
        "The battle over whether Trump University is what former employees have called a "
        "“fraudulent scheme” went on."
    )
    assert speakers(text) == ["former employees"]
