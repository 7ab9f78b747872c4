"""The per-text indexes that keep the checks linear answer exactly what a full scan would."""

from __future__ import annotations

from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence.aliases import WORD, not_name_stems, stem
from summarizer.evidence.numbers import find_numbers
from summarizer.evidence.text import after_closers, line_breaks, stops
from summarizer.verify.statistics import NumberIndex

# Words with what stemming and case folding care about: suffixes, apostrophes, hyphens, capitals.
_WORDS = st.sampled_from(
    "babies baby Babies derails derailed stopped stop year-old Year old e-Mail mail don’t "
    "don't it’s its y ye yes sees SEE eee Trump trump’s Officials officials Anti-war war "
    "Zoë zoë İstanbul ſtop straße".split()
)
_TEXTS = st.lists(
    st.one_of(_WORDS, st.text("abyes’'-ZY ", min_size=1, max_size=8)), max_size=30
).map(" ".join)


def lower_stems(text: str) -> frozenset[str]:
    """The plain definition `verify.words.Ordinary` answers without it: the stems of the words
    `text` writes in lower case (and of the parts of such hyphenated words, unless a name with
    its glued particle: "al-Masri"), and NOT_NAMES'."""
    from summarizer.evidence.names import past_glued_particle

    lower = [w for w in WORD.findall(text) if w[:1].islower()]
    parts = [
        p for w in lower if "-" in w and past_glued_particle(w) == w for p in w.split("-") if p
    ]
    return frozenset(stem(w) for w in lower + parts) | not_name_stems()


def _sentences_scanned(text: str) -> tuple[list[int], list[int]]:
    """Every boundary of the text, judged one by one: (starts, ends)."""
    marks = [(i, after_closers(text, i)) for i in stops(text).boundaries()]
    marks += [(i, i + 1) for i in line_breaks(text)]
    marks.sort()
    return [a for a, _ in marks], [b for _, b in marks]


@settings(max_examples=200, deadline=None)
@given(st.text("ab .!?\n\"”’')U.S. Mr", max_size=300), st.integers(-5, 305))
def test_speaker_sentences_match_a_full_scan(text: str, pos: int) -> None:
    from summarizer.verify.speakers import _NEAR, _Sentences

    starts, ends = _sentences_scanned(text)
    k = bisect_left(ends, pos + 1) - 1
    want_start = max(ends[k] if k >= 0 else 0, pos - _NEAR, 0)
    k = bisect_left(starts, pos)
    want_end = min(ends[k] if k < len(starts) else len(text), pos + _NEAR, len(text))
    found = _Sentences(text)
    assert found.start_of(pos) == want_start
    assert found.end_of(pos) == want_end


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["12", "3.5", "$4", "10 to 20", "five", "x", "-", "%"]), max_size=40),
    st.integers(0, 200),
    st.integers(0, 40),
)
def test_number_index_overlap_is_a_scan(words: list[str], a: int, width: int) -> None:
    text = " ".join(words)
    numbers = find_numbers(text)
    index = NumberIndex(numbers)
    span = (a, a + width)
    assert index.overlapping(span) == [n for n in numbers if n.start < span[1] and span[0] < n.end]
    for n in numbers:
        assert index.at((n.start, n.end)) == next(
            m for m in numbers if (m.start, m.end) == (n.start, n.end)
        )
        assert (n.start, n.end) in index.spans_of(n.text)


# Name-shaped words: capitals, particles, honorifics, initials, apostrophes, mid-word capitals.
_NAME_WORDS = st.sampled_from(
    "Mr. Dr. Lt. Gov. de del della van von da al bin y St. Jr. Mc McCain U.S. J. K. Rowling "
    "O’Brien d’Arcy iPhone and a Zoë Ångström van der Berg (de Gaulle) “Al” al-Assad "
    "el-Sisi ash-Shami Al-Sudani bint dos zu ter d’Estaing royal-Blue".split()
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_NAME_WORDS, st.text("adeilvyzDAMcSt.’'- \n(", min_size=1, max_size=6)),
        max_size=30,
    ).map(" ".join)
)
def test_capitalised_runs_are_the_name_scan_matches(text: str) -> None:
    from summarizer.evidence.names import _CAPSEQ, _capitalised_runs

    assert list(_capitalised_runs(text)) == [(m.start(), m.group()) for m in _CAPSEQ.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.text("ab_1’' .é", max_size=40),
    st.text("ab’' .", max_size=4),
)
def test_word_spans_are_the_pattern_matches(haystack: str, needle: str) -> None:
    import re

    from summarizer.verify.claims import _MAX_SPANS, _WORD_START, _word_spans

    pattern = re.compile(rf"{_WORD_START}{re.escape(needle)}(?!\w)")
    expected = tuple(m.span() for m in pattern.finditer(haystack))[:_MAX_SPANS]
    assert _word_spans(haystack, needle, fold=False) == expected


# Letters that case folding treats apart from lower case: dotted and dotless i, long s, final
# sigma, the Kelvin sign, micro and mu, a combining iota, a ligature, Cyrillic variants.
_CASED = "abAB_1’' .éÉİıIiΣσςſsSKkµμΜ\u0345ιΙﬅﬆвᲀВ"


@settings(max_examples=500, deadline=None)
@given(st.text(_CASED, max_size=40), st.text(_CASED.replace("_1", ""), max_size=4))
def test_folded_word_spans_are_the_pattern_matches(haystack: str, needle: str) -> None:
    import re

    from summarizer.verify.claims import _MAX_SPANS, _WORD_START, _word_spans

    pattern = re.compile(rf"{_WORD_START}{re.escape(needle)}(?!\w)", re.IGNORECASE)
    expected = tuple(m.span() for m in pattern.finditer(haystack))[:_MAX_SPANS]
    assert _word_spans(haystack, needle, fold=True) == expected


def test_the_case_twins_are_the_ones_re_ignores_case_between() -> None:
    import re._casefix

    from summarizer.verify.claims import _CASE_TWINS

    groups = {frozenset((k, *v)) for k, v in re._casefix._EXTRA_CASES.items()}
    assert {frozenset(map(ord, g)) for g in _CASE_TWINS.split()} == groups


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(_WORDS, st.text("abyesS’'-ZY_5İΣς", min_size=1, max_size=8)), max_size=30
    ).map(" ".join),
    st.lists(st.one_of(_WORDS, st.text("abyesS’'-ZY5İΣς", max_size=6)), max_size=12),
)
def test_ordinary_words_are_the_lower_case_stems(text: str, queries: list[str]) -> None:
    from summarizer.verify.words import Ordinary

    lower = lower_stems(text)
    found = Ordinary([text])
    for q in queries:
        s = stem(q) if q else q
        assert (s in found) == (s in lower), s
    for s in lower:
        assert s in found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["12", "3.5", "$4", "1,200", "x12", "12x", "4.", "½", "²", "_1"]),
            st.text("0123,.$%ab- ", min_size=1, max_size=6),
        ),
        max_size=30,
    ).map(" ".join),
    st.sampled_from(["12", "3.5", "$4", "1,200", "4", "a", "2%", "$4 a", "½", "_1", "-1"]),
)
def test_a_statistics_places_are_found_alike_by_search_and_by_the_run_index(
    text: str, needle: str
) -> None:
    from summarizer.verify import statistics

    searched = statistics._whole_at(text, needle)
    long, statistics._LONG_TEXT = statistics._LONG_TEXT, -1
    try:
        statistics._tokens.cache_clear()
        assert statistics._whole_at(text, needle) == searched
    finally:
        statistics._LONG_TEXT = long
