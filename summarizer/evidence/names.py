"""The name index of an article: who and what is named, and the roles written beside them.

Capitalised runs are read once per text into mentions (people, organisations, places); a surname
alone ("Salas", "Mr. Garin") is expanded to the fullest form seen ("Angelica Salas"). The
offline engine and the checker ask here for names, places and roles near a span.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from summarizer.evidence.boilerplate import without_furniture
from summarizer.evidence.genders import first_name_gender
from summarizer.evidence.lexicon import (
    DESCRIPTIVE_HEADS,
    GLUED_NAME_PARTICLES,
    HONORIFIC_GENDER,
    HONORIFICS,
    NAME_PARTICLES,
    NOT_NAMES,
    ORG_WORDS,
    PLACE_HINTS,
    PLACE_PHRASES,
    PLACES,
    PLATFORMS,
    PORTFOLIO_WORDS,
    TITLE_WORDS,
    verbs_for,
)
from summarizer.evidence.memo import per_text
from summarizer.evidence.regex import UPPER, UPPER_CHARS, by_first_letter, lazy_compile
from summarizer.evidence.text import is_word_char, written_in_lower_case

__all__ = [
    "NAME_GAP",
    "NAME_RUN",
    "NAME_TOKEN",
    "expand_name",
    "expand_titled",
    "is_place",
    "is_platform",
    "is_heading",
    "is_common_word",
    "person_gender",
    "titled_gender",
    "referred_to_as_thing",
    "lead_names",
    "looks_person",
    "mentions_between",
    "name_index",
    "names_in",
    "org_like",
    "person_names",
    "role_holder",
    "opens_with_particle",
    "past_glued_particle",
    "places_in",
    "speaker_role",
    "speakerish",
    "split_role",
]


_HONORIFIC = rf"(?:{'|'.join(HONORIFICS)}|Lt\.\s*Gov)\."
_HONORIFIC_RE = re.compile(_HONORIFIC)
_UNDOTTED_HONORIFICS = frozenset(HONORIFICS) | frozenset(HONORIFIC_GENDER)
_U = UPPER  # a capital letter of any script: "Zoë Ångström", "Maroš Šefčovič", "Øystein"
_GLUED = "|".join(GLUED_NAME_PARTICLES)
# A particle glued to a name's capital opens the name token ("al-Masri", "d’Estaing"), where a
# word starts: the "al-" of "royal-Blue" is no particle.
_GLUED_PREFIX = rf"(?<![\w’'])(?:{_GLUED})"  # (the capital after it is the token's own)
# The white space between the words of one name: a line break may wrap a name, a blank line (a
# paragraph break) ends it ("#Brexit\n\nPutin" is two names). Possessive: a gap never backtracks.
NAME_GAP = r"(?:[^\S\n]++(?:\n[^\S\n]*+)?|\n[^\S\n]*+)"
NAME_TOKEN = (
    rf"(?:{_U}\.(?:{_U}\.)+|{_U}\.(?={NAME_GAP}{_U})|(?:Jr|Sr|St|Mt|Ft)\."
    rf"|Mc{_U}[\w’'\-]*|(?:{_GLUED_PREFIX})?{_U}[\w’'\-]*)"
)
# Name tokens one after another: the words of one name, no particle nor joiner between them.
NAME_RUN = rf"{NAME_TOKEN}(?:{NAME_GAP}{NAME_TOKEN})*"
_LOWER_PARTICLES = "|".join(NAME_PARTICLES)
_PARTICLE = rf"(?:{_LOWER_PARTICLES}|St\.)"
_PARTICLE_RE = re.compile(_PARTICLE)
# A name token opening with a glued particle, any case ("al-Sudani", "Al-Sudani" opening a
# sentence): the particle is left out of the surname a name is filed under.
_GLUED_OPENING = re.compile(
    rf"(?:{'|'.join(f'{g}|{g.capitalize()}' for g in GLUED_NAME_PARTICLES)})(?={_U})"
)
_GLUED_FIRSTS = frozenset(c for g in GLUED_NAME_PARTICLES for c in (g[0], g[0].upper()))
# The letters a name run can start with besides a capital: a particle's first letters.
_PARTICLE_FIRSTS = "".join(sorted({p[0] for p in (*NAME_PARTICLES, *GLUED_NAME_PARTICLES)}))
# The leading lookaheads name the only characters a match can start with (a capital, or the first
# letter of a particle): the scan then rejects every other position at once instead of trying each
# alternative there, which makes these two scans of the whole text two to three times faster.
_G = NAME_GAP
_CAPSEQ = lazy_compile(
    rf"(?=[{_PARTICLE_FIRSTS}{UPPER_CHARS}])(?:(?:{_HONORIFIC}{_G})?{NAME_TOKEN}(?:{_G}(?:{_PARTICLE}{_G})*{NAME_TOKEN})*"
    rf"|(?<![\w’'])(?:{_PARTICLE}){_G}{NAME_TOKEN}(?:{_G}{NAME_TOKEN})*)"
)
# `_CAPSEQ.finditer(text)`, found faster. A pattern that opens with a character class skips in C
# to the next candidate, a leading lookahead does not: so `_RUN_AT_CAPITAL` consumes a capital,
# steps back over it and captures in group 1 what _CAPSEQ matches there. Only its first branch
# can match at a capital (the second needs a lower-case particle), and that branch is written
# for speed with the same matches: the honorifics and particles grouped by first letter, a name
# token's alternatives tried only where a capital stands ("Mc..." dropped: it ends where the
# plain token does), the next word tried only where a particle or a capital can start. The rare
# run that opens with a particle ("de Gaulle", "van Gogh", "al-Masri") is found from the
# capital after it.
_GLUED_FAST = rf"(?<![\w’'])(?:{by_first_letter(_GLUED)})"
_NAME_TOKEN_FAST = (
    rf"(?:(?={_U})(?:{_U}\.(?:(?:{_U}\.)+|(?={_G}{_U}))|(?:Jr|Sr|St|Mt|Ft)\.|{_U}[\w’'\-]*+)"
    rf"|{_GLUED_FAST}{_U}[\w’'\-]*+)"
)
_HONORIFIC_FAST = by_first_letter("|".join(HONORIFICS) + r"|Lt\.\s*Gov")
_PARTICLE_FAST = by_first_letter(rf"{_LOWER_PARTICLES}|St\.")
_RUN_AT_CAPITAL = re.compile(
    rf"{_U}(?<=(?=((?:(?:{_HONORIFIC_FAST})\.{_G})?{_NAME_TOKEN_FAST}"
    rf"(?:{_G}(?=[{_PARTICLE_FIRSTS}{UPPER_CHARS}])(?:(?:{_PARTICLE_FAST}){_G})*{_NAME_TOKEN_FAST})*)).)"
)
# A lower-case particle ending right before `\s+` and a capital: where _CAPSEQ's second branch
# starts (`(?<![\w’'])particle\s+`), looked for over the particle's few letters only.
_PARTICLE_BEFORE = re.compile(rf"(?<![\w’'])(?:{_LOWER_PARTICLES})\Z")
# The letters a particle ends with: nearly every run has white space before it, and the word
# before seldom ends as a particle does, so most runs need no search for one.
_PARTICLE_LASTS = frozenset(p[-1] for p in NAME_PARTICLES)
# A blank line between a particle and the capital: no NAME_GAP, the particle opens no run there.
_BLANK = re.compile(r"\n[^\S\n]*\n")
# A glued particle right before the capital: where _CAPSEQ's match of "al-Masri" starts.
_GLUED_BEFORE = re.compile(rf"(?<![\w’'])(?:{_GLUED})\Z")


def _capitalised_runs(text: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, str]]:
    """(start, text) of every match of `_CAPSEQ.finditer(text, lo, hi)`, in order."""
    search = _RUN_AT_CAPITAL.search
    particle = _PARTICLE_BEFORE.search
    glued_before = _GLUED_BEFORE.search
    end = len(text) if hi is None else hi
    pos = lo
    m = search(text, pos, end)
    while m is not None:
        at = m.start(1)
        opens = at  # where the name token opens: before a glued particle ("al-Masri")
        if at > pos and text[at - 1] in "-’'":
            glued = glued_before(text, max(pos, at - 5), at)
            if glued is not None:
                opens = glued.start()
        j = opens
        while j > pos and text[j - 1].isspace():
            j -= 1
        lead = (
            particle(text, max(pos, j - 5), j)
            if j < opens and text[j - 1] in _PARTICLE_LASTS and not _BLANK.search(text, j, opens)
            else None
        )
        if lead is not None or opens < at:
            # No capital stands between `pos` and this one: the run opening with the particle
            # is _CAPSEQ's next match, and the scan resumes after it.
            run = _CAPSEQ.match(text, lead.start() if lead is not None else opens, end)
            assert run is not None  # a particle, then a capital
            yield run.start(), run.group()
            pos = run.end()
        else:
            yield at, m.group(1)
            pos = m.end(1)
        m = search(text, pos, end)


_ORG_JOIN = lazy_compile(
    rf"(?={_U})(?:{NAME_TOKEN}{_G})*{NAME_TOKEN}"
    rf"(?:{_G}(?:of|for|and|on|the|&){_G}{NAME_TOKEN}(?:{_G}{NAME_TOKEN})*)+"
)
# Where an _ORG_JOIN match may start: every name token is a capital followed by word characters
# and dots, so a match needs capitalised words running into "of", "for"... and a capital: a chain
# of such words (`_ORG_CHAIN`, never backtracking: possessive, atomic) with `_ORG_JOINER` after
# it. Every capital inside a chain ends the same chain, so where one fails they all fail:
# `_ORG_HINT`, matched where the last scan stopped, passes over each such chain whole (and the
# text between chains) in one go and captures the first chain a joiner follows. A search for the
# chain and joiner together (tests/test_name_runs.py holds the two equal) tried again at each
# capital of a chain.
_ORG_TOKEN = rf"{_U}[\w’'\-.]*+"
_ORG_CHAIN = rf"{_ORG_TOKEN}(?>(?:{_G}{_ORG_TOKEN})*)"
_ORG_JOINER = rf"{_G}(?:of|for|and|on|the|&){_G}{_U}"
_ORG_HINT = re.compile(
    rf"(?>(?:[^{UPPER_CHARS}]++|{_ORG_CHAIN}(?!{_ORG_JOINER}))*+)(?P<at>{_ORG_CHAIN})(?={_ORG_JOINER})"
)


def _org_joins(text: str) -> Iterator[re.Match[str]]:
    """The matches of _ORG_JOIN, in order, tried only where a chain runs into a joiner: at the
    first chain `_ORG_HINT` finds from where the last match ended (or past the last failed
    start)."""
    pos = 0
    while (hint := _ORG_HINT.match(text, pos)) is not None:
        at = hint.start("at")
        m = _ORG_JOIN.match(text, at)
        if m is not None:
            yield m
            pos = m.end()
        else:
            pos = at + 1


# --- small helpers -------------------------------------------------------------------------------


# A named tuple rather than a frozen dataclass: an article has a hundred or more mentions, and a
# tuple is built in half the time.
class _Mention(NamedTuple):
    start: int
    end: int
    text: str
    is_person: bool


# `_Mention(...)` without the Python-level `__new__` a named tuple adds: one mention per name.
_new_mention = tuple.__new__

_LEADING_WORD = re.compile(r"([\w’'\.]+)\s+")


def _strip_leading(text: str, start: int) -> tuple[str, int]:
    """Drop sentence-initial function words from a capitalised run ("But Salas" -> "Salas")."""
    while True:
        m = _LEADING_WORD.match(text)
        if not m or m.group(1).lower().rstrip(".") not in NOT_NAMES:
            return text, start
        if _PARTICLE_AFTER.match(text, m.end()) and first_name_gender(m.group(1)) is not None:
            return text, start  # "Jan de Vries": a first name before a particle, no "Jan."
        text, start = text[m.end() :], start + m.end()


_PARTICLE_AFTER = re.compile(rf"(?:{_LOWER_PARTICLES})\s")


def _is_acronym(token: str) -> bool:
    core = token.replace(".", "")
    return len(core) >= 2 and core.isupper()


def _bare_tokens(name: str) -> list[str]:
    """The words of `name` without honorifics ("Mr.", "Sen.")."""
    if "." not in name:
        return name.split()  # every honorific ends with a dot
    return [t for t in name.split() if not _HONORIFIC_RE.fullmatch(t)]


def _plain_tokens(name: str) -> list[str]:
    """The words of `name` without honorifics, British and Commonwealth style's undotted "Mr",
    "Dr" opening a name included: the person's own name, to expand and compare."""
    tokens = _bare_tokens(name)
    if len(tokens) > 1 and tokens[0] in _UNDOTTED_HONORIFICS:
        return tokens[1:]
    return tokens


