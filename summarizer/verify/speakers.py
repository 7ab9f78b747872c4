"""Is a quote's claimed speaker the one the article gives it?

A claimed *name* is right when it is the speaker the evidence layer credits, or when it stands in
the quote's own sentence (or the one before or after, when the quote stands alone) as a source:
next to a reporting word, or at least as close to the quote as the credited speaker. With no
named credit, a mention in the quote's paragraph or the one before will do. Names inside
quotation marks never count. A pronoun or descriptive phrase is at most a warning.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from summarizer.evidence.attribution import names_near, organisation_for
from summarizer.evidence.lexicon import (
    HONORIFICS,
    NAME_PREFIX_WORDS,
    NON_NAME_REFERENTS,
    PRONOUNS,
    REPORTING_NOUNS,
    verbs_for,
)
from summarizer.evidence.names import past_glued_particle, person_gender, role_holder
from summarizer.evidence.normalize import lowered
from summarizer.evidence.text import after_closers, line_breaks, paragraph_at, stops
from summarizer.evidence.types import QuotedPassage
from summarizer.models import Issue, Quote

__all__ = ["SpeakerChecks"]

_WORD = re.compile(r"\w+")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum accepts, found in C
# Words that point at a source without naming it, and words around a name that are not it.
_PRONOUNS = frozenset(PRONOUNS) | NON_NAME_REFERENTS
_TITLES = NAME_PREFIX_WORDS
_NEAR = 400  # how far a sentence may reach from a quote
_CUE_REACH = 40  # how close to a name a reporting word must be for the name to be a source
_APPOSITIVE_REACH = 160  # the same, past "Name, a role at an organisation,"
_SAME_ATTRIBUTION = 50  # a name this close to the credited speaker is part of the same credit
_OBJECT_BEFORE = re.compile(
    r"\b(?:told|tells|asked|asks|with|to|for|about|against|of|on|at|than|toward|towards)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w.’'-]+\s+){0,2}$"
)
# What may follow an inverted subject: the end of the sentence or clause, an appositive, a quote.
# Dots that end no sentence: initials ("James B. Comey") and honorifics ("Dr.").
_INITIAL = re.compile(rf"\b\w\.|\b(?:{'|'.join(h.lower() for h in HONORIFICS)})\.")
_SUBJECT_ENDS = re.compile(r"\s*(?:$|[,.;:!?)\]“”\"'’—–-]|\n|\s(?:of|at|from|in|on|who|and)\b)")
_CUE = re.compile(rf"\b(?:{'|'.join([*verbs_for('verify'), *sorted(REPORTING_NOUNS)])})\b")


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    return paragraph_at(text, start)[0], paragraph_at(text, end)[1]


def _name_tokens(speaker: str) -> list[str]:
    """Lower-cased tokens of the capitalised words of a speaker, titles left out."""
    out: list[str] = []
    for word in re.findall(r"[^\W\d_][\w'’.-]*", speaker):
        word = past_glued_particle(word)  # "al-Masri", "Al-Masri": the name is "Masri"
        if not word[0].isupper():
            continue
        for part in _WORD.findall(word.lower()):
            if part not in _TITLES and part not in _PRONOUNS and len(part) > 1:
                out.append(part)
    return out


@lru_cache(maxsize=1024)
def _is_name(speaker: str) -> bool:
    """A name ends with a capitalised word; "the influential US daily" or "officials" do not.
    A name with a role attached ("Lee Epstein, who teaches...") is judged by its name."""
    return _is_simple_name(_person_part(speaker))


def _is_simple_name(speaker: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’.-]*", speaker)
    if not words or words[-1].lower() in _PRONOUNS:
        return False
    return past_glued_particle(words[-1])[0].isupper() and bool(_name_tokens(speaker))


@lru_cache(maxsize=1024)
def _person_part(speaker: str) -> str:
    """The name in a speaker string that carries a role: "Lee Epstein, who teaches..." ->
    "Lee Epstein"; "the bureau's director, James B. Comey," -> "James B. Comey";
    "Rep. Jim McDermott (D-Wash.)" -> "Rep. Jim McDermott"."""
    parts = [p.strip() for p in re.split(r"[,;(\[]|\s[-–—]\s|\bwho\b", speaker) if p.strip()]
    for part in parts:
        if _is_simple_name(part):
            return part
    return speaker


@lru_cache(maxsize=1024)
def _aliases(speaker: str) -> frozenset[str]:
    """Tokens any one of which, mentioned near a quote, counts as naming the speaker."""
    speaker = _person_part(speaker)
    tokens = _name_tokens(speaker)
    if not tokens:
        return frozenset()
    aliases = {tokens[-1]}  # the surname, which is how articles refer back to people
    if len(tokens) == 1 or all(t.isupper() for t in re.findall(r"\b[A-Z]\w*", speaker)):
        aliases.update(tokens)
    capitals = [w[0] for w in re.findall(r"\b[A-Z][\w’'-]*", speaker) if w.lower() not in _TITLES]
    if len(capitals) >= 3:
        aliases.add("".join(capitals).lower())  # Immigration and Customs Enforcement -> ice
    return frozenset(aliases)


@lru_cache(maxsize=1024)
def _heads(speaker: str) -> frozenset[str]:
    """The plain words of a descriptive source ("the agency" -> agency)."""
    return frozenset(_WORD.findall(speaker.lower())) - _TITLES - _PRONOUNS


@lru_cache(maxsize=1024)
def _same_person(a: str, b: str) -> bool:
    a, b = _person_part(a), _person_part(b)
    ta, tb = set(_name_tokens(a)), set(_name_tokens(b))
    return bool(ta & tb) or bool(_aliases(a) & tb) or bool(_aliases(b) & ta)


class _Sentences:
    """Sentence boundaries of a text (the evidence layer's splitter, plus every line break). A
    boundary inside a quotation counts too: what matters is the attribution next to a quote,
    which is outside it.

    Looked for around each quote only, within `_NEAR` of it, among the text's sentence marks and
    line breaks (each mark judged once, as the evidence layer judged it): judging every mark of
    the text was a tenth of a check.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)
        self.found = stops(text)
        self.breaks = line_breaks(text)

    def start_of(self, pos: int) -> int:
        """Start of the sentence holding `pos` (just past the last boundary ending at or before
        it), at most `_NEAR` characters back."""
        text, found, at, breaks = self.text, self.found, self.found.at, self.breaks
        floor = pos - _NEAR
        i, j = bisect_left(at, pos) - 1, bisect_left(breaks, pos) - 1
        start = 0
        # Backwards over the marks and breaks before `pos`; a boundary's end (past its closing
        # quotes) never passes the next mark or break, so the first boundary ending at or before
        # `pos` ends last, and past `floor` no earlier one can end after it.
        while i >= 0 or j >= 0:
            if j < 0 or (i >= 0 and at[i] > breaks[j]):
                c = at[i]
                i -= 1
                end: int | None = after_closers(text, c) if found.is_boundary(c) else None
            else:
                c = breaks[j]
                j -= 1
                end = c + 1
            if end is not None and end <= pos:
                start = end
                break
            if c < floor:
                break
        return max(start, floor, 0)

    def end_of(self, pos: int) -> int:
        """End of the sentence holding `pos` (the end of the first boundary at or after it), at
        most `_NEAR` characters ahead."""
        text, found, at, breaks = self.text, self.found, self.found.at, self.breaks
        ceil = pos + _NEAR
        i, j = bisect_left(at, pos), bisect_left(breaks, pos)
        end = self.size
        while i < len(at) or j < len(breaks):
            if j >= len(breaks) or (i < len(at) and at[i] < breaks[j]):
                c = at[i]
                i += 1
                if c >= ceil:
                    break  # a boundary from here on ends past the reach
                if not found.is_boundary(c):
                    continue
                end = after_closers(text, c)
            else:
                c = breaks[j]
                j += 1
                if c >= ceil:
                    break
                end = c + 1
            break
        return min(end, ceil, self.size)


