"""The offline engine's headline, summary and event: chosen from the text, never written.

- the prose: `evidence.boilerplate.body_sentences` (share and ad widgets, captions' labels and
  datelines left out; one-paragraph text and text without a final stop are fine);
- headline: the title when one is given (a site's name after " | " or " - " dropped; a long one
  cut at a clause boundary), else the lead sentence, cut the same way: always a whole phrase;
- summary: the lead sentence and the one or two others that share most of the article's key
  words (the title's, the lead's and those the article repeats), in text order;
- event: `who` is the lead's subject and the people and organisations named in the title and
  the lead, most mentioned first; `where` the gazetteer's places in the title and lead, else the
  article's most mentioned; `when` the first date expression of the lead (one within a week of
  publication preferred: the news is recent; the reporter's words before a quotation's) as
  written, `date` its day by `dates`; a lead with no day named around publication takes the
  latest news-cycle day the body names (`dates.is_news_cycle`), else the publication day and
  `when` None; `what` the title's (or the lead's) main clause, cut before a subordinate clause.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from summarizer.dates import (
    DateMention,
    as_read,
    is_news_cycle,
    is_post_date,
    is_recent,
    lead_size,
    parse_iso,
    points_forward,
    reference_day,
    resolve_event_date,
)
from summarizer.evidence import gather
from summarizer.evidence.boilerplate import dateline_place, prose_sentences, without_markup
from summarizer.evidence.lexicon import (
    AUXILIARY_VERBS,
    IRREGULAR_PAST,
    NOT_NAMES,
    PRONOUNS,
    SUBORDINATORS,
)
from summarizer.evidence.names import lead_names
from summarizer.evidence.numbers import find_numbers
from summarizer.evidence.places import find_places, is_place
from summarizer.evidence.text import without_urls
from summarizer.evidence.types import QuotedPassage
from summarizer.models import Event, Summary
from summarizer.verify.claims import check_claims, name_runs

__all__ = ["Lead", "event", "headline", "lead", "summary"]

_HEADLINE_WORDS = 20
_SUMMARY_WORDS = 90
_SUMMARY_POOL = 15  # sentences the summary chooses among: the news is in its first part
_WHO = 4
_WHERE = 3
_SUBJECT_WORDS = 8

_WORD = re.compile(r"[A-Za-z][\w’'-]*|\d[\d,.]*")
_STOP = NOT_NAMES | frozenset(
    "a an the of and or in on at to for by with from is was were be been has have had it".split()
)
_PRONOUNS = frozenset(PRONOUNS)
_QUANTIFIERS = frozenset({"at least", "at most", "more than", "up to", "fewer than", "less than"})
_OPENERS = SUBORDINATORS | frozenset(
    "if in on at for with by from to of into over under but and or so yet".split()
)
_ENDS = ".!?”\"'’)"

Lead = list[tuple[int, int]]


def lead(text: str) -> Lead:
    """The prose sentences of `text` as (start, end) (`boilerplate.prose_sentences`)."""
    return list(prose_sentences(text))


# --- headline -----------------------------------------------------------------------------------


_SITE_SUFFIX = re.compile(r"\s+(?:\||-|–|—)\s+(?:[A-Z][\w.&’']*\s*){1,4}$")


def headline(text: str, title: str | None, sents: Lead) -> str:
    # Markup left in the title or the text (a tag, an embedded post) is no part of what is read.
    plain = without_markup(title) if title else ""
    if plain.strip():
        clean = _SITE_SUFFIX.sub("", _squash(plain)) or _squash(plain)
        return _checked_cut(clean)
    s, e = sents[0]
    return _checked_cut(without_markup(text[s:e]).rstrip(".").strip())


def _checked_cut(s: str) -> str:
    """`_shorten(s)`, unless the cut reads other numbers than `s` does up to there ("May 4"
    of "May 4, 2016 million", whose "2016 million" took the date's year): then `s` whole."""
    cut = _shorten(s)
    if cut == s:
        return s
    read = _readings(cut)
    return cut if _readings(s)[: len(read)] == read else s


def _shorten(s: str, limit: int = _HEADLINE_WORDS) -> str:
    """`s` if short enough, else its first clause: cut at the last comma, dash or subordinating
    word that leaves at least five words and at most `limit`; if there is none, `s` whole (a long
    headline is better than a broken one). The result is a prefix of `s`, as written."""
    words = list(re.finditer(r"\S+", s))
    if len(words) <= limit:
        return s
    cut = None
    for i in range(5, limit + 1):
        prev, word = words[i - 1].group(), words[i].group()
        if prev[-1:] in ",;:" or word in ("—", "–", "-") or word.lower() in SUBORDINATORS:
            cut = i
    if cut is None:
        return s
    return s[: words[cut - 1].end()].rstrip(",;:—–- ")


# --- summary ------------------------------------------------------------------------------------


def _content(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s) if w.lower() not in _STOP and len(w) > 1]