def past_glued_particle(word: str) -> str:
    """The word after a glued particle ("al-Masri" -> "Masri", "d’Estaing" -> "Estaing"), else
    the word as it is: what is a name's capital word in a word that opens in lower case."""
    if word[:1] not in _GLUED_FIRSTS:
        return word  # most words: no regex call
    glued = _GLUED_OPENING.match(word)
    return word if glued is None else word[glued.end() :]


def opens_with_particle(name: str) -> bool:
    """A name written from its lower-case particle: "von der Leyen", "de Gaulle", "al-Masri",
    "d’Estaing" (a surname as international news writes it alone, never a common word)."""
    words = name.split()
    if not words or not words[0][:1].islower():
        return False
    if _GLUED_OPENING.match(words[0]) is not None:
        return True
    k = 0
    while k < len(words) - 1 and _PARTICLE_RE.fullmatch(words[k]) is not None:
        k += 1  # "von der Leyen": every particle, then the capital
    return k > 0 and words[k][:1].isupper()


@lru_cache(maxsize=4096)  # pure, and asked of the same names at every quote
def looks_person(name: str) -> bool:
    tokens = _bare_tokens(name)
    if not tokens:
        return False
    honorific = "." in name and _HONORIFIC_RE.match(name) is not None  # every one ends with "."
    if not honorific and not 2 <= len(tokens) <= 4:
        # Particles are no words of their own: "Luiz Inácio Lula da Silva" has four; nor is
        # an undotted honorific ("Sheikh Mohammed bin Abdulrahman Al Thani").
        own = tokens[1:] if tokens[0] in _UNDOTTED_HONORIFICS else tokens
        if len(tokens) < 5 or sum(not _PARTICLE_RE.fullmatch(t) for t in own) > 4:
            return False  # decided already, whatever the checks below find: most names end here
    lowered = [t.lower().rstrip(".,’'s") for t in tokens]
    if any(w in ORG_WORDS or w in PLACE_HINTS for w in lowered):
        return False
    if any(_is_acronym(t) for t in tokens if not (len(t) == 2 and t[1] == ".")):
        return False
    if honorific:
        return True
    return all(
        t[:1].isupper() or _PARTICLE_RE.fullmatch(t) or _GLUED_OPENING.match(t) for t in tokens
    )


