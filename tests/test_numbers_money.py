"""Money and counted nouns of the wider world: whose dollar a bare "$" is (decided per article
from its own text), demonyms and multi-word units after a number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer import check
from summarizer.engines.offline import OfflineEngine
from summarizer.evidence.numbers import find_numbers, is_bare_dollar, statistic_fields


def currencies(text: str) -> list[tuple[str, str | None]]:
    return [
        (m.text, statistic_fields(m)["currency"]) for m in find_numbers(text) if m.kind == "money"
    ]


# (article, the currency of each of its amounts in order)
DOLLARS = [
    # a dateline names the country
    ("OTTAWA — The federal government will spend $4 billion on housing.", ["CAD"]),
    ("SINGAPORE - Households will get up to $600 in vouchers.", ["SGD"]),
    ("Wellington: The Government will spend $1.1b on roads.", ["NZD"]),
    ("Ottawa — The federal government will spend $4 billion on housing.", ["CAD"]),
    ("TORONTO, Ont. — The city will spend $4 billion on housing.", ["CAD"]),
    ("Photo SINGAPORE - Households will get up to $600 in vouchers.", ["SGD"]),
    ("Poll: Voters back it\n\nOTTAWA — It will cost $4 billion.", ["CAD"]),
    ("Paris Hilton: I spent $5 million in Ottawa.", ["USD"]),
    ("LONDON — The fund raised $40 million.", ["USD"]),
    ("Housing plan unveiled\nBy Jane Doe\n\nOTTAWA — It will cost $4 billion.", ["CAD"]),
    # wire copy writes the local dollar A$/C$, a bare "$" is the US dollar
    ("SYDNEY (Reuters) - BHP earned $13 billion and paid A$2 billion in tax.", ["USD", "AUD"]),
    ("TORONTO (Reuters) - Shopify's revenue rose to $1.5 billion.", ["USD"]),
    # the places of the opening: one country named twice, more than all others together
    (
        "Rents in Montreal rose again. The Quebec government said Ottawa should pay $2 billion.",
        ["CAD"],
    ),
    # one mention is no locale
    ("Osler has 59 users mostly from Canada with a total of $12.4 million of claims.", ["USD"]),
    ("Reserves in Canadian dollars are now about $200 billion.", ["USD"]),
    # the article states its currency
    ("All figures in Canadian dollars unless otherwise noted. Sales were $5 billion.", ["CAD"]),
    # a bracketed conversion after another currency is US dollars, whatever the locale
    (
        "SYDNEY — Fines of 10.5 million Australian dollars ($7.5 million) apply in Australia.",
        ["AUD", "USD"],
    ),
    # prefixes say whose dollar they are, bare or not
    ("OTTAWA — It costs US$5 and C$7, or $8.", ["USD", "CAD", "CAD"]),
    ("The company, based in New York and Texas, lost $3 million.", ["USD"]),
    # whose dollar, said after the amount
    ("TORONTO (AP) — It is worth $1.2 billion Canadian ($980 million U.S.).", ["CAD", "USD"]),
    ("OTTAWA — It cost $5 million, and $3 US.", ["CAD", "USD"]),
    ("It cost $5 million Canadian investors.", ["USD"]),
]


@pytest.mark.parametrize(("text", "expected"), DOLLARS)
def test_a_bare_dollar_is_the_articles_dollar(text: str, expected: list[str]) -> None:
    assert [c for _, c in currencies(text)] == expected


def test_bare_dollar() -> None:
    assert is_bare_dollar("$5", 0) and is_bare_dollar("-$5", 0) and is_bare_dollar("$ 5", 0)
    assert not is_bare_dollar("US$5", 0) and not is_bare_dollar("$US5", 0)
    assert not is_bare_dollar("$A5", 0) and not is_bare_dollar("5", 0)


_DATELINES = [
    ("OTTAWA —", "CAD"),
    ("SYDNEY —", "AUD"),
    ("AUCKLAND -", "NZD"),
    ("HONG KONG —", "HKD"),
    ("SINGAPORE -", "SGD"),
    ("NEW YORK —", "USD"),
    ("PARIS —", "USD"),
    ("SYDNEY (Reuters) -", "USD"),
    ("", "USD"),
]


@given(
    st.sampled_from(_DATELINES),
    st.lists(st.integers(1, 10**6), min_size=1, max_size=4),
    st.integers(1, 10**6),
)
def test_every_bare_dollar_of_an_article_gets_one_currency_and_prefixes_keep_theirs(
    dateline: tuple[str, str], amounts: list[int], us: int
) -> None:
    head, code = dateline
    body = " and ".join(f"${a:,}" for a in amounts)
    text = f"{head} The council will spend {body}, against US${us:,} last year."
    found = currencies(text)
    assert [c for _, c in found[:-1]] == [code] * len(amounts)
    assert found[-1][1] == "USD"


def test_a_summary_writing_a_bare_dollar_is_checked_against_the_articles_dollar() -> None:
    article = (
        "OTTAWA — The federal government will spend $7.3 billion over five years on housing, "
        "Housing Minister Sean Fraser said on Tuesday in Ottawa."
    )
    summary = OfflineEngine().summarize(article)
    assert [s.currency for s in summary.statistics if s.kind == "money"] == ["CAD"]
    assert "$7.3 billion" in summary.summary
    checked = check(article, summary)
    assert not [i for i in checked.verification.issues if i.severity == "error"]


# (text, the number's text, unit)
UNITS = [
    ("5000 New Zealanders signed it", "5000", "New Zealanders"),
    ("300 South Africans were evacuated", "300", "South Africans"),
    ("1,307,000 Americans were collecting aid", "1,307,000", "Americans"),
    ("12 Sri Lankan workers were hurt", "12", "Sri Lankan workers"),
    ("40 Hong Kong residents", "40", "Hong Kong residents"),
    ("96 Liverpool fans", "96", "Liverpool fans"),
    ("5 Downing Street", "5", None),
    ("millions of Americans", "millions", "Americans"),
    ("thousands of job cuts", "thousands", "job cuts"),
    ("tens of thousands of students", "tens of thousands", "students"),
    ("100,000 barrels per day", "100,000", "barrels per day"),
    ("two million barrels a day", "two million", "barrels a day"),
    ("5 million tonnes of CO2", "5 million", "tonnes of CO2"),
    ("within 5 miles of Mosul", "5", "miles"),
    ("1,000 barrels of oil a day", "1,000", "barrels of oil a day"),
    ("25 degrees Celsius", "25", "degrees Celsius"),
    ("3 square kilometres", "3", "square kilometres"),
    ("40 kilowatt hours", "40", "kilowatt hours"),
]


@pytest.mark.parametrize(("text", "written", "unit"), UNITS)
def test_counted_nouns_and_units_are_read_whole(text: str, written: str, unit: str | None) -> None:
    found = {m.text: m.unit for m in find_numbers(text)}
    assert found[written] == unit


def test_money_in_vague_words() -> None:
    [m] = find_numbers("maybe tens of millions of dollars.")
    assert (m.kind, m.unit, m.value, m.high) == ("money", "USD", 1e7, 1e8)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("40 kilowatt hours", "measure"),
        ("30 gigawatts", "measure"),
        ("2.5 metric tons", "measure"),
        ("80 m.p.h.", "measure"),
        ("5000 New Zealanders", "count"),
        ("100,000 barrels per day", "measure"),
    ],
)
def test_spelled_units_are_measures(text: str, kind: str) -> None:
    [m] = find_numbers(text)
    assert statistic_fields(m)["kind"] == kind


def test_hyphenated_per_cent_and_whose_cents() -> None:
    [stake] = find_numbers("a 30-per-cent stake")
    assert (stake.kind, stake.value) == ("percent", 30)
    [cents] = find_numbers("a dividend of 4.9 U.S. cents a share")
    assert (cents.value, statistic_fields(cents)["currency"]) == (4.9, "USD")
    [plain] = find_numbers("19 cents")
    assert statistic_fields(plain)["currency"] is None  # whose cents is not said


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("1,800 British Columbians", "British Columbians"),
        ("300 Singaporeans", "Singaporeans"),
        ("40 Hong Kongers", "Hong Kongers"),
        ("about 150 once it runs", None),
    ],
)
def test_residents_named_from_a_place(text: str, unit: str | None) -> None:
    assert find_numbers(text)[0].unit == unit


@pytest.mark.parametrize(
    ("text", "kind", "unit"),
    [
        ("eight or nine euros", "money", "EUR"),
        ("two or three days", "duration", "days"),
        ("5 or 6 per cent", "percent", "%"),
        ("the 50 previous years", "quantity", "previous years"),
    ],
)
def test_the_first_of_two_alternatives_counts_what_the_second_says(
    text: str, kind: str, unit: str
) -> None:
    first = find_numbers(text)[0]
    assert (first.kind, first.unit) == (kind, unit)


@given(
    st.integers(2, 10**7),
    st.sampled_from(["New Zealanders", "South Africans", "Americans", "Sri Lankans", "Kenyans"]),
    st.sampled_from(["were evacuated.", "live there", "signed it, officials said"]),
)
def test_a_count_of_people_by_their_country_is_that_count(n: int, people: str, rest: str) -> None:
    [m] = [x for x in find_numbers(f"Officials said {n:,} {people} {rest}") if x.value == n]
    assert (m.unit, statistic_fields(m)["kind"]) == (people, "count")


@pytest.mark.parametrize(
    ("text", "count_unit", "size_unit"),
    [
        ("eight million 250ml bottles of sanitiser", "bottles", "ml"),
        ("2.9 million 9 liter cases a year", "cases", "liter"),
        ("two 40-foot containers", "containers", "foot"),
    ],
)
def test_a_count_then_a_size_counts_the_sized_noun(
    text: str, count_unit: str, size_unit: str
) -> None:
    count, size = find_numbers(text)
    assert (count.unit, size.unit) == (count_unit, size_unit)


GULF_AND_ISO = [
    ("The fund is worth SR12 billion, he said.", "SR12 billion", "SAR"),
    ("They paid QR2.5bn for the stake.", "QR2.5bn", "QAR"),
    ("Fees rose to Dh350 a month.", "Dh350", "AED"),
    ("It cost AED 5 million in all.", "AED 5 million", "AED"),
    ("Farmers were paid KES 400 a bag.", "KES 400", "KES"),
]


@pytest.mark.parametrize(("text", "written", "currency"), GULF_AND_ISO)
def test_gulf_prefixes_and_iso_codes_are_money(text: str, written: str, currency: str) -> None:
    [n] = [n for n in find_numbers(text) if n.text == written]
    assert n.unit == currency


@pytest.mark.parametrize("text", ["SR 520 was closed for hours.", "PHP 8 was released."])
def test_a_road_or_a_version_is_no_money(text: str) -> None:
    assert all(n.unit is None for n in find_numbers(text))
