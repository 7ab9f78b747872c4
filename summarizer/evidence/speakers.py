"""Who said it: speaker mentions around quoted passages, found with patterns, not a model.

The patterns are the ones news writing actually uses:
- after the quote: `“...,” Name said`, `“...,” said Name, title`, `“...,” he said`,
  `“...,” the spokesman said`, `“...,” according to the agency`;
- before it: `Name said: “...”`, `Name said, “...”`, `Name told reporters that “...”`,
  `Name, title, called it “a disgrace”`;
- chains: `“A,” Name said. “B.”` (B inherits), the paragraphs of a multi-paragraph quote share
  their speaker, and a quote paragraph with no attribution of its own continues the previous
  paragraph's speaker.
Pronouns are resolved to the nearest fitting person named before them (outside quotations);
a surname alone ("Salas", "Mr. Garin") is expanded to the fullest form seen ("Angelica Salas").

Everything here is heuristic and cheap: a ~5 KB article is attributed in about a millisecond.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import NamedTuple

from summarizer.evidence.lexicon import (
    DESCRIPTIVE_HEADS,
    HONORIFICS,
    NOT_NAMES,
    ORG_WORDS,
    PLACE_HINTS,
    PLACE_PHRASES,
    PLACES,
    PRONOUNS,
    REPORTING_STEMS,
    TITLE_WORDS,
    verbs_for,
)
from summarizer.evidence.text import paragraph_at, sentence_end, sentence_start, stops
from summarizer.evidence.types import PassageKind, QuotedPassage

__all__ = [
    "attribute",
    "classify_kind",
    "names_near",
    "person_names",
    "speaker_role",
    "split_role",
]

# --- vocabulary ----------------------------------------------------------------------------------


def _top_level(alternation: str) -> list[str]:
    """The alternatives of a regex alternation, split at the `|` outside groups and classes."""
    out: list[str] = []
    start = depth = 0
    in_class = escaped = False
    for i, c in enumerate(alternation):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(alternation[start:i])
            start = i + 1
    out.append(alternation[start:])
    return out


def _by_first_letter(alternation: str) -> str:
    """`said|says|told` as `s(?:aid|ays)|t(?:old)`: the same alternation, matched faster.

    A regex tries a long alternation one alternative at a time at every position; grouped by
    first letter, it tries only those that can start there. Each alternative must begin with a
    letter. They keep their order within a group, and alternatives with different first letters
    never both match at one position, so what matches is exactly what the flat alternation
    matches (with IGNORECASE too: no character matches two different ASCII letters).
    """
    groups: dict[str, list[str]] = {}
    for alternative in _top_level(alternation):
        if not alternative[:1].isalpha():
            raise ValueError(f"alternative does not begin with a letter: {alternative!r}")
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_VERBS = "|".join(verbs_for("cue"))
_VERBS_RE = _by_first_letter(_VERBS)
_VERB = re.compile(rf"\b(?:{_VERBS_RE})\b")
# Subject pronouns that can stand for a speaker, with what they stand for.
_PRONOUNS = {w: p.refers for w, p in PRONOUNS.items() if p.case == "subject" and p.refers}
_HONORIFIC = rf"(?:{'|'.join(HONORIFICS)}|Lt\.\s*Gov)\."
_HONORIFIC_RE = re.compile(_HONORIFIC)
_NAME_TOKEN = (
    r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z]\.(?=\s+[A-Z])|(?:Jr|Sr|St|Mt|Ft)\."
    r"|Mc[A-Z][\w’'\-]*|[A-Z][\w’'\-]*)"
)
_PARTICLE = r"(?:de|del|della|van|von|der|den|da|di|du|la|le|bin|al|ibn|y|St\.)"
_PARTICLE_RE = re.compile(_PARTICLE)
# The leading lookaheads name the only characters a match can start with (a capital, or the first
# letter of a particle): the scan then rejects every other position at once instead of trying each
# alternative there, which makes these two scans of the whole text two to three times faster.
_CAPSEQ = re.compile(
    rf"(?=[A-Zabdilvy])(?:(?:{_HONORIFIC}\s+)?{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_TOKEN})*"
    rf"|(?<![\w’'])(?:{_PARTICLE})\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*)"
)
_ORG_JOIN = re.compile(
    rf"(?=[A-Z])(?:{_NAME_TOKEN}\s+)*{_NAME_TOKEN}"
    rf"(?:\s+(?:of|for|and|on|the|&)\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*)+"
)
# Where an _ORG_JOIN match may start: every name token is a capital followed by word characters
# and dots, so a match needs capitalised words running into "of", "for"... and a capital. This
# scan skips in C to the next capital and never backtracks (possessive, atomic), so it finds the
# few places worth trying _ORG_JOIN at far faster than _ORG_JOIN scans the text itself.
_ORG_START = re.compile(
    r"[A-Z][\w’'\-.]*+(?>(?:\s+[A-Z][\w’'\-.]*+)*)\s+(?:of|for|and|on|the|&)\s+[A-Z]"
)


def _org_joins(text: str) -> Iterator[re.Match[str]]:
    """`_ORG_JOIN.finditer(text)`: _ORG_JOIN is only tried where _ORG_START says it can match."""
    hint = _ORG_START.search(text)
    while hint is not None:
        at = hint.start()
        m = _ORG_JOIN.match(text, at)
        if m is not None:
            yield m
            hint = _ORG_START.search(text, m.end())
        else:
            hint = _ORG_START.search(text, at + 1)


# --- small helpers -------------------------------------------------------------------------------


# A named tuple rather than a frozen dataclass: an article has a hundred or more mentions, and a
# tuple is built in half the time.
class _Mention(NamedTuple):
    start: int
    end: int
    text: str
    is_person: bool


_LEADING_WORD = re.compile(r"([\w’'\.]+)\s+")


def _strip_leading(text: str, start: int) -> tuple[str, int]:
    """Drop sentence-initial function words from a capitalised run ("But Salas" -> "Salas")."""
    while True:
        m = _LEADING_WORD.match(text)
        if not m or m.group(1).lower().rstrip(".") not in NOT_NAMES:
            return text, start
        text, start = text[m.end() :], start + m.end()


def _is_acronym(token: str) -> bool:
    core = token.replace(".", "")
    return len(core) >= 2 and core.isupper()


def _bare_tokens(name: str) -> list[str]:
    """The words of `name` without honorifics ("Mr.", "Sen.")."""
    if "." not in name:
        return name.split()  # every honorific ends with a dot
    return [t for t in name.split() if not _HONORIFIC_RE.fullmatch(t)]


def _looks_person(name: str) -> bool:
    tokens = _bare_tokens(name)
    if not tokens:
        return False
    honorific = _HONORIFIC_RE.match(name) is not None
    if not honorific and not 2 <= len(tokens) <= 4:
        return False  # decided already, whatever the checks below find: most names end here
    lowered = [t.lower().rstrip(".,’'s") for t in tokens]
    if any(w in ORG_WORDS or w in PLACE_HINTS for w in lowered):
        return False
    if any(_is_acronym(t) for t in tokens if not (len(t) == 2 and t[1] == ".")):
        return False
    if honorific:
        return True
    return all(t[:1].isupper() or _PARTICLE_RE.fullmatch(t) for t in tokens)


@dataclass(frozen=True, slots=True)
class _Index:
    mentions: tuple[_Mention, ...]
    starts: tuple[int, ...]


def _is_place(name: str) -> bool:
    low = name.lower()
    return low in PLACE_PHRASES or low in PLACES


_POSSESSIVE_END = re.compile(r"[’']s$")
_POSSESSIVE = re.compile(r"[’']s?\s+(?=[A-Z])")
_PARTICIPLE = re.compile(r"[A-Z][a-z]+ing")

# A mention relative to the capitalised run it comes from: (offset, end offset, text, is_person).
_Shape = tuple[int, int, str, bool]


def _make_mention(raw: str, start: int) -> list[_Shape]:
    if raw.split() == [raw]:
        # One word, the usual case: there is nothing to strip before it, nothing to split off
        # and no role in front of it, so only the checks below that can apply are made.
        if _POSSESSIVE_END.search(raw):
            raw = raw[:-2]
        if not raw or raw.lower().rstrip(".") in NOT_NAMES or _PARTICIPLE.fullmatch(raw):
            return []
        return [(start, start + len(raw), raw, _looks_person(raw) and not _is_place(raw))]
    raw, start = _strip_leading(raw, start)
    if _POSSESSIVE_END.search(raw):
        raw = raw[:-2]
    raw = raw.rstrip()
    if not raw or all(t.lower().rstrip(".") in NOT_NAMES for t in raw.split()):
        return []
    # "CNN's Becky Quick", "Tuesday’s New York": the possessor is a separate mention.
    poss = _POSSESSIVE.search(raw)
    if poss is not None:
        head = raw[: poss.start()]
        tail_at = poss.end()
        tail = _make_mention(raw[tail_at:], start + tail_at)
        return _make_mention(head, start) + tail
    if _PARTICIPLE.fullmatch(raw):
        return []  # "Citing", "Speaking": a participle opening the sentence
    person, _ = split_role(raw)
    if person and person != raw:
        offset = raw.rfind(person)
        return [(start + offset, start + offset + len(person), person, True)]
    return [(start, start + len(raw), raw, _looks_person(raw) and not _is_place(raw))]


# The same names come back throughout an article (and across articles): what a capitalised run
# yields depends on the run alone, so it is worked out once per distinct run.
@lru_cache(maxsize=4096)
def _run_shapes(raw: str) -> tuple[_Shape, ...]:
    return tuple(_make_mention(raw, 0))


@lru_cache(maxsize=8)
def _index(text: str) -> _Index:
    """Capitalised names in `text` (people and organisations), in order."""
    out: list[_Mention] = []
    for m in _CAPSEQ.finditer(text):
        shapes = _run_shapes(m.group())
        if shapes:
            at = m.start()
            for s, e, name, is_person in shapes:
                out.append(_Mention(at + s, at + e, name, is_person))
    orgs: list[_Mention] = []
    for m in _org_joins(text):
        raw, start = _strip_leading(m.group(), m.start())
        if any(w.lower() in ORG_WORDS for w in raw.split()):
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
    return _Index(tuple(out), tuple(m.start for m in out))


def _mentions(text: str) -> tuple[_Mention, ...]:
    return _index(text).mentions


def _between(text: str, lo: int, hi: int) -> tuple[_Mention, ...]:
    """Mentions starting in [lo, hi)."""
    idx = _index(text)
    return idx.mentions[bisect_left(idx.starts, lo) : bisect_left(idx.starts, hi)]


def _speakerish(text: str, m: _Mention) -> bool:
    """Could this mention be someone who speaks: a person, an organisation, a known surname."""
    if m.is_person or _org_like(m.text):
        return True
    if _is_place(m.text):
        return False
    return len(m.text.split()) <= 3


def _org_like(name: str) -> bool:
    tokens = name.split()
    return any(t.lower() in ORG_WORDS for t in tokens) or any(_is_acronym(t) for t in tokens)


def split_role(name: str) -> tuple[str, str | None]:
    """ "ICE Acting Director Tom Homan" -> ("Tom Homan", "ICE Acting Director")."""
    tokens = name.split()
    last_title = -1
    for i, tok in enumerate(tokens[:-1]):
        low = tok.lower()
        if low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS or _is_acronym(tok):
            last_title = i
    if last_title < 0:
        return name, None
    person = " ".join(tokens[last_title + 1 :])
    role = " ".join(tokens[: last_title + 1])
    if _HONORIFIC_RE.fullmatch(tokens[last_title]) and last_title == 0:
        return name, None  # "Mr. Garin": the honorific belongs to the name
    if _HONORIFIC_RE.fullmatch(tokens[last_title]):
        person = tokens[last_title] + " " + person
        role = " ".join(tokens[:last_title])
    return person, role or None


def _surname(name: str) -> str:
    tokens = _bare_tokens(name)
    if not tokens:
        return name
    last = tokens[-1]
    if last.rstrip(".") in {"Jr", "Sr", "II", "III", "IV"} and len(tokens) > 1:
        last = tokens[-2]
    return last.strip(",")


@lru_cache(maxsize=8)
def _people(text: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Distinct full names of people, and surname -> fullest name."""
    full: list[str] = []
    by_surname: dict[str, str] = {}
    for m in _mentions(text):
        if not m.is_person:
            continue
        bare = " ".join(_bare_tokens(m.text))
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