@dataclass(frozen=True, slots=True)
class _Index:
    mentions: tuple[_Mention, ...]
    starts: tuple[int, ...]


def is_place(name: str) -> bool:
    low = name.lower()
    return low in PLACE_PHRASES or low in PLACES or low in PLATFORMS


def is_platform(name: str) -> bool:
    return name.lower() in PLATFORMS


# "Trump’s", and the bare apostrophe of a name ending in s ("Bernie Sanders’", "Sanders'").
_POSSESSIVE = re.compile(rf"[’']s?\s+(?={_U})")
_PARTICIPLE = re.compile(r"[A-Z][a-z]+ing")
_APOSTROPHES = ("’", "'")


def _possessive_end(raw: str) -> int:
    """Where "Trump’s" or the bare apostrophe of "Sanders’" ends a name, else its length: what
    `re.search(r"[’']s$|(?<=s)[’']$", raw)` finds (a run never ends with a line break), asked
    of every name in an article without a regex call."""
    last = raw[-1:]
    if last == "s" and raw[-2:-1] in _APOSTROPHES:
        return len(raw) - 2
    if last in _APOSTROPHES and raw[-2:-1] == "s":
        return len(raw) - 1
    return len(raw)


def _is_participle(word: str) -> bool:
    """ "Citing", "Speaking": a capitalised participle (the test in C first: most words fail it)."""
    return word.endswith("ing") and _PARTICIPLE.fullmatch(word) is not None


# A mention relative to the capitalised run it comes from: (offset, end offset, text, is_person).
_Shape = tuple[int, int, str, bool]


