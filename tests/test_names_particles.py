"""Names with particles as international news writes them: as speakers, aliases and claims."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.api import check
from summarizer.evidence import gather
from summarizer.evidence.lexicon import GLUED_NAME_PARTICLES, NAME_PARTICLES
from summarizer.evidence.names import (
    expand_name,
    opens_with_particle,
    past_glued_particle,
    person_names,
    role_holder,
)


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("Mahmoud al-Masri fled Khan Younis.", "al-Masri", "Mahmoud al-Masri"),
        ("Mahmoud al-Masri fled Khan Younis.", "Al-Masri", "Mahmoud al-Masri"),
        ("Mahmoud al-Masri fled Khan Younis.", "Mr Masri", "Mahmoud al-Masri"),
        ("Crown Prince Mohammed bin Salman spoke.", "Mr bin Salman", "Mohammed bin Salman"),
        ("Ursula von der Leyen spoke.", "Ms von der Leyen", "Ursula von der Leyen"),
        ("Ursula von der Leyen spoke.", "Von der Leyen", "Ursula von der Leyen"),
        ("Luiz Inácio Lula da Silva spoke.", "Lula", "Luiz Inácio Lula da Silva"),
        ("Luiz Inácio Lula da Silva spoke.", "da Silva", "Luiz Inácio Lula da Silva"),
        ("Valéry Giscard d’Estaing spoke.", "Giscard d’Estaing", "Valéry Giscard d’Estaing"),
    ],
)
def test_a_short_form_expands_to_the_full_name(text: str, short: str, full: str) -> None:
    assert full in person_names(text)
    assert expand_name(text, short) == full


def test_the_word_before_a_particle_is_no_alias_when_two_people_share_it() -> None:
    text = "Luiz Inácio Lula da Silva met Maria Lula dos Santos."
    assert expand_name(text, "Lula") == "Lula"


def test_particle_helpers() -> None:
    assert past_glued_particle("al-Masri") == "Masri"
    assert past_glued_particle("Al-Masri") == "Masri"
    assert past_glued_particle("royal-Blue") == "royal-Blue"
    assert opens_with_particle("von der Leyen") and opens_with_particle("el-Sisi")
    assert not opens_with_particle("do Americans") and not opens_with_particle("Leyen")


def test_role_holder() -> None:
    text = (
        "Prime Minister Anthony Albanese and Finance Minister Jim Chalmers visited Perth. "
        "“We will build,” the prime minister said."
    )
    at = text.index("the prime minister")
    assert role_holder(text, at, "the prime minister") == "Anthony Albanese"
    assert role_holder(text, at, "the minister") == "Jim Chalmers"  # not the prime minister
    assert role_holder(text, at, "the treasurer") is None  # nobody is named as one
    assert role_holder(text, at, "the spokesman of Perth") is None  # no title phrase


def _summary(headline: str, summary: str, who: list[str]) -> dict[str, object]:
    return {"headline": headline, "summary": summary, "event": {"what": "met", "who": who}}


_ARTICLE = (
    "Ursula von der Leyen, the European Commission president, met Mahmoud al-Masri in "
    "Brussels on Monday.\n\n“Europe stands united with its partners,” von der Leyen said.\n\n"
    "The talks covered trade and migration.\n\n"
    "“We are ready to listen, but we need guarantees,” said al-Masri.\n\n"
    "Taoiseach Micheál Martin joined by video link.\n\n"
    "“Ireland backs the deal fully,” the Taoiseach said.\n"
)


def _errors(summary: dict[str, object]) -> list[str]:
    issues = check(_ARTICLE, summary).verification.issues
    return [i.path for i in issues if i.severity == "error"]


def test_names_with_particles_are_grounded_claims() -> None:
    good = _summary(
        "Von der Leyen meets al-Masri",
        "Ms von der Leyen met Mr al-Masri in Brussels.",
        ["Ursula von der Leyen", "al-Masri"],
    )
    assert _errors(good) == []


def test_a_name_the_article_never_gives_is_still_flagged() -> None:
    bad = _summary(
        "Von der Leyen meets al-Baghdadi",
        "Ursula von der Leyen met Hans van der Berg.",
        ["al-Zawahiri"],
    )
    assert set(_errors(bad)) == {"headline", "summary", "event.who[0]"}


def test_speakers_with_particles_and_title_holders() -> None:
    right = [
        ("Europe stands united with its partners,", "von der Leyen"),
        ("We are ready to listen, but we need guarantees,", "Mahmoud al-Masri"),
        ("Ireland backs the deal fully,", "Micheál Martin"),
    ]
    summary = {**_summary("Talks in Brussels", "Leaders met in Brussels.", []), "quotes": []}
    summary["quotes"] = [{"text": t, "speaker": s} for t, s in right]
    assert [p for p in _errors(summary) if p.startswith("quotes")] == []
    swapped = [(t, s) for (t, _), (_, s) in zip(right, [*right[1:], right[0]], strict=True)]
    summary["quotes"] = [{"text": t, "speaker": s} for t, s in swapped]
    assert [p for p in _errors(summary) if p.startswith("quotes")] == [
        "quotes[0].speaker",
        "quotes[1].speaker",
        "quotes[2].speaker",
    ]


_FIRST = st.sampled_from(["Hassan", "Maria", "Olaf", "Ursula", "Abdel", "Luiz", "Gerard"])
_SURNAME = st.sampled_from(["Masri", "Santos", "Solms", "Leyen", "Horst", "Khalifa", "Berg"])


@settings(max_examples=200, deadline=None)
@given(
    _FIRST,
    st.sampled_from([*(p + " " for p in NAME_PARTICLES), *GLUED_NAME_PARTICLES]),
    _SURNAME,
)
def test_any_particle_name_speaks_in_full(first: str, particle: str, surname: str) -> None:
    """Whatever the particle, the full name is the speaker, and the surname with its particle
    said later is the same person."""
    full = f"{first} {particle}{surname}"
    later = f"{particle}{surname}"
    text = f"{full} arrived on Monday.\n\n“We are ready,” said {full}.\n\n“Yes,” {later} said."
    assert [p.speaker for p in gather(text).passages] == [full, full]
