"""Subjects of a clause: who a reporting verb's clause is about, found by its shape.

The phrase before a verb (past an adverb, a party tag such as "(D-MA)" or an appositive:
`Angelica Salas, executive director of the Coalition, called`), the inverted subject after it
(`said Geoff Garin, a pollster`), the subject opening a sentence past its introduction (`At an
event in Ames, Iowa, on Sunday, Mrs. Clinton ...`), and a common noun phrase as subject (`the
commission recognized`). The cues (`cues.py`), the pronoun resolution and the fallback guess
all ask these; none of them takes a quoted passage.
"""

from __future__ import annotations

import re

from summarizer.evidence.attribution.phrases import (
    _DET,
    _FUNCTION_WORDS,
    _PREPOSITION_BEFORE,
    _WORD,
    _descriptive_in,
    _last_delimiter,
    _phrase_speaker,
    _possessor_role,
    _pronoun_at,
    _Speaker,
    _verbish,
)
from summarizer.evidence.boilerplate import dateline_candidates
from summarizer.evidence.lexicon import (
    LEAD_ADVERBS,
    NOT_NAMES,
    PREPOSITIONAL_SUBORDINATORS,
    SUBJECT_DETERMINERS,
    SUBORDINATORS,
    TITLE_WORDS,
    WEEKDAYS,
)
from summarizer.evidence.names import (
    NAME_GAP,
    NAME_TOKEN,
    is_common_word,
    is_place,
    mentions_between,
    speakerish,
)
from summarizer.evidence.places import is_place as gazetteer_place
from summarizer.evidence.regex import UPPER, lazy_compile
from summarizer.evidence.text import stops

_ADVERBS = (
    r"also|then|now|later|previously|once|has|have|had|was|were|is|are|would|will|could|"
    r"recently|again|further|simply|repeatedly|often|not|even|still|reportedly|initially|"
    r"first|finally|already|just|[a-z]+ly"
)
_ADVERB_TAIL = re.compile(rf"(?:\s+(?:{_ADVERBS}))*\s*$")
_ADVERB = re.compile(_ADVERBS)


def _adverb_tail_start(seg: str) -> int:
    """`_ADVERB_TAIL.search(seg).start()`: where the adverbs (and spaces) closing `seg` begin.
    Unless its last word is one of them, that is where its trailing spaces begin, found
    without searching every position of `seg`."""
    stripped = seg.rstrip()
    if not stripped or not _ADVERB.fullmatch(stripped.rsplit(None, 1)[-1]):
        return len(stripped)
    tail = _ADVERB_TAIL.search(seg)
    return tail.start() if tail else len(seg)


# A determiner, lower-case adjectives (or an age: "71-year-old") with a comma between two of
# them, and a head noun.
_ADJECTIVES_NP = re.compile(r"\w+(?:\s+[a-z][\w\-]*)+,(?:\s+[a-z\d][\w\-]*){2,3}")


# A party-and-state tag after a legislator's name: "(D-MA)", "(R-Ohio)", ", D-Mich.,".
_PARTY_TAG = re.compile(
    r"\s*(?:\(|,)\s*(?:[DRI]|Dem|Rep|Ind)\.?\s?-\s?[A-Z][A-Za-z.]*\s*\)?\s*,?\s*$"
)


_ARTICLE_NEXT = re.compile(r"\s*(?=(?:the|a|an)\s)", re.I)
# A head in capitals set off by a dash labels what follows, it is not its subject: a digest's
# run-in head ("FAREWELL—"), a dateline further on ("LONDON —"). The dateline opening the story
# is boilerplate's (`dateline_candidates`), its wire agency too ("Washington (AFP) –").
_HEAD_DASH = re.compile(r"\s*[—–]")


_AGENCY_CLOSE = re.compile(r"\)\s*[—–-]")


def _can_be_subject(text: str, start: int, end: int, begin: int) -> bool:
    """The name text[start:end] may be the subject of the clause opening at `begin`: not a
    preposition's object, not a dateline."""
    if _PREPOSITION_BEFORE.search(text, max(0, start - 14), start):
        return False
    if text[start - 1 : start] == "(" and _AGENCY_CLOSE.match(text, end):
        return False  # the wire service of a dateline: "Washington (AFP) –"
    if text[begin:start].strip() == "" and (
        text[start:end].isupper() or text[end : end + 2] == " ("
    ):
        if any(place == start for place, _ in dateline_candidates(text)):
            return False
        return not (text[start:end].isupper() and _HEAD_DASH.match(text, end))
    return True


_POSSESSIVE_AT = re.compile(r"[’'](?:s\b|\s)")