def summary(text: str, title: str | None, sents: Lead) -> str:
    """The lead sentence and the best one or two of the next few, by shared key words."""
    pool = sents[:_SUMMARY_POOL]
    if len(pool) == 1:
        s, e = pool[0]
        return without_markup(text[s:e])
    tf = Counter(w for s, e in sents for w in set(_content(text[s:e])))
    key = set(_content(title or "")) | set(_content(text[pool[0][0] : pool[0][1]]))

    def score(i: int) -> float:
        s, e = pool[i]
        chunk = text[s:e]
        words = set(_content(chunk))
        if not words or not 6 <= len(chunk.split()) <= 60:
            return 0.0
        value = sum((2.0 if w in key else 0.0) + math.log(tf[w]) for w in words)
        value /= math.sqrt(len(words))
        if chunk[:1] in "“\"‘'" or chunk[-1:] not in _ENDS:
            value *= 0.5  # a quotation or a fragment tells less of the event than prose does
        return value * (1.0 - i / (2 * _SUMMARY_POOL))

    ranked = sorted(range(1, len(pool)), key=lambda i: (-score(i), i))
    chosen = [0]
    texts = {text[pool[0][0] : pool[0][1]]}
    words = len(text[pool[0][0] : pool[0][1]].split())
    for i in ranked:
        if len(chosen) == 3 or score(i) <= 0:
            break
        chunk = text[pool[i][0] : pool[i][1]]
        n = len(chunk.split())
        if chunk in texts or (words + n > _SUMMARY_WORDS and len(chosen) >= 2):
            continue  # a caption repeated in the page is one sentence, said once
        texts.add(chunk)
        chosen.append(i)
        words += n
    return without_markup(_joined(text, [pool[i] for i in sorted(chosen)]))


# --- event --------------------------------------------------------------------------------------


def _is_verb(word: str, titled: bool) -> bool:
    w = word.lower().strip(",;:")
    if not word[:1].islower() or not w.isalpha():
        return False
    if w in AUXILIARY_VERBS or w in IRREGULAR_PAST:
        return True
    if w.endswith("ed") and len(w) >= 4:
        return True
    # A headline's verbs are in the present: "Toblerone sparks outrage".
    return titled and w.endswith("s") and not w.endswith("ss") and len(w) > 3


def _subject(s: str, titled: bool = False) -> tuple[str, int] | None:
    """The words before a clause's first finite verb, and that verb's word index."""
    words = s.split()
    for i, word in enumerate(words):
        if _is_verb(word, titled):
            if not 1 <= i <= _SUBJECT_WORDS or any(c in " ".join(words[:i]) for c in ",:;"):
                return None
            subject = " ".join(words[:i])
            first = words[0].lower()
            if " ".join(words[:2]).lower() in _QUANTIFIERS:
                first = ""  # "At least seven people", "More than 50 people" are subjects
            # "If you ...", "In London ...": a clause or phrase comes first, not the subject.
            if subject.lower() in _PRONOUNS or subject.lower() in _STOP or first in _OPENERS:
                return None
            return subject, i
    return None


_SPACES = re.compile(r"\s+")


def _readings(s: str) -> list[tuple[object, ...]]:
    """What the numbers of `s` are read as (the number scan's own rules, whatever they are)."""
    return [(m.value, m.high, m.kind, m.unit, m.note) for m in find_numbers(s)]


def _same_reading(s: str, parts: list[str]) -> bool:
    """Whether the check reads in `s` the numbers and the names it reads in `parts` apart (the
    scans' own rules): a space put for a paragraph break may read "498 498" as one number, or
    glue "#Brexit" and the next piece's "Putin" into a name the article never writes."""
    if _readings(s) != [r for part in parts for r in _readings(part)]:
        return False
    return name_runs(s) == [run for part in parts for run in name_runs(part)]


