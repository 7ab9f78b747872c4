"""Issue 13, "any shape of text": an article with no line breaks gives the same quotes and
speakers as the same article with its paragraphs.

Articles are built from paragraphs of the common shapes (a quote with its attribution after or
before, a quote in two sentences, a partial quote inside paraphrase, narrative naming someone,
a quote with no attribution that continues the last speaker, a quote whose first paragraph
is left open and the next reopens it) and compared with their flattened
form (paragraphs joined by one space). Left out on purpose, because they need line breaks by
definition: a quote left open at a paragraph's end with no reopening mark after it (the
paragraph end closes it; flattened, it runs on), and headings with no final full stop (the line
break ends their "sentence").
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence import gather
from summarizer.evidence.text import RUN_ON

NAMES = ["Jane Okafor", "Tom Reed", "Maria Lopez", "Geoff Garin", "Ana Ruiz"]
SAYINGS = [
    "Taxes will fall next year",
    "We are ready for the vote",
    "Nobody expected the result",
    "The plan will cost too much",
]
FILLER = (
    "The council met on Tuesday in the old hall to discuss the budget for the coming year, "
    "which has been delayed twice already because of disagreements over road repairs."
)


def _paragraph(shape: int, name: str, saying: str) -> str:
    surname = name.split()[-1]
    return [
        f"“{saying},” {name} said.",
        f"{name} told reporters: “{saying}.”",
        f"“{saying}. We will see,” said {name}, who leads the group.",
        f"{name} called the plan “{saying.lower()}” in a statement.",
        f"{name} spoke at length on Monday about the vote. {FILLER}",
        f"“{saying}.”",
        f"{surname} said the figures were wrong. “{saying},” {surname} added.",
        FILLER,
        # a quote over two paragraphs, the first left open (the convention for running on)
        f"{name} said: “{saying}. It is late.\n\n“We will see,” {surname} added.",
        # a paragraph ending with a colon introduces the quote paragraph after it
        f"{name} said of the vote:\n\n“{saying}.”",
        # narrative between two quotes of one paragraph: the second is no continuation
        f"“{saying},” {name} said. {surname} left early. “{saying}.”",
    ][shape]


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(" ".join(p.text.split()), p.speaker) for p in gather(text).passages]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 10), st.sampled_from(NAMES), st.sampled_from(SAYINGS)),
        min_size=2,
        max_size=10,
    )
)
def test_same_quotes_and_speakers_without_line_breaks(blocks: list[tuple[int, str, str]]) -> None:
    paras = [FILLER] * 8 + [_paragraph(*b) for b in blocks]  # long enough to be run-on flat
    text = "\n\n".join(paras)
    flat = text.replace("\n\n", " ")
    assert len(flat) > RUN_ON
    assert _found(flat) == _found(text)


def test_a_colon_paragraph_introduces_the_quote_after_it() -> None:
    text = "Tom Reed spoke on Monday.\n\nJane Okafor said of the vote:\n\n“We are ready.”"
    assert _found(text) == [("We are ready.", "Jane Okafor")]
    assert _found(text.replace("\n\n", " ")) == _found(text)


def test_a_short_text_chains_quotes_by_sentences_as_a_flat_one_does() -> None:
    # Under RUN_ON, the same rule as a text that lost its breaks: a narrative sentence between
    # two quotes ends the first speaker's turn.
    text = "“We are ready,” Tom Reed said. Jane Okafor arrived. “It is late.”"
    assert _found(text) == [("We are ready,", "Tom Reed"), ("It is late.", "Jane Okafor")]
