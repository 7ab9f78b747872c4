"""What a number measures, in a few words of its clause ("people arrested nationally").

Apart from finding numbers (`numbers.find_numbers`): `describe` reads the words around a
mention already found, for the offline engine's statistics. Word heuristics only, no number
rules; re-exported from `numbers`, where callers import it.
"""

from __future__ import annotations

import re

from summarizer.evidence.types import NumberMention

_CLAUSE_REACH = 400
_CLAUSE_END_RE = re.compile(r"[.;:!?()\[\]“”\"]|,(?!\d)|\s—\s|\s–\s|\n")
_WORD_SPLIT_RE = re.compile(r"[\w'’&$%][\w'’&$%.-]*")
_AUX = frozenset(
    "was were is are be been being has have had will would could should may might "
    "reportedly also who which that".split()
)
_PREPS = frozenset(
    "in at on from for of to with by during across among per within into over under near "
    "since after before between against through".split()
)
_STOPS = frozenset(
    "and or but said says according while when as than who which that because although "
    "though if came come comes went go goes".split()
)
_DETERMINERS = frozenset("a an the this that these those its their his her our some".split())
_DROP_LEAD = frozenset(
    """a an the about around some nearly almost only just total of more than up to over under
    roughly approximately followed by with at least most""".split()
)


def describe(text: str, m: NumberMention) -> str:
    """A few words on what `m` measures, taken from its clause ("people arrested nationally").

    Heuristics, in order: the counted noun after the number with the participle and first
    prepositional phrase that follow it ("people arrested in the Los Angeles area"); for a
    hyphenated form, the noun phrase it qualifies ("length of nationwide immigration sweep");
    "12% of voters" -> "voters"; otherwise the words before the number in its clause (for an
    apposition, "The most arrests, 107, were made in Philadelphia", the clause before the comma)
    and what follows it.
    """
    start, end = max(0, m.start), min(len(text), m.end)
    clause_start = max(0, start - 200)
    for c in _CLAUSE_END_RE.finditer(text, max(0, start - 200), start):
        clause_start = c.end()
    # Every look is bounded: describe runs for each statistic, and unbounded searches made a
    # text without punctuation quadratic.
    c2 = _CLAUSE_END_RE.search(text, end, end + _CLAUSE_REACH)
    after_end = c2.start() if c2 is not None else min(len(text), end + _CLAUSE_REACH)
    apposition = text[max(0, start - 20) : start].rstrip().endswith(",") and text[
        end : end + 20
    ].lstrip().startswith(",")
    if apposition:
        prev_end = text.rfind(",", max(0, start - 20), start)
        clause_start = max(0, prev_end - 200)
        for c in _CLAUSE_END_RE.finditer(text, max(0, prev_end - 200), prev_end):
            clause_start = c.end()
        start = prev_end
        comma = text.find(",", end, end + 20) + 1
        c3 = _CLAUSE_END_RE.search(text, comma, comma + _CLAUSE_REACH)
        after_end = c3.start() if c3 is not None else min(len(text), comma + _CLAUSE_REACH)
        end = comma
    after = _WORD_SPLIT_RE.findall(text[end:after_end])
    before = _WORD_SPLIT_RE.findall(text[clause_start:start])
    if (
        "-" in m.text
        and m.kind in ("duration", "age", "quantity")
        and m.unit
        and m.unit.rstrip("s")[:3].lower() in m.text.lower()
    ):
        np, _ = _noun_phrase(after)
        if np:
            lead = {"duration": "length of", "age": "age of"}.get(m.kind, m.unit)
            return " ".join([lead, *np])
    noun: list[str] = []
    if m.unit and m.kind in ("quantity", "duration", "age") and after:
        unit_words = m.unit.split()
        if [w.lower() for w in after[: len(unit_words)]] == [u.lower() for u in unit_words]:
            noun = after[: len(unit_words)]
            after = after[len(unit_words) :]
    of_phrase = False
    if not noun and after and after[0].lower() == "of":
        noun, after = _noun_phrase(after[1:])
        of_phrase = True
    tail = _verb_phrase(after)
    subject = _subject(before)
    if noun:
        if tail or of_phrase:
            return " ".join((noun + tail)[:9])
        if subject and before and before[-1].lower() in _PREPS:
            # "came from 42 countries": the countries of whoever came
            return " ".join((noun + ["for"] + subject)[:9])
        return " ".join(noun)
    if subject:
        return " ".join((subject + tail)[:9])
    return " ".join(tail[:8]) or (m.unit or m.kind)


def _noun_phrase(words: list[str]) -> tuple[list[str], list[str]]:
    out: list[str] = []
    for i, w in enumerate(words):
        lw = w.lower()
        if lw in _AUX or lw in _STOPS or (out and lw in _PREPS and lw != "to"):
            return out, words[i:]
        if lw in _DETERMINERS and not out:
            continue
        if len(out) >= 2 and lw.endswith("ing"):
            return out, words[i:]
        out.append(w)
        if len(out) >= 5:
            return out, words[i + 1 :]
    return out, []


def _verb_phrase(words: list[str]) -> list[str]:
    """Participle and first prepositional phrase after the counted noun, auxiliaries dropped."""
    out: list[str] = []
    seen_prep = False
    for w in words:
        lw = w.lower()
        if lw in _STOPS or any(ch.isdigit() for ch in w):
            break
        if lw in _AUX:
            if out:
                break
            continue
        if lw in _PREPS:
            if seen_prep:
                break
            seen_prep = True
        out.append(w)
        if len(out) >= 6:
            break
    while out and (out[-1].lower() in _PREPS or out[-1].lower() in _DETERMINERS):
        out.pop()
    return out


def _subject(words: list[str]) -> list[str]:
    """The words before the number in its clause, trimmed of numbers and function words."""
    keep: list[str] = []
    for w in words:
        if any(ch.isdigit() for ch in w):
            continue
        keep.append(w)
    keep = keep[-7:]
    while keep and keep[0].lower() in _DROP_LEAD:
        keep.pop(0)
    while keep and (
        keep[-1].lower() in _PREPS
        or keep[-1].lower() in _DROP_LEAD
        or keep[-1].lower() in _DETERMINERS
        or keep[-1].lower() in _AUX
        or keep[-1].lower() in _STOPS
    ):
        keep.pop()
    return keep