def _squash(s: str) -> str:
    """`s` with each whitespace run as one space, ends stripped, as a reader sees it; unless
    that reads another number or name than `s` does ("498 \n\n498" is two numbers, "498 498"
    one; "$5\n\nbillion" and "one\n\nmillion" no million; "Brexit\n\nPutin" two names): then `s`
    as written."""
    s = s.strip()
    squashed = _SPACES.sub(" ", s)
    return squashed if squashed == s or _same_reading(squashed, [s]) else s


def _joined(text: str, pieces: list[tuple[int, int]]) -> str:
    """The sentences `pieces` of `text` joined by a space; unless that reads another number or
    name than they do apart (a sentence that ends "498" before one that starts "498 people", a
    piece without a sentence end, "#Brexit", before "Putin in ..."): then each joint is the
    text's own whitespace there, or a paragraph break, which ends a name as it ends a number."""
    parts = [text[a:b] for a, b in pieces]
    joined = " ".join(parts)
    if len(parts) == 1 or _same_reading(joined, parts):
        return joined
    out = parts[0]
    for (_, e), (a, _), part in zip(pieces, pieces[1:], parts[1:], strict=False):
        gap = text[e:a]
        out += (gap if gap and gap.isspace() else "\n\n") + part
    return out


def _clause(s: str, titled: bool) -> str:
    """The main clause: a short topic before a colon dropped, cut before a subordinate clause.
    Cut from `s` with its spaces squashed (`_squash`): the words' spacing stays as it is."""
    s = _squash(s)
    head, colon, rest = s.partition(": ")
    if colon and len(head.split()) <= 5 and len(rest.split()) >= 3:
        s = rest
    tokens = [m.span() for m in re.finditer(r"\S+", s)]
    words = [s[a:b] for a, b in tokens]
    # "While the U.S. talks about election, UK outraged over ...": the main clause follows.
    if words and words[0].lower() in SUBORDINATORS:
        comma = next((i for i, w in enumerate(words) if w.endswith(",")), None)
        if comma is not None and len(words) - comma > 3:
            words, tokens = words[comma + 1 :], tokens[comma + 1 :]
    title_case = titled and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)
    for i in range(2, len(words)):
        cut = words[i].lower() in SUBORDINATORS or words[i] in ("—", "–", "-", "|", "...")
        cut = cut or (words[i - 1][-1:] in ",;:" and i >= 3)
        # A clause has its verb: "The morning | after losing ..." is not yet one. In a Title
        # Case headline every word is capitalised, so the verb's shape is read in lower case.
        if cut and any(_is_verb(w.lower() if title_case else w, titled) for w in words[1:i]):
            words = words[:i]
            break
    return s[tokens[0][0] : tokens[len(words) - 1][1]].rstrip(",;:.…") if words else s


def _count(text: str, name: str) -> int:
    last = name.split()[-1]
    return len(re.findall(rf"\b{re.escape(last)}\b", text))


def _who(text: str, title: str | None, sents: Lead) -> list[str]:
    """The lead's subject (the title's first), then the people and organisations the title and
    the first two sentences name, the most mentioned first."""
    names: list[str] = []
    title_words = (title or "").split()
    # In a Title Case headline every word looks like a name: only a sentence-case one is read.
    if title and sum(w[:1].isupper() for w in title_words) < 0.7 * len(title_words):
        names += [n for n in lead_names(title, 0, len(title)) if n.split()[-1] in text]
    for s, e in sents[:2]:
        names += lead_names(text, s, e)
    places = {p for _, _, p in find_places(text)}
    seen: list[str] = []
    for n in names:
        if is_place(n) or n in places or any(n in k or k in n for k in seen):
            continue
        seen.append(n)
    seen.sort(key=lambda n: -_count(text, n))
    subjects = []
    title_subject = _subject(without_markup(title), titled=True) if title else None
    # The title's subject counts only when the article names it too ("Toblerone", "People").
    if (
        title_subject
        and _content(title_subject[0])
        and all(w in text.lower() for w in _content(title_subject[0]))
    ):
        subjects.append(title_subject[0])
    lead_subject = _subject(without_markup(text[sents[0][0] : sents[0][1]]))
    if lead_subject:
        subjects.append(lead_subject[0])
    out: list[str] = []
    for n in [*subjects, *seen]:
        if not any(n.lower() == k.lower() for k in out):
            out.append(n)
    return out[:_WHO]


