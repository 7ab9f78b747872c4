"""Is every claim of the headline, summary and event in the article?

The claims checked, each with its span(s) in the article and a status (see `ClaimStatus`):
- numbers in `headline`, `summary` and `event.what`: the article has the same value (and the same
  kind: a percentage is not a count, dollars are not pounds), written the same way or another
  ("seven" / "7"); a hedged number ("nearly 500", "more than 40", "about 100") or one rounded at a
  scale word ("1.2 million") is `approximate` when the article's value fits it. "489" for 498 is
  an error.
- names of people, organisations and places in `headline`, `summary`, `event.who` and
  `event.where`: the name stands in the article, or an alias of it does (a surname, "Mr Trump"
  for "Trump", ICE for "Immigration and Customs Enforcement" and back). A capitalised word is a
  name only when the article does not write it as an ordinary word ("Derails" in a Title-Case
  headline is the article's "derailed"); every word of a name must be there: "Donald Trump" is
  not grounded by "Trump".
- `event.date`: one of the days `event.when` can mean (read back or forward), and a date
  expression of the text resolves to it (an explicit date, or a relative day resolved against
  `published`, as `summarizer.dates` does it), or it is the publication day of an article whose
  lead names no other day. A date the text cannot support is an error; a missing one is not.
  Relative days count from `dates.reference_day`: `published`, or the day of the dateline or of
  the embedded posts that contradict it.
  With no publication date, a text that has only relative days cannot support a date: a warning.
- text inside quotation marks in `headline`, `summary` and `event.what` is verbatim.
A `who`/`where` entry with no name in it ("several people") is a phrase: grounded when its words
are the article's, else a warning (it names nobody the text could contradict).

The article's `title` is part of the article: what it says grounds a claim (without a span, since
spans point into the text).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from summarizer.dates import (
    as_read,
    find_dates,
    parse_iso,
    readings,
    reference_day,
    resolve_event_date,
)
from summarizer.evidence.aliases import (
    acronym_of,
    expansions,
    is_acronym,
    stem,
    without_titles,
)
from summarizer.evidence.align import TextIndex
from summarizer.evidence.boilerplate import prose_sentences
from summarizer.evidence.lexicon import NAME_PARTICLES, NOT_NAMES, NUMBER_HEDGES
from summarizer.evidence.names import NAME_GAP, NAME_TOKEN, past_glued_particle
from summarizer.evidence.normalize import normalize_str
from summarizer.evidence.numbers import find_numbers, is_bare_dollar
from summarizer.evidence.places import demonym_place, find_places, place_name
from summarizer.evidence.text import is_word_char, link_spans, span_inside, without_urls
from summarizer.evidence.types import NumberMention
from summarizer.models import Claim, ClaimKind, ClaimStatus, Issue, Span, Summary
from summarizer.verify.messages import clip
from summarizer.verify.words import Ordinary

__all__ = ["NOTHING_TO_SUMMARISE", "check_claims"]

# What a summary of a text with no words says (headline, summary, event.what): that there is
# nothing to summarise. Said of such a text it is true and claims nothing of it; said of an
# article with words, its sentence is checked as any other, and flagged.
NOTHING_TO_SUMMARISE = {
    "headline": "(empty article)",
    "summary": "The article has no text to summarise.",
    "event.what": "(no text)",
}

_Spans = tuple[tuple[int, int], ...]
_MAX_SPANS = 5  # occurrences of one claim worth listing

# Where a word starts: the boundary a name is looked up in the article with (`_word_spans`): a
# quotation mark may stand before it, a word's letters or apostrophe may not ("Trump's").
_WORD_START = r"(?<!\w)(?<!\w[’'])"
# A capitalised run of a claim: name tokens joined by spaces or by the small words inside names
# ("Coalition for Humane Immigrant Rights", "Vincent van Gogh"). It starts where a word does,
# the boundary it is looked up with: a capital inside a token is no name of its own ("M" of
# "$4M", "G" of "5G", "Fixit" of "iFixit", "FqiR3zt" of a link's "pic.twitter.com/mzvFqiR3zt").
_JOIN = rf"(?:of|for|and|the|&|{'|'.join(NAME_PARTICLES)})"
_RUN = re.compile(rf"{_WORD_START}{NAME_TOKEN}(?:{NAME_GAP}(?:{_JOIN}{NAME_GAP})*{NAME_TOKEN})*")
_JOIN_WORD = re.compile(rf"{_JOIN}")


def name_runs(s: str) -> list[list[str]]:
    """The capitalised runs the names of claim `s` are read from (`_RUN`), each as its words:
    what a writer of claims compares to see that joining or respacing text makes no new name."""
    return [m.group().split() for m in _RUN.finditer(s)]


_POSSESSIVE = re.compile(r"[’']s?$")
_SCALE = re.compile(r"\b(?:thousand|million|billion|trillion|bn|m|k)\b", re.IGNORECASE)
# Quoted text in a claim: curly or straight double quotes, or single quotes standing apart from
# words (so that "Trump's" and "Clinton's" are no quotation).
_QUOTED = re.compile(
    r"“(?P<a>[^”]{2,}?)”|\"(?P<b>[^\"]{2,}?)\"|(?<![\w’'])[‘'](?P<c>[^‘’'\n]{2,}?)[’'](?![\w’'])"
)
_HEDGES = sorted(NUMBER_HEDGES, key=len, reverse=True)
_ANY_DAY = date(2000, 1, 1)  # a stand-in publication date: which mentions need one at all
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_CONTENT = re.compile(r"[A-Za-z][\w’'\-]*")


@dataclass
class _Article:
    """The article as the claim checks read it, each view built once."""

    text: str
    title: str
    numbers: Sequence[NumberMention]
    index: TextIndex
    published: str | None = None  # as the caller gives it: the page's day

    @cached_property
    def reference(self) -> str | None:
        """The day relative days count from (`dates.reference_day`). Read only when a claim
        needs a day (an event date, a year not among the text's numbers): finding a dateline
        scans the text's opening, and most summaries never ask."""
        return reference_day(self.text, self.published)

    @cached_property
    def year(self) -> int | None:
        """The year of the reference day: a claimed year it grounds (the article's own date)."""
        day = parse_iso(self.reference)
        return day.year if day else None

    @cached_property
    def name_words(self) -> dict[str, bool]:
        """`_is_name_word`'s answers so far: headline, summary and event repeat their names,
        and each run's words are judged twice (as a whole name, then word by word)."""
        return {}

    @cached_property
    def links(self) -> tuple[tuple[int, int], ...]:
        """Where the text's web and email addresses stand: a name found only inside one
        ("https://example.com/john-smith", "jane.doe@example.com") is not written in it."""
        return link_spans(self.text)

    @cached_property
    def prose(self) -> str:
        """The text with its web and email addresses blanked, offsets kept."""
        return without_urls(self.text)

    @cached_property
    def folded_title(self) -> str:
        return _normalize(self.title)

    @cached_property
    def title_numbers(self) -> list[NumberMention]:
        return find_numbers(self.title) if self.title else []

    @cached_property
    def pool(self) -> _Pool:
        """The numbers a claim's number is looked for among: the text's, then the title's."""
        return _Pool([(n, True) for n in self.numbers] + [(n, False) for n in self.title_numbers])

    @cached_property
    def ordinary(self) -> Ordinary:
        """Stems of the words the article (or its title) writes in lower case."""
        return Ordinary((self.prose, self.title) if self.title else (self.prose,))

    @cached_property
    def passages_of(self) -> dict[str, list[int]]:
        """Stem -> the passages holding it, in order: the title (when there is one), then each
        sentence of the text. What a summary sentence is compared with, a few at a time."""
        from summarizer.evidence.text import sentences

        units = [self.text[a:b] for a, b in sentences(self.text)]
        out: dict[str, list[int]] = {}
        for k, unit in enumerate([self.title, *units] if self.title else units):
            for st in _passage_stems(unit):
                out.setdefault(st, []).append(k)
        return out

    @cached_property
    def places(self) -> dict[str, list[tuple[int, int]]]:
        """The places of the text by the gazetteer's name, with every demonym of the text
        counted for its place ("British" for United Kingdom)."""
        out: dict[str, list[tuple[int, int]]] = {}
        for start, end, name in find_places(self.prose):
            canonical = place_name(name.split()[-1] if name[:1].islower() else name)
            if canonical:
                out.setdefault(canonical, []).append((start, end))
        for m in _CAPITALISED.finditer(self.text):
            canonical = demonym_place(m.group())
            if canonical:
                out.setdefault(canonical, []).append(m.span())
        return out

    def find(self, phrase: str) -> tuple[ClaimStatus, _Spans] | None:
        """Where `phrase` stands as whole words: as written (exact), or once typography and case
        are normalised (normalized). The title counts, without a span."""
        if not phrase.strip():
            return None
        exact = self._outside_links(_word_spans(self.text, phrase, fold=False))
        if exact:
            return "exact", exact
        norm = self.index.normalized
        folded = _word_spans(norm.text, _normalize(phrase), fold=True)
        if folded:
            spans = self._outside_links(tuple(norm.span_to_original(s, e) for s, e in folded))
            if spans:
                return "normalized", spans
        if self.title and _word_spans(self.title, phrase, fold=True):
            return "exact", ()
        if self.title and _word_spans(self.folded_title, _normalize(phrase), fold=True):
            return "normalized", ()
        return None

    def _outside_links(self, spans: _Spans) -> _Spans:
        if not spans or not self.links:
            return spans
        return tuple(sp for sp in spans if not span_inside(sp, self.links))

    def label(self, phrase: str, claim: NumberMention) -> tuple[ClaimStatus, _Spans] | None:
        """Where the article's numbers read the label as the claim's is read (`_label_phrase`,
        whitespace runs as one space): a phrase looked up as whole words misses "B 0" in
        "{B 0¹" (a superscript is a word's letter but no digit of the number)."""
        wanted = " ".join(phrase.split())
        for m, in_text in self.pool.same(claim):
            there = _label_phrase(self.text if in_text else self.title, m)
            if " ".join(there.split()) == wanted:
                status: ClaimStatus = "exact" if there == phrase else "normalized"
                return status, ((m.end - len(there), m.end),) if in_text else ()
        return None


@lru_cache(maxsize=4096)
def _normalize(s: str) -> str:
    return normalize_str(s)


# Letters whose lower cases differ though they are one letter to `re.IGNORECASE` (the same upper
# case: "ı" and "i", "ſ" and "s", final "ς" and "σ"): each group's first stands for the rest.
_CASE_TWINS = (
    "iı sſ µμ \u0345ι\u1fbe \u0390\u1fd3 \u03b0\u1fe3 "
    "βϐ εϵ θϑ κϰ πϖ ρϱ σς φϕ вᲀ дᲁ оᲂ сᲃ тᲄᲅ ъᲆ ѣᲇ ᲈꙋ ṡẛ ﬅﬆ"
)
_TWIN_OF = {ord(c): group[0] for group in _CASE_TWINS.split() for c in group[1:]}
_TWINS = re.compile("[" + "".join(map(chr, _TWIN_OF)) + "]")  # one pass in C over a text


def _fold(s: str) -> str:
    """`s` with case ignored as `re.IGNORECASE` ignores it, one character for one (offsets
    kept): lower case, "İ" as "i" (lower-cased it grows a dot), and each group of case twins
    as one letter."""
    if s.isascii():
        return s.lower()
    folded = s.replace("\u0130", "i").lower()
    if _TWINS.search(folded) is None:
        return folded
    return folded.translate(_TWIN_OF)


@lru_cache(maxsize=8)
def _folded(text: str) -> str:
    return _fold(text)  # once per article, not once per claim looked up in it


@lru_cache(maxsize=4096)
def _word_spans(haystack: str, needle: str, *, fold: bool) -> _Spans:
    r"""Where `needle` stands in `haystack` as whole words (a quotation mark may stand before
    them, but not a word's apostrophe: "Trump's"), what `_WORD_START` + needle + `(?!\w)`
    finds, case ignored when `fold`, at most `_MAX_SPANS`. With `str.find`: compiling a pattern
    for each name of each new article cost more than the whole lookup."""
    within = _folded(haystack) if fold else haystack
    target = _fold(needle) if fold else needle
    # A substring test first: most claims of a summary are looked up in the same article, and
    # most lookups (aliases tried one after another) miss.
    if target not in within:
        return ()
    spans: list[tuple[int, int]] = []
    at = within.find(target)
    while at >= 0 and len(spans) < _MAX_SPANS:
        end = at + len(target)
        if (
            not (at >= 1 and is_word_char(haystack[at - 1]))
            and not (at >= 2 and haystack[at - 1] in "’'" and is_word_char(haystack[at - 2]))
            and not (end < len(haystack) and is_word_char(haystack[end]))
        ):
            spans.append((at, end))
            at = within.find(target, end if target else at + 1)
        else:
            at = within.find(target, at + 1)
    return tuple(spans)


def _spans(found: Iterable[tuple[int, int]]) -> list[Span]:
    """The first `_MAX_SPANS` distinct spans, in order (a number may stand hundreds of times in
    a long article: the rest are not looked at)."""
    out: list[Span] = []
    seen: set[tuple[int, int]] = set()
    for s, e in found:
        if (s, e) not in seen:
            seen.add((s, e))
            out.append(Span(start=s, end=e))
            if len(out) == _MAX_SPANS:
                break
    return out


# --- names -----------------------------------------------------------------------------------


def _name_groups(
    article: _Article, s: str, skip: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of the names in a claim: capitalised runs, less the words the article writes as
    ordinary words (sentence-initial "Several", Title-Case "Derails") and dates."""
    groups: list[tuple[int, int]] = []
    # Runs are read between the quotations: "'I BLAME COMEY' Kimi Raikkonen blames" has a name
    # after the quote, though the capitals run on from inside it.
    cuts = [0, *(x for span in sorted(skip) for x in span), len(s)]
    runs = (
        run
        for a, b in zip(cuts[::2], cuts[1::2], strict=True)
        if a < b
        for run in _RUN.finditer(s, a, b)
    )
    for run in runs:
        whole = _whole_name(article, s, run)
        if whole is not None:
            groups.append(whole)  # "Operation Safe City" as the article writes it: one name
            continue
        current: list[tuple[int, int]] = []  # name tokens, joiners allowed between them
        pending: list[tuple[int, int]] = []
        for tok in re.finditer(r"\S+", run.group()):
            word = tok.group()
            span = (run.start() + tok.start(), run.start() + tok.end())
            if current and _JOIN_WORD.fullmatch(word):
                pending.append(span)
                continue
            if _is_name_word(article, word):
                current += pending + [span]
                possessive = _POSSESSIVE.search(word)
                if possessive is not None and not is_acronym(word):
                    # "FBI's James Comey", "Brazil's Massa": the possessor is a name of its own.
                    groups.append((current[0][0], current[-1][1] - len(possessive.group())))
                    current = []
            else:
                if current:
                    groups.append((current[0][0], current[-1][1]))
                current = []
            pending = []
        if current:
            groups.append((current[0][0], current[-1][1]))
    return groups


def _whole_name(article: _Article, s: str, run: re.Match[str]) -> tuple[int, int] | None:
    """The run, less the ordinary words opening it, when the article has it as written and it
    holds a name word."""
    tokens = list(re.finditer(r"\S+", run.group()))
    while tokens and not _is_name_word(article, tokens[0].group()):
        tokens = tokens[1:]
    if len(tokens) < 2:
        return None
    a, b = run.start() + tokens[0].start(), run.start() + tokens[-1].end()
    phrase = _POSSESSIVE.sub("", s[a:b])
    if _word_spans(article.text, phrase, fold=False):
        return a, a + len(phrase)
    return None


def _is_name_word(article: _Article, word: str) -> bool:
    known = article.name_words.get(word)
    if known is None:
        known = article.name_words[word] = _judge_name_word(article, word)
    return known


def _judge_name_word(article: _Article, word: str) -> bool:
    bare = _POSSESSIVE.sub("", word).rstrip(".,;:") if not is_acronym(word) else word
    bare = past_glued_particle(bare)  # "al-Masri" is judged by its "Masri"
    if not bare or not bare[:1].isupper():
        return False
    if bare.lower() in NOT_NAMES or bare.lower() in NUMBER_HEDGES:
        return False
    if is_acronym(bare):
        # "CLEARED" in a shouted headline is a word; "ICE" or "NHS" is a name.
        return len(bare) < 4 or stem(bare) not in article.ordinary
    if "-" in bare:
        # "Five-year-old", "Long-awaited": ordinary words joined; "Mazar-i-Sharif" is not.
        parts = [p for p in bare.lower().split("-") if p]
        return not all(p in NOT_NAMES or stem(p) in article.ordinary for p in parts)
    return stem(bare) not in article.ordinary


def _ground_name(article: _Article, name: str) -> tuple[ClaimStatus, _Spans] | None:
    bare = _POSSESSIVE.sub("", name) if not is_acronym(name) else name
    found = article.find(bare)
    if found is not None:
        return found
    untitled = without_titles(bare)
    if untitled != bare:
        found = article.find(untitled)
        if found is not None:
            return "alias", found[1]
    dotless = bare.replace(".", "")
    if is_acronym(bare):
        if dotless != bare and (found := article.find(dotless)) is not None:
            return "normalized", found[1]
        dotted = ".".join(dotless) + "."
        if dotted != bare and (found := article.find(dotted)) is not None:
            return "normalized", found[1]
        spans = expansions(article.prose, dotless)
        if spans:
            return "alias", spans[:_MAX_SPANS]
        if article.title and expansions(article.title, dotless):
            return "alias", ()
    place = _place_of(bare)
    if place is not None and place in article.places:
        return "alias", tuple(article.places[place][:_MAX_SPANS])
    letters = acronym_of(untitled)
    if len(letters) >= 2:
        for form in (letters, ".".join(letters) + "."):
            found = article.find(form)
            if found is not None and found[0] == "exact":
                return "alias", found[1]
    return None


def _parts(
    article: _Article, name: str, offset: int
) -> list[tuple[int, int, tuple[ClaimStatus, _Spans]]] | None:
    """A run the article does not have as a whole, read as several names it has: "Donald
    Trump and Barack Obama", "Kimi Raikkonen Ferrari", "Brazil GP". Longest parts first; a
    run of two plain words ("Donald Trump") is one person's name, never split."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", name)]
    words = [name[a:b] for a, b in tokens]
    plain = not any(is_acronym(w) or _place_of(w) or _JOIN_WORD.fullmatch(w) for w in words)
    if len(tokens) < 2 or (len(tokens) == 2 and plain):
        return None
    out: list[tuple[int, int, tuple[ClaimStatus, _Spans]]] = []
    i = 0
    while i < len(tokens):
        if _JOIN_WORD.fullmatch(words[i]):
            i += 1
            continue
        for j in range(len(tokens), i, -1):
            if (j - i) == len(tokens):
                continue
            part = name[tokens[i][0] : tokens[j - 1][1]]
            grounded = _ground_name(article, part)
            if grounded is not None:
                out.append((offset + tokens[i][0], offset + tokens[j - 1][1], grounded))
                i = j
                break
        else:
            return None
    return out or None


def _opens_sentence(s: str, at: int) -> bool:
    before = s[:at].rstrip(" “\"‘'(")
    return not before or before[-1] in ".!?:;"


def _place_of(name: str) -> str | None:
    """The gazetteer's place for a place name or a demonym ("Brazilian" -> Brazil)."""
    return place_name(name) or demonym_place(name)


def _name_claims(
    article: _Article, path: str, s: str, skip: Sequence[tuple[int, int]]
) -> tuple[list[Claim], list[Issue]]:
    claims: list[Claim] = []
    issues: list[Issue] = []
    for a, b in _name_groups(article, s, skip):
        name = s[a:b]
        kind: ClaimKind = "place" if _place_of(_POSSESSIVE.sub("", name)) else "name"
        found = _ground_name(article, name)
        parts = _parts(article, name, a) if found is None else None
        opens = path != "headline" and _opens_sentence(s, a) and " " not in name.strip()
        if found is None and not parts and opens:
            # "Agents arrested...": a capital that opens a sentence of the summary may be an
            # ordinary word the article happens not to use; it cannot be told from a name here,
            # so it is flagged, but not as an error. (A headline's first word is its subject
            # far more often: there it is an error.)
            claims.append(Claim(path=path, kind=kind, text=name))
            message = f'{path}: "{name}" opens a sentence and is not in the article'
            issues.append(Issue(severity="warning", path=path, message=message))
            continue
        if parts:
            for start, end, grounded in parts:
                part = s[start:end]
                kind = "place" if _place_of(part) else "name"
                claims.append(
                    Claim(
                        path=path,
                        kind=kind,
                        text=part,
                        status=grounded[0],
                        spans=_spans(grounded[1]),
                    )
                )
        elif found is None:
            claims.append(Claim(path=path, kind=kind, text=name))
            issues.append(_error(path, f'"{name}" is not named in the article'))
        else:
            claims.append(
                Claim(path=path, kind=kind, text=name, status=found[0], spans=_spans(found[1]))
            )
    return claims, issues


def _entry_claim(
    article: _Article, path: str, kind: ClaimKind, entry: str
) -> tuple[Claim, list[Issue]]:
    """One `event.who` / `event.where` entry: the phrase as written, else each name in it."""
    found = article.find(entry.strip())
    if found is not None:
        return Claim(path=path, kind=kind, text=entry, status=found[0], spans=_spans(found[1])), []
    groups = _name_groups(article, entry, ())
    if not groups:
        words = [w for w in _CONTENT.findall(entry) if w.lower() not in NOT_NAMES]
        if words and all(stem(w) in article.ordinary for w in words):
            return Claim(path=path, kind=kind, text=entry, status="approximate"), []
        message = f'{path}: "{clip(entry, 120)}" is not in the article'
        return Claim(path=path, kind=kind, text=entry), [
            Issue(severity="warning", path=path, message=message)
        ]
    statuses: list[ClaimStatus] = []
    spans: list[tuple[int, int]] = []
    missing: list[str] = []
    for a, b in groups:
        grounded = _ground_name(article, entry[a:b])
        if grounded is None:
            missing.append(entry[a:b])
        else:
            statuses.append(grounded[0])
            spans.extend(grounded[1])
    if missing:
        named = ", ".join(f'"{m}"' for m in missing)
        what = f'"{clip(entry, 120)}"' if [entry.strip()] != missing else named
        detail = "" if [entry.strip()] == missing else f" ({named} is not)"
        return Claim(path=path, kind=kind, text=entry), [
            _error(path, f"{what} is not named in the article{detail}")
        ]
    status: ClaimStatus = "alias" if "alias" in statuses or len(groups) > 1 else "normalized"
    return Claim(path=path, kind=kind, text=entry, status=status, spans=_spans(spans)), []


# --- numbers ---------------------------------------------------------------------------------


def _checkable(n: NumberMention) -> bool:
    if n.value is None or n.note == "code":
        return False
    if n.kind == "ordinal" and not any(c.isdigit() for c in n.text):
        return False  # "the first time": rarely a claim a text could contradict
    if n.text.lower() in ("one", "a", "an") and n.unit is None:
        return False  # "one of many": a pronoun more often than a count
    return True


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _compatible(claim: NumberMention, there: NumberMention) -> bool:
    if (claim.kind == "percent") != (there.kind == "percent"):
        return False
    if claim.kind == "money" and there.kind == "money" and claim.unit and there.unit:
        # a bare "$" in a summary is the article's dollar, which its own text says ("CAD")
        if is_bare_dollar(claim.text, 0) and is_bare_dollar(there.text, 0):
            return True
        return claim.unit == there.unit
    return True


class _Pool:
    """The article's numbers, with their values sorted: the numbers of the same value as a
    claim's are found by bisection, not by comparing the claim with every number (a long
    summary of a long article would cost claims x numbers)."""

    def __init__(self, items: list[tuple[NumberMention, bool]]) -> None:
        self.items = items
        by_value: list[tuple[float, int]] = []
        self.odd: list[int] = []  # non-finite values: compared one by one
        for k, (m, _) in enumerate(items):
            for v in (m.value, m.high):
                if v is None:
                    continue
                if math.isfinite(v):
                    by_value.append((v, k))
                else:
                    self.odd.append(k)
        by_value.sort()
        self.values = [v for v, _ in by_value]
        self.keys = [k for _, k in by_value]

    def same(self, claim: NumberMention) -> list[tuple[NumberMention, bool]]:
        """`[(m, in_text) for m, in_text in items if _same_value(claim, m)]`."""
        x = claim.value
        assert x is not None
        if not math.isfinite(x):
            return [item for item in self.items if _same_value(claim, item[0])]
        # A superset of what `_close` accepts (its tolerances widened), checked exactly below.
        width = 1e-5 * abs(x) + 1e-8
        lo = bisect_left(self.values, x - width)
        hi = bisect_right(self.values, x + width)
        near = sorted(set(self.keys[lo:hi]).union(self.odd))
        return [self.items[k] for k in near if _same_value(claim, self.items[k][0])]


def _same_value(claim: NumberMention, there: NumberMention) -> bool:
    assert claim.value is not None
    if there.value is None or not _compatible(claim, there):
        return False
    if claim.high is not None:
        return (
            there.high is not None
            and _close(claim.value, there.value)
            and _close(claim.high, there.high)
        )
    return _close(claim.value, there.value) or (
        there.high is not None and _close(claim.value, there.high) and there.note != "vague"
    )


def _hedge(s: str, start: int) -> str | None:
    before = " ".join(s[max(0, start - 20) : start].lower().split())
    for hedge in _HEDGES:
        if before.endswith(hedge) and (
            len(before) == len(hedge) or not before[-len(hedge) - 1].isalnum()
        ):
            return NUMBER_HEDGES[hedge]
    return None


def _roundness(v: float) -> int:
    """How round a number is: trailing zeros of an integer, minus decimals written."""
    if v != int(v):
        return -len(f"{v:.6f}".rstrip("0").split(".")[1])
    n, zeros = abs(int(v)), 0
    while n and n % 10 == 0:
        n, zeros = n // 10, zeros + 1
    return zeros


def _fits(claim: NumberMention, side: str | None, s: str, v: float) -> bool:
    """Does the article's value `v` fit an approximate claim? A hedged number rounds the
    article's ("nearly 500" for 498), so it must be rounder than it: "about 99" for 100 is no
    approximation but another number."""
    x = claim.value
    assert x is not None
    if side is not None and not _close(x, v) and _roundness(x) <= _roundness(v):
        return False
    if claim.note == "vague" and claim.high is not None:
        return x <= v <= claim.high
    if side == "below":
        return 0.8 * x <= v <= x
    if side == "above":
        return x <= v <= 1.5 * x
    if side == "around":
        return abs(v - x) <= 0.1 * abs(x)
    if _SCALE.search(claim.text) and x:
        # "1.2 million" for 1,234,000: rounded at the precision written.
        mantissa = re.search(r"\d[\d,]*(?:\.(\d+))?", claim.text)
        if mantissa is None:
            return False
        digits = len(mantissa.group(1) or "")
        scale = x / float(mantissa.group().replace(",", ""))
        step = scale * 10.0**-digits
        return bool(abs(v - x) <= step / 2 + 1e-9)
    return False


def _number_claims(
    article: _Article, path: str, s: str, skip: Sequence[tuple[int, int]]
) -> tuple[list[Claim], list[Issue]]:
    claims: list[Claim] = []
    issues: list[Issue] = []
    pool = article.pool.items
    for n in find_numbers(s):
        if not _checkable(n) or any(a <= n.start < b for a, b in skip):
            continue
        claim = Claim(path=path, kind="number", text=n.text)
        if n.note == "label":
            # "Game 7", "Apollo 11": a number that names something stands as written, or not.
            label = _label_phrase(s, n)
            found = article.find(label) or article.label(label, n)
            if found is not None:
                claim.text, claim.status, claim.spans = label, found[0], _spans(found[1])
            else:
                claim.text = label
                issues.append(_error(path, f'"{label}" is not in the article'))
            claims.append(claim)
            continue
        same = article.pool.same(n)
        if same:
            written = " ".join(n.text.lower().split())
            exact = any(" ".join(m.text.lower().split()) == written for m, _ in same)
            claim.status = "exact" if exact else "normalized"
            claim.spans = _spans((m.start, m.end) for m, in_text in same if in_text)
            claims.append(claim)
            continue
        if n.kind == "year" and article.year is not None and _close(n.value or 0, article.year):
            claim.status = "alias"  # the year of publication: the article's own date gives it
            claims.append(claim)
            continue
        side = _hedge(s, n.start)
        fitting = [
            (m, in_text)
            for m, in_text in pool
            if m.value is not None
            and _compatible(n, m)
            and (m.note != "vague" or n.note == "vague")  # "dozens" supports no "at least 10"
            and _fits(n, side, s, m.value)
        ]
        if fitting:
            claim.status = "approximate"
            claim.spans = _spans((m.start, m.end) for m, in_text in fitting if in_text)
            claims.append(claim)
            continue
        claims.append(claim)
        message = f'the number "{n.text}" is not in the article'
        near = _nearest(n, [m for m, _ in pool])
        if near is not None:
            message += f' (it has "{near.text}")'
        issues.append(_error(path, message))
    return claims, issues


_LABEL_WORD = re.compile(r"(?<![\w’'\-])([A-Z][\w’'\-]*\s+)$")


def _label_phrase(s: str, n: NumberMention) -> str:
    """The number with the capitalised word it labels: "Game 7" (a whole word: not the "G" of
    "5G 498")."""
    before = _LABEL_WORD.search(s[: n.start])
    return (before.group(1) if before else "") + n.text


def _nearest(claim: NumberMention, pool: Sequence[NumberMention]) -> NumberMention | None:
    x = claim.value
    assert x is not None
    best: tuple[float, NumberMention] | None = None
    for m in pool:
        if m.value is None or not _compatible(claim, m) or m.kind != claim.kind:
            continue
        gap = abs(m.value - x) / max(abs(x), 1e-9)
        if gap <= 0.5 and (best is None or gap < best[0]):
            best = (gap, m)
    return best[1] if best else None


# --- quotations ------------------------------------------------------------------------------


def _quotations(s: str) -> list[tuple[int, int]]:
    out = []
    for m in _QUOTED.finditer(s):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        if m.group(group).strip():
            out.append(m.span(group))
    return out


def _pieces_found(article: _Article, inner: str) -> list[tuple[int, int]] | None:
    from summarizer.evidence.text import sentences

    pieces = [inner[a:b].strip() for a, b in sentences(inner)]
    if len(pieces) < 2:
        return None
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        found = article.index.align(piece)
        if found.status not in ("exact", "normalized") or found.span is None:
            return None
        spans.append(found.span)
    return spans


def _link_claims(
    article: _Article, path: str, s: str, links: Sequence[tuple[int, int]]
) -> tuple[list[Claim], list[Issue]]:
    claims: list[Claim] = []
    issues: list[Issue] = []
    for a, b in links:
        link = s[a:b].rstrip(".,;:!?)")  # a sentence's stop after an address is not the address
        at = article.text.find(link)
        if at < 0 and link in article.title:
            claims.append(Claim(path=path, kind="quotation", text=link, status="exact"))
            continue  # the title's, which has no offsets in the text
        if at < 0:
            claims.append(Claim(path=path, kind="quotation", text=link))
            issues.append(_error(path, f'the address "{link}" is not in the article'))
        else:
            spans = [Span(start=at, end=at + len(link))]
            claims.append(
                Claim(path=path, kind="quotation", text=link, status="exact", spans=spans)
            )
    return claims, issues


def _quotation_claims(
    article: _Article, path: str, s: str, quoted: Sequence[tuple[int, int]]
) -> tuple[list[Claim], list[Issue]]:
    claims: list[Claim] = []
    issues: list[Issue] = []
    for a, b in quoted:
        inner = s[a:b].strip()
        claim = Claim(path=path, kind="quotation", text=inner)
        found = article.index.align(inner)
        loose = article.find(inner)  # a capital at the start of a sentence, the title's words
        if found.status in ("exact", "normalized") and found.span is not None:
            claim.status = found.status
            claim.spans = _spans([found.span])
        elif loose is not None:
            claim.status = "normalized" if loose[0] == "exact" and loose[1] else loose[0]
            claim.spans = _spans(loose[1])
        elif (pieces := _pieces_found(article, inner)) is not None:
            # Sentences of the article put side by side: a mark opening in one and closing in
            # the next pair up, though each sentence is the article's own.
            claim.status, claim.spans = "normalized", _spans(pieces)
        elif found.status == "fuzzy" and found.span is not None:
            says = clip(article.text[found.span[0] : found.span[1]], 200)
            issues.append(
                _error(path, f'"{clip(inner, 120)}" is not verbatim; the article says: "{says}"')
            )
        else:
            issues.append(_error(path, f'the quotation "{clip(inner, 120)}" is not in the article'))
        claims.append(claim)
    return claims, issues


# --- sentences of the summary ----------------------------------------------------------------

# A summary sentence says what one passage of the article says: each of its clauses must have
# more than half of its content words in a few consecutive sentences of the article (or the
# title). A sentence of another story on the same subject uses the article's vocabulary, but
# not in one place ("The tram ... will be removed tomorrow", appended to a story of the victims
# named); a faithful paraphrase joining two passages ("X said ..., while Y called ...") is
# judged clause by clause.
_WINDOW = 3  # consecutive article sentences one clause may draw on
_CLAUSE_WORDS = 3  # content words a clause needs to be judged on its own
_CLAUSE_BREAK = re.compile(
    r",?\s+(?:while|whereas|but|although|though)\s+|;\s+|,\s+and\s+|\s+[—–]\s+|:\s+"
)


def _passage_stems(s: str) -> frozenset[str]:
    # Each distinct word stemmed once, and the parts of a hyphenated one ("year-old") too.
    words = set(_CONTENT.findall(s))
    stems = set(map(stem, words))
    if "-" in s:  # (most sentences have no hyphenated word: their words are not read again)
        stems.update(stem(p) for w in words if "-" in w for p in w.split("-") if p)
    return frozenset(stems)


def _content_words(s: str) -> list[str]:
    words = [w for w in _CONTENT.findall(s) if len(w) >= 3 and w.lower() not in NOT_NAMES]
    # "Immigrant-rights" is the article's "Immigrant Rights": a compound counts by its parts.
    return [p for w in words for p in (w.split("-") if "-" in w else [w]) if len(p) >= 3]


def _clauses(sentence: str) -> list[list[str]]:
    """The content words of each clause of `sentence`; a clause too short to judge joins its
    neighbour."""
    out: list[list[str]] = []
    for part in _CLAUSE_BREAK.split(sentence):
        words = _content_words(part)
        if out and (len(words) < _CLAUSE_WORDS or len(out[-1]) < _CLAUSE_WORDS):
            out[-1] += words
        elif words:
            out.append(words)
    return out


def _best_passage(article: _Article, words: Sequence[str]) -> list[str]:
    """The words of `words` missing from the passage of the article that has most of them (the
    first such passage: a window of _WINDOW sentences); all of them when no passage has any.
    Found from where each stem occurs, not by trying every window: the windows holding none of
    the words are never looked at (a long summary of a long article made that clauses x
    sentences, and even a short article has a few dozen windows per clause)."""
    stems = [stem(w) for w in words]
    where = article.passages_of
    counts = Counter(stems)
    first = _first_window_with_all(where, counts)
    if first is None:
        held: dict[int, int] = {}
        for st, n in counts.items():
            windows: set[int] = set()
            for k in where.get(st, ()):
                windows.update(range(max(0, k - _WINDOW + 1), k + 1))
            for i in windows:
                held[i] = held.get(i, 0) + n
        if not held:
            return list(words)
        most = max(held.values())
        first = min(i for i, n in held.items() if n == most)
    return [
        w
        for w, st in zip(words, stems, strict=True)
        if not _occurs_in(where.get(st, []), first, first + _WINDOW)
    ]


def _first_window_with_all(where: dict[str, list[int]], stems: Iterable[str]) -> int | None:
    """The first window of _WINDOW passages that holds every stem, or None. (Such a window holds
    an occurrence of the rarest stem: only the windows around those are tried.)"""
    lists = [where.get(st) for st in stems]
    if not lists or not all(lists):
        return None
    found = sorted((occ for occ in lists if occ), key=len)
    rarest, others = found[0], found[1:]
    for k in rarest:
        for i in range(max(0, k - _WINDOW + 1), k + 1):
            if all(_occurs_in(occ, i, i + _WINDOW) for occ in others):
                return i
    return None


def _occurs_in(occ: list[int], lo: int, hi: int) -> bool:
    j = bisect_left(occ, lo)
    return j < len(occ) and occ[j] < hi


def _sentence_claims(article: _Article, path: str, s: str) -> tuple[list[Claim], list[Issue]]:
    from summarizer.evidence.text import sentences

    claims: list[Claim] = []
    issues: list[Issue] = []
    for a, b in sentences(s):
        sentence = " ".join(s[a:b].split())
        if not _content_words(sentence):
            continue
        claim = Claim(path=path, kind="sentence", text=sentence)
        found = article.find(sentence)
        if found is not None:
            claim.status, claim.spans = found[0], _spans(found[1])
            claims.append(claim)
            continue
        unsupported = []
        for words in _clauses(sentence):
            absent = _best_passage(article, words)
            if 2 * len(absent) >= len(words):
                unsupported += absent
        if not unsupported:
            claim.status = "approximate"
        else:
            listed = ", ".join(f'"{w}"' for w in unsupported[:4])
            message = (
                f'the sentence "{clip(sentence, 120)}" is not supported by the article '
                f"(no passage of it has {listed})"
            )
            issues.append(_error(path, message))
        claims.append(claim)
    return claims, issues


# --- the event's date ------------------------------------------------------------------------


def _date_claim(
    article: _Article, day_iso: str, when: str | None, published: str | None
) -> tuple[Claim, list[Issue]]:
    path = "event.date"
    claim = Claim(path=path, kind="date", text=day_iso)
    pub = parse_iso(published)
    day = parse_iso(day_iso)
    if day is None:
        return claim, [_error(path, f'"{day_iso}" is not a date')]
    # `when` read back or forward ("on Sunday" is the last Sunday or, in a clause about the
    # future, the next one): the date must be one of its days.
    meant = readings(when, published)
    if meant and day not in meant:
        days = " or ".join(d.isoformat() for d in meant)
        message = f'{day_iso} does not agree with event.when "{clip(when or "", 80)}" ({days})'
        return claim, [_error(path, message)]
    if resolve_event_date(day_iso, article.text, published) == day_iso:
        support = [m for m in as_read(article.text, pub) if day in m.days]
        if not support and pub is None:
            support = [
                m
                for m in find_dates(article.text, None, future=None)
                if m.month_day == (day.month, day.day)
            ]
        explicit = any(str(day.year) in m.text for m in support)
        claim.status = "normalized" if explicit else "alias"
        claim.spans = _spans((m.start, m.end) for m in support)
        return claim, []
    if pub is None:
        # Weekdays and "yesterday" resolve only against a publication date: with none known,
        # the text may well support the date without this check being able to tell.
        relative = [m for m in find_dates(article.text, _ANY_DAY) if not m.month_day]
        undated = {(m.start, m.end) for m in find_dates(article.text, None)}
        relative = [m for m in relative if (m.start, m.end) not in undated]
        if relative:
            message = (
                f"{path}: {day_iso} cannot be checked: the article gives the day as "
                f'"{relative[0].text}"'
                " and no publication date is known"
            )
            return claim, [Issue(severity="warning", path=path, message=message)]
    return claim, [_error(path, f"{day_iso} is not a date the article gives")]


# --- all of them -----------------------------------------------------------------------------


def _error(path: str, message: str) -> Issue:
    return Issue(severity="error", path=path, message=f"{path}: {message}")


def check_claims(
    text: str,
    summary: Summary,
    numbers: Sequence[NumberMention],
    *,
    title: str | None = None,
    published: str | None = None,
    index: TextIndex | None = None,
) -> tuple[list[Claim], list[Issue]]:
    """Every number, name, place, date and quotation of the headline, summary and event, with
    its span(s) and status, and an issue for each that the article does not support.

    `numbers` are the evidence layer's numbers of `text`; `index` its `TextIndex`, when built.
    Relative days count from `dates.reference_day` (`published` unless the text contradicts it).
    """
    article = _Article(
        text=text,
        title=(title or "").strip(),
        numbers=numbers,
        index=index if index is not None else TextIndex(text),
        published=published,
    )
    claims: list[Claim] = []
    issues: list[Issue] = []
    event = summary.event
    fields = [
        ("headline", summary.headline),
        ("summary", summary.summary),
        ("event.what", event.what),
    ]
    for path, s in fields:
        # The offline engine's rule for a text with nothing to summarise: no prose sentence.
        if s == NOTHING_TO_SUMMARISE[path] and not prose_sentences(text):
            continue
        quoted = _quotations(s)
        links = link_spans(s)
        # A web or email address the summary copies is checked whole, as verbatim text; the
        # words and numbers inside it ("t.co/AbC12") are no names or numbers of its own.
        unquoted = sorted([*quoted, *links])
        for found in (
            _link_claims(article, path, s, links),
            _quotation_claims(article, path, s, quoted),
            _number_claims(article, path, s, unquoted),
            _name_claims(article, path, s, unquoted) if path != "event.what" else ([], []),
            _sentence_claims(article, path, s) if path == "summary" else ([], []),
        ):
            claims += found[0]
            issues += found[1]
    for field, kind in (("who", "name"), ("where", "place")):
        entries: list[str] = getattr(event, field)
        for i, entry in enumerate(entries):
            if not entry.strip():
                continue
            claim, entry_issues = _entry_claim(article, f"event.{field}[{i}]", kind, entry)  # type: ignore[arg-type]
            claims.append(claim)
            issues += entry_issues
    if event.date:
        claim, date_issues = _date_claim(article, event.date, event.when, article.reference)
        claims.append(claim)
        issues += date_issues
    return claims, issues
