"""Photo and agency credits are page furniture: no prose, no name, no speaker, no `who`.

A credit line ("(Photo: John Smith/AP)", "AFP via Getty Images", "Reuters/Kevin Lamarque",
"Credit: ...", "Photograph: ...", a caption's "Image caption") says who took a picture; the
person it names said nothing in the story, and the agency is no person. An agency the story
quotes as a source ("Reuters reported", "told AFP") stays a source.
"""

from __future__ import annotations

import pytest

from summarizer.engines.offline import OfflineEngine
from summarizer.evidence.boilerplate import body_sentences, boilerplate_spans
from summarizer.evidence.names import name_index
from summarizer.evidence.quotes import find_quoted_passages

CREDITS = [
    "Getty Images",
    "(Photo: John Smith/AP)",
    "AFP via Getty Images",
    "Neilson Barnard via Getty Images",
    "MICHAEL B. THOMAS via Getty Images",
    "Reuters/Kevin Lamarque",
    "Kevin Lamarque/Reuters",
    "John Moore/Getty Images",
    "Credit: Kevin Lamarque/Reuters",
    "Photograph: Kevin Lamarque/Reuters",
    "Photo: Jane Roe for The Guardian",
    "Image caption",
    "Image copyright Getty Images",
    "(Melina Mara/The Washington Post)",
    "Image source, Getty Images",
    "Credit...Doug Mills/The New York Times",
    "[File: Kevin Lamarque/Reuters]",
    "Photo by Jane Roe/AFP",
]


def _covered(text: str, piece: str) -> bool:
    at = text.index(piece)
    return any(s <= at and at + len(piece) <= e for s, e in boilerplate_spans(text))


@pytest.mark.parametrize("credit", CREDITS)
def test_a_credit_is_page_furniture(credit: str) -> None:
    text = f"The mayor opened the bridge on Monday.\n\n{credit}\n\nThe bridge cost $20 million."
    assert _covered(text, credit)
    sentences = [text[s:e] for s, e in body_sentences(text)]
    assert not any(credit in s for s in sentences)


@pytest.mark.parametrize("credit", CREDITS)
def test_no_name_is_read_from_a_credit(credit: str) -> None:
    text = f"The mayor opened the bridge on Monday.\n{credit}\nThe bridge cost $20 million."
    lo = text.index(credit)
    names = [m.text for m in name_index(text).mentions if lo <= m.start < lo + len(credit)]
    assert names == []


@pytest.mark.parametrize(
    "prose",
    [
        "A Reuters/Ipsos poll showed Trump leading the field.",
        "The photo agency Getty Images sued the search engine, Reuters reported.",
        "The mayor said the image was fake.",
        "Photographer John Smith said he took the picture at dawn.",
    ],
)
def test_prose_that_names_an_agency_is_kept(prose: str) -> None:
    text = f"The mayor opened the bridge on Monday. {prose}"
    assert [text[s:e] for s, e in body_sentences(text)][-1] == prose


def test_a_person_named_only_in_a_credit_is_not_the_speaker() -> None:
    text = (
        "The mayor opened the bridge on Monday.\n\n(Photo: John Smith/AP)\n\n"
        "“We waited years,” Smith said."
    )
    assert [p.speaker for p in find_quoted_passages(text)] == ["Smith"]


def test_a_quote_after_a_credit_is_not_the_agency_s() -> None:
    text = (
        '"We have found nothing new," said Mr Comey in a letter to Congress today. '
        '(Photo: Getty Images) "Since my letter, the team has been working around the clock." '
        "Clinton kept her own email server in her home. Getty Images 9 Trump told supporters "
        'he was furious. But he also criticised Clinton, calling her "extremely careless" '
        "with secrets."
    )
    speakers = [p.speaker for p in find_quoted_passages(text)]
    assert "Getty Images" not in speakers
    assert speakers[0] is not None and speakers[0].endswith("Comey")


def test_an_agency_quoted_as_a_source_stays_the_source() -> None:
    text = (
        "The spokesman said the fighters had been sent “to destroy the consulate,” Reuters "
        "reported. “The explosion was very strong,” he told AFP."
    )
    assert [p.speaker for p in find_quoted_passages(text)][0] == "Reuters"


def test_the_agency_of_a_dateline_is_no_one_of_the_event() -> None:
    text = (
        "RENO, Nev. (AP) — Donald Trump says he no longer watches football much.\n\n"
        "Washington (AFP) – Ted Cruz has organised well."
    )
    summary = OfflineEngine().summarize(text)
    assert not {"AP", "AFP"} & set(summary.event.who)


def test_credit_lines_are_not_in_the_offline_summary() -> None:
    text = (
        "Hillary Clinton kept her own email server in her home in Chappaqua, New York.\n\n"
        "Neilson Barnard via Getty Images.\n\n"
        "The FBI reviewed the emails found on the device over eight days.\n\n"
        "John Moore/Getty Images.\n\nThe director said the review found no new evidence."
    )
    summary = OfflineEngine().summarize(text)
    assert "Getty" not in summary.summary
    assert not any("Getty" in w or "Barnard" in w for w in summary.event.who)


@pytest.mark.parametrize(
    "line",
    [
        "(Reporting by Will Dunham; Editing by Tom Brown)",
        "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly",
        "Related: Possible Water Plumes on Europa: The Discovery in Images",
        "READ MORE: Mayor Jane Roe quits after bridge row",
        "Article Continued Below",
        "Story continues below",
        "Originally published on Live Science.",
        "Follow Jane Roe on Twitter",
        "© 2019 CBS Interactive Inc. All Rights Reserved.",
    ],
)
def test_a_sign_off_or_a_pointer_to_another_story_is_furniture(line: str) -> None:
    text = f"The mayor opened the bridge on Monday.\n\n{line}\n\nPaganini said it was late."
    assert _covered(text, line)
    lo = text.index(line)
    assert [m.text for m in name_index(text).mentions if lo <= m.start < lo + len(line)] == []
    assert [p.text for p in name_index(text).mentions][-1] == "Paganini"


def test_each_cue_runs_only_where_its_opening_text_stands() -> None:
    # The opening text each cue is gated by is what every match of it starts with.
    from summarizer.evidence import boilerplate

    text = "\n\n".join(CREDITS) + " Skip Ad x Embed 57 show all 1 of 9 Full Screen Close"
    for lead, cue in boilerplate._CUES:
        for m in cue.finditer(text):
            assert m.group().startswith(lead), (lead, cue.pattern)
    assert boilerplate._literal_prefix(r"\(Opens in new window\)") == "(Opens in new window)"
    assert boilerplate._literal_prefix(r"Photos?: ") == "Photo"
    assert boilerplate._literal_prefix(r"(?:Photo|Image) caption") == ""
    assert boilerplate._literal_prefix(r"Get \w+ updates") == "Get "
