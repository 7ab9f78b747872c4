"""Numbers in news text: hand-written cases for every form, and properties for any input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence.numbers import describe, find_numbers, is_statistic, parse_value
from summarizer.evidence.types import NumberMention

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "operation-safe-city.txt"


def one(text: str, written: str) -> NumberMention:
    """The mention whose text is `written` (exactly one)."""
    found = [m for m in find_numbers(text) if m.text == written]
    assert len(found) == 1, (written, [m.text for m in find_numbers(text)])
    return found[0]


# (sentence, text of the mention, value, high, kind, unit)
CASES: list[tuple[str, str, float | None, float | None, str, str | None]] = [
    # digits, separators, decimals
    (
        "The fund holds 1,234.5 tonnes of grain.",
        "1,234.5",
        1234.5,
        None,
        "quantity",
        "tonnes of grain",
    ),
    ("Officials counted 1 234 ballots by noon.", "1 234", 1234, None, "quantity", "ballots"),
    ("The ratio fell to .25 last year.", ".25", 0.25, None, "quantity", None),
    # dot grouping only when unambiguous: a decimal comma after it, or two dot groups
    ("It paid EUR 2.500,50 in fees.", "EUR 2.500,50", 2500.5, None, "money", "EUR"),
    ("It cost 1.234.567 euros.", "1.234.567 euros", 1234567, None, "money", "EUR"),
    ("She bought 3 dozen eggs.", "3 dozen", 36, None, "quantity", "eggs"),
    ("Sales reached 120 MEUR in 2020.", "120 MEUR", 120e6, None, "money", "EUR"),
    ("It costs 5 US dollars now.", "5 US dollars", 5, None, "money", "USD"),
    ("Frost is likely when <-30 C.", "-30", -30, None, "quantity", "C"),
    # a power: the sign stays outside it
    ("A block of 2^10 bytes.", "2^10", 1024, None, "quantity", "bytes"),
    ("The rate is -2500^-1 now.", "-2500^-1", -0.0004, None, "quantity", None),
    # percentages
    ("Prices climbed 12% in May.", "12%", 12, None, "percent", "%"),
    ("Support slipped 12 percent overall.", "12 percent", 12, None, "percent", "%"),
    ("Output grew 12 per cent on the year.", "12 per cent", 12, None, "percent", "%"),
    (
        "The party lost 4 percentage points.",
        "4 percentage points",
        4,
        None,
        "percent",
        "percentage points",
    ),
    ("Rates rose 25 basis points.", "25 basis points", 25, None, "percent", "basis points"),
    ("Margins hit 24pc this spring.", "24pc", 24, None, "percent", "%"),
    # money
    ("The bank lent $1.2bn to the miner.", "$1.2bn", 1.2e9, None, "money", "USD"),
    ("Crude settled at US $58.24 a barrel.", "US $58.24", 58.24, None, "money", "USD"),
    ("The club paid €3 million for him.", "€3 million", 3e6, None, "money", "EUR"),
    ("A ticket costs £5 at the door.", "£5", 5, None, "money", "GBP"),
    ("Debt passed $5 trillion last month.", "$5 trillion", 5e12, None, "money", "USD"),
    ("Stamps went up 5 cents each.", "5 cents", 5, None, "money", "cents"),
    ("A meal there costs Rs 300 now.", "Rs 300", 300, None, "money", "INR"),
    ("Sales reached HK$3.7 billion.", "HK$3.7 billion", 3.7e9, None, "money", "HKD"),
    ("He was fined RM3.06mil on Monday.", "RM3.06mil", 3.06e6, None, "money", "MYR"),
    ("The stake is worth 7,000 Danish crowns.", "7,000 Danish crowns", 7000, None, "money", "DKK"),
    ("The laptop was 1,200€ online.", "1,200€", 1200, None, "money", "EUR"),
    ("Shares closed at 118.5p in London.", "118.5p", 118.5, None, "money", "pence"),
    (
        "A fine of 10 million Australian dollars applies.",
        "10 million Australian dollars",
        1e7,
        None,
        "money",
        "AUD",
    ),
    # magnitudes
    (
        "The city has 1.2 billion residents? No, 2.5 million.",
        "2.5 million",
        2.5e6,
        None,
        "quantity",
        None,
    ),
    ("Viewers reached 3m on Sunday.", "3m", 3e6, None, "quantity", None),
    ("It shipped 4.3M phones.", "4.3M", 4.3e6, None, "quantity", "phones"),
    ("The team ran 25k in training.", "25k", 25000, None, "quantity", None),
    ("She won the 100m sprint.", "100", 100, None, "quantity", "m"),
    # number words
    ("Four firefighters were hurt.", "Four", 4, None, "quantity", "firefighters"),
    ("The vote passed with twenty-one ayes.", "twenty-one", 21, None, "quantity", "ayes"),
    ("Police seized two dozen rifles.", "two dozen", 24, None, "quantity", "rifles"),
    ("A third of the budget went to roads.", "A third", 1 / 3, None, "quantity", None),
    ("Half the staff left.", "Half", 0.5, None, "quantity", None),
    ("The siege lasted one hundred days.", "one hundred", 100, None, "duration", "days"),
    ("He planted a dozen oaks.", "a dozen", 12, None, "quantity", "oaks"),
    ("Thousands of fans marched.", "Thousands", 1000, 10000, "quantity", "fans"),
    ("Tens of thousands of homes lost power.", "Tens of thousands", 1e4, 1e5, "quantity", "homes"),
    ("Three-quarters of voters agreed.", "Three-quarters", 0.75, None, "quantity", None),
    ("About two-thirds of members voted.", "two-thirds", 2 / 3, None, "quantity", None),
    (
        "The fair drew three thousand five hundred visitors.",
        "three thousand five hundred",
        3500,
        None,
        "quantity",
        "visitors",
    ),
    ("The trip took one and a half hours.", "one and a half", 1.5, None, "duration", "hours"),
    ("The house sold for half a million.", "half a million", 5e5, None, "quantity", None),
    ("Profits rose sixfold.", "sixfold", 6, None, "quantity", "fold"),
    # hyphenated forms
    ("Workers began a four-day strike.", "four-day", 4, None, "duration", "days"),
    ("A 42-year-old man was charged.", "42-year-old", 42, None, "age", "years"),
    ("She built a 10-point lead.", "10-point", 10, None, "quantity", "point"),
    ("It has a 2.4-liter engine.", "2.4-liter", 2.4, None, "quantity", "liter"),
    ("His 30 years old brother came.", "30", 30, None, "age", "years"),
    # ranges
    ("Estimates put deaths at 252 to 287.", "252 to 287", 252, 287, "quantity", None),
    ("Bids came in between 5 and 10 percent.", "5 and 10 percent", 5, 10, "percent", "%"),
    ("Expect 5-10 storms.", "5-10", 5, 10, "quantity", "storms"),
    ("Expect 5–10 storms.", "5–10", 5, 10, "quantity", "storms"),
    ("It costs $10 to $15 billion.", "$10 to $15 billion", 1e10, 1.5e10, "money", "USD"),
    (
        "The hall seats four to five thousand people.",
        "four to five thousand",
        4000,
        5000,
        "quantity",
        "people",
    ),
    ("Tickets range from $200 to $4 million.", "$200 to $4 million", 200, 4e6, "money", "USD"),
    # signs and changes
    ("The index closed at -4.5 on Friday.", "-4.5", -4.5, None, "quantity", None),
    ("Exports were down 3% in June.", "3%", 3, None, "percent", "%"),
    ("Temperatures hit minus 40 overnight.", "minus 40", -40, None, "quantity", None),
    # fractions, ranks, scores
    ("Stir in 1/2 cup of flour.", "1/2", 0.5, None, "quantity", "cup"),
    ("Only 2 1/2 lanes stayed open.", "2 1/2", 2.5, None, "quantity", "lanes"),
    ("The song hit No. 1 in March.", "No. 1", 1, None, "ordinal", None),
    ("United won 3-2 at home.", "3-2", 3, 2, "quantity", "score"),
    ("One in five adults smokes.", "One in five", 0.2, None, "quantity", "adults"),
    # any plural ordinal is a denominator; a tens word opens a compound one ("twenty-first")
    ("He won by two hundredths of a second.", "two hundredths", 0.02, None, "quantity", None),
    ("Cut it three-sixteenths of an inch.", "three-sixteenths", 3 / 16, None, "quantity", None),
    ("That is three twenty-firsts.", "three twenty-firsts", 3 / 21, None, "quantity", None),
    ("It won one twenty-fifth of the vote.", "one twenty-fifth", 0.04, None, "quantity", None),
    ("A one twenty-first century skill.", "twenty-first", 21, None, "ordinal", None),
    ("It is a hundred trillionths.", "a hundred trillionths", 1e-10, None, "quantity", None),
    # dates, years, times, ordinals
    ("Polls close on Nov. 3 nationwide.", "Nov. 3", 3, None, "date", None),
    ("The order is dated 3/11/2016.", "3/11/2016", None, None, "date", None),
    ("It opened March 4, 2016 downtown.", "March 4, 2016", 4, None, "date", None),
    ("Talks resume on 9 May at the UN.", "9 May", 9, None, "date", None),
    ("The law passed in 1998.", "1998", 1998, None, "year", None),
    ("Music of the 1970s returned.", "1970s", 1970, None, "year", None),
    ("The 2014-15 season was long.", "2014-15", 2014, 2015, "year", None),
    ("Doors open at 3 p.m. sharp.", "3 p.m.", 3, None, "time", None),
    ("The train left at 10:30 today.", "10:30", 10, None, "time", None),
    ("She finished first overall.", "first", 1, None, "ordinal", None),
    ("He placed 3rd in the final.", "3rd", 3, None, "ordinal", None),
    ("It is the second-largest port.", "second-largest", 2, None, "ordinal", None),
    ("Lee, 67, retired in June.", "67", 67, None, "age", "years"),
    # other countries' currency conventions: the naira sign and Nigerian press's glued N, the
    # East African shillings (Kenyan Sh/KSh, Ugandan USh, Tanzanian TSh) and "Kenya shillings"
    ("A bag of rice now costs ₦77,000 in Lagos.", "₦77,000", 77000, None, "money", "NGN"),
    ("The naira traded at N1,550 to the dollar.", "N1,550", 1550, None, "money", "NGN"),
    ("The government approved N5bn for grain.", "N5bn", 5e9, None, "money", "NGN"),
    ("Treasury seeks Sh346 billion in taxes.", "Sh346 billion", 346e9, None, "money", "KES"),
    ("The budget is KSh3.9 trillion.", "KSh3.9 trillion", 3.9e12, None, "money", "KES"),
    ("Transfers above KSh 500 are taxed.", "KSh 500", 500, None, "money", "KES"),
    ("The fee is USh20,000 a month.", "USh20,000", 20000, None, "money", "UGX"),
    ("Fares rose to TSh 1,500 a ride.", "TSh 1,500", 1500, None, "money", "TZS"),
    ("He paid 300 Kenya shillings for it.", "300 Kenya shillings", 300, None, "money", "KES"),
    ("The fare is 50 shillings.", "50 shillings", 50, None, "money", "KES"),
]


def test_an_exponent_scales_both_ends_and_never_overflows() -> None:
    (m,) = find_numbers("1-2e6")
    assert (m.value, m.high) == (1e6, 2e6)
    find_numbers("0e600 and 999^999")


def test_an_ip_address_is_not_dot_grouped() -> None:
    values = [m.value for m in find_numbers("The host 192.168.100.200 is down.")]
    assert 192168100200 not in values


@pytest.mark.parametrize(("text", "written", "value", "high", "kind", "unit"), CASES)
def test_forms(
    text: str, written: str, value: float | None, high: float | None, kind: str, unit: str | None
) -> None:
    m = one(text, written)
    assert text[m.start : m.end] == written
    if value is None:
        assert m.value is None
    else:
        assert m.value == pytest.approx(value)
    if high is None:
        assert m.high is None
    else:
        assert m.high == pytest.approx(high)
    assert m.kind == kind
    assert m.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "The Galaxy S23 and the F-150 share a COVID-19 testing site.",
        "See https://example.com/2019/05/story-123 for more.",
        "Write to desk42@example.com today.",
        "He bought a PS4 and a PS5 in Tokyo.",
        "Wear an N95 mask on the N1 road.",
        "The H5N1 strain spread to mink.",
        "No one knew, and they helped one another.",
    ],
)
def test_no_numbers_in_ids_urls_and_pronouns(text: str) -> None:
    assert find_numbers(text) == []


def test_vague_and_label_notes() -> None:
    assert one("Millions of people watched.", "Millions").note == "vague"
    label = one("Petr played well in Game 6 last night.", "6")
    assert label.note == "label"
    assert not is_statistic(label)


def test_a_word_glued_to_a_number_before_it_labels_no_number_after_it() -> None:
    # "0B 0": the "B" ends the token "0B" (its number's billion); it names nothing after it.
    assert [(m.text, m.note) for m in find_numbers("0B 0")] == [("0B", None), ("0", None)]
    assert one("The S&P 500 rose.", "500").note == "label"


@pytest.mark.parametrize("space", ["\t", "\x1f", "\u2028", "\u3000"])
def test_any_whitespace_ends_an_address_before_a_number(space: str) -> None:
    # The summary's text gets a space for each (`str.split`): the article's scan agrees.
    assert [m.text for m in find_numbers(f"@{space}0")] == ["0"]
    assert find_numbers("Write to desk42@example.com today.") == []


def test_a_clause_s_comma_does_not_break_thousands_grouped_by_spaces() -> None:
    # A summary's clause drops the comma: the number reads the same with it and without it.
    assert [m.value for m in find_numbers("498 498,")] == [498498.0]
    assert [m.value for m in find_numbers("498 498")] == [498498.0]


def test_magnitude_metres_or_millions() -> None:
    assert one("A 37m-long skeleton was found.", "37").unit == "m-long"
    assert one("It sold 12.3m tonnes.", "12.3m").value == pytest.approx(12.3e6)


def test_longest_match_wins_and_no_overlaps() -> None:
    text = (
        "Between 2014 and 2017, $3 billion to $5 billion went to 42-year-old men on March 4, 2016."
    )
    spans = [(m.start, m.end) for m in find_numbers(text)]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert "$3 billion to $5 billion" in [m.text for m in find_numbers(text)]


def test_seed_article_statistics() -> None:
    text = SEED.read_text(encoding="utf-8")
    stats = [m for m in find_numbers(text) if is_statistic(m)]
    written = [m.text for m in stats]
    for expected in ("100", "four-day", "498", "107", "101", "42"):
        assert expected in written
    by_text = {m.text: m for m in stats}
    assert describe(text, by_text["100"]) == "people arrested in the Los Angeles area"
    assert describe(text, by_text["107"]) == "arrests made in Philadelphia"
    assert "nationwide immigration sweep" in describe(text, by_text["four-day"])
    first_498 = next(m for m in stats if m.text == "498")
    assert describe(text, first_498) == "people arrested nationally"
    assert describe(text, by_text["42"]).startswith("countries")


def test_is_statistic_by_kind() -> None:
    text = "On Nov. 3, 1998, at 3 p.m., the first 42-year-old paid $5 for 12% of 40 shares."
    kinds = {m.text: is_statistic(m) for m in find_numbers(text)}
    assert kinds == {
        "Nov. 3, 1998": False,
        "3 p.m.": False,
        "first": False,
        "42-year-old": True,
        "$5": True,
        "12%": True,
        "40": True,
    }


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.2 billion", 1.2e9),
        ("$3m", 3e6),
        ("twelve", 12),
        ("12%", 12),
        ("1,234", 1234),
        ("-4.5", -4.5),
        ("four-day", 4),
        ("about 100 people", 100),
        ("US$58.24", 58.24),
        ("three-quarters", 0.75),
        ("2.5e6", 2.5e6),
    ],
)
def test_parse_value(written: str, value: float) -> None:
    assert parse_value(written) == pytest.approx(value)


@pytest.mark.parametrize("written", ["", "none", "n/a", "many"])
def test_parse_value_without_a_number(written: str) -> None:
    assert parse_value(written) is None


NEWSY = st.lists(
    st.sampled_from(
        list("0123456789 ,.-–/%$€£¥:")
        + [
            "one",
            "two",
            " and ",
            "half",
            "million",
            "bn",
            "m",
            "per cent",
            "-year-old",
            " to ",
            "No. ",
            "minus ",
            "thousands of",
            "third",
            "Nov. ",
            "p.m.",
            "RM",
            "PS",
            # issue 12's shapes: glued scales, suspended hyphens, cents, spelled decimals
            "k",
            "T",
            "e6",
            " point five",
            " dollars ",
            " cents",
            "a quarter",
            "dozens",
            "twenty-fifth",
            "- to ",
            "negative ",
            "about ",
        ]
    ),
    max_size=40,
).map("".join)


def check_mentions(text: str) -> None:
    found = find_numbers(text)
    last_end = -1
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end
        last_end = m.end
        if m.value is not None and m.high is not None and m.note != "score":
            assert m.value <= m.high
        describe(text, m)
        is_statistic(m)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_never_raises(text: str) -> None:
    check_mentions(text)
    parse_value(text)


@settings(max_examples=300, deadline=None)
@given(NEWSY)
def test_number_like_text_keeps_offsets(text: str) -> None:
    check_mentions(text)


# Tokens that join a number with what follows it or the number after it: scales, units,
# range words, currency nouns, a decimal part.
_JOINING = st.sampled_from(
    [
        "5",
        "498",
        "$5",
        "1,200",
        "five",
        "one",
        "million",
        "Million",
        "to 10",
        "to",
        "and 10",
        "per",
        "cent",
        "per cent",
        "%",
        ".20",
        "-year",
        "Hong Kong dollars",
        "Kong dollars",
        "dollars",
        "people",
        "between 5",
        "out of 10",
        "or so",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_JOINING, min_size=1, max_size=3).map(" ".join),
    st.sampled_from(["\n\n", "\n \n", "\r\n\r\n", " \n\t\n  ", "\n\n\n"]),
    st.lists(_JOINING, min_size=1, max_size=3).map(" ".join),
)
def test_a_blank_line_ends_every_number(left: str, blank: str, right: str) -> None:
    text = f"{left}{blank}{right}"
    for m in find_numbers(text):
        assert m.end <= len(left) or m.start >= len(left) + len(blank), (text, m.text)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("It cost 498\nmillion dollars.", ["498\nmillion dollars"]),  # a hard wrap joins
        ("It cost 498\n\nmillion dollars.", ["498"]),
        ("It was 5\n\nto 10 people.", ["5", "10"]),
        ("It was 5 to\n\n10 people.", ["5", "10"]),
        ("It cost $5\n\n.20 more.", ["$5", ".20"]),
    ],
)
def test_one_line_break_may_join_a_number_and_a_blank_line_never(
    text: str, written: list[str]
) -> None:
    assert [m.text for m in find_numbers(text)] == written
