"""Aligning claimed quotes with the article: exact, normalized, fuzzy, unverified."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.evidence.align import TextIndex, align, clean_claim
from summarizer.evidence.normalize import normalize_str

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "operation-safe-city.txt"
HOMAN = (
    "Sanctuary jurisdictions that do not honor detainers or allow us access to jails and prisons"
    " are shielding criminal aliens from immigration enforcement and creating a magnet for"
    " illegal immigration"
)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def index(seed: str) -> TextIndex:
    return TextIndex(seed)


def test_exact(seed: str, index: TextIndex) -> None:
    found = index.align(HOMAN)
    assert found.status == "exact"
    assert found.span is not None
    assert seed[found.span[0] : found.span[1]] == HOMAN
    assert found.score == 1.0


def test_claim_with_its_own_quotation_marks_is_exact(seed: str, index: TextIndex) -> None:
    found = index.align(f"\u201c{HOMAN},\u201d")
    assert found.status == "exact"
    assert found.span is not None
    assert seed[found.span[0] : found.span[1]] == HOMAN + ","


def test_straight_apostrophe_for_curly_is_normalized(seed: str, index: TextIndex) -> None:
    claim = "But we are very clear that ICE's actions make our cities unsafe"
    found = index.align(claim)
    assert found.status == "normalized"
    assert found.span is not None
    assert seed[found.span[0] : found.span[1]] == claim.replace("'", "\u2019")


def test_full_stop_for_the_article_comma_is_normalized(seed: str, index: TextIndex) -> None:
    claim = "in this dastardly operation."
    found = index.align(claim)
    assert found.status == "normalized"
    assert found.span is not None
    assert seed[found.span[0] : found.span[1]] == "in this dastardly operation"


def test_a_claim_stopping_short_of_the_sentence_is_not_normalized(index: TextIndex) -> None:
    # The article goes on: "...the laws (as) we are authorized"; a claim that ends early with
    # a full stop is not the article's sentence.
    found = index.align("We are never going to stop enforcing the laws.")
    assert found.status != "normalized"
    assert found.status != "exact"


@pytest.mark.parametrize(
    ("claim", "changed"),
    [
        (HOMAN.replace("shielding", "protecting"), "protecting"),
        (HOMAN.replace("Sanctuary", "Refuge"), "Refuge"),
        (HOMAN.replace("illegal immigration", "illegal migration"), "migration"),
    ],
)
def test_one_word_changed_is_fuzzy_with_the_true_span(
    seed: str, index: TextIndex, claim: str, changed: str
) -> None:
    found = index.align(claim)
    assert found.status == "fuzzy"
    assert found.span is not None
    start = seed.index(HOMAN)
    assert abs(found.span[0] - start) <= 3
    assert abs(found.span[1] - (start + len(HOMAN))) <= 3
    assert 0 < found.score < 1


def test_dropped_and_added_words_are_fuzzy(index: TextIndex) -> None:
    assert index.align(HOMAN.replace(" criminal", "")).status == "fuzzy"
    assert index.align(HOMAN.replace("creating", "also creating")).status == "fuzzy"


def test_case_change_is_not_verbatim(index: TextIndex) -> None:
    assert index.align(HOMAN.lower()).status == "fuzzy"


def test_a_quote_from_another_article_is_unverified(index: TextIndex) -> None:
    found = index.align("We will keep fighting for working families in every corner of this state")
    assert found.status == "unverified"
    assert found.span is None
    assert found.score == 0.0


def test_empty_and_mark_only_claims_are_unverified(index: TextIndex) -> None:
    assert index.align("").status == "unverified"
    assert index.align(" \u201c\u201d ").status == "unverified"


def test_short_claim_is_found_among_quoted_passages(seed: str) -> None:
    start = seed.index("rogue agency")
    passages = [(start - 1, start + len("rogue agency.") + 1)]
    found = TextIndex(seed).align("rogue group", prefer=passages)
    assert found.status == "fuzzy"
    assert found.span == (start, start + len("rogue agency"))


def test_prefer_picks_the_quoted_occurrence_and_lists_the_others() -> None:
    text = 'The plan was bold. Critics said "the plan was bold" was an understatement.'
    quoted = text.index('"the plan')
    found = TextIndex(text).align("the plan was bold", prefer=[(quoted, quoted + 19)])
    assert found.status == "exact"
    assert found.span == (quoted + 1, quoted + 18)
    found = TextIndex(text).align("plan was bold")
    assert found.span == (4, 17)
    assert found.alternatives == (
        (text.index("plan was bold", 10), text.index("plan was bold", 10) + 13),
    )


def test_words_are_not_matched_inside_longer_words() -> None:
    assert TextIndex("The nation is calm.").align("on is").status == "unverified"


def test_module_level_align_matches_the_index(seed: str) -> None:
    assert align(HOMAN, seed) == TextIndex(seed).align(HOMAN)


def test_clean_claim() -> None:
    assert clean_claim(" \u201cYes,\u201d ") == "Yes,"
    assert clean_claim("'Yes'") == "Yes"
    assert clean_claim("the players'") == "the players'"
    assert clean_claim("``Yes,''") == "Yes,"


# --- properties ----------------------------------------------------------------------------

WORDS = ["the", "plan", "was", "bold", "said", "he", "we", "will", "it's", "it’s", "—", "…"]
text_strategy = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet="ab“”\"'’ .,\n\xa0", max_size=4)),
    max_size=40,
).map(" ".join)


@given(text_strategy, st.text(alphabet="abhe “”\"'’.,…—-\n", max_size=30))
def test_offsets_stay_inside_the_text(text: str, claim: str) -> None:
    found = TextIndex(text).align(claim)
    if found.span is None:
        assert found.status == "unverified"
        return
    start, end = found.span
    assert 0 <= start <= end <= len(text)
    for a, b in found.alternatives:
        assert 0 <= a <= b <= len(text)


@given(text_strategy, st.data())
def test_a_found_span_reads_as_the_claim(text: str, data: st.DataObject) -> None:
    """A claim cut from the text (with its typography changed) comes back exact or normalized,
    and the span's text, normalised, is the claim's (less a trailing punctuation mark)."""
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    claim = text[i:j]
    claim = data.draw(
        st.sampled_from([claim, claim.replace("\u2019", "'"), claim.replace("\u201c", '"')])
    )
    found = TextIndex(text).align(claim)
    if found.status not in ("exact", "normalized"):
        return
    assert found.span is not None
    got = normalize_str(text[found.span[0] : found.span[1]])
    core = clean_claim(claim)
    loose = re.sub(r"[\s.,;:!?…]+$", "", re.sub(r"^(?:\.\.\.|…)\s*", "", core))
    assert got in (normalize_str(core), normalize_str(loose))


# --- align_within: a claim placed by its context ---------------------------------------------

PLACED = 'He called it "reckless" and "a disgrace" on Monday, and "unfair" on Friday.'


def _passages(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r'"[^"]*"', text)]


def test_a_one_word_claim_changed_is_found_only_by_its_place() -> None:
    index = TextIndex(PLACED)
    prefer = _passages(PLACED)
    assert index.align("careless", prefer=prefer).status == "unverified"
    found = index.align_within("careless", (0, PLACED.index(" and")), prefer=prefer)
    assert found.status == "fuzzy"
    assert found.span == (PLACED.index("reckless"), PLACED.index("reckless") + 8)
    assert found.score == 0.0


def test_align_within_keeps_out_of_taken_spans_and_inside_the_window() -> None:
    index = TextIndex(PLACED)
    prefer = _passages(PLACED)
    reckless = (PLACED.index("reckless"), PLACED.index("reckless") + 8)
    found = index.align_within("careless", (0, len(PLACED)), prefer=prefer, taken=[reckless])
    assert found.span == (PLACED.index("unfair"), PLACED.index("unfair") + 6)
    window = (PLACED.index("and"), PLACED.index("on Friday"))
    assert index.align_within("a dishonour", window, prefer=prefer).span == (
        PLACED.index("a disgrace"),
        PLACED.index("a disgrace") + 10,
    )
    assert index.align_within("careless", (0, 5), prefer=prefer).status == "unverified"
    assert index.align_within("careless", (9, 9), prefer=prefer).status == "unverified"


def test_align_within_prefers_the_passage_shaped_like_the_claim() -> None:
    text = 'They said "fine," then "Later." and left.'
    found = TextIndex(text).align_within("Sooner.", (0, len(text)), prefer=_passages(text))
    assert found.span is not None and text[found.span[0] : found.span[1]] == "Later."


def test_align_within_does_not_loosen_long_claims() -> None:
    index = TextIndex(HOMAN)
    found = index.align_within("We will keep fighting for working families", (0, len(HOMAN)))
    assert found.status == "unverified"


@given(text_strategy, st.text(alphabet="abhe “”\"'’.,…—-\n", max_size=30), st.data())
def test_align_within_stays_inside_its_window(text: str, claim: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    found = TextIndex(text).align_within(claim, (lo, hi), prefer=_passages(text))
    assert found.status in ("fuzzy", "unverified")
    if found.span is not None:
        assert lo <= found.span[0] <= found.span[1] <= hi


@given(st.text(alphabet="ab AB'’“”.,—-_1é\n\0İ", max_size=60), st.data())
def test_the_token_index_is_the_article_s_words_and_where_each_stands(
    text: str, data: st.DataObject
) -> None:
    from summarizer.evidence.align import _TOKEN
    from summarizer.evidence.normalize import casefolded, normalize

    index = TextIndex(text)
    index._build_tokens()
    folded = casefolded(normalize(text)).text
    # The tokens and offsets are the tokens' matches, scanned one by one.
    found = list(re.finditer(r"\w+(?:'\w+)*", folded))
    assert index._tokens == [m.group() for m in found] == _TOKEN.findall(folded)
    assert index._tok_start == [m.start() for m in found]
    assert index._tok_end == [m.end() for m in found]
    # Each word's positions, looked up (twice: the kept answer) or absent, are its indices.
    words = [*index._tokens, "a", "ab", "b'a"]  # tokens, as a claim's words are: never empty
    for word in data.draw(st.lists(st.sampled_from(words), max_size=8)):
        expected = [k for k, token in enumerate(index._tokens) if token == word]
        assert index._positions(word) == expected
        assert index._positions(word) == expected


@given(text_strategy, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6))
def test_a_region_s_kept_token_range_is_the_one_computed_afresh(
    text: str, regions: list[tuple[int, int]]
) -> None:
    index = TextIndex(text)
    index._build_tokens()
    for region in regions + regions:
        fresh = TextIndex(text)
        fresh._build_tokens()
        assert index._token_range(region) == fresh._token_range(region)