def _first_subject_name(text: str, begin: int, end: int) -> _Speaker | None:
    """The first name in text[begin:end] that can speak and be the clause's subject."""
    for m in mentions_between(text, begin, end):
        if (
            speakerish(text, m)
            and not is_common_word(text, m.text)
            and _can_be_subject(text, m.start, m.end, begin)
            and not _POSSESSIVE_AT.match(text, m.end)  # "Sanders' call for": a determiner
        ):
            if not m.is_person:
                # "Former Republican presidential candidate Jeb Bush broke down ...": the
                # title words lead to the person.
                role = _ROLE_AFTER.match(text, m.end)
                if role is not None and all(w.lower() in TITLE_WORDS for w in role.group().split()):
                    person = next(iter(mentions_between(text, role.end(), role.end() + 1)), None)
                    if person is not None and person.is_person:
                        return _Speaker(person.text, person.start, person.end)
            return _Speaker(m.text, m.start, m.end)
    return None


def _sentence_subject(text: str, start: int, limit: int) -> _Speaker | None:
    """The first name, pronoun or noun phrase opening the sentence (past an introduction)."""
    pos = start
    for _ in range(5):  # "At an event in Ames, Iowa, on Sunday, Mrs. Clinton ...": 4 pieces in
        if pos >= limit:
            return None
        comma = text.find(",", pos, limit)
        piece_end = limit if comma < 0 else comma
        head_end = pos
        for n, m in enumerate(_WORD.finditer(text[pos:piece_end])):
            head_end = pos + m.end()
            if n >= 5:
                break
        if _skipped_piece(text, start, pos, piece_end):
            if comma < 0:
                return None
            pos = comma + 1
            continue
        pron = _pronoun_at(text[pos:head_end], pos, last=False)
        name = _first_subject_name(text, pos, head_end)
        cands: list[_Speaker] = []
        if pron is not None:
            cands.append(pron)
        if name is not None:
            cands.append(name)
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


# Subordinators that open a sentence's leading clause ("When Wallace died, ..."); the relative
# words never open a sentence, and a preposition opens a phrase that may end in the subject
# ("During the primary Clinton, goaded by Sanders, came out against ...").
_NOT_OPENING = frozenset({"which", "who", "where"}) | PREPOSITIONAL_SUBORDINATORS
_OPENING_CLAUSE = re.compile(
    rf"\s*(?:{'|'.join(sorted(w.capitalize() for w in SUBORDINATORS - _NOT_OPENING))})"
    r"\s"
)
_LONE_NAME = lazy_compile(rf"\s*{NAME_TOKEN}\.?\s*")
_CAPITALISED_BEFORE_COMMA = lazy_compile(rf"{UPPER}[\w.]*\s*,\s*$")


def _skipped_piece(text: str, start: int, pos: int, end: int) -> bool:
    """A comma-set piece opening a sentence that holds no subject of it: a subordinate clause
    ("When Wallace died in 1998, President Clinton ..."), or the state of a "City, State" pair
    ("In San Bernardino, Calif., a familiar voice ...")."""
    if pos == start:
        return _OPENING_CLAUSE.match(text, pos, end) is not None
    return (
        _LONE_NAME.fullmatch(text, pos, end) is not None
        and _CAPITALISED_BEFORE_COMMA.search(text, start, pos) is not None
    )


def _subject_before(text: str, start: int, verb_start: int) -> _Speaker | None:
    """The subject of a reporting verb: the phrase right before it, past any appositive."""
    end = start + _adverb_tail_start(text[start:verb_start])
    # A party tag has a hyphen ("D-MA"): where none is, the pattern is not searched for.
    party = _PARTY_TAG.search(text, start, end) if text.find("-", start, end) >= 0 else None
    if party is not None and party.start() > start:
        end = party.start()  # "Sen. Elizabeth Warren (D-MA) said": the tag is no subject
    piece_start = _last_delimiter(text, start, end)
    sp = _phrase_speaker(text, piece_start, end)
    if sp is not None:
        return sp
    if piece_start > start and text[piece_start - 1] == ",":
        # "the lanky, bespectacled professor said": the comma joins adjectives, not clauses.
        lead = _last_delimiter(text, start, piece_start - 1)
        phrase = text[lead:end].strip()
        if _DET.match(phrase) and _ADJECTIVES_NP.fullmatch(phrase):
            at = text.index(phrase, lead)
            return _Speaker(phrase, at, at + len(phrase))
    # "Angelica Salas, executive director of the Coalition, called ...": skip the appositive.
    stripped = text[start:end].rstrip()
    if piece_start >= end and stripped.endswith(","):
        sp = _before_appositive(text, start, start + len(stripped) - 1)
        if sp is not None and (
            is_place(sp.text) or gazetteer_place(sp.text) or _state_of_city(text, start, sp)
        ):
            # "Cory James, 22, of Flint, Mich., said": the name before the place.
            return _appositive_subject(text, start, end) or sp
        return sp
    return None