def person_names(text: str) -> list[str]:
    """The distinct people named in the article, fullest forms ("Tom Homan", "Angelica Salas")."""
    return list(_people(text)[0])


def expand_name(text: str, name: str) -> str:
    """A surname or honorific form expanded to the fullest name ("Mr. Garin" -> "Geoff Garin")."""
    bare = " ".join(_bare_tokens(name))
    if not bare:
        return name
    full = _people(text)[1].get(_surname(bare))
    if full and (len(bare.split()) == 1 or full.endswith(bare)) and len(full) >= len(bare):
        return full
    return bare if len(bare.split()) >= 2 else name


# --- sentences and windows -----------------------------------------------------------------------

# --- speaker phrases -----------------------------------------------------------------------------

_DETERMINER_NP = re.compile(
    r"\b(?:the|a|an|one|another|two|three|several|some|many|his|her|their|its|our)\s+"
    r"(?:[\w’'\-]+\s+){0,4}?(?P<head>[a-z][\w\-]*)\b"
)


@dataclass(frozen=True, slots=True)
class _Speaker:
    text: str  # as written
    start: int
    end: int
    pronoun: bool = False


_PRONOUN_WORD = re.compile(r"\b(he|she|they|He|She|They|I|we|We)\b")
_BARE_PLURAL = re.compile(r"\b(officials|authorities|experts|analysts|critics|sources)\b")
_QUALIFIER = re.compile(rf"(?:{_NAME_TOKEN}\s+(?:(?:and|of|for)\s+)?)+$")


