"""Pronoun speakers: he/she stand for a person of that gender, never a company or a place."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence import gather
from summarizer.evidence.genders import first_name_gender

# First names' genders come with the `gender` extra (gender-guesser, GPL-3.0); dev installs it.
needs_first_names = pytest.mark.skipif(
    importlib.util.find_spec("gender_guesser") is None, reason="pip install '.[gender]'"
)


def speakers(text: str) -> list[str | None]:
    return [p.speaker for p in gather(text).passages]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Kinder Morgan announced the pipeline expansion on Monday. Analyst Rachel Notley of "
            "the firm's rival, Enbridge, criticised the plan.\n\n"
            '"This is a mistake for the province," she said.',
            ["Rachel Notley"],
            marks=needs_first_names,
        ),
        pytest.param(
            "Prime Minister Justin Trudeau met Premier Rachel Notley in Ottawa. "
            '"We will get it built," he said. "Alberta has waited long enough," she added.',
            ["Justin Trudeau", "Rachel Notley"],
            marks=needs_first_names,
        ),
        (
            "The lanky, bespectacled professor said the data was clear. "
            '"Nobody disputes it," he said.',
            ["the lanky, bespectacled professor"],
        ),
        (
            'Kinder Morgan chief executive Steve Kean defended it. "We are confident," he said.',
            ["Steve Kean"],
        ),
        # the other way round: gender decides, not order
        pytest.param(
            "Premier Rachel Notley met Prime Minister Justin Trudeau in Ottawa. "
            '"Alberta has waited long enough," she said. "We will get it built," he added.',
            ["Rachel Notley", "Justin Trudeau"],
            marks=needs_first_names,
        ),
        # an honorific outranks the first name
        (
            'Ms. Jean Okafor spoke in Toronto. "We are ready," she said.',
            ["Jean Okafor"],
        ),
        # a title before the name, and the speaker of a closing attribution
        (
            "Donald Trump spoke on Monday. President Obama rebuked his critics. "
            '"What would this label accomplish?" he said.',
            ["Obama"],
        ),
        (
            'Donald Trump spoke first. "We will win," said Bolton. "They will lose," he added.',
            ["Bolton", "Bolton"],
        ),
        # a body the text says is one is no "he"
        (
            'Adm. Harry Harris spoke in Hawaii. "It is unkind," Xinhua, the official news '
            'agency, said. "They try to demonize me," he said.',
            ["Xinhua", "Harry Harris"],
        ),
        # nothing compatible: the pronoun as written, never a wrong name
        ('Toyota opened a plant in Ottawa. "We are proud," she said.', ["she"]),
    ],
)
def test_pronoun_speakers(text: str, expected: list[str]) -> None:
    assert speakers(text) == expected


@needs_first_names
def test_first_names() -> None:
    assert first_name_gender("Rachel") == "female"
    assert first_name_gender("justin") == "male"
    assert first_name_gender("Pat") is None  # "andy": no answer
    assert first_name_gender("J.") is None


_MEN = ["John", "Michael", "David", "Robert", "James", "Thomas"]
_WOMEN = ["Mary", "Susan", "Linda", "Karen", "Patricia", "Elizabeth"]


@needs_first_names
@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(_MEN),
    st.sampled_from(_WOMEN),
    st.sampled_from(["Harlow", "Pemberton", "Castillo", "Nakamura"]),
    st.sampled_from(["Okafor", "Lindqvist", "Moreau", "Brennan"]),
    st.booleans(),
)
def test_she_never_resolves_to_a_man(
    man: str, woman: str, his: str, her: str, man_first: bool
) -> None:
    """Whoever is named first or last, "she" is the woman and "he" the man."""
    a, b = (f"{man} {his}", f"{woman} {her}")
    first, second = (a, b) if man_first else (b, a)
    text = (
        f"{first} met {second} in the capital. "
        '"We talked for an hour," she said. "It went well," he added.'
    )
    assert speakers(text) == [f"{woman} {her}", f"{man} {his}"]