def _state_of_city(text: str, start: int, sp: _Speaker) -> bool:
    """`sp` is a lone name set after a capitalised word and a comma: the state of a "City,
    State" pair ("of Flint, Mich.,")."""
    return (
        " " not in sp.text
        and _CAPITALISED_BEFORE_COMMA.search(text, start, sp.start) is not None
        and _LONE_NAME.fullmatch(
            text, sp.start, sp.end + 1 if text[sp.end : sp.end + 1] == "." else sp.end
        )
        is not None
    )


def _before_appositive(text: str, start: int, inner_end: int) -> _Speaker | None:
    """The subject before an appositive closing text[start:inner_end] with a comma."""
    prev = text.rfind(",", start, inner_end)
    if prev < 0:
        return _phrase_speaker(text, _last_delimiter(text, start, inner_end), inner_end)
    if _RELATIVE.match(text, prev + 1, inner_end) and text.rfind(",", start, prev) >= 0:
        # "Caroline van der Plas, leader of the BBB, which is part of the coalition, said": a
        # relative clause glosses the appositive before it; the subject stands before both.
        return _before_appositive(text, start, prev)
    sp = _phrase_speaker(text, _last_delimiter(text, start, prev), prev)
    named = _phrase_speaker(text, prev + 1, inner_end)
    if sp is not None and named is not None and _a_person_named(text, named, 2):
        if not _a_person_named(text, sp, 1) and not sp.text[:1].islower():
            # "The leader of the Popular Party (PP), Alberto Núñez Feijóo, said": the end of a
            # role, then the person who holds it.
            return named
    if sp is not None and not _possessor_role(sp.text):
        if sp.text[:1].islower():
            # "Pierre Moscovici, the president of the Cour des comptes, France's audit office,
            # warned": a second appositive glosses the first; the name stands before both.
            comma = text.rfind(",", start, sp.start)
            if comma >= 0 and not text[comma + 1 : sp.start].strip():
                named = _phrase_speaker(text, _last_delimiter(text, start, comma), comma)
                if named is not None and any(
                    m.is_person and (m.start, m.end) == (named.start, named.end)
                    for m in mentions_between(text, named.start, named.end)
                ):
                    return named
        return sp
    if sp is not None and (named is None or not named.text[:1].isupper()):
        return sp
    return named  # "Ms. Merkel’s spokesman, Steffen Seibert, wrote": the name


_RELATIVE = re.compile(r"\s*(?:which|who|whose|whom)\b")