def _pronoun_at(segment: str, base: int, last: bool) -> _Speaker | None:
    found = list(_PRONOUN_WORD.finditer(segment))
    if not found:
        return None
    m = found[-1] if last else found[0]
    return _Speaker(m.group(), base + m.start(), base + m.end(), pronoun=True)


def _name_in(text: str, start: int, end: int, last: bool) -> _Speaker | None:
    """The last (or first) name mentioned in text[start:end]."""
    inside = [m for m in _between(text, start, end) if m.end <= end and _speakerish(text, m)]
    if not inside:
        return None
    m = inside[-1] if last else inside[0]
    return _Speaker(m.text, m.start, m.end)


def _descriptive_in(text: str, start: int, end: int, last: bool) -> _Speaker | None:
    seg = text[start:end]
    found = [m for m in _DETERMINER_NP.finditer(seg) if m.group("head") in DESCRIPTIVE_HEADS]
    bare = [m for m in _BARE_PLURAL.finditer(seg)]
    cands = sorted([(m.start(), m.end()) for m in found] + [(m.start(), m.end()) for m in bare])
    if not cands:
        return None
    s, e = cands[-1] if last else cands[0]
    # Keep a capitalised qualifier in front ("ICE officials", "U.S. Immigration ... officials").
    prefix = _QUALIFIER.search(seg[:s])
    if prefix:
        s = prefix.start()
    return _Speaker(seg[s:e], start + s, start + e)


_SPEECH_VERBS = "|".join(verbs_for("speech"))
_SPEECH_VERB = re.compile(rf"\b(?:{_by_first_letter(_SPEECH_VERBS)})\b")
# Verbs whose subject may follow them: `“...,” said Geoff Garin`.
_INVERTING = re.compile("|".join(verbs_for("inverts")))
_DELIMITER = re.compile(
    r"[,;:(\u2014\u2013]|\s-\s|\b(?:as|and|but|while|when|after|before|because|since|though|"
    r"although|that|which|who|whom|where|if|so|or|until|whereas|upon)\b"
)
_ADVERB_TAIL = re.compile(
    r"(?:\s+(?:also|then|later|previously|once|has|have|had|was|were|is|are|would|will|could|"
    r"recently|again|further|simply|repeatedly|often|not|even|still|reportedly|initially|"
    r"first|finally|already|just|[a-z]+ly))*\s*$"
)
_DET = re.compile(
    r"(?:the|a|an|one|another|two|three|four|five|several|some|many|most|all|both|his|her|"
    r"their|its|our|these|those|other|each|every)\b",
    re.I,
)
_BARE_GROUPS = re.compile(
    r"(?:officials|authorities|experts|analysts|critics|sources|organizers|organisers|"
    r"protesters|residents|supporters|opponents|observers|aides|advisers|lawmakers|"
    r"democrats|republicans|investigators|prosecutors|police|voters|economists|researchers|"
    r"officers|administration officials|White House officials)\b",
    re.I,
)


_LOWER_WORDS = re.compile(r"(?:\s+[a-z][\w\-]*){1,3}")