def _make_mention(raw: str, start: int) -> list[_Shape]:
    if raw.split() == [raw]:
        # One word, the usual case: there is nothing to strip before it, nothing to split off
        # and no role in front of it, so only the checks below that can apply are made.
        raw = raw[: _possessive_end(raw)]
        if not raw or raw.lower().rstrip(".") in NOT_NAMES or _is_participle(raw):
            return []
        return [(start, start + len(raw), raw, looks_person(raw) and not is_place(raw))]
    raw, start = _strip_leading(raw, start)
    raw = raw[: _possessive_end(raw)].rstrip()
    if not raw or all(t.lower().rstrip(".") in NOT_NAMES for t in raw.split()):
        return []
    # "CNN's Becky Quick", "Tuesday’s New York": the possessor is a separate mention.
    poss = _POSSESSIVE.search(raw) if "’" in raw or "'" in raw else None
    if poss is not None:
        head = raw[: poss.start()]
        tail_at = poss.end()
        tail = _make_mention(raw[tail_at:], start + tail_at)
        return _make_mention(head, start) + tail
    if _is_participle(raw):
        return []  # "Citing", "Speaking": a participle opening the sentence
    person, _ = split_role(raw)
    if person and person != raw:
        offset = raw.rfind(person)
        return [(start + offset, start + offset + len(person), person, True)]
    return [(start, start + len(raw), raw, looks_person(raw) and not is_place(raw))]


_JOINER = re.compile(r"\s(?:of|for|and|on|the|&)\s")
_AND = re.compile(r"\s+and\s+")


def _past_person_and(raw: str, start: int) -> tuple[str, int]:
    """An organisation joined to a person before it by "and" is two names ("Former U.N.
    Ambassador John Bolton and Breitbart News National Security Editor ..."): the part after
    the "and", where the part before is a titled name or a person's full name."""
    m = _AND.search(raw)
    if m is None:
        return raw, start
    before = raw[: m.start()]
    person, _ = split_role(before)  # "Former U.N. Ambassador John Bolton" -> "John Bolton"
    if len(person.split()) >= 2 and looks_person(person):
        return raw[m.end() :], start + m.end()
    return raw, start


def _inside_word(text: str, at: int) -> bool:
    """A capital inside a word opens no name: "Phone" of "iPhone", "Vladimir" of a page's
    glued "aboutVladimir Putin". Nothing can ground a name cut from a word."""
    return at > 0 and is_word_char(text[at - 1])


def _past_first_word(run: str, at: int) -> tuple[int, str]:
    """The words of a name after the one its capital stands in (they are their own), as
    (offset, text); no text when there are none."""
    parts = run.split(None, 1)
    rest = parts[1] if len(parts) > 1 else ""
    return at + len(run) - len(rest), rest


# The same names come back throughout an article (and across articles): what a capitalised run
# yields depends on the run alone, so it is worked out once per distinct run.
@lru_cache(maxsize=4096)
def _run_shapes(raw: str) -> tuple[_Shape, ...]:
    return tuple(_make_mention(raw, 0))


@lru_cache(maxsize=8)
def name_index(text: str) -> _Index:
    """Capitalised names in `text` (people and organisations), in order."""
    out: list[_Mention] = []
    text = without_furniture(text)  # same offsets; a link's or a credit's letters are no name
    for at, run in _capitalised_runs(text):
        if _inside_word(text, at):
            at, run = _past_first_word(run, at)
        shapes = _run_shapes(run)
        for s, e, name, is_person in shapes:
            out.append(_new_mention(_Mention, (at + s, at + e, name, is_person)))
    orgs: list[_Mention] = []
    for m in _org_joins(text):
        raw, start = _strip_leading(m.group(), m.start())
        raw, start = _past_person_and(raw, start)
        if _inside_word(text, start):
            start, raw = _past_first_word(raw, start)
        if _JOINER.search(raw) and any(w.lower() in ORG_WORDS for w in raw.split()):
            orgs.append(_Mention(start, start + len(raw), raw, False))
    if orgs:
        # "Coalition for Humane Immigrant Rights" is one organisation, not two names.
        # The organisations do not overlap and come in order, so only the last one starting
        # at or before a mention can contain it.
        org_starts = [o.start for o in orgs]
        kept: list[_Mention] = []
        for men in out:
            k = bisect_right(org_starts, men.start) - 1
            if k < 0 or men.end > orgs[k].end:
                kept.append(men)
        out = kept
        out.extend(orgs)
        # Without organisations the list is in order already: runs come in order and a run's
        # names in order, each starting after the one before.
        out.sort(key=lambda x: (x.start, -x.end))
    rescued = _speaking_surnames(text, out)
    if rescued:
        out = _with_rescued(out, rescued)
    return _Index(tuple(out), tuple(m.start for m in out))


_CUE_VERBS = "|".join(sorted((w for w in verbs_for("cue") if " " not in w), key=len, reverse=True))
_INVERTING_VERBS = "|".join(w for w in verbs_for("inverts") if " " not in w)
_SPEECH_BEFORE = lazy_compile(rf"\b(?:{_INVERTING_VERBS})\s+$")
_VERB_AFTER = lazy_compile(rf"\s+(?:[a-z]+ly\s+)?(?:{_CUE_VERBS})\b")


def _speaking_surnames(text: str, out: list[_Mention]) -> list[_Mention]:
    """Lone surnames the name scan cannot tell from a common word, a participle or a place
    ("Will" of George Will, "Ebeling" of Betsy Ebeling, "Israel" of Rep. Steve Israel), found
    where they speak: the article names the person in full, and the word is the subject of a
    reporting verb right after it ("Will wrote") or right before it ("said Israel")."""
    surnames: set[str] = set()
    for m in out:
        if m.is_person:
            last = _ambiguous_surname(m.text)
            if last is not None:
                surnames.add(last)
    if not surnames:
        return []
    found: list[_Mention] = []
    for start, end in _whole_word_hits(text, surnames):
        if _VERB_AFTER.match(text, end) or _SPEECH_BEFORE.search(text, max(0, start - 20), start):
            found.append(_Mention(start, end, text[start:end], True))
    return found


