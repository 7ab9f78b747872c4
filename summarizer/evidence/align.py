"""Find where a claimed quote sits in the article, and how faithfully.

Alignment is data, never an exception: a span of the original text plus a status.
- `exact`: the claim occurs as written (after trimming its own quotation marks and spaces).
- `normalized`: it occurs once typography is normalised (quotes, dashes, whitespace, ellipses),
  or once a trailing punctuation mark is dropped (`“... we will,” he said` quoted as `we will.`).
- `fuzzy`: a passage differs by a few words (changed, dropped or added); the span is that
  passage, so a caller can show what the article really says.
- `unverified`: nothing close enough.

Fuzzy matching works on word tokens, not characters: the article's tokens are read once per text
(`TextIndex`, which finds where a claim's word stands in them when asked), the claim's tokens (all
but the article's commonest words) vote for a diagonal (text position minus claim position), and
only the best few diagonals are scored with a banded token edit distance; the span is snapped to the
matched tokens. That is linear in the claim, not in the article. A claim of up to four words is
first compared with whole quoted passages (`prefer`) of about its length, and may only match inside
one: a few words matching elsewhere are a coincidence. A match may differ by a quarter of the
claim's words (at least one) and must keep two of them, so a quote from another article comes out
`unverified`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Literal

from summarizer.evidence.normalize import Normalized, casefolded, normalize, normalize_str

__all__ = ["UNVERIFIED", "Alignment", "AlignStatus", "TextIndex", "align", "clean_claim"]

AlignStatus = Literal["exact", "normalized", "fuzzy", "unverified"]

# Words, with a contraction or possessive kept whole ("can't", "Obama's") as the text has them.
# Possessive: nothing follows a word in the pattern, so giving letters back never matches more,
# and the scan, run over every word of an article, skips the bookkeeping of backtracking.
_TOKEN = re.compile(r"\w++(?:'\w++)*+")
# The same tokens, each kept by the split between the texts that separate them.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_SEP = "\0"  # joins the tokens to look one up whole: no token holds it
_DOUBLE_MARKS = '"“”„‟«»″'
_SINGLE_MARKS = "'‘’‚‛`"
_CLAUSE_END = frozenset(".,;:!?\"'”’»)]…—–-\n\r")
_CLOSING = frozenset(".,;:!?")
_TRAILING_PUNCT = re.compile(r"[\s.,;:!?…]+$")
_LEADING_ELLIPSIS = re.compile(r"^(?:\.\.\.|…)\s*")
# A token seen this often in the article says nothing about where a claim is.
_FREQUENT = 50
_MAX_SPANS = 50  # occurrences of one claim worth listing
# A fuzzy match may differ by this share of the claim's tokens (at least one token).
_MAX_EDIT_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Alignment:
    span: tuple[int, int] | None
    status: AlignStatus
    score: float  # 1.0 for exact/normalized; 1 - token edits / claim tokens for fuzzy
    alternatives: tuple[tuple[int, int], ...] = ()  # other places it matches just as well


UNVERIFIED = Alignment(None, "unverified", 0.0)


def clean_claim(claim: str) -> str:
    """The claim without surrounding spaces and its own quotation marks."""
    core = claim.strip()
    # Double marks are never part of a quote's own text at its ends; single marks only when they
    # wrap the whole claim (a trailing one alone may be a possessive: "the players'").
    while core and core[0] in _DOUBLE_MARKS:
        core = core[1:].lstrip()
    while core and core[-1] in _DOUBLE_MARKS:
        core = core[:-1].rstrip()
    while len(core) >= 2 and core[0] in _SINGLE_MARKS and core[-1] in _SINGLE_MARKS:
        core = core[1:-1].strip()
    if core.startswith("''") or core.startswith("``"):
        core = core[2:].lstrip()
    if core.endswith("''"):
        core = core[:-2].rstrip()
    return core


def _loose(core: str) -> str:
    """The claim without a leading ellipsis and trailing punctuation (`we will.` -> `we will`)."""
    core = _LEADING_ELLIPSIS.sub("", core)
    return _TRAILING_PUNCT.sub("", core)


def _bounded(text: str, start: int, end: int) -> bool:
    """True when [start, end) does not cut a word in two at either end."""
    if start > 0 and text[start].isalnum() and text[start - 1].isalnum():
        return False
    return not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


def _ends_there(text: str, end: int) -> bool:
    """The article's sentence or quote ends at `end` too: punctuation, a mark or a line break
    follows, not more words (else `we will.` would pass for the start of `we will go`)."""
    stripped = text[end : end + 40].lstrip(" \t")
    return not stripped or stripped[0] in _CLAUSE_END


def _overlaps(span: tuple[int, int], regions: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < r_end and r_start < span[1] for r_start, r_end in regions)


class TextIndex:
    """One article, prepared once for aligning many claims against it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._normalized: Normalized | None = None
        self._folded: Normalized | None = None
        self._tokens: list[str] = []
        self._tok_start: list[int] = []  # offsets into the case-folded normalised text
        self._tok_end: list[int] = []
        self._joined = ""  # _SEP, then each token followed by _SEP
        self._joined_at: list[int] = []  # where each token's _SEP before it stands in _joined
        self._where: dict[str, list[int]] = {}  # token -> its indices, for the tokens asked
        self._ranges: dict[tuple[int, int], tuple[int, int]] = {}  # region -> token range

    # --- lazily built views: an all-exact summary never pays for them -------------------------

    @property
    def normalized(self) -> Normalized:
        if self._normalized is None:
            self._normalized = normalize(self.text)
        return self._normalized

    def _build_tokens(self) -> None:
        if self._folded is None:
            # Case folding keeps every offset: the normalised text is folded, not normalised again.
            folded = casefolded(self.normalized)
            # Separators and tokens alternate, so the offsets are running sums of their lengths:
            # every loop over the article's words runs in C.
            parts = _TOKEN_SPLIT.split(folded.text)
            offsets = list(accumulate(map(len, parts), initial=0))
            self._tokens = tokens = parts[1::2]
            self._tok_start = offsets[1:-1:2]
            self._tok_end = offsets[2::2]
            self._joined = _SEP + _SEP.join(tokens) + _SEP
            self._joined_at = list(accumulate(map((1).__add__, map(len, tokens)), initial=0))
            self._folded = folded

    def _positions(self, word: str) -> list[int]:
        """The indices of the tokens that are `word`, in order. Looked up in the joined tokens
        for the words a claim has, not indexed for every word of the article: a claim has a few
        dozen words, an article hundreds of distinct ones."""
        found = self._where.get(word)
        if found is None:
            needle = f"{_SEP}{word}{_SEP}"
            joined, at_token = self._joined, self._joined_at
            found = []
            at = joined.find(needle)
            while at >= 0:
                found.append(bisect_left(at_token, at))
                at = joined.find(needle, at + len(needle) - 1)  # the next token shares its _SEP
            self._where[word] = found
        return found

    # --- the three ways of finding a claim ----------------------------------------------------

    def _exact_spans(self, needle: str) -> list[tuple[int, int]]:
        text = self.text
        spans: list[tuple[int, int]] = []
        at = text.find(needle)
        while at >= 0 and len(spans) < _MAX_SPANS:
            span = (at, at + len(needle))
            if _bounded(text, *span):
                spans.append(span)
            at = text.find(needle, at + 1)
        return spans

    def _normalized_spans(self, needle: str, *, ends_there: bool = False) -> list[tuple[int, int]]:
        norm = self.normalized
        target = normalize_str(needle)
        spans: list[tuple[int, int]] = []
        if not target.strip():
            return spans
        at = norm.text.find(target)
        while at >= 0 and len(spans) < _MAX_SPANS:
            span = norm.span_to_original(at, at + len(target))
            # A match can start inside an expanded character ('..' inside the '...' of '…');
            # only keep spans whose own normalisation is the claim's.
            if (
                normalize_str(self.text[span[0] : span[1]]) == target
                and _bounded(self.text, *span)
                and (not ends_there or _ends_there(self.text, span[1]))
            ):
                spans.append(span)
            at = norm.text.find(target, at + 1)
        return spans

    def _token_range(self, region: tuple[int, int]) -> tuple[int, int]:
        """Token indices [first, last) lying inside an original-text region. Kept per region:
        every quote of a summary is compared with the same quoted passages."""
        start, end = key = region[0], region[1]  # a caller's list is no key
        found = self._ranges.get(key)
        if found is None:
            folded = self._folded
            assert folded is not None
            lo = folded.to_normalized(start)
            hi = folded.to_normalized(end) if end < len(self.text) else len(folded.text)
            found = bisect_left(self._tok_start, lo), bisect_right(self._tok_end, hi)
            self._ranges[key] = found
        return found

    def _alignment(self, core: str, first: int, last: int, edits: int, m: int) -> Alignment:
        folded = self._folded
        assert folded is not None
        start = self._tok_start[first]
        end = self._tok_end[last]
        # Carry the claim's closing punctuation over when the article has it too ("do so.").
        tail = _TRAILING_TAIL.search(normalize_str(core, casefold=True))
        if tail and folded.text.startswith(tail.group(), end):
            end += len(tail.group())
        return Alignment(folded.span_to_original(start, end), "fuzzy", max(0.0, 1.0 - edits / m))

    def _short_in_passages(
        self, core: str, claim: list[str], regions: list[tuple[int, int]], *, placed: bool = False
    ) -> Alignment | None:
        """A short claim against whole quoted passages of about its length (`"a rogue group"`).

        `placed`: the regions are the untaken passages where the claim's context puts it (see
        `align_within`). Then a one-word claim may match a passage of one or two words by
        position alone, and of equally good passages the one shaped most like the claim (its
        capital, its closing mark), else the first, is taken rather than none.
        """
        m = len(claim)
        tokens = self._tokens
        found: list[tuple[int, int, int, int, int]] = []
        for first, last in regions:
            size = last - first
            if size < 1 or abs(size - m) > 1:
                continue
            edits = _edit_distance(claim, tokens[first:last])
            if edits > 1 or (size - edits < 1 and not placed):
                continue
            if m - edits < 1 and not (placed and m == 1):
                continue
            shape = self._shape_mismatch(core, first, last - 1) if placed else 0
            found.append((edits, abs(size - m), shape, first, last))
        if not found:
            return None
        found.sort()
        if not placed and len(found) > 1 and found[1][0] == found[0][0]:
            return None  # two passages fit equally well: no telling which one was meant
        edits, _, _, first, last = found[0]
        return self._alignment(core, first, last - 1, edits, m)

    def _shape_mismatch(self, core: str, first: int, last: int) -> int:
        """How many of the claim's capital and closing mark the passage lacks (0 to 2): a word
        swapped for another usually keeps both."""
        folded = self._folded
        assert folded is not None
        start, end = folded.span_to_original(self._tok_start[first], self._tok_end[last])
        text = self.text
        mismatch = int(core[:1].isupper() != text[start : start + 1].isupper())
        closing = core[-1:] if core[-1:] in _CLOSING else ""
        after = text[end : end + 1]
        return mismatch + int(closing != (after if after in _CLOSING else ""))

    def _find_fuzzy(
        self,
        core: str,
        prefer: Sequence[tuple[int, int]],
        *,
        window: tuple[int, int] | None = None,
        taken: Sequence[tuple[int, int]] = (),
    ) -> Alignment:
        self._build_tokens()
        claim = _TOKEN.findall(normalize_str(core, casefold=True))
        m = len(claim)
        if m == 0:
            return UNVERIFIED
        regions = [self._token_range(r) for r in prefer]
        # Token ranges a match must keep inside (window) and out of (taken).
        lo, hi = self._token_range(window) if window is not None else (0, len(self._tokens))
        blocked = [self._token_range(r) for r in taken]

        def free(first: int, last: int) -> bool:
            return (
                lo <= first and last < hi and not any(a <= last and first < b for a, b in blocked)
            )

        if window is not None:
            regions = [r for r in regions if r[0] < r[1] and free(r[0], r[1] - 1)]
        short = m <= 4
        if short and regions:
            found = self._short_in_passages(core, claim, regions, placed=window is not None)
            if found is not None:
                return found
        if m < 2:
            return UNVERIFIED
        # Plain dicts, not Counters: a Counter's missing key is a Python call, a few hundred
        # per claim here (diagonals x 5 neighbours).
        votes: dict[int, int] = {}
        voters = 0
        frequent: list[tuple[int, list[int]]] = []
        for i, word in enumerate(claim):
            seen = self._positions(word)
            # (A word the article lacks counts as a voter: changed, or the claim is not from here.)
            if len(seen) <= _FREQUENT:
                voters += 1
                for p in seen:
                    if lo <= p < hi:
                        votes[p - i] = votes.get(p - i, 0) + 1
            else:
                frequent.append((i, seen))
        if voters < 2 or not votes:  # only common words: let them vote after all
            for i, seen in frequent:
                for p in seen:
                    if lo <= p < hi:
                        votes[p - i] = votes.get(p - i, 0) + 1
            voters += len(frequent)
        if not votes:
            return UNVERIFIED
        clustered: dict[int, int] = {}
        for diag, count in votes.items():
            for near in range(diag - 2, diag + 3):
                clustered[near] = clustered.get(near, 0) + count
        needed = 1.0 if short else max(2.0, 0.5 * voters)
        best: tuple[int, bool, int, int] | None = None  # (edits, outside prefer, first, last)
        tried: list[int] = []
        # (Counter.most_common's order: by count, ties in insertion order.)
        for diag, count in sorted(clustered.items(), key=itemgetter(1), reverse=True):
            if count < needed or len(tried) >= 3:
                break
            if any(abs(diag - other) <= 4 for other in tried):
                continue
            tried.append(diag)
            found_band = self._banded(claim, diag)
            if found_band is None:
                continue
            edits, first, last = found_band
            if window is not None and not free(first, last):
                continue
            outside = bool(regions) and not any(a <= last and first < b for a, b in regions)
            candidate = (edits, outside, first, last)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
        if best is None:
            return UNVERIFIED
        edits, outside, first, last = best
        if edits > max(1, int(_MAX_EDIT_SHARE * m)) or m - edits < 2:
            return UNVERIFIED
        if short and outside:
            return UNVERIFIED  # a few words matching outside every quote are a coincidence
        return self._alignment(core, first, last, edits, m)

    def _banded(self, claim: list[str], diag: int) -> tuple[int, int, int] | None:
        """Semi-global token edit distance of `claim` against the text near `diag`.

        Returns (edits, first text token, last text token) of the best local passage.
        """
        tokens = self._tokens
        n = len(tokens)
        m = len(claim)
        band = min(10, max(3, int(_MAX_EDIT_SHARE * m) + 1))
        inf = m + n + 1
        # rows[i] maps j (text tokens consumed, as an absolute index) -> cost; j in a band.
        lows: list[int] = []
        rows: list[list[int]] = []
        lo = max(0, diag - band)
        hi = min(n, diag + band)
        if lo > hi:
            return None
        lows.append(lo)
        rows.append([0] * (hi - lo + 1))
        for i in range(1, m + 1):
            word = claim[i - 1]
            p_lo, prev = lows[-1], rows[-1]
            p_hi = p_lo + len(prev) - 1
            lo = max(0, diag + i - band)
            hi = min(n, diag + i + band)
            if lo > hi:
                return None
            row = [inf] * (hi - lo + 1)
            for j in range(lo, hi + 1):
                best = inf
                if p_lo <= j - 1 <= p_hi and j >= 1:
                    best = prev[j - 1 - p_lo] + (0 if tokens[j - 1] == word else 1)
                if p_lo <= j <= p_hi:
                    cost = prev[j - p_lo] + 1
                    if cost < best:
                        best = cost
                if j > lo:
                    cost = row[j - 1 - lo] + 1
                    if cost < best:
                        best = cost
                row[j - lo] = best
            lows.append(lo)
            rows.append(row)
        last_row, last_lo = rows[m], lows[m]
        edits = min(last_row)
        if edits >= inf:
            return None
        # Of equally good ends the last one: a changed final word is then a substitution of the
        # article's word, not a dropped claim word, and the span covers the whole passage.
        j = last_lo + len(last_row) - 1 - last_row[::-1].index(edits)
        end_j = j
        i = m
        while i > 0:
            row, lo = rows[i], lows[i]
            prev, p_lo = rows[i - 1], lows[i - 1]
            here = row[j - lo]
            p_hi = p_lo + len(prev) - 1
            word = claim[i - 1]
            if (
                j >= 1
                and p_lo <= j - 1 <= p_hi
                and here == prev[j - 1 - p_lo] + (0 if tokens[j - 1] == word else 1)
            ):
                i, j = i - 1, j - 1
            elif p_lo <= j <= p_hi and here == prev[j - p_lo] + 1:
                i -= 1
            else:
                j -= 1
        if end_j <= j:
            return None
        return edits, j, end_j - 1

    def align_within(
        self,
        claim: str,
        window: tuple[int, int],
        *,
        prefer: Sequence[tuple[int, int]] = (),
        taken: Sequence[tuple[int, int]] = (),
    ) -> Alignment:
        """A near match of a claim that `align` found no verbatim match for, inside `window` and
        clear of `taken` (original-text offsets): where the claim's context puts it, as the
        quotes around it in a summary do. The status is `fuzzy` or `unverified`.

        The thresholds are `align`'s, except that a one-word claim, which keeps nothing to find
        once its word is changed, matches a lone short quoted passage there (`prefer`) by
        position alone. A caller should pass a window only when it trusts it."""
        core = clean_claim(claim)
        if not core or window[0] >= window[1]:
            return UNVERIFIED
        found = self._find_fuzzy(core, prefer, window=window, taken=taken)
        if found.span is not None and found.span[1] > window[1]:
            # A closing mark carried over from the claim may stand just past the window.
            found = Alignment((found.span[0], window[1]), found.status, found.score)
        return found

    def align(self, claim: str, *, prefer: Sequence[tuple[int, int]] = ()) -> Alignment:
        """Where `claim` sits in the text. Of several equal matches, the first inside a `prefer`
        region (quoted passages) is the span; the others are `alternatives`."""
        core = clean_claim(claim)
        if not core:
            return UNVERIFIED
        spans = self._exact_spans(core)
        if spans:
            return _chosen(spans, "exact", prefer)
        spans = self._normalized_spans(core)
        if spans:
            return _chosen(spans, "normalized", prefer)
        loose = _loose(core)
        if loose and loose != core and len(_TOKEN.findall(loose)) >= 2:
            spans = [s for s in self._exact_spans(loose) if _ends_there(self.text, s[1])]
            spans = spans or self._normalized_spans(loose, ends_there=True)
            if spans:
                return _chosen(spans, "normalized", prefer)
        return self._find_fuzzy(core, prefer)


def _chosen(
    spans: list[tuple[int, int]], status: AlignStatus, prefer: Sequence[tuple[int, int]]
) -> Alignment:
    best = next((span for span in spans if _overlaps(span, prefer)), spans[0])
    others = tuple(span for span in spans if span != best)
    return Alignment(best, status, 1.0, others)


_TRAILING_TAIL = re.compile(r"[.,;:!?]+$")


def _edit_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Token edit distance (substitution, insertion, deletion all cost 1)."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(prev[j - 1] + (x != y), prev[j] + 1, row[j - 1] + 1))
        prev = row
    return prev[-1]


@lru_cache(maxsize=8)
def _index_for(text: str) -> TextIndex:
    return TextIndex(text)


def align(claim: str, text: str, *, prefer: Sequence[tuple[int, int]] = ()) -> Alignment:
    """Align one claim against `text`. For many claims, build a `TextIndex` once instead."""
    return _index_for(text).align(claim, prefer=tuple(prefer))