def _phrase_speaker(text: str, s: int, e: int, last: bool = True) -> _Speaker | None:
    """Read text[s:e], a short phrase in subject position, as a speaker."""
    while s < e and text[s] in " \t\n,;:—–-(\u00a0":
        s += 1
    while e > s and text[e - 1] in " \t\n,;:—–-)\u00a0":
        e -= 1
    if e <= s:
        return None
    seg = text[s:e]
    words = seg.split()
    if len(words) == 1 and words[0].lower() in _PRONOUNS and words[0].lower() not in {"it"}:
        return _Speaker(words[0], s, e, pronoun=True)
    mentions = [m for m in _between(text, s, e) if m.end <= e and _speakerish(text, m)]
    if mentions:
        persons = [m for m in mentions if m.is_person]
        ending = [m for m in mentions if e - m.end <= 2]
        if last and ending:
            m = ending[-1]
        elif persons:
            m = persons[-1] if last else persons[0]
        else:
            m = mentions[-1] if last else mentions[0]
        rest = text[m.end : e]
        if not m.is_person and _LOWER_WORDS.fullmatch(rest):
            # "ICE officials", "a Twitter spokesman": the organisation qualifies the speaker.
            lead = s if _DET.match(seg) else m.start
            return _Speaker(text[lead:e], lead, e)
        if len(words) <= 12 or e - m.end < 40 or not last:
            return _Speaker(m.text, m.start, m.end)
    if len(words) <= 10 and (_DET.match(seg) or _BARE_GROUPS.match(seg)):
        cut = seg.find(",")
        phrase = seg if cut < 0 else seg[:cut]
        return _Speaker(phrase, s, s + len(phrase))
    if words and words[-1].lower() in {"he", "she", "they", "we", "i"}:
        return _Speaker(words[-1], e - len(words[-1]), e, pronoun=True)
    return None


def _last_delimiter(text: str, start: int, end: int) -> int:
    """Offset just after the last clause delimiter in text[start:end] (start if none)."""
    at = start
    for m in _DELIMITER.finditer(text, start, end):
        if m.group() in ("and", "of") and any(
            x.start < m.start() < x.end for x in _between(text, max(0, m.start() - 80), m.start())
        ):
            continue  # "Immigration and Customs Enforcement": inside a name
        at = m.end()
    return at


_WORD = re.compile(r"\S+")
_ARTICLE_NEXT = re.compile(r"\s*(?=(?:the|a|an)\s)", re.I)


def _sentence_subject(text: str, start: int, limit: int) -> _Speaker | None:
    """The first name, pronoun or noun phrase opening the sentence (past an introduction)."""
    pos = start
    for _ in range(3):
        if pos >= limit:
            return None
        comma = text.find(",", pos, limit)
        piece_end = limit if comma < 0 else comma
        head_end = pos
        for n, m in enumerate(_WORD.finditer(text[pos:piece_end])):
            head_end = pos + m.end()
            if n >= 5:
                break
        pron = _pronoun_at(text[pos:head_end], pos, last=False)
        name = next((m for m in _between(text, pos, head_end) if _speakerish(text, m)), None)
        cands: list[_Speaker] = []
        if pron is not None:
            cands.append(pron)
        if name is not None:
            cands.append(_Speaker(name.text, name.start, name.end))
        det = _ARTICLE_NEXT.match(text[pos:head_end])
        if det is not None:
            sp = _descriptive_in(text, pos, piece_end, last=False)
            if sp is not None and sp.start - pos < 30:
                cands.append(sp)
        if cands:
            return min(cands, key=lambda c: (c.start, -(c.end - c.start)))
        if comma < 0:
            return None
        pos = comma + 1
    return None


def _subject_before(text: str, start: int, verb_start: int) -> _Speaker | None:
    """The subject of a reporting verb: the phrase right before it, past any appositive."""
    seg = text[start:verb_start]
    tail = _ADVERB_TAIL.search(seg)
    end = start + (tail.start() if tail else len(seg))
    piece_start = _last_delimiter(text, start, end)
    sp = _phrase_speaker(text, piece_start, end)
    if sp is not None:
        return sp
    # "Angelica Salas, executive director of the Coalition, called ...": skip the appositive.
    stripped = text[start:end].rstrip()
    if piece_start >= end and stripped.endswith(","):
        inner_end = start + len(stripped) - 1
        prev = text.rfind(",", start, inner_end)
        if prev >= 0:
            sp = _phrase_speaker(text, _last_delimiter(text, start, prev), prev)
            if sp is not None:
                return sp
            return _phrase_speaker(text, prev + 1, inner_end)
        return _phrase_speaker(text, _last_delimiter(text, start, inner_end), inner_end)
    return None


_BREAK = re.compile(r'[;:!?(\n“”".]')


def _clause_break(text: str, start: int, end: int) -> int:
    """Offset of the first clause break in text[start:end] (end if none)."""
    m = _BREAK.search(text, start, end)
    while m is not None:
        i = m.start()
        if text[i] != "." or stops(text).is_boundary(i):
            return i
        m = _BREAK.search(text, i + 1, end)
    return end


