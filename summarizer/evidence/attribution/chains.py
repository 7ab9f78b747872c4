"""The public `attribute`: one speaker for each passage of an article, in article order.

For each passage it weighs the cue after it against the cue before it (`cues.py`), then the
closing clause, the signature line and a transcript label; then the chains: the quotes of one
list share the cue after the last, the paragraphs of a multi-paragraph quote share their speaker,
a quote with no cue of its own continues the previous quote's speaker when nothing but that
quote's attribution stands between (`_chained`, a rule by sentences, so a text that lost its line
breaks reads the same). A passage still without a cue gets a guess (`_fallback_speaker`: the
subject of its sentence, else the last person named before it), reported with no verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.evidence.attribution.cues import (
    _Cue,
    _cue_after,
    _cue_before,
    _cue_closing,
    _sign_off,
)
from summarizer.evidence.attribution.phrases import (
    _DET,
    _FUNCTION_WORDS,
    _PREPOSITION_BEFORE,
    _bare_surname,
    _descriptive_in,
    _pronoun_at,
    _Speaker,
    _verbish,
)
from summarizer.evidence.attribution.pronouns import _a_person, _previous_subject, _Quoted, _Reader
from summarizer.evidence.attribution.subjects import (
    _NOT_OPENING,
    _OPENING_CLAUSE,
    _clause_break,
    _first_subject_name,
    _noun_phrase_subject,
)
from summarizer.evidence.lexicon import NOT_NAMES, OPENING_PREPOSITIONS
from summarizer.evidence.names import (
    NAME_GAP,
    NAME_TOKEN,
    expand_name,
    is_heading,
    mentions_between,
)
from summarizer.evidence.regex import lazy_compile
from summarizer.evidence.text import paragraph_at, sentence_end, sentence_start, stops
from summarizer.evidence.types import Attribution, FoundPassage

_LABEL = lazy_compile(rf"(?P<name>{NAME_TOKEN}(?:{NAME_GAP}{NAME_TOKEN}){{1,3}}):\s")
# Between two quotations of one list: "“...” and “...”", "“...,” “...”" (a comma inside the
# first one's marks, or between them).
_LIST_GAP = re.compile(r"[ \t\u00a0]*(?:,[ \t\u00a0]*(?:and|or)?|and|or)[ \t\u00a0]+")


def _introduces_next(after: _Cue, next_before: _Cue | None) -> bool:
    """The cue after a quote is the one before the next quote, with the same speaker span."""
    if after.speaker is None or next_before is None or next_before.speaker is None:
        return False
    a, b = after.speaker, next_before.speaker
    return (a.start, a.end) == (b.start, b.end) and not next_before.after


def _introduced(text: str, p: FoundPassage, after: _Cue) -> bool:
    """A quotation a colon introduces (`Clinton famously responded: “What difference does it
    make?”`) that ends its sentence with ? or ! before a new capitalised sentence (`Her critics
    cited it ...`): the words after it are no attribution of it."""
    inner = p.text.rstrip()
    if not inner.endswith(("?", "!")) or after.speaker is None:
        return False
    if not text[max(0, p.outer_start - 40) : p.outer_start].rstrip().endswith(":"):
        return False
    first = after.speaker.text.split()[0] if after.speaker.text.split() else ""
    return (
        after.speaker.start >= p.outer_end and first[:1].isupper() and bool(_DET.fullmatch(first))
    )


def attribute(text: str, passages: Sequence[FoundPassage]) -> list[Attribution | None]:
    """The speaker of each passage (None where none is found), in the order given."""
    avoid = _Quoted([(p.start, p.end) for p in passages])
    cues: list[_Cue | None] = []
    befores = [
        _cue_before(text, p, passages[i - 1].outer_end if i > 0 else 0)
        for i, p in enumerate(passages)
    ]
    for i, p in enumerate(passages):
        next_start = passages[i + 1].outer_start if i + 1 < len(passages) else len(text)
        after = _cue_after(text, p, next_start)
        before = befores[i]
        cue = after if after is not None and after.speaker is not None else None
        if before is not None and before.speaker is not None:
            if cue is None or (before.adjacent and not cue.adjacent) or _introduced(text, p, cue):
                cue = before
            elif i + 1 < len(passages) and _introduces_next(cue, befores[i + 1]):
                # "Clinton responds to Mills with, “Why now?” Mills then writes back, “You look
                # cute.”": the clause between introduces the next quote, not this one.
                cue = before
        if cue is None:
            cue = _cue_closing(text, p, next_start)
        if cue is None:
            cue = _sign_off(text, p, next_start)
        label = _LABEL.match(p.text) if cue is None else None
        if label is not None:
            # A transcript line quoted whole: "Chris Matthews: Seriously, ..." names its speaker.
            named = next(iter(mentions_between(text, p.start, p.start + 1)), None)
            if named is not None and named.is_person and named.end == p.start + label.end("name"):
                cue = _Cue(_Speaker(named.text, named.start, named.end), ":", True, False)
        cues.append(cue)
    for i in range(len(passages) - 2, -1, -1):
        nxt = cues[i + 1]
        if cues[i] is None and nxt is not None and nxt.after and nxt.speaker is not None:
            gap = text[passages[i].outer_end : passages[i + 1].outer_start]
            ended = passages[i].text.rstrip().endswith((".", "!", "?"))
            if not ended and _LIST_GAP.fullmatch(gap):
                cues[i] = nxt  # "“the ultimate public health crisis” and “stunt growth,” Dean said"
    # Share within a multi-paragraph group, then carry along chains of quotes.
    by_group: dict[int, _Cue] = {}
    for p, cue in zip(passages, cues, strict=True):
        if cue is not None and p.group not in by_group:
            by_group[p.group] = cue
    out: list[Attribution | None] = []
    last: tuple[FoundPassage, _Cue] | None = None
    reader = _Reader(text, avoid)
    for p, own in zip(passages, cues, strict=True):
        cue = own or by_group.get(p.group)
        if cue is None and last is not None and _chained(text, last[0], p, last[1].after):
            cue = last[1]
        if cue is None or cue.speaker is None:
            guess = _fallback_speaker(text, p, avoid)
            if guess is None:
                out.append(None)
                continue
            name = reader.name(guess, p, spoke=False)
            out.append(Attribution(name, (guess.start, guess.end), guess.pronoun, None))
            continue
        sp = cue.speaker
        name = reader.name(sp, p, spoke=True)
        out.append(Attribution(name, (sp.start, sp.end), sp.pronoun, cue.verb))
        last = (p, cue)
    return out


_PARTICIPLE_OPENING = re.compile(r"\s*(?P<word>[A-Z][a-z]+(?:ing|ed))\s")


_NOT_PARTICIPLES = NOT_NAMES | _NOT_OPENING


def _participle_opening(text: str, start: int, end: int) -> bool:
    """text[start:end] opens with a participle phrase ("Filling in for Sanders, ..."), not a
    preposition that looks like one ("During", "According")."""
    m = _PARTICIPLE_OPENING.match(text, start, end)
    return m is not None and m.group("word").lower() not in _NOT_PARTICIPLES


# Openers that name a source rather than set a scene: "According to the newspaper,", "As The
# Post's Dana Milbank puts it,", "As reported by Western Journalism,".
_AS_ACCORDING = re.compile(r"\s*(?:According|As)\b")


_PREP_OPENING = re.compile(
    r"\s*(?:" + "|".join(sorted(w.capitalize() for w in OPENING_PREPOSITIONS)) + r")\b"
)


def _fallback_speaker(text: str, p: FoundPassage, avoid: _Quoted) -> _Speaker | None:
    """No attribution pattern: the subject of the sentence, else the last person named before.

    A guess, marked by leaving `cue` empty: partial quotes sit inside the paraphrase of their
    speaker ("Sanders accused the campaign of “profane” attacks"), so the clause subject is the
    best bet; a free-standing quote paragraph usually continues whoever was named last.
    """
    para_start, _ = paragraph_at(text, p.outer_start)
    begin = sentence_start(text, p.outer_start, para_start)
    comma = text.find(",", begin, p.outer_start)
    if (
        comma > 0
        and not _AS_ACCORDING.match(text, begin, comma)
        and (_OPENING_CLAUSE.match(text, begin, comma) or _participle_opening(text, begin, comma))
    ):
        # "Filling in for Sanders at the event where Clinton spoke, West landed a dig at “...”":
        # the subject comes after the opening clause.
        begin = comma + 1
    elif comma > 0 and _PREP_OPENING.match(text, begin, comma):
        # "Across Asia, policymakers have been startled by Trump’s “isolationist” ..."
        named = _first_subject_name(text, begin, comma)  # "During the primary Clinton, ..."
        if named is None and not any(map(_verbish, text[begin:comma].split())):
            begin = comma + 1
    head_end = min(p.outer_start, _clause_break(text, begin, p.outer_start), begin + 120)
    if head_end > begin:
        pron = _pronoun_at(text[begin:head_end], begin, last=False)
        name = _first_subject_name(text, begin, head_end)
        desc = _descriptive_in(text, begin, head_end, last=False)
        if desc is not None and _PREPOSITION_BEFORE.search(
            text, max(0, desc.start - 14), desc.start
        ):
            desc = None  # "At a campaign event": no subject
        cands = [c for c in (pron, desc, _noun_phrase_subject(text, begin, head_end)) if c]
        if name is not None:
            cands.append(name)
        if cands:
            return min(cands, key=lambda c: (c.start, -(c.end - c.start)))
    if not text[begin : p.outer_start].strip():
        # A quotation standing as its own sentence goes on about whom the sentence before was
        # about ("Valastro praised Christie’s leadership after Hurricane Sandy. “We need ...”").
        prev = _previous_subject(text, p.outer_start, avoid)
        if prev is not None and not prev.pronoun and prev.text[:1].isupper():
            flagged = any(m.is_person for m in mentions_between(text, prev.start, prev.start + 1))
            if _a_person(text, prev.text, flagged):
                return prev
    for m in reversed(mentions_between(text, max(0, p.outer_start - 1500), p.outer_start)):
        if m.end > p.outer_start or not (m.is_person or _known_surname(text, m.text)):
            continue
        if p.outer_start - m.end > 1500:
            break
        if avoid.inside(m.start) or is_heading(text, m.start) or _modifies_noun(text, m.end):
            continue
        return _Speaker(m.text, m.start, m.end)
    return None


_NEXT_WORD = re.compile(r"\s+([a-z][a-z\-]*)\b")


def _modifies_noun(text: str, end: int) -> bool:
    """The name before `end` qualifies the noun after it ("his new St. Regis hotel", "the
    Clinton campaign"): a venue, a body or a thing, not someone named to speak."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    return (
        word not in NOT_NAMES
        and not _verbish(word)
        and not word.endswith(("s", "ed", "ing", "ly"))
        and word not in _FUNCTION_WORDS
    )


def _known_surname(text: str, name: str) -> bool:
    """A lone surname of a person the text names in full ("Bolton" of John Bolton)."""
    return _bare_surname(name) and len(expand_name(text, name).split()) >= 2


def _chained(
    text: str, prev: FoundPassage, p: FoundPassage, attributed_after: bool = False
) -> bool:
    """`p` continues the previous quote's speaker: in the same sentence or the next one, or
    opening the very next paragraph, with nothing but the previous quote's attribution between."""
    gap = text[prev.outer_end : p.outer_start]
    if "\n" not in gap:
        # The same voice goes on while nothing but the previous quote's own attribution sentence
        # stands between: a sentence-based rule, so a text that lost its line breaks reads the
        # same. A quote that ends its sentence inside its marks (`resign.” Erin`, not `country!”
        # a message reads`) has no attribution after it.
        last = prev.start + len(prev.text.rstrip()) - 1
        ended = last >= prev.start and text[last] in ".!?" and stops(text).is_boundary(last)
        if ended and text[last] in "!?" and attributed_after:
            ended = False  # "“... the greatest!!!” McDonough wrote in an email. “Thanks ...”"
        end = prev.outer_end if ended else sentence_end(text, prev.outer_end, p.outer_start)
        return not text[end : p.outer_start].strip()
    if p.outer_start == p.start or gap.count("\n") > 2 or gap[gap.rfind("\n") + 1 :].strip():
        return False
    # The next paragraph opens straight with a quotation: the same voice goes on, when nothing
    # but the previous quote's own attribution stands between (`“...,” Clinton said.\n\n“And`).
    tail = gap[: gap.find("\n")].strip()
    return not tail or (len(tail) < 120 and not any(c in tail[:-1] for c in '.!?“”"'))
