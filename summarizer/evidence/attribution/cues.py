"""Cues: the reporting clause next to a quoted passage that says who spoke, as news writing sets it.

- after the quote: `“...,” Name said`, `“...,” said Name, title`, `“...,” he said`, `“...,” the
  spokesman said`, `“...,” according to the agency`, an unlisted verb and a name (`scoffed
  Arianna Gil`), a clause closing the sentence (`“...” climate change, Axelrod said.`) and a
  signature line under a quote paragraph (`-Michelle Marks, Philadelphia.`);
- before it: `Name said: “...”`, `Name told reporters that “...”`, `Name, title, called it “a
  disgrace”`, a participle (`..., calling the raid “a disgrace”`), a passive verb of naming
  (`has been called “strategic ambiguity” by Joshua Hendrick`), `in Forbes’ words, “...”`, and
  the reporter of a reported clause (`Israel said Clinton called on members to be “...”`).

Each cue is a `_Cue`: the speaker phrase, the verb, whether it touches the quote and which side it
is on; `attribute` (`chains.py`) weighs the two sides against each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.evidence.attribution.phrases import (
    _DET,
    _SPEECH_VERB,
    _SPEECH_VERBS_RE,
    _VERB,
    _bare_surname,
    _last_delimiter,
    _phrase_speaker,
    _Speaker,
    _verbish,
)
from summarizer.evidence.attribution.subjects import (
    _PARTY_TAG,
    _clause_break,
    _closing_subject,
    _sentence_subject,
    _subject_after,
    _subject_before,
)
from summarizer.evidence.lexicon import (
    ADVERBIAL_OPENERS,
    NOUN_LIKE_VERBS,
    PASSIVE_NAMING_VERBS,
    TITLE_WORDS,
    verbs_for,
)
from summarizer.evidence.names import NAME_RUN, mentions_between
from summarizer.evidence.regex import lazy_compile
from summarizer.evidence.text import paragraph_at, sentence_end, sentence_start
from summarizer.evidence.types import FoundPassage

# Verbs whose subject may follow them: `“...,” said Geoff Garin`.
_INVERTING = lazy_compile("|".join(verbs_for("inverts")))


@dataclass(frozen=True, slots=True)
class _Cue:
    speaker: _Speaker | None
    verb: str
    adjacent: bool  # the cue touches the quote (`,” she said` / `said: “`)
    after: bool


_GENERIC_AFTER = lazy_compile(
    r"(?P<subj>(?:(?:the|a|an|one|another)\s+)?(?:[\w’'.\-]+\s+){0,4}?[\w’'.\-]+)\s+"
    r"(?:[a-z]+ly\s+)?(?P<verb>[a-z]{3,}(?:ed|es))\b"
)


_LEAD_PUNCT = re.compile(r"[\s,—–\-]*")
_UNLISTED_INVERTED = re.compile(r"(?P<verb>[a-z]{3,}ed)\s+")
_COLON_END = re.compile(r":\s*$")
_LEAD_IN = re.compile(r"[\s,:]*")
_ADJACENT = re.compile(r"[^.!?“”\"]{0,40}[,:]?\s*|\s*that\s*")


def _cue_after(text: str, p: FoundPassage, stop: int) -> _Cue | None:
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
        party = _PARTY_TAG.search(text, at, vs) if text.find("-", at, vs) >= 0 else None
        # "Rep. Jim McDermott (D-Wash.) said": the tag's bracket and dot break no clause.
        clause_end = party.start() if party is not None else vs
        if _clause_break(text, at, clause_end) >= clause_end:
            if verb.group() == "according to" or not text[at:vs].strip():
                return _Cue(_subject_after(text, ve, end), verb.group(), True, True)
            if text[at:vs].rstrip().endswith(",") and _INVERTING.fullmatch(verb.group()):
                # "“central” to the platform for the first time, reported the Washington
                # Examiner": the subject follows the verb.
                inverted = None if _adverbial_next(text, ve) else _subject_after(text, ve, end)
                if inverted is not None and _ends_clause(text, inverted.end, end):
                    return _Cue(inverted, verb.group(), False, True)
            sp = _subject_before(text, at, vs)
            if sp is not None and _last_delimiter(text, at, sp.start) == at:
                return _Cue(sp, verb.group(), sp.start - at < 4, True)
    if inner.endswith((",", "?", "!", "—", "–")):
        inv = _UNLISTED_INVERTED.match(window, lead)
        named = (
            next(
                iter(mentions_between(text, p.outer_end + inv.end(), p.outer_end + inv.end() + 1)),
                None,
            )
            if inv
            else None
        )
        if inv is not None and named is not None and named.is_person:
            # "“Silly boys ...,” scoffed Arianna Gil, 22": a verb no table lists, then a name.
            return _Cue(_Speaker(named.text, named.start, named.end), inv.group("verb"), True, True)
        g = _GENERIC_AFTER.match(window, lead)
        if g is not None:
            sp = _phrase_speaker(text, p.outer_end + g.start("subj"), p.outer_end + g.end("subj"))
            if sp is not None:
                # Not adjacent: a verb no table lists ("scoffed", "is intrigued") yields to a
                # reporting verb before the quote ("what Newt Gingrich called “...”").
                return _Cue(sp, g.group("verb"), False, True)
    return None


def _cue_closing(text: str, p: FoundPassage, stop: int) -> _Cue | None:
    """A reporting clause set off by a comma later in the quote's sentence, closing it (or the
    stretch before the next quotation): `“felt a moral obligation to do something about” climate
    change, Axelrod said.`, `“We’re extremely happy” about the decision, said RoseAnn DeMoro,
    executive director of ...`. Nothing but adverbials follows its verb (not `said the plan
    works`), so the words before the comma are what its subject said."""
    inner = p.text.rstrip()
    if inner.endswith((".", "!", "?")) and not inner.endswith(".."):
        return None  # the quoted sentence ended: what follows is a new one
    _, para_end = paragraph_at(text, p.outer_end if p.outer_end < len(text) else p.end)
    end = sentence_end(text, p.outer_end, min(stop, para_end))
    if _BREAK_NOT_STOP.search(text, p.outer_end, end):
        return None  # a colon, a bracket or a semicolon: another clause comes between
    for verb in reversed(list(_SPEECH_VERB.finditer(text, p.outer_end, end))):
        vs, ve = verb.span()
        comma = text.rfind(",", p.outer_end, vs)
        if comma >= 0 and not text[comma + 1 : vs].strip() and _INVERTING.fullmatch(verb.group()):
            # ", said RoseAnn DeMoro, executive director" (not ", said in his office")
            sp = None if _adverbial_next(text, ve) else _subject_after(text, ve, end)
            if sp is not None and (
                _ends_clause(text, sp.end, end) or text[sp.end : sp.end + 1] == ","
            ):
                return _Cue(sp, verb.group(), False, True)
        told = _TOLD_WHOM.match(text, ve) if verb.group() in _TELLING else None
        if not _ends_clause(text, told.end() if told else ve, end):
            continue
        sp = _closing_subject(text, p.outer_end, vs)
        if sp is not None:
            return _Cue(sp, verb.group(), False, True)
    return None


_BREAK_NOT_STOP = re.compile(r"[;:()]")
_TELLING = frozenset({"told", "tells", "tell"})
# Whom a source told: "told The New York Times", "told reporters", "told the committee".
_TOLD_WHOM = lazy_compile(rf"\s+(?:(?:the|a|an|his|her|their)\s+)?(?:{NAME_RUN}|[a-z]+)")


def _adverbial_next(text: str, pos: int) -> bool:
    """The words after `pos` open an adverbial ("in his office", "on Monday"), not a subject."""
    words = text[pos : pos + 40].split()
    return bool(words) and words[0].lower().strip(",.") in ADVERBIAL_OPENERS


def _ends_clause(text: str, pos: int, end: int) -> bool:
    """Nothing but adverbials in text[pos:end] before the next comma: `said.`, `said on
    Monday`, `added in an interview,` (not `said the plan works`, not `said that ...`)."""
    rest = text[pos:end]
    cut = rest.find(",")
    words = (rest if cut < 0 else rest[:cut]).split()
    words = [w.strip(".!?”\"’'") for w in words]
    words = [w for w in words if w]
    if not words:
        return True
    if words[0].lower() not in ADVERBIAL_OPENERS:
        return False
    return len(words) <= 8 and not any(w.lower() == "that" or _verbish(w) for w in words)


_SIGN_OFF = re.compile(r"[ \t\u00a0]*[-—–]?[ \t\u00a0]*")


def _sign_off(text: str, p: FoundPassage, stop: int) -> _Cue | None:
    """A quote paragraph signed on the short line under it, as quote boxes and round-ups do:
    `“...”\n\n-Michelle Marks, Philadelphia.`, `“...\nDean Baker, Center for Economic and
    Policy Research.”`."""
    _, para_end = paragraph_at(text, p.end)
    if para_end - p.outer_end > 8 or para_end >= len(text):
        return None  # more text after the quote in its paragraph (looked at only near it)
    if text[p.outer_end : para_end].strip(" \t\u00a0\"”’'."):
        return None
    at = para_end
    while at < len(text) and text[at] in "\n\r":
        at += 1
    if at >= stop and at > p.outer_end + 4:
        return None
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - at > 120:
        return None
    dashed = text[at : at + 3].lstrip()[:1] in "-—–"
    if not dashed and (
        _VERB.search(text, at, line_end) or any(_verbish(w) for w in text[at:line_end].split()[1:])
    ):
        return None  # a sentence of its own ("Scott Reed, who managed ..., said"), no signature
    lead = _SIGN_OFF.match(text, at)
    start = lead.end() if lead else at
    # The name, after any title ("-President Obama, tweeting after ...").
    named = next((m for m in mentions_between(text, start, start + 30) if m.is_person), None)
    if named is not None and not all(
        w.lower().rstrip(".") in TITLE_WORDS for w in text[start : named.start].split()
    ):
        named = None
    if (
        named is None
        or not named.is_person
        or text[named.end : named.end + 1] not in (",", ".", "")
    ):
        return None
    return _Cue(_Speaker(named.text, named.start, named.end), "—", False, True)


_TRAILING_COLON = re.compile(r":\s*$")


def _introduced_from(text: str, para_start: int, at: int) -> int:
    """Where the sentence leading up to `at` may begin: its paragraph's start, or the previous
    paragraph's when `at` opens its paragraph and the one before ends with a colon (`He
    said:\n\n“...`): a colon ends no sentence, with or without a line break after it."""
    if text[para_start:at].strip() or para_start == 0:
        return para_start
    back = para_start - 1
    while back > 0 and text[back - 1].isspace():
        back -= 1
    if not _TRAILING_COLON.search(text, max(0, back - 1), back):
        return para_start
    return paragraph_at(text, back - 1)[0]


_IN_WORDS = lazy_compile(
    rf"\b[Ii]n\s+(?:(?P<who>{NAME_RUN})[’']s?\s+(?:own\s+)?words"
    rf"|the\s+words\s+of\s+(?P<who2>{NAME_RUN}))[,:]?\s*$"
)


_AND_BEFORE = re.compile(r",?\s+and\s+(?:[a-z]+ly\s+)?$")


def _may_join(text: str, begin: int, end: int) -> bool:
    """False only where `_AND_BEFORE` cannot match in text[begin:end]: it ends with spaces,
    and "and" is its last word or the one before (an adverb between)."""
    if begin >= end or not text[end - 1].isspace():
        return False
    lo = max(begin, end - 40)
    chunk = text[lo:end]
    words = chunk.split()
    if lo > begin and words and not chunk[0].isspace():
        words = words[1:]  # the first word may be cut: not counted
    if len(words) < 2 and lo > begin:
        return True  # the words may begin further back: the pattern decides
    return "and" in words[-2:]


# The subject a participle's clause states itself: "with Gorka noting", "Gorka adding".
_OWN_SUBJECT = lazy_compile(rf"(?:\bwith|,)\s+(?P<name>{NAME_RUN})\s+$")
_WITH_NP = re.compile(
    r"\bwith\s+(?P<np>(?:the|a|an|one|some|many|several|his|her|their|its)\b[^,;:“”\"()]{1,60}?)"
    r"\s+$"
)
# A reporting verb closing the main clause just before the participle: "..., Nefzi said, adding".
_SAID_COMMA = lazy_compile(rf"\b(?P<verb>{_SPEECH_VERBS_RE})\s*,\s*$")


def _participle_subject(text: str, begin: int, verb_start: int) -> _Speaker | None:
    """The subject of a participle cue ("..., calling the raid “a disgrace”"): a name right
    before it ("with Gorka noting"), the subject of a reporting verb that closes the clause
    before it ("..., Nefzi said, adding, “...”"), else the sentence's subject."""
    own = _OWN_SUBJECT.search(text, begin, verb_start)
    if own is not None:
        named = next(
            (
                m
                for m in mentions_between(text, begin + 0, verb_start)
                if m.start == own.start("name")
            ),
            None,
        )
        if (
            named is not None
            and named.end >= verb_start - 1
            and (named.is_person or _bare_surname(named.text))
        ):
            return _Speaker(named.text, named.start, named.end)
    with_np = _WITH_NP.search(text, begin, verb_start)
    if with_np is not None:
        # "with the American Federation of Teachers calling her “...”", "with one of her ads
        # asking, “...”": the absolute construction states its own subject.
        sp = _phrase_speaker(text, with_np.start("np"), with_np.end("np"))
        if sp is not None:
            return sp
    said = _SAID_COMMA.search(text, begin, verb_start)
    if said is not None:
        sp = _closing_subject(text, begin, said.start("verb"))
        if sp is None:
            sp = _subject_before(text, begin, said.start("verb"))
        if sp is not None:
            return sp
    return _sentence_subject(text, begin, verb_start)


# A reporting verb form that is as often a plural noun ("many Asian states", "news reports"),
# read as the noun after a determiner or quantifier and at most one word that is no plural
# noun ("his supporters notes" is a verb).
_NOUN_USE = re.compile(
    r"\b(?:the|many|some|several|these|those|his|her|their|its|our|other|all|both|such|news|"
    r"media|two|three|four|five)\s+(?:[\w\-]*[^\Ws]\s+)?$",
    re.I,
)
_NOUN_LIKE = NOUN_LIKE_VERBS
# What ends a reported clause before a second verb: punctuation, a coordinate or an adverbial
# clause ("Cruz said as the heckler yelled:", "..., to which O'Malley interjected:").
_CLAUSE_JOIN = re.compile(r"[,;:()—–]|\b(?:and|but|or|while|as|after|before|which|whom)\b")


def _outer_reporter(
    text: str, begin: int, verbs: list[re.Match[str]]
) -> tuple[_Speaker, str] | None:
    """The reporter of a reported clause the quote sits in: `Rep. Steve Israel said Clinton
    called on members to be “closely coordinated.”`, `Trump said that Romney begged him and
    “would have dropped to his knees”`: the quote is the reporter's account (the subject of the
    clause only figures in it), when no new coordinate clause comes between the verbs."""
    speech = [v for v in verbs[:-1] if _SPEECH_VERB.fullmatch(v.group())]
    if not speech:
        return None
    first = speech[0]
    if _CLAUSE_JOIN.search(text, begin + first.end(), begin + verbs[-1].start()):
        return None
    sp = _subject_before(text, begin, begin + first.start())
    return None if sp is None else (sp, first.group())


_PASSIVE = "|".join(sorted(PASSIVE_NAMING_VERBS))
# "... known by some Republicans as a “hug”", "an option seen by organizers as a “lifeboat”"
_AGENT_BEFORE = re.compile(
    rf"\b(?:{_PASSIVE})\s+(?:to\s+)?by\s+(?P<agent>[^,;:“”\"()]{{1,60}}?)\s+as\s+(?:(?:a|an|the)\s+)?$"
)
# "... has been called “strategic ambiguity” by Joshua Hendrick": the participle before the quote.
_PASSIVE_BEFORE = re.compile(
    rf"\b(?:is|are|was|were|be|been|being|often|widely|also|once)\s+(?:[a-z]+ly\s+)?"
    rf"(?:{_PASSIVE})\s+(?:to\s+)?(?:as\s+)?(?:(?:a|an|the)\s+)?$"
)
_BY_AFTER = re.compile(r"\s*,?\s*by\s+")


# The last word of every _AGENT_BEFORE or _PASSIVE_BEFORE match, each set off by spaces and
# followed by them: a sentence that does not end so before the quote has no passive cue, and the
# two patterns (searched at every position of the sentence) are not tried.
_PASSIVE_LAST = PASSIVE_NAMING_VERBS | {"to", "as", "a", "an", "the"}


def _may_be_passive(text: str, begin: int, end: int) -> bool:
    """False only where neither passive pattern can match in text[begin:end]."""
    if begin >= end or not text[end - 1].isspace():
        return False
    lo = max(begin, end - 24)
    words = text[lo:end].split()
    if lo > begin and (not words or (len(words) == 1 and not text[lo].isspace())):
        return True  # the last word may begin further back: the patterns decide
    return bool(words) and words[-1] in _PASSIVE_LAST


def _passive_agent(text: str, begin: int, p: FoundPassage) -> _Speaker | None:
    """The agent of a passive verb of naming around the quote: `has been called “strategic
    ambiguity” by Joshua Hendrick`, `often labeled as a “witch hunt” by Democrats`, `known by
    some Republicans as a “hug”`."""
    if not _may_be_passive(text, begin, p.outer_start):
        return None
    before = _AGENT_BEFORE.search(text, begin, p.outer_start)
    if before is not None:
        a, b = before.span("agent")
        if _DET.match(text, a) and len(text[a:b].split()) <= 4:
            return _Speaker(text[a:b], a, b)  # "some Republicans", as written
        return _phrase_speaker(text, a, b, last=False)
    if _PASSIVE_BEFORE.search(text, begin, p.outer_start) is None:
        return None
    by = _BY_AFTER.match(text, p.outer_end)
    if by is None:
        return None
    end = min(_clause_break(text, by.end(), min(len(text), by.end() + 80)), len(text))
    comma = text.find(",", by.end(), end)
    return _phrase_speaker(text, by.end(), comma if comma >= 0 else end, last=False)


def _cue_before(text: str, p: FoundPassage, floor: int) -> _Cue | None:
    """Attribution leading up to the opening mark, in the same sentence."""
    para_start, _ = paragraph_at(text, p.outer_start)
    lower = max(floor, _introduced_from(text, para_start, p.outer_start))
    begin = sentence_start(text, p.outer_start, lower)
    window = text[begin : p.outer_start]
    agent = _passive_agent(text, begin, p)
    if agent is not None:
        return _Cue(agent, "by", True, False)
    words_of = _IN_WORDS.search(window) if "words" in window else None
    if words_of is not None:
        # "in Forbes’ words, “...”", "in the words of Tom Reed: “...”"
        group = "who" if words_of.group("who") else "who2"
        sp = _phrase_speaker(text, begin + words_of.start(group), begin + words_of.end(group))
        if sp is not None:
            return _Cue(sp, "words", True, False)
    verbs = list(_VERB.finditer(window))
    if not verbs:
        colon = _COLON_END.search(window)
        if colon:
            whole = sentence_start(text, p.outer_start, para_start)
            said = _SPEECH_VERB.search(text, whole, begin) if whole < begin else None
            if said is not None and not _CLAUSE_JOIN.search(text, said.end(), begin):
                # "Another said he hoped with his “whole heart” that Trump wins: “...”": the
                # reporter before an earlier quote of the sentence introduces this one too.
                reporter = _subject_before(text, whole, said.start())
                if reporter is not None:
                    return _Cue(reporter, ":", True, False)
            # "Jeb Bush broke down what was wrong to the Dutch newspaper NRC Handelsblad: “...”":
            # the sentence's subject introduces the quote, not the last name before the colon.
            sp = _sentence_subject(text, begin, begin + colon.start())
            if sp is None or sp.pronoun:
                sp = _subject_before(text, begin, begin + colon.start())
            if sp is not None:
                return _Cue(sp, ":", True, False)
        return None
    verbs = [
        v
        for v in verbs
        if v.group() not in _NOUN_LIKE or not _NOUN_USE.search(window, 0, v.start())
    ]
    if not verbs:
        return None
    verb = verbs[-1]
    vs, ve = begin + verb.start(), begin + verb.end()
    rest = text[ve : p.outer_start]
    adjacent = bool(_ADJACENT.fullmatch(rest))
    word = verb.group()
    outer = _outer_reporter(text, begin, verbs)
    if outer is not None:
        return _Cue(outer[0], outer[1], adjacent, False)
    if word == "according to":
        return _Cue(_subject_after(text, ve, p.outer_start), word, False, False)
    if word.endswith("ing") and word not in {"according to"}:
        return _Cue(_participle_subject(text, begin, vs), word, adjacent, False)
    if _may_join(text, begin, vs) and _AND_BEFORE.search(text, begin, vs):
        # "Graham said that Carson is “decent,” and said that Trump “melted down”": the verbs
        # share the subject of the first.
        whole = sentence_start(text, p.outer_start, para_start)  # past earlier quotes in it
        first = _VERB.search(text, whole, vs)
        if first is not None and first.start() < vs:
            sp = _subject_before(text, whole, first.start())
            if sp is not None:
                return _Cue(sp, word, adjacent, False)
    sp = _subject_before(text, begin, vs)
    if sp is None and _INVERTING.fullmatch(word):
        sp = _subject_after(text, ve, p.outer_start)
        if sp is not None and not _LEAD_IN.fullmatch(text, sp.end, p.outer_start):
            sp = None  # "insists Sanders is mounting a “...”": a clause, not an inverted subject
    if sp is None:
        return None
    return _Cue(sp, word, adjacent, False)