def _a_person_named(text: str, sp: _Speaker, words: int) -> bool:
    """`sp` is the name of a person of at least `words` words, as the name index reads it."""
    return len(sp.text.split()) >= words and any(
        m.is_person and (m.start, m.end) == (sp.start, sp.end)
        for m in mentions_between(text, sp.start, sp.end)
    )


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
# A weekday ends the subject ("said Geoff Garin Tuesday"), unless a determiner makes it part of
# it ("reads a Wednesday editorial").
_SUBJECT_CUT = re.compile(
    r"\s(?:who|which|that|in|on|at|after|before|during|when|while|as|to|about|from)\b"
    r"|(?<!\ba)(?<!\ban)(?<!\bthe)(?<!\bthis)\s(?:" + "|".join(WEEKDAYS) + r")\b"
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
    sp = _phrase_speaker(text, begin, near, last=False)
    if sp is not None and _possessor_role(sp.text) and text[near : near + 1] == ",":
        # "said Rubio’s deputy campaign manager, Rich Beeson, who ...": the name beside it.
        at = near + 1 + len(text[near + 1 : seg_end]) - len(text[near + 1 : seg_end].lstrip())
        named = next(iter(mentions_between(text, at, at + 1)), None)
        if named is not None and named.is_person and text[named.end : named.end + 1] in ",.":
            return _Speaker(named.text, named.start, named.end)
    return sp


def _closing_subject(text: str, start: int, verb_start: int) -> _Speaker | None:
    """The subject of a reporting verb that closes a sentence, in text[start:verb_start]: the
    phrase after the last comma (`..., Axelrod said`), or a name after an earlier comma with its
    appositive between (`..., Anne Richards, assistant secretary of state for population,
    refugees, and migration, said`)."""
    comma = text.rfind(",", start, verb_start)
    if comma >= 0 and text[comma + 1 : verb_start].strip():
        sp = _subject_before(text, comma + 1, verb_start)
        if sp is not None and _last_delimiter(text, comma + 1, sp.start) == comma + 1:
            return sp
    return _appositive_subject(text, start, verb_start)


def _appositive_subject(text: str, start: int, verb_start: int) -> _Speaker | None:
    """A person named after a clause boundary in text[start:verb_start] with an appositive
    between the name and the verb: `Anne Richards, assistant secretary ..., said`, `Cory James,
    22, of Flint, Mich., said`, `state Senate leader Phil Berger and ... Tim Moore, both
    Republicans, said`."""
    if verb_start - start > 400 or not text[start:verb_start].rstrip().endswith(","):
        return None
    for c in [start - 1, *(m.start() for m in _COMMA.finditer(text, start, verb_start))]:
        at = c + 1 + len(text[c + 1 : verb_start]) - len(text[c + 1 : verb_start].lstrip())
        # The name, after any role words ("state Senate leader Phil Berger").
        first = next((m for m in mentions_between(text, at, at + 60) if m.is_person), None)
        if first is None or verb_start - first.end > 160:
            continue
        if not all(map(_role_word, text[at : first.start].split())):
            continue
        joined = _AND_NAME.match(text, first.end, verb_start)  # "Phil Berger and Tim Moore,"
        if joined is not None and not _QUOTE_MARK.search(text, first.end, verb_start):
            return _Speaker(first.text, first.start, first.end)
    return None


def _role_word(word: str) -> bool:
    """A word that may stand before a name in its role ("state", "Senate", "leader"), not a
    function word or a verb ("After meeting Tom Reed, ...")."""
    low = word.lower()
    if low in TITLE_WORDS:
        return True
    if word[:1].isupper():
        return low.rstrip(".") not in NOT_NAMES
    return (
        word.isalpha()
        and low not in _FUNCTION_WORDS
        and low not in NOT_NAMES
        and not _verbish(word)
        and not low.endswith(("ing", "ed"))
    )


_AND_NAME = re.compile(r"(?:\s+and\s+[^,“”\"]{1,60})?,")


_COMMA = re.compile(",")
_QUOTE_MARK = re.compile(r"[“”\"]")
_ROLE_AFTER = lazy_compile(rf"(?:['’]s)?(?:\s+[a-z][\w\-]*){{1,4}}{NAME_GAP}(?={UPPER})")


def _noun_phrase_subject(text: str, begin: int, end: int) -> _Speaker | None:
    """A common noun phrase opening the clause as its subject, right before its verb: "the
    commission recognized", "The non-profit is seeking", "young voters prefer", "Cruz’s lawyers
    relied on" (the source as written, when no name opens the clause)."""
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, begin, end)][:7]
    if tokens and tokens[0][2].lower() in LEAD_ADVERBS:
        tokens = tokens[1:]
    if len(tokens) < 2:
        return None
    first = tokens[0][2]
    if first.lower() in SUBJECT_DETERMINERS or _POSSESSOR_WORD.fullmatch(first):
        # Up to three lower-case words, then a verb: "The billionaire businessman began".
        for k in range(1, min(len(tokens) - 1, 4)):
            word = tokens[k][2]
            if not word.isalpha() and "-" not in word or not word[:1].islower():
                return None
            if word.lower() in NOT_NAMES or _verbish(word):
                return None
            verb = tokens[k + 1][2]
            if (
                _verbish(verb)
                or verb.endswith("ed")
                or (verb.endswith("s") and not word.endswith("s"))
            ):
                return _Speaker(text[tokens[0][0] : tokens[k][1]], tokens[0][0], tokens[k][1])
        return None
    # A bare plural: "young voters prefer", "federal rules are", "policymakers have".
    for k in range(0, min(len(tokens) - 1, 3)):
        word = tokens[k][2]
        if not word.isalpha() or not word.islower() or word in NOT_NAMES or _verbish(word):
            return None
        verb = tokens[k + 1][2]
        if word.endswith("s") and verb.isalpha() and verb.islower() and verb not in NOT_NAMES:
            if not verb.endswith("ly") or _verbish(verb):
                return _Speaker(text[tokens[0][0] : tokens[k][1]], tokens[0][0], tokens[k][1])
            return None
    return None


_POSSESSOR_WORD = lazy_compile(rf"{UPPER}[\w.\-]*(?:[’']s|s[’'])")