def _stands_alone(text: str, at: int, end: int) -> bool:
    """text[at:end] is a whole word: no word character glued to either side, nor an apostrophe
    before it ("d’Ito", "O'Will": another name). One rule for every surname looked for."""
    if at > 0 and (is_word_char(text[at - 1]) or text[at - 1] in "’'"):
        return False
    return end >= len(text) or not is_word_char(text[end])


def _whole_word_hits(text: str, words: set[str]) -> list[tuple[int, int]]:
    r"""The spans `re.finditer(r"(?<![\w’'])(?:w1|w2...)(?![\w’'\-])", text)` gives (longest
    word first), found with `str.find`: a pattern of each article's own words would be compiled
    anew for every article, which costs more than the scan. The words are surnames: never empty.
    A surname as a subject is bare: not a possessive ("Israel’s") nor part of a double-barrelled
    one ("Ebeling-Smith")."""
    n = len(text)

    hits: list[tuple[int, int]] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if _stands_alone(text, at, end) and (end == n or text[end] not in "’'-"):
                hits.append((at, -end))  # the longest first where two start together
            at = text.find(word, at + 1)
    hits.sort()
    # As the scan does: the leftmost match, then the next one starting at or after its end.
    out: list[tuple[int, int]] = []
    done = 0
    for at, neg_end in hits:
        if at >= done:
            out.append((at, -neg_end))
            done = -neg_end
    return out


@lru_cache(maxsize=4096)  # pure, and asked of the same names in every article
def _ambiguous_surname(name: str) -> str | None:
    """The surname of a full name that the name scan cannot tell from a common word, a
    participle or a place ("Will" of George Will), else None."""
    tokens = _bare_tokens(name)
    if len(tokens) < 2:
        return None
    last = _surname(" ".join(tokens))
    if last.lower() in NOT_NAMES or _is_participle(last) or is_place(last):
        return last
    return None


def _with_rescued(out: list[_Mention], rescued: list[_Mention]) -> list[_Mention]:
    """`out` with the rescued surnames in place: one replaces a non-person mention of the same
    span ("Israel" read as the country); a longer mention around it is kept as it is."""
    spans = {(m.start, m.end): m for m in out}
    starts = [m.start for m in out]
    for r in rescued:
        same = spans.get((r.start, r.end))
        if same is not None:
            if not same.is_person:
                spans[(r.start, r.end)] = r
            continue
        k = bisect_right(starts, r.start) - 1
        if k >= 0 and out[k].end > r.start:
            continue  # inside a longer name
        spans[(r.start, r.end)] = r
    return sorted(spans.values(), key=lambda x: (x.start, -x.end))


def _mentions(text: str) -> tuple[_Mention, ...]:
    return name_index(text).mentions


def mentions_between(text: str, lo: int, hi: int) -> tuple[_Mention, ...]:
    """Mentions starting in [lo, hi)."""
    idx = name_index(text)
    return idx.mentions[bisect_left(idx.starts, lo) : bisect_left(idx.starts, hi)]


def speakerish(text: str, m: _Mention) -> bool:
    """Could this mention be someone who speaks: a person, an organisation, a known surname."""
    if m.is_person or org_like(m.text):
        return True
    if is_place(m.text):
        return False
    return len(m.text.split()) <= 3


@lru_cache(maxsize=4096)  # pure, and asked of the same names at every quote
def org_like(name: str) -> bool:
    tokens = name.split()
    return any(t.lower() in ORG_WORDS for t in tokens) or any(_is_acronym(t) for t in tokens)


@lru_cache(maxsize=4096)  # pure, and asked of the same names at every quote
def split_role(name: str) -> tuple[str, str | None]:
    """ "ICE Acting Director Tom Homan" -> ("Tom Homan", "ICE Acting Director")."""
    tokens = name.split()
    last_title = -1
    for i, tok in enumerate(tokens[:-1]):
        low = tok.lower()
        if low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS:
            last_title = i
        elif _is_acronym(tok) and not any(c.isdigit() for c in tok):
            last_title = i  # "ICE Acting Director Tom Homan"; not a model ("Galaxy S10 Plus")
        elif "-" in low and any(part in TITLE_WORDS for part in low.split("-")):
            last_title = i  # "Secretary-Treasurer", "ex-President"
    if last_title < 0:
        return _past_portfolio(name)
    person = " ".join(tokens[last_title + 1 :])
    role = " ".join(tokens[: last_title + 1])
    titled = tokens[last_title]
    honorific = titled.endswith(".") and _HONORIFIC_RE.fullmatch(titled) is not None
    if honorific and last_title == 0:
        return name, None  # "Mr. Garin": the honorific belongs to the name
    if honorific:
        person = tokens[last_title] + " " + person
        role = " ".join(tokens[:last_title])
    return person, role or None


# A romanised Chinese or Korean given name written last: "Ka-chiu", "Jae-in", "Jong-un".
_EAST_ASIAN_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def _past_portfolio(name: str) -> tuple[str, str | None]:
    """ "Housing Darragh O'Brien" (of "Minister for Housing ...") -> ("Darragh O'Brien",
    "Housing"): portfolio words opening a person's full name are the end of a title."""
    tokens = name.split()
    k = 0
    while k < len(tokens) - 2 and (
        tokens[k].lower() in PORTFOLIO_WORDS or (k and tokens[k] in ("and", "&"))
    ):
        k += 1
    if k == 0 or tokens[k - 1] in ("and", "&"):
        return name, None
    person = " ".join(tokens[k:])
    # A first name must open what is left: "Energy Transfer Partners" is a company.
    if first_name_gender(tokens[k]) is None or not looks_person(person):
        return name, None
    return person, " ".join(tokens[:k])


