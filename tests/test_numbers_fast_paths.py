"""The cheap checks number finding makes before a costly search never skip a match: each
pre-check is a necessary condition of the search it guards (the same output, faster)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence import numbers
from summarizer.evidence.numbers_vocab import APPROXIMATORS

_SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2009", ""])
_WORDS = st.sampled_from(
    [*APPROXIMATORS, "MORE", "Than", "moreover", "to", "up", "K", "\u212a", "ſome", "x.", "“"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SPACES), max_size=5), st.text(max_size=6))
def test_a_hedge_the_search_finds_passes_the_pre_check(
    parts: list[tuple[str, str]], noise: str
) -> None:
    window = (noise + "".join(w + s for w, s in parts))[-24:]
    if numbers._APPROX_BEFORE_RE.search(window) is not None:
        assert numbers._may_be_hedged(window)
