"""Speaker phrases: the reporting verbs as patterns, and a short phrase in subject position read
as a speaker (a name, a pronoun, a descriptive source such as "the spokesman" or "ICE officials",
a share of people such as "73 percent of Americans").

The lowest part of attribution: the clause subjects, the cues and the pronoun resolution all read
their candidate phrases through `_phrase_speaker`, and every part shares `_Speaker` (a phrase with
its offsets) and `_verbish` (the word that ends a subject's noun phrase).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.evidence.lexicon import (
    AUXILIARY_VERBS,
    DESCRIPTIVE_HEADS,
    IRREGULAR_PAST,
    LEAD_ADVERBS,
    NOT_NAMES,
    PRONOUNS,
    verbs_for,
)
from summarizer.evidence.names import (
    NAME_GAP,
    NAME_TOKEN,
    is_place,
    is_platform,
    mentions_between,
    org_like,
    speakerish,
)
from summarizer.evidence.regex import by_first_letter, lazy_compile

_VERBS = "|".join(verbs_for("cue"))
_VERBS_RE = by_first_letter(_VERBS)
_VERB = re.compile(rf"\b(?:{_VERBS_RE})\b")
# Subject pronouns that can stand for a speaker, with what they stand for.
_PRONOUNS = {w: p.refers for w, p in PRONOUNS.items() if p.case == "subject" and p.refers}


# The head noun is spelled into the pattern: with any word as the head, the lazy modifier run
# stops at the first word ("the former" of "the former secretary of state said") and the phrase
# is lost.
# Any case: "The spokesman refused..., adding: “...”" opens its sentence with the determiner.
_NP_DETERMINERS = "(?i:the|a|an|one|another|two|three|several|some|many|his|her|their|its|our)"
# A modifier is no determiner, preposition or reporting verb: "the Wisconsin Republican
# criticized the president" and "a posting as the military adviser" are not one phrase.
_MODIFIER = (
    rf"(?!(?:{_NP_DETERMINERS}|as|in|at|on|for|with|from|by|to|of|and|or|who|that)\b)"
    rf"(?!(?:{_VERBS_RE})\b)[\w’'\-]+\s+"
)
_DETERMINER_NP = lazy_compile(
    rf"\b(?:{_NP_DETERMINERS})\s+"
    rf"(?:{_MODIFIER}){{0,4}}?"
    rf"(?P<head>{by_first_letter('|'.join(sorted(DESCRIPTIVE_HEADS, key=lambda w: (-len(w), w))))})"
    r"\b"
)


@dataclass(frozen=True, slots=True)
class _Speaker:
    text: str  # as written
    start: int
    end: int
    pronoun: bool = False


# `\b(he|she|they|He|She|They|I|we|We)\b`, with the boundary before each word checked after its
# first letter ("(?<!\w.)"): a pattern opening with letters is scanned for in C.
_PRONOUN_WORD = re.compile(
    r"(h(?<!\w.)e|s(?<!\w.)he|t(?<!\w.)hey|H(?<!\w.)e|S(?<!\w.)he|T(?<!\w.)hey|I(?<!\w.)"
    r"|w(?<!\w.)e|W(?<!\w.)e)\b"
)
_BARE_PLURAL = re.compile(r"\b(officials|authorities|experts|analysts|critics|sources)\b")
_WORD = re.compile(r"\S+")
_QUALIFIER = lazy_compile(rf"(?:{NAME_TOKEN}{NAME_GAP}(?:(?:and|of|for){NAME_GAP})?)+$")


def _pronoun_at(segment: str, base: int, last: bool) -> _Speaker | None:
    found = list(_PRONOUN_WORD.finditer(segment))
    if not found:
        return None
    m = found[-1] if last else found[0]
    return _Speaker(m.group(), base + m.start(), base + m.end(), pronoun=True)


def _name_in(text: str, start: int, end: int, last: bool) -> _Speaker | None:
    """The last (or first) name mentioned in text[start:end]."""
    inside = [m for m in mentions_between(text, start, end) if m.end <= end and speakerish(text, m)]
    if not inside:
        return None
    m = inside[-1] if last else inside[0]
    return _Speaker(m.text, m.start, m.end)


def _descriptive_in(text: str, start: int, end: int, last: bool) -> _Speaker | None:
    seg = text[start:end]
    if last:
        found = [m for m in _DETERMINER_NP.finditer(seg) if m.group("head") in DESCRIPTIVE_HEADS]
        bare = [m for m in _BARE_PLURAL.finditer(seg)]
        cands = sorted([m.span() for m in found] + [m.span() for m in bare])
    else:
        # The first phrase is the earlier of each pattern's first: the scans stop there (the
        # noun phrase pattern, with its modifiers, is slow to try at every determiner).
        first = (
            next(
                (m for m in _DETERMINER_NP.finditer(seg) if m.group("head") in DESCRIPTIVE_HEADS),
                None,
            ),
            _BARE_PLURAL.search(seg),
        )
        cands = sorted(m.span() for m in first if m is not None)
    if not cands:
        return None
    s, e = cands[-1] if last else cands[0]
    # Keep a capitalised qualifier in front ("ICE officials", "U.S. Immigration ... officials").
    prefix = _QUALIFIER.search(seg[:s])
    if prefix:
        # The first word of the qualifier that is no sentence opener ("In a presidential
        # campaign": no qualifier), at its own offset whatever white space stands between.
        kept = next(
            (
                w
                for w in _WORD.finditer(seg, prefix.start(), prefix.end())
                if w.group().lower().rstrip(".") not in NOT_NAMES
            ),
            None,
        )
        if kept is not None:
            s = kept.start()
    return _Speaker(seg[s:e], start + s, start + e)


_SPEECH_VERBS = "|".join(verbs_for("speech"))
_SPEECH_VERBS_RE = by_first_letter(_SPEECH_VERBS)
_SPEECH_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS_RE})\b")
_DELIMITER = re.compile(
    r"[,;:(\u2014\u2013]|\s-\s|\b(?:"
    + by_first_letter(
        "as|and|but|while|when|after|before|because|since|though|although|that|which|who|whom|"
        "where|if|so|or|until|whereas|upon"
    )
    + r")\b"
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
# A possessive and the lower-case noun phrase it qualifies: "’s campaign manager", "' spokeswoman".
_POSSESSOR_ROLE = re.compile(r"[’']s?(?:\s+[a-z][\w\-]*){1,5}")
_ROLE_THEN_NAME = lazy_compile(rf"\b(?P<role>[a-z][a-z\-]{{2,}}){NAME_GAP}(?P<name>{NAME_TOKEN})$")
_FUNCTION_WORDS = frozenset(
    "the and but for nor yet with from into than that this these those who which whom whose "
    "said says told also has have had was were are not".split()
)
_HEADS = "|".join(sorted(DESCRIPTIVE_HEADS, key=len, reverse=True))
# A descriptive source closing a phrase: "(is what) former employees", "(where) officials".
_TAIL_GROUP = re.compile(rf"\s(?P<group>(?:[a-z][\w\-]*\s+)?(?:{_HEADS}))$")
_OF_ORG = re.compile(r",?\s+(?:of|at|from|with)\s+(?:the\s+)?")
# Reporting verbs, less the ones that are as often plural nouns ("the states", "news reports").
_BARE_DETERMINERS = frozenset("the a an his her its their our these those".split())
_CUE_WORDS = frozenset(w for w in verbs_for("cue") if " " not in w) - frozenset(
    "states posts reports calls claims notes promises demands vows read reads".split()
)


def _verbish(word: str) -> bool:
    """A word no noun phrase of a speaker holds: a finite or reporting verb, a subject pronoun
    ("the federal judge had", "Trump said he", "voters shouldn’t"): the phrase ended before it."""
    low = word.lower().strip(".,;:")
    return (
        low in AUXILIARY_VERBS
        or low in IRREGULAR_PAST
        or low in _CUE_WORDS
        or low.endswith(("n’t", "n't"))
        or (low in _PRONOUNS and low != "it")
    )


def _cut_at_verb(phrase: str) -> str:
    """`phrase` up to its first verb-like word after the first (the subject ended there)."""
    words = phrase.split()
    for k, w in enumerate(words[1:], 1):
        if _verbish(w):
            return " ".join(words[:k])
    return phrase


# Subject pronouns that can stand for a speaker ("it" stands for a thing).
_SHARE = re.compile(
    r"(?:.*\b(?:which|whom|that|and|but|while)\s+)?(?P<share>\d[\d.,]*\s*(?:%|percent|per cent)"
    r"(?:\s+of\s+(?:the\s+)?[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)?)"
)
_SUBJECT_PRONOUNS = frozenset(w for w, kind in _PRONOUNS.items() if kind != "thing")


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
    mentions = [
        m
        for m in mentions_between(text, s, e)
        if m.end <= e
        and (speakerish(text, m) or (is_platform(m.text) and e - m.end <= 2))
        and not _PREPOSITION_BEFORE.search(text, max(s, m.start - 14), m.start)
    ]
    if last:
        # "Canadian actor Oh said": a role noun, then the name, right before the verb (a name
        # the name index leaves out, an interjection or a word like any other).
        role_name = _ROLE_THEN_NAME.search(seg)
        if role_name is not None and role_name.group("role").lower() not in _FUNCTION_WORDS:
            ns = s + role_name.start("name")
            if not any(m.start <= ns < m.end for m in mentions):
                return _Speaker(role_name.group("name"), ns, e)
    if mentions:
        persons = [m for m in mentions if m.is_person]
        ending = [m for m in mentions if e - m.end <= 2]
        if last and ending and persons and persons[-1] is not ending[-1]:
            # "Jingyi Pan of IG said": the person is the speaker, the organisation theirs.
            between = text[persons[-1].end : ending[-1].start]
            if _OF_ORG.fullmatch(between):
                return _Speaker(persons[-1].text, persons[-1].start, persons[-1].end)
        if last and ending:
            m = ending[-1]
        elif persons:
            m = persons[-1] if last else persons[0]
        else:
            m = mentions[-1] if last else mentions[0]
        rest = text[m.end : e]
        role = _POSSESSOR_ROLE.match(text, m.end, e)
        if role is not None and not any(map(_verbish, role.group().split()[1:])):
            # "Trump’s lawyer Michael Cohen": the person the possessive role leads to.
            after = text[role.end() : e]
            at = role.end() + len(after) - len(after.lstrip())
            named = next((x for x in mentions if x.start == at and x.is_person), None)
            if named is not None:
                return _Speaker(named.text, named.start, named.end)
        if _POSSESSOR_ROLE.fullmatch(rest) and not any(map(_verbish, rest.split()[1:])):
            # "Sanders’s campaign manager said": the one the name's possessive qualifies.
            lead = s if _DET.match(seg) else m.start
            return _Speaker(text[lead:e], lead, e)
        if (
            not m.is_person
            and _LOWER_WORDS.fullmatch(rest)
            and not any(map(_verbish, rest.split()))
        ):
            # "ICE officials", "a Twitter spokesman": the organisation qualifies the speaker.
            lead = s if _DET.match(seg) else m.start
            return _Speaker(text[lead:e], lead, e)
        tail = _TAIL_GROUP.search(rest) if last else None
        if tail is not None and any(map(_verbish, rest[: tail.start()].split())):
            # "whether Trump University is what former employees (have called)": a verb after
            # the name closes its clause; the group named last is the subject.
            at = m.end + tail.start("group")
            return _Speaker(text[at:e], at, e)
        if len(words) <= 12 or e - m.end < 40 or not last:
            return _Speaker(m.text, m.start, m.end)
    if last and len(words) > 1 and words[-1].lower() in _SUBJECT_PRONOUNS:
        # "the vote to praise what she (called)": the pronoun next to the verb is its subject.
        return _Speaker(words[-1], e - len(words[-1]), e, pronoun=True)
    share = _SHARE.fullmatch(seg)
    if share is not None:
        # "to which 21 percent said “...”", "73 percent of Americans": a share of people.
        return _Speaker(share.group("share"), s + share.start("share"), s + share.end("share"))
    if len(words) > 1 and words[0].lower() in LEAD_ADVERBS and _DET.fullmatch(words[1]):
        # "Yet another said": the adverb is no part of the source.
        lead = seg.index(words[1], len(words[0]))
        return _phrase_speaker(text, s + lead, e, last)
    if len(words) <= 10 and (_DET.match(seg) or _BARE_GROUPS.match(seg)):
        cut = seg.find(",")
        phrase = _cut_at_verb(seg if cut < 0 else seg[:cut])
        if phrase.lower() in _BARE_DETERMINERS:
            return None  # "the" of "the is": no phrase ("Another", "Several" stand alone)
        return _Speaker(phrase, s, s + len(phrase))
    if words and words[-1].lower() in {"he", "she", "they", "we", "i"}:
        return _Speaker(words[-1], e - len(words[-1]), e, pronoun=True)
    return None


_POSSESSIVE_ROLE = re.compile(
    r"(?:Its|His|Her|Their|Our|its|his|her|their|our)(?:\s+[a-z][\w\-]*){1,4}"
)


def _possessor_role(phrase: str) -> bool:
    """ "Sanders’s campaign manager", "Its travel editor": a role named by whose it is (a name
    may follow it)."""
    at = phrase.find("’") if "’" in phrase else phrase.find("'")
    if at > 0 and _POSSESSOR_ROLE.fullmatch(phrase, at) is not None:
        return True
    return _POSSESSIVE_ROLE.fullmatch(phrase) is not None


def _last_delimiter(text: str, start: int, end: int) -> int:
    """Offset just after the last clause delimiter in text[start:end] (start if none)."""
    at = start
    for m in _DELIMITER.finditer(text, start, end):
        if m.group() in ("and", "of") and any(
            x.start < m.start() < x.end
            for x in mentions_between(text, max(0, m.start() - 80), m.start())
        ):
            continue  # "Immigration and Customs Enforcement": inside a name
        at = m.end()
    return at


# A name right after a preposition is that preposition's object ("At a campaign event in Ames",
# "celebrated the attacks on Twitter"), never the subject of the clause. ("by" and "according
# to" are left out: they name the source.)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|on|from|of|(?<!according )to|with|for|near|into|onto|about|against|after|"
    r"before|during|under|over|through|toward|towards|among|between|across|outside|inside|throughout|via|like|"
    r"than)\s+(?:the\s+)?$",
    re.I,
)


def _bare_surname(name: str) -> bool:
    """A lone capitalised word that can stand for a person ("Salas"), not a place or a body."""
    return (
        len(name.split()) == 1
        and name[1:].islower()
        and not org_like(name)
        and not is_place(name)
        and name.lower() not in NOT_NAMES
    )