_SPACE_COMMA = re.compile(r"[\s,]*")
_SUBJECT_CUT = re.compile(
    r"\s(?:who|which|that|in|on|at|after|before|during|when|while|as|to|about|from|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def _subject_after(text: str, verb_end: int, stop: int) -> _Speaker | None:
    """The inverted subject: `said Geoff Garin, a pollster` / `said the spokesman`."""
    seg_end = min(stop, verb_end + 160)
    m = _SPACE_COMMA.match(text[verb_end:seg_end])
    begin = verb_end + (m.end() if m else 0)
    end = _clause_break(text, begin, seg_end)
    comma = text.find(",", begin, end)
    near = min(end, comma if comma >= 0 else end, begin + 80)
    cut = _SUBJECT_CUT.search(text[begin:near])
    if cut is not None:
        near = begin + cut.start()
    if near <= begin:
        return None
    return _phrase_speaker(text, begin, near, last=False)


# --- attribution ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cue:
    speaker: _Speaker | None
    verb: str
    adjacent: bool  # the cue touches the quote (`,” she said` / `said: “`)
    after: bool


_GENERIC_AFTER = re.compile(
    r"(?P<subj>(?:(?:the|a|an|one|another)\s+)?(?:[\w’'.\-]+\s+){0,4}?[\w’'.\-]+)\s+"
    r"(?:[a-z]+ly\s+)?(?P<verb>[a-z]{3,}(?:ed|es))\b"
)


_LEAD_PUNCT = re.compile(r"[\s,—–\-]*")
_COLON_END = re.compile(r":\s*$")
_ADJACENT = re.compile(r"[^.!?“”\"]{0,40}[,:]?\s*|\s*that\s*")


def _cue_after(text: str, p: QuotedPassage, stop: int) -> _Cue | None:
    """Attribution following the closing mark, in the same sentence."""
    inner = p.text.rstrip()
    if inner.endswith(".") and not inner.endswith(".."):
        return None  # the quoted sentence ended: what follows is a new one
    _, para_end = paragraph_at(text, p.outer_end if p.outer_end < len(text) else p.end)
    limit = min(stop, para_end)
    end = sentence_end(text, p.outer_end, limit)
    window = text[p.outer_end : end]
    m = _LEAD_PUNCT.match(window)
    lead = m.end() if m else 0
    at = p.outer_end + lead
    verb = _SPEECH_VERB.search(window, lead)
    if verb is not None and verb.start() - lead <= 160:
        vs, ve = p.outer_end + verb.start(), p.outer_end + verb.end()
        if _clause_break(text, at, vs) >= vs:
            if verb.group() == "according to" or not text[at:vs].strip():
                return _Cue(_subject_after(text, ve, end), verb.group(), True, True)
            sp = _subject_before(text, at, vs)
            if sp is not None and _last_delimiter(text, at, sp.start) == at:
                return _Cue(sp, verb.group(), sp.start - at < 4, True)
    if inner.endswith((",", "?", "!", "—", "–")):
        g = _GENERIC_AFTER.match(window, lead)
        if g is not None:
            sp = _phrase_speaker(text, p.outer_end + g.start("subj"), p.outer_end + g.end("subj"))
            if sp is not None:
                return _Cue(sp, g.group("verb"), True, True)
    return None


def _cue_before(text: str, p: QuotedPassage, floor: int) -> _Cue | None:
    """Attribution leading up to the opening mark, in the same sentence."""
    para_start, _ = paragraph_at(text, p.outer_start)
    lower = max(floor, para_start)
    begin = sentence_start(text, p.outer_start, lower)
    window = text[begin : p.outer_start]
    verbs = list(_VERB.finditer(window))
    if not verbs:
        colon = _COLON_END.search(window)
        if colon:
            sp = _subject_before(text, begin, begin + colon.start())
            if sp is not None:
                return _Cue(sp, ":", True, False)
        return None
    verb = verbs[-1]
    vs, ve = begin + verb.start(), begin + verb.end()
    rest = text[ve : p.outer_start]
    adjacent = bool(_ADJACENT.fullmatch(rest))
    word = verb.group()
    if word == "according to":
        return _Cue(_subject_after(text, ve, p.outer_start), word, False, False)
    if word.endswith("ing") and word not in {"according to"}:
        # "..., calling the raid “a disgrace”": the participle's subject opens the sentence.
        return _Cue(_sentence_subject(text, begin, vs), word, adjacent, False)
    sp = _subject_before(text, begin, vs)
    if sp is None and _INVERTING.fullmatch(word):
        sp = _subject_after(text, ve, p.outer_start)
    if sp is None:
        return None
    return _Cue(sp, word, adjacent, False)


def _resolve_pronoun(text: str, at: int, pronoun: str, avoid: list[tuple[int, int]]) -> str | None:
    """The nearest fitting name before `at`, outside quotations."""
    kind = _PRONOUNS.get(pronoun.lower(), "person")
    if kind == "self":
        return None
    index = _index(text)
    mentions = index.mentions
    idx = bisect_right(index.starts, at)
    starts = [s for s, _ in avoid]
    for m in reversed(mentions[:idx]):
        if m.end > at:
            continue
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and avoid[k][0] <= m.start < avoid[k][1]:
            continue  # named inside a quotation: not the one speaking
        if kind == "person" and (m.is_person or _bare_surname(m.text)):
            return expand_name(text, m.text)
        if kind == "group" and not m.is_person and _org_like(m.text):
            return m.text
        if at - m.start > 3000:
            break
    return None


_THE_AGENCY = re.compile(
    r"(?:the|this|that)\s+(?:agency|department|group|organization|organisation)"
)


def _bare_surname(name: str) -> bool:
    """A lone capitalised word that can stand for a person ("Salas"), not a place or a body."""
    return (
        len(name.split()) == 1
        and name[1:].islower()
        and not _org_like(name)
        and not _is_place(name)
        and name.lower() not in NOT_NAMES
    )


def _speaker_string(text: str, sp: _Speaker, avoid: list[tuple[int, int]]) -> str:
    if sp.pronoun:
        return _resolve_pronoun(text, sp.start, sp.text, avoid) or sp.text
    if sp.text[:1].isupper():
        person, _ = split_role(sp.text)
        looks_person = _looks_person(person)
        if not looks_person and _org_like(sp.text):
            return sp.text
        if looks_person or len(person.split()) == 1:
            return expand_name(text, person)
        return person
    if _THE_AGENCY.fullmatch(sp.text):
        org = _resolve_pronoun(text, sp.start, "they", avoid)
        return org or sp.text
    return sp.text


def attribute(text: str, passages: list[QuotedPassage]) -> list[QuotedPassage]:
    """Fill speaker, speaker_span, speaker_is_pronoun and cue on each passage."""
    avoid = [(p.start, p.end) for p in passages]
    cues: list[_Cue | None] = []
    for i, p in enumerate(passages):
        prev_end = passages[i - 1].outer_end if i > 0 else 0
        next_start = passages[i + 1].outer_start if i + 1 < len(passages) else len(text)
        after = _cue_after(text, p, next_start)
        before = _cue_before(text, p, prev_end)
        cue = after if after is not None and after.speaker is not None else None
        if before is not None and before.speaker is not None:
            if cue is None or (before.adjacent and not cue.adjacent):
                cue = before
        cues.append(cue)
    # Share within a multi-paragraph group, then carry along chains of quotes.
    by_group: dict[int, _Cue] = {}
    for p, cue in zip(passages, cues, strict=True):
        if cue is not None and p.group not in by_group:
            by_group[p.group] = cue
    out: list[QuotedPassage] = []
    last: tuple[QuotedPassage, _Cue] | None = None
    for p, own in zip(passages, cues, strict=True):
        cue = own or by_group.get(p.group)
        if cue is None and last is not None and _chained(text, last[0], p):
            cue = last[1]
        if cue is None or cue.speaker is None:
            guess = _fallback_speaker(text, p, avoid)
            if guess is None:
                out.append(p)
                continue
            name = _speaker_string(text, guess, avoid)
            out.append(_attributed(p, name, (guess.start, guess.end), guess.pronoun, p.cue))
            continue
        sp = cue.speaker
        name = _speaker_string(text, sp, avoid)
        out.append(_attributed(p, name, (sp.start, sp.end), sp.pronoun, cue.verb))
        last = (p, cue)
    return out


# Passages are rebuilt field by field here and in quotes.find_quoted_passages, at half the cost
# of dataclasses.replace(); a field added to QuotedPassage must be copied there too, so a change
# fails loudly on import instead of the new field being dropped.
_PASSAGE_FIELDS = (
    "start",
    "end",
    "outer_start",
    "outer_end",
    "text",
    "kind",
    "speaker",
    "speaker_span",
    "speaker_is_pronoun",
    "cue",
    "continues",
    "group",
)
if tuple(f.name for f in fields(QuotedPassage)) != _PASSAGE_FIELDS:
    raise TypeError("QuotedPassage changed: update _attributed and find_quoted_passages")


def _attributed(
    p: QuotedPassage, speaker: str, span: tuple[int, int], pronoun: bool, cue: str | None
) -> QuotedPassage:
    """`replace(p, speaker=..., ...)`, built directly: replace() costs twice as much."""
    return QuotedPassage(
        start=p.start,
        end=p.end,
        outer_start=p.outer_start,
        outer_end=p.outer_end,
        text=p.text,
        kind=p.kind,
        speaker=speaker,
        speaker_span=span,
        speaker_is_pronoun=pronoun,
        cue=cue,
        continues=p.continues,
        group=p.group,
    )


def _fallback_speaker(text: str, p: QuotedPassage, avoid: list[tuple[int, int]]) -> _Speaker | None:
    """No attribution pattern: the subject of the sentence, else the last person named before.

    A guess, marked by leaving `cue` empty: partial quotes sit inside the paraphrase of their
    speaker ("Sanders accused the campaign of “profane” attacks"), so the clause subject is the
    best bet; a free-standing quote paragraph usually continues whoever was named last.
    """
    para_start, _ = paragraph_at(text, p.outer_start)
    begin = sentence_start(text, p.outer_start, para_start)
    head_end = min(p.outer_start, _clause_break(text, begin, p.outer_start), begin + 120)
    if head_end > begin:
        pron = _pronoun_at(text[begin:head_end], begin, last=False)
        name = next((m for m in _between(text, begin, head_end) if _speakerish(text, m)), None)
        desc = _descriptive_in(text, begin, head_end, last=False)
        cands = [c for c in (pron, desc) if c is not None]
        if name is not None:
            cands.append(_Speaker(name.text, name.start, name.end))
        if cands:
            return min(cands, key=lambda c: (c.start, -(c.end - c.start)))
    starts = [s for s, _ in avoid]
    for m in reversed(_between(text, max(0, p.outer_start - 1500), p.outer_start)):
        if m.end > p.outer_start or not m.is_person:
            continue
        if p.outer_start - m.end > 1500:
            break
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and avoid[k][0] <= m.start < avoid[k][1]:
            continue
        return _Speaker(m.text, m.start, m.end)
    return None


def _chained(text: str, prev: QuotedPassage, p: QuotedPassage) -> bool:
    """`p` continues the previous quote's speaker: same paragraph, or the very next paragraph."""
    gap = text[prev.outer_end : p.outer_start]
    if "\n" not in gap:
        return True
    if gap.strip() == "" and p.outer_start != p.start:
        # Next paragraph opens straight with a quotation: the same voice goes on.
        return gap.count("\n") <= 2
    return False


# --- classification ------------------------------------------------------------------------------


_CUE_AFTER = re.compile(
    rf"\s*[,—–-]?\s*(?:(?:{_VERBS_RE})\b"
    rf"|(?:[\w’'.\-]+\s+){{1,6}}(?:{_VERBS_RE})\b)"
)
_CUE_BEFORE = re.compile(rf"\b(?:{_VERBS_RE})\b[^.!?“”\"]{{0,40}}[:,]?\s*$")


def _cue_touching(text: str, p: QuotedPassage) -> bool:
    after = text[p.outer_end : p.outer_end + 80]
    before = text[max(0, p.outer_start - 60) : p.outer_start]
    if _CUE_AFTER.match(after):
        return True
    # `(?:verb...)?[:,]\s*$`: the optional verb part never decides whether there is a match, so
    # this is "ends with a colon or comma"; then a verb before it, or the colon alone.
    tail = before.rstrip()[-1:]
    return tail in (":", ",") and (_CUE_BEFORE.search(before) is not None or tail == ":")


_LABEL_BEFORE = re.compile(r"\b(?:so-called|despite|amid|by\s+(?:a|an|the))\s*$", re.I)
_MEDIA_BEFORE = re.compile(
    r"(?:(?<!')[’']s|\b(?:on|show|program|programme|series|book|novel|film|movie|documentary|ad|"
    r"advert|article|column|op-ed|essay|headline|song|album|segment|podcast|episode|"
    r"hosts? of|star of|broadcast of|edition of|anchor of|author of|starred in|roles? in|told|"
    r"to|with|for|and|or|by))\s*,?\s*$"
)
# Words that introduce a quotation of what someone wrote, chanted or named: the quoted words are
# someone's wording even when shaped like a title (a memo titled “...”, chants of “...”).
_NAMING_BEFORE = re.compile(
    r"(?<!so-)\b(?:titled|entitled|called|dubbed|nicknamed|labell?ed(?:\s+as)?|billed\s+as|"
    r"branded(?:\s+as)?|designated\s+as|known\s+as|refer(?:s|red)?\s+to(?:\s+\S+){0,4}\s+as|"
    r"referr(?:ed|ing)\s+to|reference\s+to|(?:chants?|cries|signs?)\s+of|chanting|read|reading|"
    r"the\s+(?:term|word|phrase|slogan|motto|hashtag)|(?:that|which)\s+"
    r"says|(?:he|she|they)\s+said|tweeted\s+that\s+\w+\s+was|as)(?:\s+(?:the|a|an))?\s*[,:]?\s*$",
    re.I,
)
_BYLINE_AFTER = re.compile(r"\s*,?\s*by\s+(?:the\s+)?[A-Z]")
# A digest's excerpt of another story: `“Headline,” by The Times’ Jane Doe: “First paragraph...”`.
_EXCERPT_BEFORE = re.compile(r"[”\"]\s*,?\s*by\s+[A-Z][^:\n“”\"]{1,60}:\s*$")
_TITLE_SMALL = frozenset("a an the of and or for in on at to with by from vs. vs is".split())
# What a sentence that reports someone's words or views contains: a verb of saying, thinking,
# naming or judging. A short quoted fragment in a sentence without one is the writer's own
# scare quote ("the “establishment” candidate"), not a partial quotation.
_REPORTING_WORDS = "|".join(REPORTING_STEMS)
_REPORTING = re.compile(rf"\b(?:{_by_first_letter(_REPORTING_WORDS)})\b", re.I)
# A quoted phrase used as a modifier: followed by a lower-case noun ("movement", "crowd").
# Works (the “No Comparison” ad) stay titles.
_LABEL_USE = re.compile(
    r"\s+(?!(?:and|or|to|in|on|of|for|as|at|by|with|from|is|was|are|were|be|been|that|which|who|"
    r"but|the|a|an|he|she|they|it|said|says|if|when|because|while|than|into|about|has|have|had|"
    r"will|would|could|should|can|may|might|must|not|also|ad|ads|show|program|programme|series|"
    r"film|movie|book|novel|podcast|segment|article|column|song|album|episode|documentary|video|"
    r"magazine|newsletter|blog|broadcast|sketch)\b)[a-z][a-z\-]*(?<!ed)(?<!ly)\b"
)
_LIST_GAP = re.compile(r"[\s,;]*(?:(?:and|or)\s*)?")


def _title_case(words: list[str]) -> bool:
    """Every word with a letter in it is capitalised or small, and the first is capitalised."""
    first = True
    for w in words:
        if not (w.isalpha() or any(c.isalpha() for c in w)):
            continue
        if first and not w[:1].isupper():
            return False
        first = False
        if not (w[:1].isupper() or w.lower() in _TITLE_SMALL or w[:1].isdigit()):
            return False
    return not first


def _reported(text: str, p: QuotedPassage, para_start: int) -> bool:
    """The sentence around the passage reports what someone said, thought or called something."""
    if p.cue:
        return True
    _, para_end = paragraph_at(text, p.outer_start)
    begin = sentence_start(text, p.outer_start, para_start)
    end = sentence_end(text, p.outer_end, para_end)
    return (
        _REPORTING.search(text, begin, p.outer_start) is not None
        or _REPORTING.search(text, p.outer_end, end) is not None
    )


def classify_kind(text: str, p: QuotedPassage, passages: list[QuotedPassage]) -> PassageKind:
    """direct: a statement; partial: a fragment of someone's words; term: a title or scare quote.

    `passages` are those before `p`, already classified (a title list reads as one).
    """
    inner = p.text.strip()
    words = inner.split()
    n = len(words)
    ends_sentence = inner[-1:] in ".?!,;:—–-…" or inner.endswith("...")
    starts_upper = inner[:1].isupper() or inner[:1] in "‘'…[(" or inner[:1].isdigit()
    para_start, _ = paragraph_at(text, p.outer_start)
    before = text[para_start : p.outer_start]
    opens_sentence = (
        not before.strip()
        or before.rstrip()[-1:] in ':.!?”"—–(' + "'"
        or before.rstrip()[-1:] == ","  # [,]\s*$
    )
    if p.continues:
        return "direct"
    if text[p.end : p.outer_end] == "“" or text[p.outer_start : p.start] == "”":
        # “...“ or ”...”: a typing slip in the marks; where the quotation ends is not shown, so
        # it is not taken for one (the annotated corpora do not pair such marks either).
        return "term"
    near = max(para_start, p.outer_start - 60)
    naming = _NAMING_BEFORE.search(text, near, p.outer_start) is not None or (
        # Marco Rubio (“Little Marco”): a gloss in brackets gives the words someone used.
        text[p.outer_start - 1 : p.outer_start] == "("
        and text[p.outer_end : p.outer_end + 1] == ")"
    )
    title = _title_case(words)
    prev = next((q for q in reversed(passages) if q.outer_end <= p.outer_start), None)
    if (
        title
        and prev is not None
        and prev.kind == "term"
        and _LIST_GAP.fullmatch(text, prev.outer_end, p.outer_start)
    ):
        return "term"  # roles in “Apollo 13,” “Big” and “Splash”: one title after another
    if n <= 10 and title and not naming and _MEDIA_BEFORE.search(text, near, p.outer_start):
        return "term"  # on ABC's “This Week”, starred in “Parks and Recreation”: a title
    headline = title or inner.rstrip("’'").endswith(",")
    if n <= 25 and headline and _BYLINE_AFTER.match(text, p.outer_end):
        return "term"  # “Headline of a linked story,” by Jane Doe
    if _EXCERPT_BEFORE.search(before):
        return "term"  # a digest's excerpt of another story, not anyone's statement
    touching = _cue_touching(text, p)
    if n >= 2 and starts_upper and (ends_sentence or n >= 8) and (opens_sentence or touching):
        return "direct"
    if touching and n >= 4 and (ends_sentence or opens_sentence):
        return "direct"
    # A label the writer uses, marked as someone else's word: so-called “X”, despite “X”.
    if n <= 3 and _LABEL_BEFORE.search(text, max(0, p.outer_start - 20), p.outer_start):
        return "term"
    # Short and shaped like a title, with nobody saying it: a name of a thing.
    exclaimed = inner.endswith("!")  # “BERNIE!” chants: an utterance, not a name
    if n <= 7 and title and not (touching and ends_sentence) and not naming and not exclaimed:
        # ...unless it is a slogan made into a label (the “Stop Trump” movement, the “Bernie or
        # Bust” crowd) in a sentence that reports someone's words.
        if n >= 2 and _LABEL_USE.match(text, p.outer_end) and _reported(text, p, para_start):
            return "partial"
        return "term"
    # A short lower-case fragment in a sentence that reports nobody's words: a scare quote.
    if n <= 3 and not starts_upper and not naming and not _reported(text, p, para_start):
        return "term"
    return "partial"


# --- helpers for the engine and the checker ------------------------------------------------------


def _role_words_before(text: str, start: int) -> str | None:
    """Lower-case descriptors right before a name: "the economist Jared Bernstein"."""
    seg = text[max(0, start - 80) : start]
    m = re.search(r"((?:[\w’'.\-]+\s+){1,6})$", seg)
    if not m:
        return None
    words = m.group(1).split()
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


def speaker_role(text: str, speaker: str, span: tuple[int, int] | None = None) -> str | None:
    """The speaker's title or role as the article gives it, at the quote or where first named."""
    places: list[tuple[int, int]] = []
    if span is not None:
        places.append(span)
    surname = _surname(speaker)
    at = text.find(surname) if surname else -1
    while at >= 0 and len(places) < 8:
        end = at + len(surname)
        before_ok = at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "’'")
        if before_ok and (end >= len(text) or not text[end].isalnum()):
            places.append((at, end))
        at = text.find(surname, end)
    for s, e in places:
        # The capitalised run around the name may carry a title ("ICE Acting Director Tom Homan").
        for m in _CAPSEQ.finditer(text, max(0, s - 80), min(len(text), e + 5)):
            if m.start() <= s < m.end():
                raw, _ = _strip_leading(m.group(), m.start())
                _, role = split_role(raw)
                if role:
                    return role
        name_start = s
        for men in _between(text, max(0, s - 80), s + 1):
            if men.start <= s < men.end:
                name_start = men.start
        before = _role_words_before(text, name_start)
        if before:
            return before
        after = _appositive_after(text, e)
        if after:
            return after
    return None


