"""The cheap tests that spare attribution and kinds a slow pattern say "no" only where the
pattern cannot match (they may say "maybe" where it does not)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.evidence import kinds
from summarizer.evidence.attribution import cues
from summarizer.evidence.lexicon import PASSIVE_NAMING_VERBS

_GLUE = st.sampled_from(
    [" ", "  ", "\n", " \n", "\t", "\u00a0", ",", ", ", ":", " : ", "-", "(", "“", "’", "_", ""]
)
_NAMING_WORDS = st.sampled_from(
    [
        *kinds._NAMING_LAST,
        "so-called",
        "known",
        "refers",
        "referred",
        "chants",
        "the slogan",
        "tweeted that Bob was",
        "he said",
        "Called",
        "AS",
        "ſaid",
        "was",
        "Obama",
        "ideas",
        "x",
    ]
)
_PASSIVE_WORDS = st.sampled_from(
    [
        *sorted(PASSIVE_NAMING_VERBS),
        "is",
        "was",
        "been",
        "often",
        "widely",
        "by",
        "as",
        "to",
        "a",
        "an",
        "the",
        "some Republicans",
        "Democrats",
        "quickly",
        "Called",
        "calledx",
        "is called",
        "was often labeled as a",
        "known by some Republicans as",
        "has been dubbed the",
        "seen by organizers as an",
        "were widely derided to",
        "be hailed as",
    ]
)


def _texts(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(words, _GLUE), max_size=14).map(
        lambda parts: "".join(w + g for w, g in parts)
    )


@settings(max_examples=400, deadline=None)
@given(_texts(_NAMING_WORDS), st.integers(0, 80), st.integers(0, 80))
def test_naming_look_back_is_tried_wherever_it_can_match(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    if kinds._NAMING_BEFORE.search(text, start, end) is not None:
        assert kinds._may_name(text, start, end)


@settings(max_examples=400, deadline=None)
@given(_texts(_PASSIVE_WORDS), st.integers(0, 120), st.integers(0, 120))
def test_passive_patterns_are_tried_wherever_they_can_match(text: str, a: int, b: int) -> None:
    begin, end = sorted((min(a, len(text)), min(b, len(text))))
    if (
        cues._AGENT_BEFORE.search(text, begin, end) is not None
        or cues._PASSIVE_BEFORE.search(text, begin, end) is not None
    ):
        assert cues._may_be_passive(text, begin, end)


def test_the_prechecks_pass_what_the_patterns_find() -> None:
    text = "a memo titled “X” and what was widely called    \n\n      “Y”"
    assert kinds._may_name(text, 0, text.index("“X"))
    assert cues._may_be_passive(text, 0, text.index("“Y"))
    assert cues._PASSIVE_BEFORE.search(text, 0, text.index("“Y")) is not None
    assert not kinds._may_name("Smith spoke “X”", 0, 12)
    assert not cues._may_be_passive("Smith said “", 0, 11)


_ADVERB_WORDS = st.sampled_from(
    ["also", "then", "has", "quickly", "ly", "Also", "ALSO", "said", "Smith", "not", "x", "ſly"]
)


@settings(max_examples=400, deadline=None)
@given(_texts(_ADVERB_WORDS))
def test_adverb_tail_is_where_the_pattern_finds_it(seg: str) -> None:
    from summarizer.evidence.attribution import subjects

    tail = subjects._ADVERB_TAIL.search(seg)
    assert subjects._adverb_tail_start(seg) == (tail.start() if tail else len(seg))


_JOIN_WORDS = st.sampled_from(["and", "And", "band", "quickly", "also", "said", ",", "Smith"])


@settings(max_examples=400, deadline=None)
@given(_texts(_JOIN_WORDS), st.integers(0, 120), st.integers(0, 120))
def test_and_pattern_is_tried_wherever_it_can_match(text: str, a: int, b: int) -> None:
    begin, end = sorted((min(a, len(text)), min(b, len(text))))
    if cues._AND_BEFORE.search(text, begin, end) is not None:
        assert cues._may_join(text, begin, end)


@settings(max_examples=300, deadline=None)
@given(st.text(".!?a “”\n", max_size=60))
def test_the_marks_are_found_as_the_pattern_finds_them(text: str) -> None:
    from summarizer.evidence.text import _MARKS, mark_offsets

    assert mark_offsets(text) == [m.start() for m in _MARKS.finditer(text)]


# The patterns as first written: the faster ones must find exactly what these find.
_APPOSITIVE_AS_WRITTEN = re.compile(
    r"\b(?P<name>[A-Z][\w’'\-]*),\s+(?:the|a|an|its)\s+(?:[\w’'\-]+\s+){0,4}"
    r"(?P<head>[a-z]+)(?=[,;.])"
)
_PRONOUN_AS_WRITTEN = re.compile(r"\b(he|she|they|He|She|They|I|we|We)\b")
_SCAN_WORDS = st.sampled_from(
    [
        "Xinhua",
        "XInhua",
        "aXinhua",
        "_X",
        "the",
        "a",
        "its",
        "official",
        "news",
        "agency",
        "he",
        "she",
        "They",
        "I",
        "It",
        "we",
        "We",
        "ethe",
        "Ü",
        "ü",
        "I’m",
        "x-y",
        "Shell",
        "1I",
    ]
)


@settings(max_examples=400, deadline=None)
@given(_texts(_SCAN_WORDS), st.integers(0, 80), st.integers(0, 80))
def test_fast_scans_find_what_the_patterns_as_written_find(text: str, a: int, b: int) -> None:
    from summarizer.evidence.attribution import phrases, pronouns

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for fast, slow in (
        (pronouns._APPOSITIVE, _APPOSITIVE_AS_WRITTEN),
        (phrases._PRONOUN_WORD, _PRONOUN_AS_WRITTEN),
    ):
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text, start, end)] == [
            (m.span(), m.groupdict()) for m in slow.finditer(text, start, end)
        ]


_CUE_WORDS = st.sampled_from(
    [
        "said",
        "says",
        "Smith",
        "the",
        "spokesman",
        "according to",
        "told",
        "x.y",
        "it’s",
        "—",
        ",",
        "saidx",
        "reporters",
        "added",
        "1",
        "_",
    ]
)


@settings(max_examples=300, deadline=None)
@given(_texts(_CUE_WORDS))
def test_cue_after_matches_as_written(text: str) -> None:
    as_written = re.compile(
        rf"\s*[,—–-]?\s*(?:(?:{kinds._VERBS_RE})\b"
        rf"|(?:[\w’'.\-]+\s+){{1,6}}(?:{kinds._VERBS_RE})\b)"
    )
    fast, slow = kinds._CUE_AFTER.match(text), as_written.match(text)
    assert (fast and fast.span()) == (slow and slow.span())


_PHRASE_WORDS = st.sampled_from(
    [
        "the",
        "The",
        "a",
        "two",
        "former",
        "senior",
        "spokesman",
        "spokeswoman",
        "officials",
        "experts",
        "said",
        "of",
        "ICE",
        "U.S.",
        "White",
        "House",
        "critics",
        "thex",
        "in",
    ]
)


@settings(max_examples=400, deadline=None)
@given(_texts(_PHRASE_WORDS), st.integers(0, 80), st.integers(0, 80))
def test_the_first_descriptive_phrase_is_the_first_of_all(text: str, a: int, b: int) -> None:
    from summarizer.evidence.attribution import phrases

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    seg = text[start:end]
    every = sorted(
        [m.span() for m in phrases._DETERMINER_NP.finditer(seg)]
        + [m.span() for m in phrases._BARE_PLURAL.finditer(seg)]
    )
    first = phrases._descriptive_in(text, start, end, last=False)
    if not every:
        assert first is None
    else:
        assert first is not None and first.end == start + every[0][1]
        last = phrases._descriptive_in(text, start, end, last=True)
        assert last is not None and last.end == start + every[-1][1]
