"""Pronoun resolution: what a "he", "she" or "they" stands for, read as a careful reader does.

"he" and "she" stand for a person of that gender (never an organisation, a place or a demonym;
a person of unknown gender fits either): the most recent of the previous quote's speaker and the
subject of the sentence before, else the nearest person named before them outside quotations;
"they" stands for the nearest organisation. A gender comes from an honorific, the first name,
a he or she already resolved to the person (`_Reader` keeps those, in article order), then the
pronouns after the name.

Also here, as they resolve pronouns too: the speaker string reported for a speaker phrase, and
the checker's helpers `names_near` and `organisation_for` (`verify/speakers.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from summarizer.evidence.attribution.phrases import (
    _DET,
    _PRONOUNS,
    _SPEECH_VERB,
    _bare_surname,
    _descriptive_in,
    _Speaker,
)
from summarizer.evidence.attribution.subjects import _ROLE_AFTER, _sentence_subject, _subject_before
from summarizer.evidence.genders import first_name_gender
from summarizer.evidence.lexicon import (
    DESCRIPTIVE_HEADS,
    HONORIFIC_GENDER,
    HONORIFICS,
    PERSON_HEADS,
    PRONOUNS,
    TITLE_WORDS,
)
from summarizer.evidence.names import (
    NAME_GAP,
    NAME_TOKEN,
    expand_name,
    expand_titled,
    is_heading,
    is_place,
    looks_person,
    mentions_between,
    name_index,
    names_in,
    opens_with_particle,
    org_like,
    person_gender,
    person_names,
    referred_to_as_thing,
    role_holder,
    split_role,
    titled_gender,
)
from summarizer.evidence.places import demonym_place
from summarizer.evidence.places import is_place as gazetteer_place
from summarizer.evidence.regex import UPPER, lazy_compile
from summarizer.evidence.text import paragraph_at, sentence_start
from summarizer.evidence.types import FoundPassage


class _Quoted:
    """The spans inside quotation marks, asked whether a position falls in one (by bisection:
    asked for every mention looked at, a scan of all passages would be quadratic)."""

    __slots__ = ("spans", "starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def inside(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and self.spans[k][0] <= pos < self.spans[k][1]


_NO_QUOTES = _Quoted(())
# How far back a pronoun or an unattributed quote looks for the person it stands for.
_PRONOUN_REACH = 3000


@dataclass(frozen=True, slots=True)
class _Context:
    """What a careful reader knows when a pronoun comes: who spoke last, and the genders the
    article's pronouns have given its people so far."""

    prior: tuple[str, int] | None = None  # the previous quote's speaker and where it is named
    genders: dict[str, str] | None = None  # name -> "male" / "female", from resolved he/she
    anchor: int | None = None  # where the pronoun's sentence begins (its quote's opening mark)


_NO_CONTEXT = _Context()


def _resolve_pronoun(
    text: str, at: int, pronoun: str, avoid: _Quoted, context: _Context = _NO_CONTEXT
) -> str | None:
    """What the pronoun at `at` stands for, or None when nothing fits.

    "he" and "she" stand for a person of that gender (never an organisation, a place or a
    demonym; a person of unknown gender fits either): the most recent of the previous quote's
    speaker and the subject of the sentence before, else the nearest person named before `at`
    outside quotations. "they" stands for the nearest organisation.
    """
    kind = _PRONOUNS.get(pronoun.lower(), "person")
    if kind == "self":
        return None
    known = PRONOUNS.get(pronoun.lower())
    wanted = known.gender if known is not None else "any"
    if kind == "person":
        subject = _subject_antecedent(text, at, wanted, avoid, context)
        if subject is not None:
            return subject
    index = name_index(text)
    mentions = index.mentions
    # Walk back by index: slicing the mentions before `at` would copy them on every call.
    for k in range(bisect_right(index.starts, at) - 1, -1, -1):
        m = mentions[k]
        if at - m.start > _PRONOUN_REACH:
            break
        if m.end > at or avoid.inside(m.start) or is_heading(text, m.start):
            continue  # named inside a quotation or in a heading: not the one speaking
        if kind == "person" and _a_person(text, m.text, m.is_person):
            if not _fits(text, m.start, m.text, wanted, context):
                continue  # "she" is not Mr. Reed, nor Justin Trudeau
            if referred_to_as_thing(text, m.start, m.end):
                continue  # "Kinder Morgan said Tuesday it would...": not a he or a she
            return expand_name(text, m.text)
        if kind == "group" and not m.is_person and org_like(m.text):
            return m.text
    return None