@lru_cache(maxsize=4096)  # pure, and asked of the same names at every quote
def _surname(name: str) -> str:
    tokens = _bare_tokens(name)
    if not tokens:
        return name
    last = tokens[-1]
    if last.rstrip(".") in {"Jr", "Sr", "II", "III", "IV"} and len(tokens) > 1:
        last = tokens[-2]
    elif "-" in last and _EAST_ASIAN_GIVEN.fullmatch(last) and len(tokens) > 1:
        last = tokens[-2]  # "John Lee Ka-chiu", "Moon Jae-in": the surname before the given name
    last = past_glued_particle(last)  # "al-Masri", "Al-Masri" and "Masri" are one person
    return last.strip(",")


@lru_cache(maxsize=8)
def _people(text: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Distinct full names of people, and surname -> fullest name."""
    full: list[str] = []
    by_surname: dict[str, str] = {}
    for m in _mentions(text):
        if not m.is_person:
            continue
        bare = " ".join(_plain_tokens(m.text))
        if len(bare.split()) < 2:
            continue
        key = _surname(bare)
        known = by_surname.get(key)
        if known is None or len(bare) > len(known):
            if known in full:
                full.remove(known)
            by_surname[key] = bare
            full.append(bare)
    return tuple(full), by_surname


@lru_cache(maxsize=8)
def _before_particle(text: str) -> dict[str, str]:
    """Word -> full name, for the word a Portuguese or Spanish name is known by that stands
    before its particle, past the first name: "Lula" of "Luiz Inácio Lula da Silva". Words that
    two people share, or that are someone's surname, are left out."""
    full, by_surname = _people(text)
    out: dict[str, str] = {}
    shared: set[str] = set()
    for name in full:
        tokens = name.split()
        for k in range(1, len(tokens) - 2):
            word = tokens[k]
            if _PARTICLE_RE.fullmatch(tokens[k + 1]) and word[:1].isupper() and "." not in word:
                if word in out and out[word] != name:
                    shared.add(word)
                out[word] = name
    return {w: n for w, n in out.items() if w not in shared and w not in by_surname}


def person_names(text: str) -> list[str]:
    """The distinct people named in the article, fullest forms ("Tom Homan", "Angelica Salas")."""
    return list(_people(text)[0])


@per_text
def expand_name(text: str, name: str) -> str:
    """A surname or honorific form expanded to the fullest name ("Mr. Garin" -> "Geoff Garin")."""
    bare = " ".join(_plain_tokens(name))
    if not bare:
        return name
    full = _people(text)[1].get(_surname(bare))
    # (Case aside: "Von der Leyen" opening a sentence is "Ursula von der Leyen".)
    if (
        full
        and (len(bare.split()) == 1 or full.lower().endswith(bare.lower()))
        and len(full) >= len(bare)
    ):
        return full
    if full is None and " " not in bare:
        known_by = _before_particle(text).get(bare)
        if known_by is not None:
            return known_by  # "Lula said", after "Luiz Inácio Lula da Silva"
    if full is None and " " not in bare and bare != name:
        # "Mr Ong" for "Ong Ye Kung": an honorific goes with a surname, so a surname written
        # first (Chinese, Korean, Vietnamese, Hungarian names) is the one person it opens.
        first = [f for f in _people(text)[0] if f.split()[0] == bare]
        if len(first) > 1:
            # "Sheikh Mohammed" (Gulf style: the honorific and a given name) among several
            # Mohammeds: the one the article writes with that honorific.
            honorific = name.split()[0]
            first = [f for f in first if f"{honorific} {f}" in text]
        if len(first) == 1:
            return first[0]
    return bare if len(bare.split()) >= 2 else name


def expand_titled(text: str, name: str, title: str) -> str:
    """A name written after a title ("President Xi", "Prince Mohammed"), expanded: as
    `expand_name` does, else to the one full name the article writes after the same title
    ("Chinese President Xi Jinping", "Crown Prince Mohammed bin Salman"), whose first word it
    is: a surname written first, or the given name Gulf style uses with a title."""
    full = expand_name(text, name)
    if full != name or " " in name:
        return full
    after = [f for f in _people(text)[0] if f.split()[0] == name and f"{title} {f}" in text]
    return after[0] if len(after) == 1 else name


# --- helpers for the engine and the checker ------------------------------------------------------


# The one to six words ending a stretch of text, each followed by white space: the words
# `re.search(r"((?:[\w’'.\-]+\s+){1,6})$", seg)` gives, matched at the start of the reversed
# stretch. That search tried a match at every character of the stretch (40-90 µs for 80
# characters, asked for each place a speaker is named); this is one match. Word characters and
# white space are disjoint, so possessive runs give back nothing the search needed.
_WORDS_ENDING_REVERSED = re.compile(r"(?:\s++[\w’'.\-]++){1,6}")


def _words_ending(seg: str) -> list[str]:
    """The last one to six words of `seg` when white space ends it and parts them, else []."""
    m = _WORDS_ENDING_REVERSED.match(seg[::-1])
    return [] if m is None else m.group()[::-1].split()


def _role_words_before(text: str, start: int) -> str | None:
    """Lower-case descriptors right before a name: "the economist Jared Bernstein"."""
    words = _words_ending(text[max(0, start - 80) : start])
    if not words:
        return None
    keep: list[str] = []
    for w in reversed(words):
        low = w.lower().rstrip(".,")
        capitalised = w[:1].isupper() and low not in NOT_NAMES and not w.endswith(",")
        if low in TITLE_WORDS or capitalised:
            keep.insert(0, w)
            continue
        break
    if not keep or not any(w.lower().rstrip(".") in TITLE_WORDS for w in keep):
        return None
    return " ".join(keep)


_APPOSITIVE = re.compile(
    r",\s+([^,.;:!?“”\"()]{3,120}?)(?:,|\.(?=\s)|;|$|\s+(?:said|says|told|added))"
)


def _appositive_after(text: str, end: int) -> str | None:
    """ ", executive director of the Coalition for Humane Immigrant Rights," after a name."""
    m = _APPOSITIVE.match(text, end)
    if not m:
        return None
    role = m.group(1).strip()
    first = role.split()[0].lower() if role.split() else ""
    if first in {"who", "which", "that", "whose", "where", "when", "and", "but", "he", "she"}:
        return None
    if role[:1].isupper() and not any(w.lower() in TITLE_WORDS for w in role.split()[:4]):
        return None  # another name, not a description
    if re.fullmatch(r"\d+", role):
        return None  # an age
    return role


# A surname is looked for through the whole text (where it is rarer than `limit`): once per
# text for each person of the same surname.
@per_text
def _word_places(text: str, word: str, limit: int) -> tuple[tuple[int, int], ...]:
    """The first `limit` places where `word` stands as a whole word (`_stands_alone`: its
    possessive "Ito’s" too, where a title may stand around it), as (start, end)."""
    places: list[tuple[int, int]] = []
    at = text.find(word)
    while at >= 0 and len(places) < limit:
        end = at + len(word)
        if _stands_alone(text, at, end):
            places.append((at, end))
        at = text.find(word, end)
    return tuple(places)


# Asked again of every person named before each title phrase (`role_holder`), and each answer
# may look for the surname through the whole text: once per text and person.
@per_text
def speaker_role(text: str, speaker: str, span: tuple[int, int] | None = None) -> str | None:
    """The speaker's title or role as the article gives it, at the quote or where first named."""
    places: list[tuple[int, int]] = []
    if span is not None:
        places.append(span)
    surname = _surname(speaker)
    if surname:
        places += _word_places(text, surname, 8 - len(places))
    for s, e in places:
        # The capitalised run around the name may carry a title ("ICE Acting Director Tom Homan").
        for at, run in _capitalised_runs(text, max(0, s - 80), min(len(text), e + 5)):
            if at <= s < at + len(run):
                raw, _ = _strip_leading(run, at)
                _, role = split_role(raw)
                if role:
                    return role
        name_start = s
        for men in mentions_between(text, max(0, s - 80), s + 1):
            if men.start <= s < men.end:
                name_start = men.start
        before = _role_words_before(text, name_start)
        if before:
            return before
        after = _appositive_after(text, e)
        if after:
            return after
    return None


_ROLE_WORD = re.compile(r"[\w’'\-]+")


def _role_words(role: str) -> list[str]:
    return [w.lower() for w in _ROLE_WORD.findall(role)]


def _holds(source: list[str], role: list[str]) -> bool:
    """Does a person of `role` ("Prime Minister", "Minister for Finance") hold the office a
    title phrase names (["minister"], ["prime", "minister"])? Every word of the phrase must be
    in the role, and every title word before its head in the role's block (the "prime" of "Prime
    Minister", the "vice" of "Vice President") must be in the phrase too: "the minister" is
    not the prime minister. A portfolio ("Finance") may be left out."""
    head = source[-1]
    if not all(w in role for w in source):
        return False  # "the prime minister" is not the finance minister
    at = role.index(head)
    k = at - 1
    while k >= 0 and role[k] in TITLE_WORDS:
        if role[k] not in source:
            return False
        k -= 1
    return True


def role_holder(text: str, at: int, source: str) -> str | None:
    """The person a title phrase at `at` stands for ("the Taoiseach", "the prime minister",
    "the minister" after "Taoiseach Micheál Martin", "Prime Minister Anthony Albanese",
    "Finance Minister Jim Chalmers"): the last person named before it with that title, in
    full; None when the phrase is no title or no one named before holds it."""
    words = _role_words(source)
    if words[:1] == ["the"]:
        words = words[1:]
    if not words or len(words) > 4 or words[-1] not in TITLE_WORDS:
        return None
    if not all(w in TITLE_WORDS or w in PORTFOLIO_WORDS for w in words):
        return None
    before = reversed(mentions_between(text, max(0, at - 3000), at))
    # A lead may name the office before the person ("The Taoiseach has said ..." and later
    # "Taoiseach Simon Harris said"): with no holder before it, the first one after.
    after = mentions_between(text, at + len(source), at + 3000)
    for m in (*before, *after):
        if not m.is_person or len(_plain_tokens(m.text)) < 2 or m.start <= at < m.end:
            continue
        role = speaker_role(text, m.text, (m.start, m.end))
        if role is not None and _holds(words, _role_words(role)):
            return expand_name(text, m.text)
    return None


def names_in(text: str, start: int, end: int) -> list[_Mention]:
    return [m for m in mentions_between(text, start, end) if m.end <= end]


def lead_names(text: str, start: int, end: int) -> list[str]:
    """People and organisations named in text[start:end], fullest forms, no places."""
    out: list[str] = []
    for m in names_in(text, start, end):
        if is_place(m.text):
            continue
        if m.is_person:
            name = expand_name(text, m.text)
        elif org_like(m.text):
            name = m.text
        else:
            continue
        if name not in out:
            out.append(name)
    return out


_PLACE_PREP = lazy_compile(
    rf"\b(?:in|at|near|from|across|outside|inside|to|throughout)\s+(?:the\s+)?"
    rf"(?P<place>{NAME_RUN}(?:,\s+{NAME_RUN})?)"
)


def places_in(text: str, start: int, end: int) -> list[str]:
    """Capitalised places after a locative preposition: "in the Los Angeles area" -> Los Angeles."""
    out: list[str] = []
    for m in _PLACE_PREP.finditer(text, start, end):
        place = m.group("place").strip(" ,")
        tokens = place.split()
        if (
            tokens[0].lower().rstrip(".") in NOT_NAMES
            or org_like(place)
            and not any(t.lower() in PLACE_HINTS for t in tokens)
        ):
            continue
        if is_place(place):
            pass
        elif looks_person(place) and not any(t.lower() in PLACE_HINTS for t in tokens):
            # "in Philadelphia" is a place; "to Tom Homan" is not. Two plain names read as a person.
            if len(tokens) == 2 and not re.match(r",", place):
                continue
        if place not in out:
            out.append(place)
    return out


# --- who is a he, a she or an it -----------------------------------------------------------------

# \b(?:he|she|his|her|him|He|She|His|Her)\b, written so that every alternative opens with a
# letter (the scan then skips in C to an h, s, H or S) and checks the word boundary before it
# after that letter: a leading \b made the scan try every position of the text.
_GENDERED = re.compile(
    r"(?:h(?<!\w.)(?:e|is|er|im)|s(?<!\w.)he|H(?<!\w.)(?:e|is|er)|S(?<!\w.)he)\b"
)
_SAYS_IT = lazy_compile(
    rf"\s+(?:(?:{'|'.join(verbs_for('speech'))})\s+(?:on\s+)?(?:[A-Z]\w+\s+)?(?:that\s+)?it"
    r"|(?:and\s+)?its)\b"
)
_GENDER_OF = {"he": "male", "his": "male", "him": "male", "she": "female", "her": "female"}
_CLAUSE_REACH = 160  # how far after a name its own pronoun is looked for


@lru_cache(maxsize=8)
def _genders(text: str) -> dict[str, str]:
    """Surname -> "male" / "female" where the article itself says so: an honorific ("Ms.
    Okafor"), or the he/she pronouns that follow the person's name when no other person is
    named in between ("Okafor said she would run"), by a clear majority."""
    votes: dict[str, list[int]] = {}
    people = [m for m in _mentions(text) if m.is_person]
    # Every he/she/his/her/him, found in one scan: where, and whether male.
    found = [(g.start(), _GENDER_OF[g.group().lower()] == "male") for g in _GENDERED.finditer(text)]
    at = [a for a, _ in found]
    is_male = [b for _, b in found]
    for k, m in enumerate(people):
        key = _surname(m.text)
        first = m.text.split()[0].rstrip(".")
        honorific = HONORIFIC_GENDER.get(first)
        tally = votes.setdefault(key, [0, 0])
        if honorific is not None:
            tally[0 if honorific == "male" else 1] += 3
            continue
        limit = min(
            people[k + 1].start if k + 1 < len(people) else len(text), m.end + _CLAUSE_REACH
        )
        j = bisect_left(at, m.end)
        if j < len(at) and at[j] < limit:
            tally[0 if is_male[j] else 1] += 1
    out: dict[str, str] = {}
    for key, (male, female) in votes.items():
        if male >= 2 * female + 1:
            out[key] = "male"
        elif female >= 2 * male + 1:
            out[key] = "female"
    return out


def person_gender(text: str, name: str) -> str | None:
    """ "male", "female" or None (not known) for a person named in `text`."""
    return _genders(text).get(_surname(name))


@lru_cache(maxsize=8)
def _titled(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _mentions(text):
        honorific = HONORIFIC_GENDER.get(m.text.split()[0].rstrip(".")) if m.is_person else None
        if honorific is not None:
            out.setdefault(_surname(m.text), honorific)
    return out


def titled_gender(text: str, name: str) -> str | None:
    """The gender an honorific gives the person somewhere in `text` ("Ms. Okafor"), or None:
    surer than the pronouns that happen to follow a name, which `person_gender` also counts."""
    return _titled(text).get(_surname(name))


def referred_to_as_thing(text: str, start: int, end: int) -> bool:
    """The mention text[start:end] reports what *it* will do ("Kinder Morgan said Tuesday it
    would...") or owns what is *its* ("Kinder Morgan and its partners"): a company, not a
    person."""
    return _SAYS_IT.match(text, end) is not None


_SMALL_WORDS = frozenset("a an the of and or to in on at for by with from as vs".split())


def is_heading(text: str, pos: int) -> bool:
    """The line holding `pos` is a heading, not prose: every word capitalised (a Title-Case
    headline, "FULL TEXT.", "Article Continued Below"). Its names are nobody's attribution."""
    from summarizer.evidence.text import paragraph_at

    s, e = paragraph_at(text, pos)
    known = _headings(text)
    if s not in known:
        known[s] = _heading_line(text, s, e)
    return known[s]


@lru_cache(maxsize=8)
def _headings(text: str) -> dict[int, bool]:
    return {}  # line start -> heading or not, filled as lines are asked about


def _heading_line(text: str, s: int, e: int) -> bool:
    words = [w for w in text[s : min(e, s + 300)].split() if w[:1].isalpha()]
    if not words or e - s > 300:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def is_common_word(text: str, name: str) -> bool:
    """A one-word "name" the article also writes in lower case ("Hours later, Trump..."): a
    capitalised common word opening a sentence, not a name."""
    low = name.lower()
    # "Officials said": a descriptive source, which attribution reports as written.
    return (
        " " not in name
        and name[1:].islower()
        and low not in DESCRIPTIVE_HEADS
        and written_in_lower_case(text, low)
    )