def _has_words(s: str) -> bool:
    return _ALNUM.search(s) is not None


class SpeakerChecks:
    """Speaker checks for one article (the passages are looked up by overlap).

    Two windows around a quote, its own words always left out (a name the speaker *says* is not
    the speaker): the tight one is the quote's sentence, or the sentence before or after when
    the quote stands alone; the broad one is its paragraph and the one before. A name in the
    tight window is right; outside it, the evidence layer's attribution decides; without one,
    the broad window does.
    """

    def __init__(self, text: str, passages: Sequence[QuotedPassage]) -> None:
        self.text = text
        self.lower = lowered(text)
        self.passages = passages
        self.starts = [p.start for p in passages]  # in reading order: passages never overlap
        self.group_start: dict[int, int] = {}
        for p in passages:
            if p.group not in self.group_start or p.outer_start < self.group_start[p.group]:
                self.group_start[p.group] = p.outer_start
        self.holes = sorted((p.start, p.end) for p in passages)
        self._sentences: _Sentences | None = None

    @property
    def sentences(self) -> _Sentences:
        if self._sentences is None:
            self._sentences = _Sentences(self.text)
        return self._sentences

    def passage_at(self, span: tuple[int, int]) -> QuotedPassage | None:
        """The passage overlapping `span` most. Found by bisection: a summary may hold every
        quote of a long article, and a scan of all passages per quote would be quadratic."""
        best: QuotedPassage | None = None
        best_overlap = 0
        k = bisect_left(self.starts, span[1]) - 1
        while k >= 0:
            p = self.passages[k]
            if p.end <= span[0]:
                break  # the passages before end earlier still
            overlap = min(span[1], p.end) - max(span[0], p.start)
            if overlap > best_overlap:
                best, best_overlap = p, overlap
            k -= 1
        return best

    def bounds(
        self, span: tuple[int, int], passage: QuotedPassage | None
    ) -> tuple[int, int, int, int]:
        """(outer start, inner start, inner end, outer end) of the quote, the first paragraph
        of a multi-paragraph quote standing for its start."""
        if passage is None:
            return span[0], span[0], span[1], span[1]
        outer_start = passage.outer_start
        if passage.continues:
            outer_start = min(outer_start, self.group_start.get(passage.group, outer_start))
        return (
            min(outer_start, span[0]),
            min(passage.start, span[0]),
            max(passage.end, span[1]),
            max(passage.outer_end, span[1]),
        )

    def tight(self, outer_start: int, outer_end: int) -> tuple[int, int]:
        text, sentences = self.text, self.sentences
        start = sentences.start_of(outer_start)
        if not _has_words(text[start:outer_start]) and start > 0:
            start = sentences.start_of(len(text[:start].rstrip()) - 1)
        end = sentences.end_of(outer_end)
        if not _has_words(text[outer_end:end]) and "\n" not in text[outer_end:end]:
            end = sentences.end_of(end + 1)
        return start, end

    def broad(self, outer_start: int, outer_end: int) -> tuple[int, int]:
        text = self.text
        para_start, para_end = _paragraph(text, outer_start, outer_end)
        before = para_start
        while before > 0 and text[before - 1].isspace():
            before -= 1
        para_start = _paragraph(text, before, before)[0]
        return max(para_start, outer_start - 2 * _NEAR), min(para_end, outer_end + _NEAR)

    def mentions(
        self, words: Iterable[str], window: tuple[int, int], inner: tuple[int, int]
    ) -> list[int]:
        """Where any of `words` (lower case) stands in the window as a whole word, outside the
        quote and every other quotation: a name someone *says* is not who says it."""
        lower = self.lower
        lo, hi = window
        found: list[int] = []
        for word in words:
            at = lower.find(word, lo, hi)
            while at >= 0:
                end = at + len(word)
                if (
                    (at == 0 or not lower[at - 1].isalnum())
                    and (end >= len(lower) or not lower[end].isalnum())
                    and not inner[0] <= at < inner[1]
                    and not self._quoted(at)
                ):
                    found.append(at)
                at = lower.find(word, at + 1, hi)
        return found

    def mentioned(
        self, words: Iterable[str], window: tuple[int, int], inner: tuple[int, int]
    ) -> bool:
        return bool(self.mentions(words, window, inner))

    @staticmethod
    def closer(
        mentions: list[int], passage: QuotedPassage | None, outer_start: int, outer_end: int
    ) -> bool:
        """Is the claimed name at least as close to the quote as the credited speaker, or part
        of the same attribution ("Sen. Bernie Sanders (I-Vt.) said", credited to "I-Vt")?"""
        if passage is None or passage.speaker_span is None:
            return True
        credited_at, credited_end = passage.speaker_span

        def gap(at: int) -> int:
            return outer_start - at if at < outer_start else max(0, at - outer_end)

        if any(
            credited_at - _SAME_ATTRIBUTION <= at < credited_end + _SAME_ATTRIBUTION
            for at in mentions
        ):
            return True
        return min(gap(at) for at in mentions) <= gap(credited_at)

    def as_object(self, at: int) -> bool:
        """A mention right after "told", "asked", "with", "to"... is who was spoken to or
        about ("Carson told Breitbart News"), not the source; "according to X" is a source."""
        before = self.lower[max(0, at - 40) : at]
        found = _OBJECT_BEFORE.search(before)
        return found is not None and "according to" not in before[max(0, found.start() - 10) :]

    def as_source(self, at: int) -> bool:
        """A mention reads as a source when a reporting word is right beside it ("Salas said",
        "said Tom Homan", "according to ICE"), past an appositive if there is one ("Alixandria
        Lapp, executive director of the House Majority PAC, said"), rather than as a subject of
        the quote. A name after the verb is its inverted subject only when nothing but the name
        follows ("said Tom Homan." but not "Sanders said Clinton was too friendly")."""
        lower = self.lower
        lo = max(0, at - _CUE_REACH)
        hi = at + _CUE_REACH + 30
        name_end = at
        while name_end < len(lower) and (lower[name_end].isalnum() or lower[name_end] in "'’.-"):
            name_end += 1
        while True:  # the rest of a multi-word name ("tom homan")
            nxt = name_end
            while nxt < len(lower) and lower[nxt] == " ":
                nxt += 1
            if nxt >= len(lower) or not self.text[nxt].isupper():
                break
            name_end = nxt
            while name_end < len(lower) and (
                lower[name_end].isalnum() or lower[name_end] in "'’.-"
            ):
                name_end += 1
        if lower.startswith(",", name_end) or lower.startswith(" (", name_end):
            hi = at + _APPOSITIVE_REACH
        for cue in _CUE.finditer(lower, lo, min(hi, len(lower))):
            if cue.start() >= name_end:
                return True  # Name (, role,) said
            if cue.end() <= at:
                # said (the bureau's director,) (James B.) Comey. / according to (Dr.) Name
                between = _INITIAL.sub("", lower[cue.end() : at])
                if len(between) <= 60 and not any(c in between for c in '.!?;“”"'):
                    if _SUBJECT_ENDS.match(lower, name_end):
                        return True
        return False

    def _quoted(self, at: int) -> bool:
        k = bisect_right(self.holes, (at, len(self.text) + 1)) - 1
        return k >= 0 and self.holes[k][0] <= at < self.holes[k][1]

    def attributed(self, span: tuple[int, int], passage: QuotedPassage | None) -> str | None:
        """Who the article credits with the quote, as best the evidence layer can tell."""
        if passage is not None and passage.speaker:
            return passage.speaker
        names = names_near(self.text, span[0], span[1])
        return names[0] if names else None

    def check(self, i: int, quote: Quote, span: tuple[int, int]) -> Issue | None:
        claimed = (quote.speaker or "").strip()
        if not claimed:
            return None
        passage = self.passage_at(span)
        outer_start, _, _, outer_end = self.bounds(span, passage)
        path = f"quotes[{i}].speaker"
        # The windows are found only when a rule below needs one: most claimed speakers are the
        # credited one, and need neither.
        if not _is_name(claimed):
            heads = _heads(claimed)
            if not heads or self.mentioned(heads, self.broad(outer_start, outer_end), span):
                return None
            return Issue(
                severity="warning",
                path=path,
                message=f"quotes[{i}]: speaker '{claimed}' is not how the article names the "
                "source of this quote",
            )
        aliases = _aliases(claimed)
        credited = passage.speaker if passage is not None else None
        named = bool(credited) and _is_name(credited or "")
        # A speaker the evidence layer only guessed (no reporting verb: the clause subject or the
        # last person named) is no attribution of the article's.
        guessed = passage is not None and passage.cue is None and named
        if named and _same_person(claimed, credited or ""):
            return None
        if credited and not named and passage is not None and passage.speaker_span is not None:
            # "according to the agency": the organisation it stands for is the source too; "the
            # prime minister said": so is the prime minister the article names.
            where = passage.speaker_span[0]
            for source in (
                organisation_for(self.text, where, credited),
                role_holder(self.text, where, credited),
            ):
                if source is not None and _same_person(claimed, source):
                    return None
        tight = self.tight(outer_start, outer_end)
        in_tight = [at for at in self.mentions(aliases, tight, span) if not self.as_object(at)]
        if (
            in_tight
            and named
            and (
                any(self.as_source(at) for at in in_tight)
                or self.closer(in_tight, passage, outer_start, outer_end)
            )
        ):
            return None
        if not named:
            # Credited to a pronoun, a description or no one: a name does not become right by
            # standing nearby. It is right as a source beside the quote, or as what the
            # pronoun can stand for (named before it, of its gender); otherwise unknown.
            pronoun = PRONOUNS.get((credited or "").lower())
            if pronoun is not None and pronoun.gender in ("male", "female"):
                gender = person_gender(self.text, _person_part(claimed))
                if gender is not None and gender != pronoun.gender:
                    return Issue(
                        severity="error",
                        path=path,
                        message=f"quotes[{i}]: speaker '{claimed}' cannot be the '{credited}' "
                        "the article credits this quote to",
                    )
            if any(self.as_source(at) for at in in_tight):
                return None
            if any(at < outer_start for at in in_tight):
                return None
        if not named and self.mentioned(aliases, self.broad(outer_start, outer_end), span):
            # The article credits "he" or "the agency", or nothing we could read: a name close
            # by may be who that is, but the text does not say so. Unknown: a warning.
            credit = credited or "no one"
            return Issue(
                severity="warning",
                path=path,
                message=f"quotes[{i}]: speaker '{claimed}' is named near this quote, but the "
                f"article credits it to {credit}; check who said it",
            )
        if not credited:
            guess = self.attributed(span, passage)
            if guess and _is_name(guess) and _same_person(claimed, guess):
                # Nobody is credited, and the claimed name is the one close by: unknown.
                return Issue(
                    severity="warning",
                    path=path,
                    message=f"quotes[{i}]: the article credits this quote to no one; "
                    f"'{claimed}' is named near it",
                )
            credited = guess
        # The guess is the subject of the quote's own sentence (strong), or the last person
        # named before it (weak): against the one, a claimed name in that sentence is unknown;
        # against the other, a claimed name anywhere close by.
        at = passage.speaker_span if passage is not None else None
        strong = at is not None and tight[0] <= at[0] < tight[1]
        if guessed and (
            in_tight
            or (not strong and self.mentioned(aliases, self.broad(outer_start, outer_end), span))
        ):
            return Issue(
                severity="warning",
                path=path,
                message=f"quotes[{i}]: the article credits this quote to no one; "
                f"'{claimed}' is named near it",
            )
        who = f"the article attributes it to {credited}" if credited else "no one is named there"
        return Issue(
            severity="error",
            path=path,
            message=f"quotes[{i}]: speaker '{claimed}' is not named near this quote; {who}",
        )
