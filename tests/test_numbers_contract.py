"""Issue 12's numbers: what the evidence reads (ranges, scales, money, ordinals, signs, years)
and what a reader gets in the output's `statistics` (high, kind, currency, approximate, vague)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarizer import check
from summarizer.cli import app
from summarizer.engines.offline import OfflineEngine
from summarizer.evidence.numbers import find_numbers, statistic_kind

# (text, the number's text, value, high, unit, kind)
READS = [
    ("$89 to $93 billion", "$89 to $93 billion", 89e9, 93e9, "USD", "money"),
    ("going from 1000 to 2000 hires", "2000", 2000, None, "hires", "quantity"),
    ("5k-20k", "5k-20k", 5e3, 2e4, None, "quantity"),
    ("1.5bn-2bn", "1.5bn-2bn", 1.5e9, 2e9, None, "quantity"),
    ("10%-15%", "10%-15%", 10, 15, "%", "percent"),
    ("a 10- to 15-minute walk", "10- to 15-minute", 10, 15, "minutes", "duration"),
    ("a 1.5mm gap", "1.5", 1.5, None, "mm", "quantity"),
    ("a $1.5mm deal", "$1.5mm", 1.5e6, None, "USD", "money"),
    ("worth $2.174T", "$2.174T", 2.174e12, None, "USD", "money"),
    ("10 bln", "10 bln", 1e10, None, None, "quantity"),
    ("2.33 k", "2.33 k", 2330, None, None, "quantity"),
    ("1.3e6", "1.3e6", 1.3e6, None, None, "quantity"),
    ("a $20 ticket", "$20", 20, None, "USD", "money"),
    ("five million yen", "five million yen", 5e6, None, "JPY", "money"),
    ("three thousand dollars", "three thousand dollars", 3e3, None, "USD", "money"),
    ("12,34,567.89 rupees", "12,34,567.89 rupees", 1234567.89, None, "INR", "money"),
    ("the twenty-fifth", "twenty-fifth", 25, None, None, "ordinal"),
    ("the forty-fifth president", "forty-fifth", 45, None, None, "ordinal"),
    ("minus five percent", "minus five percent", -5, None, "%", "percent"),
    ("1200 people were killed", "1200", 1200, None, "people", "quantity"),
    ("30 degrees Celsius", "30", 30, None, "degrees Celsius", "quantity"),
    ("it cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, None, "USD", "money"),
    ("five and a quarter", "five and a quarter", 5.25, None, None, "quantity"),
    ("one hundred and three quarters", "one hundred and three quarters", 100.75, None, None,
     "quantity"),
    ("shares rose 6.5% to 164p.", "164p", 164, None, "pence", "money"),
    ("300 °C (572 °F, 573.15K)", "573.15", 573.15, None, "K", "quantity"),
    ("20 degrees and 32K fans", "32K", 32e3, None, "fans", "quantity"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "written", "value", "high", "unit", "kind"), READS)
def test_the_number_is_read_whole(
    text: str, written: str, value: float, high: float | None, unit: str | None, kind: str
) -> None:
    by_text = {m.text: m for m in find_numbers(text)}
    assert written in by_text, list(by_text)
    m = by_text[written]
    assert (m.value, m.high, m.unit, m.kind) == (pytest.approx(value), high, unit, kind)


def test_no_range_across_units_or_from_a_percent_to_a_bare_number() -> None:
    assert [(m.value, m.high, m.unit) for m in find_numbers("from 44 ml to 50 mg")] == [
        (44, None, "ml"),
        (50, None, "mg"),
    ]
    found = find_numbers("the index rose 0.4 per cent to 13176")
    assert [(m.text, m.kind, m.high) for m in found] == [
        ("0.4 per cent", "percent", None),
        ("13176", "quantity", None),
    ]


def test_a_year_stays_a_year() -> None:
    assert [m.kind for m in find_numbers("the 2016 elections")] == ["year"]
    assert [m.kind for m in find_numbers("since 2010, prices rose")] == ["year"]


@given(st.integers(1, 999), st.integers(1, 999))
def test_glued_scale_ranges_keep_both_ends(a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b) + 1
    (m,) = find_numbers(f"between {lo}k-{hi}k")
    assert (m.value, m.high) == (lo * 1e3, hi * 1e3)


def test_statistic_kinds() -> None:
    text = "About 500 people ran 40 km in 3 days, paid $5 each, a third of them, 12% more."
    kinds = {m.text: statistic_kind(m) for m in find_numbers(text)}
    assert kinds == {
        "500": "count",
        "40": "measure",
        "3": "duration",
        "$5": "money",
        "a third": "ratio",
        "12%": "percent",
    }


def test_offline_statistics_carry_high_kind_currency_and_hedges() -> None:
    text = (
        "Revenue will be $89 to $93 billion this year, and about 500 people were hired, "
        "while tens of thousands of customers left.\n"
    )
    stats = {s.text: s for s in OfflineEngine().summarize(text).statistics}
    money = stats["$89 to $93 billion"]
    assert (money.value, money.high, money.kind, money.currency) == (89e9, 93e9, "money", "USD")
    hired = stats["500"]
    assert (hired.kind, hired.approximate, hired.vague) == ("count", True, False)
    vague = stats["tens of thousands"]
    assert (vague.vague, vague.value, vague.high) == (True, 1e4, 1e5)


def test_a_one_sentence_text_gives_statistics_through_the_cli() -> None:
    result = CliRunner().invoke(
        app, ["summarize", "--engine", "offline", "-"], input="Vecturas shares rose 6.5% to 164p."
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == "2"
    stats = [(s["text"], s["kind"], s["currency"]) for s in data["summary"]["statistics"]]
    assert stats == [("6.5%", "percent", None), ("164p", "money", "GBP")]


def _summary(stat: dict[str, object]) -> dict[str, object]:
    return {"headline": "h", "summary": "s", "event": {"what": "w"}, "statistics": [stat]}


ARTICLE = "Analysts expect revenue of $89 to $93 billion next year.\n"


def test_a_claimed_high_is_checked() -> None:
    right = check(ARTICLE, _summary({"text": "$89 to $93 billion", "value": 89e9, "high": 93e9,
                                     "describes": "revenue"}))  # fmt: skip
    assert right.verification.passed
    wrong = check(ARTICLE, _summary({"text": "$89 to $93 billion", "value": 89e9, "high": 95e9,
                                     "describes": "revenue"}))  # fmt: skip
    assert not wrong.verification.passed
    assert any(i.path == "statistics[0].high" for i in wrong.verification.issues)


def test_an_altered_value_is_an_error() -> None:
    wrong = check(ARTICLE, _summary({"text": "$89 to $93 billion", "value": 88e9,
                                     "describes": "revenue"}))  # fmt: skip
    assert not wrong.verification.passed


def test_verification_completes_what_a_model_left_out() -> None:
    checked = check(ARTICLE, _summary({"text": "$89 to $93 billion", "value": 89e9,
                                       "describes": "revenue"}))  # fmt: skip
    (stat,) = checked.summary.statistics
    assert (stat.high, stat.kind, stat.currency) == (93e9, "money", "USD")