def _a_person(text: str, name: str, flagged: bool = False, spoke: bool = False) -> bool:
    """`name` can be a he or a she: a person's name (not a place's, not a demonym, no title in
    it: "Indiana Gov"), a lone word of a person's name the text gives in full ("Bolton",
    "Ban" of Ban Ki-moon), or a lone first name ("Bob"). Another lone capitalised word
    ("Enbridge", "Ottawa") is more often a company or a place than a person, unless it spoke
    (`spoke`: the previous quote's `said Bolton`)."""
    if name.rstrip(".") in HONORIFICS or name.rstrip(".") in HONORIFIC_GENDER:
        return False  # "Mr" cut off its name: nobody
    person, role = split_role(name)
    if role is not None:
        name, flagged = person, True  # "President Obama": a title marks a person
    words = name.split()
    if len(words) == 1 and spoke and _bare_surname(name):
        # Who spoke is no place, though towns share names ("said Bolton"); but it may be a body
        # the text says is one ("Xinhua, the official Chinese news agency, said").
        return demonym_place(name) is None and not _described_as_thing(text, name)
    if len(words) == 1 and name in _name_words(text)[0]:
        return demonym_place(name) is None  # "West" of Cornel West: the text says who
    if len(words) == 1 and _in_full_name(text, name):
        return not is_place(name) and demonym_place(name) is None  # "Ban" of Ban Ki-moon
    if len(words) == 1 and _bare_surname(name) and first_name_gender(name) is not None:
        return not gazetteer_place(name)  # "the base chief known as Bob"
    if not (flagged or looks_person(name)) or org_like(name) or is_place(name):
        return False
    if any(w.lower() in TITLE_WORDS for w in words if not w.endswith(".")):
        return False
    if flagged and len(words) == 1:
        return demonym_place(name) is None  # "President Obama" is no Obama, Japan
    return not (gazetteer_place(name) or demonym_place(words[0]))


# A capitalised word with an appositive after it: "Xinhua, the official Chinese news agency,".
# The word boundary before the name is checked after its capital ("(?<!\w.)": no word character
# before it), so that the scan of the whole text skips in C to the next capital; the words are
# taken possessively ("++": giving a letter back never lets a space follow).
_APPOSITIVE = lazy_compile(
    rf"(?P<name>{UPPER}(?<!\w.)[\w’'\-]*),\s+(?:the|a|an|its)\s+(?:[\w’'\-]++\s++){{0,4}}"
    r"(?P<head>[a-z]+)(?=[,;.])"
)


@lru_cache(maxsize=8)
def _things(text: str) -> frozenset[str]:
    """Words the text sets a non-person appositive beside, found in one scan."""
    return frozenset(
        m.group("name")
        for m in _APPOSITIVE.finditer(text)
        if m.group("head") in DESCRIPTIVE_HEADS and m.group("head") not in PERSON_HEADS
    )


def _described_as_thing(text: str, name: str) -> bool:
    """An appositive after `name` gives it a head that is no person ("Xinhua, the official
    Chinese news agency")."""
    return name in _things(text)


@lru_cache(maxsize=8)
def _name_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The last words and all words of the full names of people in the text."""
    full = [n.split() for n in person_names(text)]
    return frozenset(w[-1] for w in full if w), frozenset(x for w in full for x in w)


def _in_full_name(text: str, word: str) -> bool:
    """`word` is one word of a person's full name in the text ("Bolton", "Ban" of Ban Ki-moon)."""
    return word in _name_words(text)[1]


