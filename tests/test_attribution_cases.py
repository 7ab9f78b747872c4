"""Attribution rules as a table of (text, expected speaker of each passage), langextract-style.

One row per case; the id names the rule it exercises. `None` is "no one is credited".
"""

from __future__ import annotations

import pytest

from summarizer.evidence.quotes import find_quoted_passages

CASES: list[tuple[str, str, list[str | None]]] = [
    # after the quote: “...,” Name said
    ("after-name-said", "“Taxes will fall,” Jane Okafor said.", ["Jane Okafor"]),
    ("after-name-says", "“Prices are up,” Maria Lopez says.", ["Maria Lopez"]),
    ("after-name-told", "“We are ready,” Tom Reed told reporters.", ["Tom Reed"]),
    ("after-name-added", "“It was close,” Ana Ruiz added.", ["Ana Ruiz"]),
    ("after-descriptive", "“No comment,” the spokesman said.", ["the spokesman"]),
    ("after-according-to", "“The risk is low,” according to the agency.", ["the agency"]),
    ("after-name-title", "“We will act,” Jane Doe, the mayor, said.", ["Jane Doe"]),
    # inverted: “...,” said Name
    (
        "inverted-said",
        "“Growth is back,” said Geoff Garin, a Democratic pollster.",
        ["Geoff Garin"],
    ),
    # an honorific is split off as a role
    ("inverted-honorific", "“The fleet was ready,” said Adm. Mike Mullen.", ["Mike Mullen"]),
    ("inverted-descriptive", "“Case closed,” said one senior official.", ["one senior official"]),
    ("inverted-added", "“And soon,” added Maria Lopez.", ["Maria Lopez"]),
    ("inverted-wrote", "“The end is near,” wrote Paul Krugman.", ["Paul Krugman"]),
    # before the quote: Name said: “...” / Name said, “...”
    ("before-colon", "Jane Okafor said: “Taxes will fall.”", ["Jane Okafor"]),
    ("before-comma", "Tom Reed said, “We are ready.”", ["Tom Reed"]),
    ("before-told-that", "Ana Ruiz told reporters that “the plan works.”", ["Ana Ruiz"]),
    ("before-called-it", "Maria Lopez called it “a disgrace.”", ["Maria Lopez"]),
    ("before-wrote-colon", "Paul Krugman wrote: “The end is near.”", ["Paul Krugman"]),
    # colon intro without a verb of saying
    (
        "colon-intro-sentence",
        "Jane Okafor was blunt about the plan. She said: “It will not work.”",
        ["Jane Okafor"],
    ),
    # pronouns, resolved to the nearest fitting person named before
    ("pronoun-he", "Tom Reed spoke first. “We are ready,” he said.", ["Tom Reed"]),
    ("pronoun-she", "Jane Okafor took the stage. “Taxes will fall,” she said.", ["Jane Okafor"]),
    (
        "pronoun-nearest-person",
        "Jane Okafor met reporters. Tom Reed stayed home. “Taxes will fall,” he said.",
        ["Tom Reed"],
    ),
    (
        "pronoun-surname-expanded",
        "Angelica Salas leads the group. “We will sue,” Salas said.",
        ["Angelica Salas"],
    ),
    # organisations as speakers
    (
        "org-after",
        "“The data are clear,” the Department of Labor said.",
        ["Department of Labor"],
    ),
    ("org-inverted", "“Sales fell,” said Acme Corp.", ["Acme Corp"]),
    (
        "org-in-a-statement",
        "“We will fight on,” the Sierra Club said in a statement.",
        ["Sierra Club"],
    ),
    (
        "org-before",
        "The World Health Organization said: “The outbreak is contained.”",
        ["World Health Organization"],
    ),
    # continuation: chains and multi-paragraph quotes
    (
        "chain-inherits",
        "“We won,” Jane Okafor said. “We will win again.”",
        ["Jane Okafor", "Jane Okafor"],
    ),
    (
        "chain-next-sentence",
        "“First,” Tom Reed said. “Second, we go.” ",
        ["Tom Reed", "Tom Reed"],
    ),
    (
        "multi-paragraph",
        "“The first part of it,” Ana Ruiz said, “goes on.\n\n“And the second part ends.”",
        ["Ana Ruiz", "Ana Ruiz", "Ana Ruiz"],
    ),
    (
        "two-speakers",
        "“Yes,” Jane Okafor said.\n\n“No,” Tom Reed said.",
        ["Jane Okafor", "Tom Reed"],
    ),
    # no one to credit
    (
        "nobody",
        "The report is long. “The economy will shrink by half and nobody will notice for years.”",
        [None],
    ),
    (
        "title-run-split",
        "“We will act,” ICE Acting Director Tom Homan said.",
        ["Tom Homan"],
    ),
    (
        "role-before-name",
        "“It is time,” said Sen. Ted Cruz of Texas.",
        ["Ted Cruz"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_attribution_case(text: str, expected: list[str | None]) -> None:
    assert [p.speaker for p in find_quoted_passages(text) if p.kind != "term"] == expected