def _names_in(text: str, start: int, end: int) -> list[_Mention]:
    return [m for m in _between(text, start, end) if m.end <= end]


def lead_names(text: str, start: int, end: int) -> list[str]:
    """People and organisations named in text[start:end], fullest forms, no places."""
    out: list[str] = []
    for m in _names_in(text, start, end):
        if _is_place(m.text):
            continue
        if m.is_person:
            name = expand_name(text, m.text)
        elif _org_like(m.text):
            name = m.text
        else:
            continue
        if name not in out:
            out.append(name)
    return out


_PLACE_PREP = re.compile(
    rf"\b(?:in|at|near|from|across|outside|inside|to|throughout)\s+(?:the\s+)?"
    rf"(?P<place>(?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})*(?:,\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*)?)"
)


def places_in(text: str, start: int, end: int) -> list[str]:
    """Capitalised places after a locative preposition: "in the Los Angeles area" -> Los Angeles."""
    out: list[str] = []
    for m in _PLACE_PREP.finditer(text, start, end):
        place = m.group("place").strip(" ,")
        tokens = place.split()
        if (
            tokens[0].lower().rstrip(".") in NOT_NAMES
            or _org_like(place)
            and not any(t.lower() in PLACE_HINTS for t in tokens)
        ):
            continue
        if _is_place(place):
            pass
        elif _looks_person(place) and not any(t.lower() in PLACE_HINTS for t in tokens):
            # "in Philadelphia" is a place; "to Tom Homan" is not. Two plain names read as a person.
            if len(tokens) == 2 and not re.match(r",", place):
                continue
        if place not in out:
            out.append(place)
    return out


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

    passages_avoid: list[tuple[int, int]] = []
    for m in _names_in(text, lo, hi):
        add(m.text)
        if m.is_person:
            add(expand_name(text, m.text))
        else:
            person, _ = split_role(m.text)
            if person != m.text:
                add(person)
                add(expand_name(text, person))
    for pm in re.finditer(r"\b(he|she|they|He|She|They)\b", text[lo:hi]):
        add(_resolve_pronoun(text, lo + pm.start(), pm.group(), passages_avoid))
    for sp in (_descriptive_in(text, lo, hi, last=False), _descriptive_in(text, lo, hi, last=True)):
        if sp is not None:
            add(sp.text)
    return out