def _gender_of(text: str, at: int, name: str, context: _Context) -> str | None:
    """ "male" / "female" when known, else None. Surest first: an honorific ("Ms. Notley", "Sir
    John"), what the first name usually is, a he or she already resolved to the person, then
    the pronouns that follow the name in the text (a weak clue: "Trudeau met Notley. “...,” he
    said" puts a "he" after Notley)."""
    titled = titled_gender(text, name)
    if titled is not None:
        return titled
    before = text[max(0, at - 8) : at].split()
    if before and before[-1].rstrip(".") in HONORIFIC_GENDER:
        return HONORIFIC_GENDER[before[-1].rstrip(".")]  # "Sir John Major" written as a run
    tokens = expand_name(text, name).split()
    if len(tokens) >= 2:
        guessed = first_name_gender(tokens[0])
        if guessed is not None:
            return guessed
    # After the name's own clues: one wrongly resolved "she" must not make a man a woman.
    if context.genders and name in context.genders:
        return context.genders[name]
    return person_gender(text, name)


def _fits(text: str, at: int, name: str, wanted: str, context: _Context) -> bool:
    if wanted not in ("male", "female"):
        return True
    gender = _gender_of(text, at, name, context)
    return gender is None or gender == wanted


def _subject_antecedent(
    text: str, at: int, wanted: str, avoid: _Quoted, context: _Context
) -> str | None:
    """The previous quote's speaker or the subject of the sentence before, whichever is named
    later, when it is a person of the wanted gender; a descriptive person ("the professor")
    is given as written."""
    cands: list[tuple[int, str, bool]] = []  # (where named, as given, descriptive)
    if context.prior is not None:
        name, where = context.prior
        if at - where <= _PRONOUN_REACH and where < at:
            cands.append((where, name, not name[:1].isupper()))
    anchor = context.anchor if context.anchor is not None else at
    sp = _previous_subject(text, anchor, avoid)
    if sp is not None and not sp.pronoun:
        cands.append((sp.start, sp.text, not sp.text[:1].isupper()))
    if anchor >= at:
        # "Clinton said Wednesday that she called Sanders ...": inside its own sentence a
        # pronoun stands first for that sentence's subject.
        own_start = sentence_start(text, at, max(0, at - 600))
        own = _sentence_subject(text, own_start, at) if own_start < at else None
        if own is not None and not own.pronoun and own.end < at and not avoid.inside(own.start):
            cands.append((own.start, own.text, not own.text[:1].isupper()))
    for where, name, descriptive in sorted(cands, reverse=True):
        if descriptive:
            head = name.split()[-1].lower() if name.split() else ""
            if head not in PERSON_HEADS:
                continue  # "the company", "the agency": an it or a they
            noun = PERSON_HEADS[head]
            if noun is not None and wanted in ("male", "female") and noun != wanted:
                continue  # "the spokeswoman" is no "he"
            return name
        spoke = context.prior is not None and (name, where) == context.prior
        flagged = any(
            m.is_person and m.text == name for m in mentions_between(text, where, where + 1)
        )
        if not _a_person(text, name, flagged, spoke) or not _fits(
            text, where, name, wanted, context
        ):
            continue
        full = expand_name(text, name).split()
        if len(full) >= 2 and _gender_of(text, where, name, context) is None:
            continue  # "Following Wednesday", "Jupiter Democrat": no name a reader knows
        if referred_to_as_thing(text, where, where + len(name)):
            continue
        return expand_name(text, name)
    return None