def _where(text: str, title: str | None, sents: Lead) -> list[str]:
    # A link's letters name no place ("https://example.com/Paris/..."): offsets are kept.
    places = find_places(without_urls(text))
    dateline = dateline_place(text)
    if dateline:
        # The dateline names where the story was filed: the first place, as written.
        places = [(dateline[0], dateline[1], text[dateline[0] : dateline[1]]), *places]
    if not places:
        return []
    lead_end = sents[min(2, len(sents) - 1)][1]
    counts = Counter(p for _, _, p in places)
    in_title = {p for p in counts if title and p in title}
    early = [p for s, _, p in places if s < lead_end]
    first = places[0][2] if dateline else None
    order = sorted(
        counts, key=lambda p: (p != first, p not in in_title, p not in early, -counts[p])
    )
    out: list[str] = []
    for p in order:
        if p in in_title or p in early or not out:
            if not any(p in q or q in p for q in out):
                out.append(p)
    return out[:_WHERE]


_PRIORITY = {"explicit": 0, "weekday": 1, "relative": 2, "clock": 3}


def _kind(mention_text: str) -> str:
    low = mention_text.lower()
    if re.search(r"\d{4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", low):
        return "explicit"
    if re.search(r"day\b", low) and not re.search(r"\b(?:to|yester)day\b", low):
        return "weekday"
    if re.search(r"\d", low):
        return "clock"
    return "relative"


# Without a publication date, a weekday still has to be found as written: this stand-in day
# only locates the expressions; `dates` resolves none of them against it.
_LOCATOR_DAY = date(2000, 1, 1)


def _when(text: str, published: str | None, sents: Lead) -> tuple[str | None, str | None]:
    """The lead's date expression, as written, and the day it is (or None).

    The lead counts first (`dates.lead_size`); a day named later is background, unless the
    lead names none and it is of the news cycle (`_latest_news_day`). With a publication
    date, only an expression within a week of it counts (the news is recent: "October 28" in
    a story of Nov. 13 is background), the first sentence that has one wins, and in it the
    most recent day (the news is the latest development) of a clause that looks back, before
    any of a clause about the future ("said on Friday that it will vote on Monday": the news is
    what was said, and when; what is to come is not yet a development). A weekday points back
    to the latest such day, or forward to the next one when its clause does ("will", "is set
    to"; `dates.points_forward`)."""
    pub = parse_iso(published)
    passages = gather(text).passages  # the engine's own quote scan, done once per text
    for s, e in sents[: lead_size(sents, text)]:
        sentence = text[s:e]
        found: list[tuple[tuple[date, ...], DateMention, bool]] = []
        # A day inside quotation marks is the speaker's ("'I am honoured to be here today,' he
        # said on Tuesday": today is Tuesday): the reporter's own words say when, and only when
        # they name no day do the quoted ones. A title's is no day (the ''Today'' show, "Fox
        # News Sunday").
        quoted = [
            (q.outer_start - s, q.outer_end - s, q.kind) for q in passages if q.outer_start < e
        ]
        for m in as_read(sentence, pub or _LOCATOR_DAY):
            days, forward = m.days, points_forward(sentence, m.start, m.end)
            if pub is not None:
                days = tuple(
                    d for d in days if is_recent(d, pub) or (forward and 0 <= (d - pub).days <= 7)
                )
            inside = [k for a, b, k in quoted if a <= m.start < b]
            if days and "term" not in inside:
                found.append((days, m, forward))
        found = [f for f in found if not any(a <= f[1].start < b for a, b, _ in quoted)] or found
        if not found:
            continue
        days, m, _ = min(
            found,
            key=lambda f: (
                f[2],
                -max(f[0]).toordinal() if pub else 0,
                _PRIORITY[_kind(f[1].text)],
                f[1].start,
            ),
        )
        when = _widen(sentence, m.start, m.end)
        if pub is None or len(days) != 1:
            return when, resolve_event_date(when, text, published)
        day = days[0].isoformat()
        return when, day if resolve_event_date(day, text, published) == day else None
    if pub is not None:
        later = _latest_news_day(text, pub, sents[lead_size(sents, text) :], passages)
        if later is not None:
            return later
    # No day named around publication: the story is of its day (`dates` accepts that only
    # when the lead names none); nothing is written, so `when` stays None.
    return None, resolve_event_date(published, text, published)


