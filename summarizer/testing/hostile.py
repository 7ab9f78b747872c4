"""Adversarial texts for the evidence layer: inputs that make naive scans superlinear.

Each generator returns a text of about `size` characters (never less), built to defeat one
pairing or windowing assumption: quotation marks that never pair, quotes nested many deep, runs of
digits and commas, numbers joined by dashes, and prose with no line break at all. They are used by
`bench/bench_hostile.py` (absolute times) and by the tests (time per KB as the input grows).
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["GENERATORS", "NUMBER_GENERATORS", "news_like"]


def _repeat(unit: str, size: int, head: str = "") -> str:
    n = max(1, -(-(size - len(head)) // len(unit)))
    return head + unit * n


def unbalanced_marks(size: int) -> str:
    """`"word "word "word ...`: every mark opens, none closes."""
    return _repeat('word "', size, '"')


def lone_closers(size: int) -> str:
    """`word” word” ...`: closing marks with nothing to close."""
    return _repeat("word” said ", size)


def nested_marks(size: int) -> str:
    """“ ‘ “ ‘ ... opened deeper and deeper, never closed."""
    return _repeat("“a ‘b “c ", size)


def mixed_families(size: int) -> str:
    """Straight, curly and guillemet marks in turn, so no two pair."""
    return _repeat('“one "two «three „four ', size)


def digit_runs(size: int) -> str:
    """1,1,1,1,...: one long comma-grouped number that never ends."""
    return _repeat("1,", size)


def dash_chains(size: int) -> str:
    """1-2-3-4-...: numbers chained by dashes."""
    return _repeat("12-", size)


def dotted_runs(size: int) -> str:
    """1.1.1.1...: full stops that never end a sentence."""
    return _repeat("1.", size)


def grouped_run(size: int) -> str:
    """`1,000,000,000,...`: one endless grouped number."""
    return _repeat(",000", size, "1")


def spaced_dash_chains(size: int) -> str:
    """`5 - 6 to 7 and ...`: range joins without end."""
    return _repeat("5 - 6 to 7 and ", size)


def number_word_runs(size: int) -> str:
    """`one hundred and twenty-five thousand ...`: number words that might read as one number."""
    return _repeat("one hundred and twenty-five thousand ", size)


def spaced_digits(size: int) -> str:
    """`1234567 1234567 ...`: one huge paragraph of numbers and nothing else."""
    return _repeat("1234567 ", size)


def one_paragraph(size: int) -> str:
    """Ordinary quoted news prose with every line break removed: one huge paragraph."""
    return " ".join(news_like(size).split())


def capital_runs(size: int) -> str:
    """Capitalised words without end, joined by "of": one endless organisation name."""
    return _repeat("Board of Ministry ", size)


_NEWS = (
    "WASHINGTON (AP) — The city council voted 7-2 on Tuesday to approve a $4.5 million budget "
    "for the new library, officials said.\n\n"
    "“This is a great day for the neighborhood,” said Mayor Jane Doe, who has backed the plan "
    "since 2019. “We have waited a long time.”\n\n"
    "Critics called the vote “a rushed decision,” and Councilman Tom Lee said he would ask for a "
    "review. About 30% of residents opposed the plan in a March survey of 1,200 people.\n\n"
    "“We will keep fighting,” Lee told reporters. He said the project could cost up to "
    "$6 million by 2026.\n\n"
)


def news_like(size: int) -> str:
    """Ordinary news prose with quotes, speakers and numbers, repeated to `size`."""
    return _repeat(_NEWS, size)


GENERATORS: dict[str, Callable[[int], str]] = {
    "news": news_like,
    "unbalanced marks": unbalanced_marks,
    "lone closers": lone_closers,
    "nested marks": nested_marks,
    "mixed families": mixed_families,
    "digit runs": digit_runs,
    "dash chains": dash_chains,
    "dotted runs": dotted_runs,
    "one paragraph": one_paragraph,
    "capital runs": capital_runs,
}

# What number finding alone is measured on (bench/hostile_numbers.py and its test).
NUMBER_GENERATORS: dict[str, Callable[[int], str]] = {
    "digit runs": digit_runs,
    "grouped run": grouped_run,
    "dash chains": dash_chains,
    "spaced dash chains": spaced_dash_chains,
    "number word runs": number_word_runs,
    "spaced digits": spaced_digits,
}