def _previous_subject(text: str, anchor: int, avoid: _Quoted) -> _Speaker | None:
    """The subject of the sentence before the one opening at `anchor`, in its paragraph or the
    one before; None when that sentence is a quotation."""
    begin = sentence_start(text, anchor, max(0, anchor - 600))
    back = begin
    while back > 0 and text[back - 1].isspace():
        back -= 1
    if back == 0:
        return None
    prev = sentence_start(text, back - 1, max(0, back - 600))
    while prev < back and text[prev].isspace():
        prev += 1
    if prev >= back or avoid.inside(prev) or text[prev] in '“"«„':
        return None
    verb = _SPEECH_VERB.search(text, prev, back)
    sp = None
    if verb is not None and not avoid.inside(verb.start()):
        # The speaker of the sentence, also when the attribution closes it (`..., Biden said.`)
        sp = _subject_before(text, prev, verb.start())
    if sp is None:
        sp = _sentence_subject(text, prev, back)
    if sp is None:
        return None
    if not sp.text[:1].isupper() or _DET.match(sp.text):
        # "Its chief executive, Tomas Reyes, told reporters": the name set beside the phrase.
        comma = _APPOSITIVE_COMMA.match(text, sp.end)
        beside = (
            next(iter(mentions_between(text, comma.end(), comma.end() + 1)), None)
            if comma
            else None
        )
        if beside is not None and beside.is_person:
            return _Speaker(beside.text, beside.start, beside.end)
        if _NAME_NEXT.match(text, sp.end):
            return None  # "The federal judge Trump was referring to is ...": a relative clause
    role = _ROLE_AFTER.match(text, sp.end)
    if role is not None and all(w.lower() in TITLE_WORDS for w in role.group().split()):
        # "Kinder Morgan chief executive Steve Kean defended it": the person the titles lead to.
        person = next(iter(mentions_between(text, role.end(), role.end() + 1)), None)
        if person is not None and person.is_person:
            return _Speaker(person.text, person.start, person.end)
    return _as_written(text, sp, prev)


_APPOSITIVE_COMMA = re.compile(r",\s*")
_NAME_NEXT = lazy_compile(rf"{NAME_GAP}{UPPER}[a-z]")


def _as_written(text: str, sp: _Speaker, sentence: int) -> _Speaker:
    """A descriptive source opening its sentence, its determiner in lower case ("The professor
    said" -> "the professor"), as the source reads mid-sentence."""
    first = sp.text.split()[0] if sp.text.split() else ""
    if sp.start == sentence and not sp.pronoun and _DET.fullmatch(first) and first[:1].isupper():
        return _Speaker(first.lower() + sp.text[len(first) :], sp.start, sp.end)
    return sp


_THE_AGENCY = re.compile(
    r"(?:the|this|that)\s+(?:agency|department|group|organization|organisation)"
)


def organisation_for(text: str, at: int, source: str) -> str | None:
    """The organisation a descriptive source at `at` stands for ("according to the agency" ->
    the nearest organisation named before it), or None. Attribution reports the source as
    written; the checker accepts a summary that names the organisation instead."""
    if not _THE_AGENCY.fullmatch(source.strip()):
        return None
    return _resolve_pronoun(text, at, "they", _NO_QUOTES)


_THE = re.compile(r"^(?:[Tt]he\s+)+")


def _speaker_string(text: str, sp: _Speaker, avoid: _Quoted) -> str:
    if sp.pronoun:
        return _resolve_pronoun(text, sp.start, sp.text, avoid) or sp.text
    if opens_with_particle(sp.text):
        return expand_name(text, sp.text)  # "von der Leyen said": a surname with its particle
    # Most speakers open with no "the": the substitution is tried only where one may stand.
    title = _THE.sub("", sp.text) if sp.text[:1] in "Tt" else sp.text
    holder = role_holder(text, sp.start, sp.text) if title[:1].isupper() else None
    if holder is not None:
        # "the Taoiseach said", "the Chancellor said": a title written as a name stands for
        # its holder. ("the prime minister said" stays as written, a descriptive source.)
        return holder
    if sp.text[:1].isupper():
        person, role = split_role(sp.text)
        if not person[:1].isupper():
            return sp.text  # "A spokeswoman for Delta": a descriptive source, not a role + name
        a_person = looks_person(person)
        if not a_person and org_like(sp.text):
            return sp.text
        if a_person or len(person.split()) == 1:
            title_word = role.split()[-1] if role else _title_before(text, sp.start)
            if title_word is not None:
                full = expand_titled(text, person, title_word)  # "President Xi said"
            else:
                full = expand_name(text, person)
            if full != person and _other_gender(person, full):
                return person  # "Mr Dunne" is not the "Margaret Dunne" of the same surname
            return full
        return person
    return sp.text