def _latest_news_day(
    text: str, pub: date, body: Lead, passages: Sequence[QuotedPassage]
) -> tuple[str, str] | None:
    """For a lead that names no day: the latest day of the news cycle (`dates.is_news_cycle`:
    the publication day or the one before) that the reporter names further on, as written,
    and its day. The lead tells what happened and the body when ("Clinton blamed the FBI
    director ... Mrs Clinton told the donors on a call on Saturday", in a Sunday paper): the
    news is the latest development. An older day is background ("the tram derailed on
    Wednesday" in a Saturday story of the victims named), and so are what is to come, a day in
    a quotation (the speaker's), an embedded post's date (the day it was posted) and a time of
    day with no day named (whose day an earlier sentence may name)."""
    best: tuple[date, str] | None = None
    for s, e in body:
        sentence = text[s:e]
        for m in as_read(sentence, pub):
            if len(m.days) != 1 or not is_news_cycle(m.days[0], pub):
                continue
            if best is not None and m.days[0] <= best[0]:
                continue
            at = s + m.start
            if (
                _kind(m.text) == "clock"
                or any(q.outer_start <= at < q.outer_end for q in passages)
                or is_post_date(text, at)
                or points_forward(sentence, m.start, m.end)
            ):
                continue
            best = (m.days[0], _widen(sentence, m.start, m.end))
    if best is None:
        return None
    day = best[0].isoformat()
    return (
        (best[1], day) if resolve_event_date(day, text, published=pub.isoformat()) == day else None
    )


_BEFORE_WHEN = re.compile(
    r"(?:\b(?:late|early|on|at|around|about|by|shortly before|just after)\s+"
    # the time of the day named: "at around 11am local time on Sunday"
    r"|\b(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?\s?(?:[apAP]\.[mM]\.|[apAP][mM])\s+(?:local\s+time\s+)?)+$"
)
_AFTER_WHEN = re.compile(r"\s+(?:morning|afternoon|evening|night|local time)\b")


def _widen(s: str, start: int, end: int) -> str:
    """The time expression with the words that belong to it: "late on Thursday night"."""
    before = _BEFORE_WHEN.search(s, 0, start)
    after = _AFTER_WHEN.match(s, end)
    return s[before.start() if before else start : after.end() if after else end]


def event(text: str, title: str | None, published: str | None, sents: Lead) -> Event:
    published = reference_day(text, published)  # a dateline's day, as the checker counts
    s0, e0 = sents[0]
    # A title that is a quotation ("'Baseball will never be the same again'") says what
    # someone said, not what happened: then the lead says what happened.
    titled = bool(title and title.strip() and title.strip()[0] not in "'\"‘“")
    source = without_markup(title if titled and title else text[s0:e0])
    what = _clause(source, titled)
    when, day = _when(text, published, sents)
    found = Event(
        what=what or without_markup(text[s0:e0]),
        who=_who(text, title, sents),
        where=_where(text, title, sents),
        when=when,
        date=day,
    )
    return _supported(found, text, title, published, whole=_squash(source) or text[s0:e0])


def _supported(
    found: Event, text: str, title: str | None, published: str | None, *, whole: str
) -> Event:
    """The event less the `who` / `where` candidates the claim checks would flag: they go
    through the same `check_claims` that `summarizer check` runs, so that no name the engine
    reads wrongly (one cut from a glued word, a capital run across two names) fails its own
    result. A `what` cut that the checks flag (the cut reads another number: "May 4" of
    "May 4, 2016 million", whose "2016 million" took the date's year) is the `whole` clause's
    source. The date is not probed again: `_when` keeps only a day that
    `dates.resolve_event_date`, the checker's own rule, gives back."""
    probe = Summary(
        headline="", summary="", event=Event(what=found.what, who=found.who, where=found.where)
    )
    numbers = gather(text).numbers
    _, issues = check_claims(text, probe, numbers, title=title, published=published)
    flagged = {i.path for i in issues if i.severity == "error"}
    if not flagged:
        return found
    return found.model_copy(
        update={
            "what": whole if "event.what" in flagged else found.what,
            "who": [w for k, w in enumerate(found.who) if f"event.who[{k}]" not in flagged],
            "where": [w for k, w in enumerate(found.where) if f"event.where[{k}]" not in flagged],
        }
    )
