"""The cheap checks number finding makes before a costly search never skip a match: each
pre-check is a necessary condition of the search it guards, and a pattern read backwards finds
what its forward reference finds (the same output, faster)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence import numbers, numbers_digits, numbers_tails
from summarizer.evidence.numbers_vocab import APPROXIMATORS

_SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2009", ""])
_WORDS = st.sampled_from(
    [*APPROXIMATORS, "MORE", "Than", "moreover", "to", "up", "K", "\u212a", "ſome", "x.", "“"]
)


@settings(max_examples=1500, deadline=None)
@given(st.text(max_size=8), st.lists(st.tuples(_WORDS, _SPACES), max_size=5), st.text(max_size=3))
def test_the_reversed_hedge_match_finds_what_the_search_finds(
    noise: str, parts: list[tuple[str, str]], after: str
) -> None:
    text = noise + "".join(w + s for w, s in parts) + "5" + after
    for start in range(len(text) + 1):
        searched = numbers._APPROX_BEFORE_RE.search(text, max(0, start - 24), start)
        assert numbers._hedged_before(text, start) == (searched is not None), (text, start)


_PREFIX_PIECES = st.sampled_from(
    ["No.", "no.", "Nos.", "NO.", "minus", "MINUS", "Negative", "Rs.", "Rs", "USD", "RM", "US$",
     "$", "C $", "€", "Y=", "−", "-", "x", "ox.", "bonus", "İ", "\u212a", "“", ".", "KSh", "Sh",
     "USh", "TSh", "Ksh"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_PREFIX_PIECES, _SPACES), min_size=1, max_size=4), st.text(max_size=4))
def test_a_prefix_the_search_finds_passes_the_pre_check(
    parts: list[tuple[str, str]], noise: str
) -> None:
    text = noise + "".join(w + s for w, s in parts) + "5"
    start = len(text) - 1
    b = numbers_digits._BEFORE_RE.search(text, max(0, start - 14), start)
    if b is not None and b.start() < start and text[start - 1] in numbers_digits._PREFIX_ENDS:
        assert numbers_digits._may_have_prefix(text, start)


def _tail_is_read(text: str, pos: int) -> bool:
    return numbers_tails.TAIL_RE.match(text, pos).end() > pos  # type: ignore[union-attr]


_TAIL_PIECES = st.sampled_from(
    [*sorted(numbers_tails._TAIL_WORDS), "Hong", "Kong", "U.S.", "US", "EUR", "a.m.", "A.M",
     "PM", "x", "×", "10", "^3", "e6", "e-3", "th", "s", "'s", "’s", "-day", "-old", "%", "€",
     "£", "¢", "$", "p.", "İ", "\u212a", "ſ", "people", "years", ",", ".", "-", "+", "é"]
)  # fmt: skip
_CASES = st.sampled_from([str, str.upper, str.title, str.lower])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_SPACES, _TAIL_PIECES, _CASES), min_size=1, max_size=4))
def test_a_tail_the_pattern_reads_passes_the_pre_check(
    parts: list[tuple[str, str, object]],
) -> None:
    text = "5" + "".join(s + case(w) for s, w, case in parts)  # type: ignore[operator]
    for pos in range(len(text) + 1):
        if _tail_is_read(text, pos):
            assert numbers_tails.may_have_tail(text, pos), (text, pos)


def test_every_tail_of_the_seed_article_passes_the_pre_check() -> None:
    seed = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
    for path in sorted(seed.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for pos in range(len(text) + 1):
            if _tail_is_read(text, pos):
                assert numbers_tails.may_have_tail(text, pos), (path.name, pos)


_AFTER_PIECES = st.sampled_from(["MEUR", "kUSD", "K", "M", "k", "GBP", "x", "é", "-"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_SPACES, _AFTER_PIECES), min_size=1, max_size=4))
def test_a_scaled_currency_code_passes_the_pre_check(
    parts: list[tuple[str, str]],
) -> None:
    text = "5" + "".join(s + w for s, w in parts)
    for pos in range(len(text) + 1):
        if numbers_tails._SCALED_CODE_RE.match(text, pos) is not None:
            assert numbers_tails._may_be_scaled_code(text, pos), (text, pos)