_WORD_BEFORE = lazy_compile(rf"({NAME_TOKEN}){NAME_GAP}\Z")


def _title_before(text: str, at: int) -> str | None:
    """The capitalised title word right before a name ("President" of "President Xi"), if any."""
    m = _WORD_BEFORE.search(text, max(0, at - 30), at)
    if m is None or m.group(1).lower() not in TITLE_WORDS:
        return None
    return m.group(1)


def _other_gender(name: str, full: str) -> bool:
    """`name`'s honorific says one gender, `full`'s first name the other."""
    honorific = HONORIFIC_GENDER.get(name.split()[0].rstrip("."))
    guessed = first_name_gender(full.split()[0]) if honorific is not None else None
    return guessed is not None and guessed != honorific


class _Reader:
    """Reads an article's speakers in order, as a reader does: a pronoun's person is looked for
    among who spoke last, and a person a "he" or "she" stood for keeps that gender."""

    __slots__ = ("avoid", "genders", "prior", "resolved", "text")

    def __init__(self, text: str, avoid: _Quoted) -> None:
        self.text = text
        self.avoid = avoid
        self.prior: tuple[str, int] | None = None
        self.genders: dict[str, str] = {}
        self.resolved: dict[tuple[int, int], str] = {}  # a pronoun's span -> what it stands for

    def name(self, sp: _Speaker, p: FoundPassage, spoke: bool) -> str:
        """The speaker string for `sp`, crediting passage `p` (`spoke`: by a reporting cue)."""
        if not sp.pronoun:
            name = _speaker_string(self.text, sp, self.avoid)
        else:
            key = (sp.start, sp.end)
            if key not in self.resolved:
                # The sentence of a pronoun after its quote begins at the quote.
                anchor = p.outer_start if sp.start >= p.outer_end else sp.start
                context = _Context(self.prior, self.genders, anchor)
                found = _resolve_pronoun(self.text, sp.start, sp.text, self.avoid, context)
                self.resolved[key] = found or sp.text
                grammar = PRONOUNS.get(sp.text.lower())
                if found is not None and grammar is not None and grammar.gender in _GENDERS:
                    self.genders.setdefault(found, grammar.gender)
            name = self.resolved[key]
        if spoke and not (sp.pronoun and name == sp.text):
            self.prior = (name, sp.start)  # an unresolved pronoun names nobody
        return name


_GENDERS = ("male", "female")


def names_near(text: str, start: int, end: int) -> list[str]:
    """Names, organisation mentions and pronoun resolutions around text[start:end].

    The window is the sentence(s) the span sits in, plus the paragraphs before and after: where
    an attribution for a quote can be. Surnames are listed both as written and expanded.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    ps, _ = paragraph_at(text, start)
    _, pe = paragraph_at(text, end)
    # One non-blank paragraph on each side.
    back = ps
    while back > 0 and text[back - 1].isspace():
        back -= 1
    lo = text.rfind("\n", 0, back) + 1 if back > 0 else 0
    ahead = pe
    while ahead < len(text) and text[ahead].isspace():
        ahead += 1
    hi_nl = text.find("\n", ahead)
    hi = len(text) if hi_nl < 0 else hi_nl
    out: list[str] = []

    def add(name: str | None) -> None:
        if name and name not in out:
            out.append(name)

    for m in names_in(text, lo, hi):
        add(m.text)
        if m.is_person:
            add(expand_name(text, m.text))
        else:
            person, _ = split_role(m.text)
            if person != m.text:
                add(person)
                add(expand_name(text, person))
    for pm in re.finditer(r"\b(he|she|they|He|She|They)\b", text[lo:hi]):
        add(_resolve_pronoun(text, lo + pm.start(), pm.group(), _NO_QUOTES))
    for sp in (_descriptive_in(text, lo, hi, last=False), _descriptive_in(text, lo, hi, last=True)):
        if sp is not None:
            add(sp.text)
    return out
