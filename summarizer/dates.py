"""Relative dates ("last Thursday", "which ended Wednesday", "Nov. 3") made absolute.

News convention: a bare weekday is the most recent such day on or before publication, within the
past week ("last Thursday" is strictly before: a Thursday paper's "last Thursday" is a week ago);
a month and day without a year falls in the ten months before publication or the two after
(AP style drops the year within the current year). Future wording ("will", "next") points a
weekday or a yearless date forward; `points_forward` reads it in the clause around a date.

Nothing is invented: `resolve_event_date` answers only when the phrase resolves to exactly one
date and the article text contains a date expression that resolves to the same day, or the day
is the publication day of a text whose lead (`lead_size`: its first `LEAD_SENTENCES` prose
sentences, more when they are short) names no other day around it: news reports the day's events
(the page around the prose, its date stamp, a post's signature, a dateline, names none of them).
A time of day written with its day ("11am on Sunday") is that day's; a weekday counted from
another day ("the Sunday before the election") is not read against publication.
Relative days count from `reference_day`: `published`, unless a dateline's date or embedded
posts dated after it contradict it.
Pure: stdlib and the evidence layer's lexicon, prose sentences and dateline only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from summarizer.evidence.boilerplate import dateline_span, prose_sentences
from summarizer.evidence.lexicon import (
    AUXILIARY_VERBS,
    IRREGULAR_PAST,
    MONTH_NUMBERS,
    NAMED_DAY_WORDS,
    SCHEDULE_VERBS,
    WEEKDAYS,
)

__all__ = [
    "LEAD_SENTENCES",
    "LEAD_WORDS",
    "DateMention",
    "as_read",
    "event_date",
    "find_dates",
    "is_news_cycle",
    "is_post_date",
    "is_recent",
    "lead_size",
    "normalize_published",
    "parse_iso",
    "points_forward",
    "readings",
    "reference_day",
    "resolve_event_date",
]

# The lead whose date is the event's: a day named later is background ("the tram derailed on
# Wednesday" in a Saturday story of the victims named), and a lead with none is of its day.
# Scraped news runs as one paragraph: its first three prose sentences stand for the first one.
LEAD_SENTENCES = 3
# ... or more when they are short: a first paragraph runs to some 50 words, and three short
# sentences ("The Cubs are champions. Few expected to write that. But on Wednesday, it
# happened.") are one paragraph. A sentence that starts within the first LEAD_WORDS is lead.
LEAD_WORDS = 50


def lead_size(sentences: Sequence[tuple[int, int]], text: str) -> int:
    """How many of `sentences` (spans into `text`, in order) make the lead: the first
    `LEAD_SENTENCES`, and any later one that starts within the first `LEAD_WORDS` words."""
    words, size = 0, 0
    for i, (s, e) in enumerate(sentences):
        if i >= LEAD_SENTENCES and words >= LEAD_WORDS:
            break
        size = i + 1
        words += len(text[s:e].split())
    return size


# Month names are matched capitalised only: "may 4" in lower case is a verb, not a date.
_MONTH = (
    "(?P<{g}>"
    + "|".join(sorted((m.capitalize() for m in MONTH_NUMBERS), key=lambda m: (-len(m), m)))
    + r")\.?"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "month_day",
        re.compile(
            r"\b"
            + _MONTH.format(g="mon")
            + r"\s+"
            + _DAY.format(g="day")
            + r"(?!\d)(?:,?\s+"
            + _YEAR.format(g="year")
            + r")?\b"
        ),
    ),
    (
        "day_month",
        re.compile(
            r"\b"
            + _DAY.format(g="day")
            + r"\s+(?:of\s+)?"
            + _MONTH.format(g="mon")
            + r"(?:,?\s+"
            + _YEAR.format(g="year")
            + r")?\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"(?:\b(?P<mod>[Ll]ast|[Nn]ext|[Tt]his\s+(?:past|coming)|[Tt]his)\s+)?"
            r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow"
            r"|[Tt]his\s+(?:morning|afternoon|evening)|[Ee]arlier\s+today|[Ll]ast\s+night)\b"
        ),
    ),
    # A time of day with no day named is the day of publication (news convention): "at around
    # 6am", "shortly before 7 pm". Read last, so "6:10am on Wednesday" is Wednesday's.
    (
        "clock",
        re.compile(
            r"\b(?P<clock>(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?\s?(?:[ap]\.m\.|[ap]m\b))",
            re.IGNORECASE,
        ),
    ),
)
# A weekday with an article or a demonstrative before it is counted from another day, named
# next to it, not from publication: "the Sunday before the election", "that Friday".
_ANCHORED = re.compile(r"\b(?:the|that|a|an|each|every)\s+$", re.IGNORECASE)
# The capitalised word right before a weekday, to tell a named day ("Black Friday").
_CAPITAL_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
# English capitalises "today" only to start a sentence or in a name: written so after a word of
# the same sentence it is a title ("USA Today said", "NBC's Today show", "The Tonight Show").
_WORD_BEFORE = re.compile(r"[A-Za-z0-9,;]\s+$")
# What may stand between a time of day and the day it belongs to: "6:10am on Wednesday",
# "11am local time on Sunday", "Thursday at 3pm", "Nov. 3, at 9 a.m.".
_TIME_TO_DAY = re.compile(
    r"\s*(?:local\s+time\s*)?(?:,\s*)?(?:(?:on|at|around|about|of|at\s+around|at\s+about)\s+)?"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_DAY_TO_TIME = re.compile(r"(?:,\s*)?\s*(?:(?:at|around|about|at\s+around|at\s+about)\s+)?\Z")
# "Last night" in a morning paper is the evening before publication (British usage above all).
_REL_OFFSET = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_FUTURE = re.compile(
    r"\b(will|would|shall|next|coming|upcoming|scheduled|planned|plans|expected|due)\b",
    re.IGNORECASE,
)
# What makes a clause look forward: a future auxiliary or a verb of plans with its "to" ("is set
# to", "are due to"), "ahead of". Not "would" (reported speech: "said there would be no charges")
# and not "scheduled"/"due" alone ("20 of 71 scheduled laps", "due to car problems").
_CLAUSE_FUTURE = re.compile(
    r"\b(?:will|shall|won[’']t)\b|[’']ll\b|\bgoing to\b|\bahead of\b|\bupcoming\b"
    r"|\b(?:in\s+)?the\s+(?:lead|run)[- ]up\s+to\b|\bleading\s+up\s+to\b"
    r"|\b(?:is|are|was|were|be|been)\s+(?:(?:set|due|expected|scheduled|poised|slated)\s+)?to\b"
    r"|\b(?:plans?|planning|intends?|hopes?)\s+to\b",
    re.IGNORECASE,
)
# Before the day only (after it, "must" is as likely a quotation's: 'on Aug. 10, "The piling on
# must stop"'): a present schedule ("is scheduled for Monday"), a duty ("must decide by Friday",
# "has to") and the day a thing is put off until ("was adjourned until Monday": a past verb, a
# coming day).
_PLAN_BEFORE = re.compile(
    r"\b(?:is|are)\s+(?:(?:now|also)\s+)?(?:set|due|expected|scheduled|slated|planned)"
    r"\s+(?:for|on)\b"
    r"|\bmust\b|\b(?:has|have|needs?)\s+to\b"
    r"|\b(?:postponed|delayed|adjourned|deferred|put\s+off|pushed\s+back)\s+(?:until|till|to)\b",
    re.IGNORECASE,
)
_CLAUSE_WINDOW = 300  # characters: longer than any clause without a comma or "and"
# Where a clause ends: a stop, a comma or dash, a coordinating word joining two clauses.
_CLAUSE_BREAK = re.compile(r"[.;:,!?()—–]|\s-\s|\b(?:and|but|while|after|before|when)\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a text and the day(s) it can mean.

    `days` has one element when the expression resolves unambiguously; `month_day` is set for
    a month and day without a year, so it can still be compared when no publication date is known.
    """

    start: int
    end: int
    text: str
    days: tuple[date, ...]
    month_day: tuple[int, int] | None = None


def parse_iso(value: str | None) -> date | None:
    """A YYYY-MM-DD string as a date; None when absent or not a real day."""
    if not value:
        return None
    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", value)
    if not match:
        return None
    return _make_date(int(match[1]), int(match[2]), int(match[3]))


def normalize_published(value: str) -> str:
    """A publication date as feeds write it, as YYYY-MM-DD; ValueError if it is none.

    Accepted: an ISO date ("2016-11-09"), an ISO datetime with or without a zone
    ("2016-11-09T14:30:00Z", "2016-11-09 14:30:00+01:00") and RFC 2822, the date of RSS
    ("Wed, 09 Nov 2016 14:30:00 +0000"). The day is the one written, in the writer's own zone:
    that is the day the article's "today" means.
    """
    raw = value.strip()
    if parse_iso(raw) is not None:
        return raw
    try:
        return datetime.fromisoformat(raw.replace("z", "Z")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(f"cannot read {value!r} as a date (YYYY-MM-DD, an ISO datetime, or RFC 2822)")


# An embedded post's signature, the date it was posted right after the account: "-- Angela
# Night (@Angelheartnight) November 8, 2016", "A photo posted by X (@ladygaga) on Nov 9, 2016".
_POSTED_BY = re.compile(r"\(@\w{1,15}\)\s+(?:on\s+)?$")
# A post dated within a day after publication is no contradiction: the page shows the post's
# date in the reader's time zone, which may be a day ahead of the writer's.
_POST_SLACK = timedelta(days=1)


def reference_day(text: str, published: str | None) -> str | None:
    """The day (YYYY-MM-DD) the text's relative days are counted from: `published`, unless
    the text itself contradicts it. Read by the offline engine, the event date and the checker
    alike, so that they count from one day; `published` as the result reports it is unchanged.

    - A dateline's date ("WASHINGTON, Nov 6 (Reuters) -") wins: it is the writer's own dating
      of the story, the day its "Sunday" and "today" are counted from, while `published` is the
      page's (a syndicated story is reposted days later; a scraper may record a crawl or an
      update). Its year is `published`'s nearest, or as the dateline writes it.
    - Embedded posts dated after `published` ("... (@handle) November 8, 2016" in a page dated
      2016-02-08) contradict it: no page embeds a post from its future. The latest post's day
      is then the earliest the page can be of.
    - A full date in the lead does not: it is an event's, and an event may be any day (the
      election "on November 8, 2016" in a story of February), so `published` is trusted then.
    """
    pub = parse_iso(published)
    line = dateline_span(text)
    if line is not None:
        for m in find_dates(text[line[0] : line[1]], pub):
            if m.month_day is None and len(m.days) == 1:
                return m.days[0].isoformat()
            if m.month_day is not None and pub is not None:
                month, dom = m.month_day
                near = [d for y in (-1, 0, 1) if (d := _make_date(pub.year + y, month, dom))]
                return min(near, key=lambda d: abs((d - pub).days)).isoformat()
    if pub is None or "(@" not in text:
        return published
    posts = [
        m.days[0]
        for m in find_dates(text, None)
        if m.month_day is None and len(m.days) == 1 and is_post_date(text, m.start)
    ]
    if posts and max(posts) > pub + _POST_SLACK:
        return max(posts).isoformat()
    return published


def find_dates(
    text: str, published: date | None, *, future: bool | None = None
) -> Iterator[DateMention]:
    """Every date expression in `text`, resolved against `published` where it needs one.

    `future` says which way a bare weekday points: True forward, False back, None both (used
    when checking that the article supports a date, where either reading is fair).
    """
    # The expressions read so far, disjoint and kept in text order (starts and ends alike
    # sorted), so an overlap is one look at the last one starting before a match ends.
    starts: list[int] = []
    ends: list[int] = []
    edges: set[int] = set()  # where the expressions read so far start and end
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            i = bisect_left(starts, end)
            if i and ends[i - 1] > start:
                continue  # "Nov. 3, 2019" already read; "3" must not be read again
            if kind == "clock" and _time_of_a_named_day(text, start, end, edges):
                continue  # "11am local time on Sunday" is Sunday's, not the publication day's
            if (
                kind == "weekday"
                and match["mod"] is None
                and _ANCHORED.search(text, max(0, start - 8), start)
            ):
                continue  # "the Sunday before the election" counts from the election
            if kind == "weekday" and match["mod"] is None and _is_named_day(text, start):
                continue  # "Black Friday" is a day of its own, not last Friday
            if (
                kind == "relative"
                and match.group(0)[:1].isupper()
                and _WORD_BEFORE.search(text, max(0, start - 4), start)
            ):
                continue  # "USA Today" names a paper, not a day
            mention = _resolve(kind, match, published, future)
            if mention is None:
                continue
            starts.insert(i, start)
            ends.insert(i, end)
            edges.update((start, end))
            yield mention


def _is_named_day(text: str, start: int) -> bool:
    """Whether the weekday at `start` ends a named day (`NAMED_DAY_WORDS`: "Super Tuesday")."""
    before = _CAPITAL_BEFORE.search(text, max(0, start - 16), start)
    return before is not None and before[1].lower() in NAMED_DAY_WORDS


def _time_of_a_named_day(text: str, start: int, end: int, edges: set[int]) -> bool:
    """Whether the time of day at `start:end` is written with a day already read next to it
    (`edges`: where the expressions read start and end)."""
    after = _TIME_TO_DAY.match(text, end)
    before = _DAY_TO_TIME.search(text, max(0, start - 30), start)
    return (after.end() if after else end) in edges or (
        before.start() if before else start
    ) in edges


def points_forward(text: str, start: int, end: int) -> bool:
    """Whether the clause of `text` around the date expression at `start:end` is about the
    future: "Hamilton will race on Sunday", "is set to resign on Friday", "On Saturday, the
    council will vote". A past clause ("was halted on Sunday") or none looks back."""
    # The clause is looked for in the few hundred characters before the date, not from the
    # text's start: a whole text's dates are read this way, and each must cost its clause only.
    window = max(0, start - _CLAUSE_WINDOW)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, window, start)]
    before = text[breaks[-1] if breaks else window : start]
    if _CLAUSE_FUTURE.search(before) or _PLAN_BEFORE.search(before):
        return True
    words = re.findall(r"[A-Za-z’']+", before)
    for i in range(len(words) - 1, -1, -1):
        # The verb nearest the date is the one it belongs to: "the man who was arrested
        # appears in court on Monday" is a plan, "the summit opened on Monday" is not.
        if _is_futurate(words, i):
            return True
        if _is_verb(words[i]):
            # A copula the day follows ("the vote is on Tuesday", "is set for Friday") is a
            # plan; any other verb before the date is not a future one.
            rest = {w.lower() for w in words[i + 1 :]}
            return words[i].lower() in ("is", "are") and rest <= _SCHEDULED_FOR
    # The verb follows ("The vote on Saturday will decide", "On Saturday, the council will
    # vote"): the words after the date.
    after = text[end : end + _CLAUSE_WINDOW]
    nxt = _CLAUSE_BREAK.search(after)
    if nxt is not None and nxt.start() == 0 and after[:1] == ",":
        tail = after[1:]
        stop = _CLAUSE_BREAK.search(tail)
        after = tail[: stop.start() if stop else len(tail)]
    else:
        after = after[: nxt.start() if nxt else len(after)]
    head = " ".join(after.split()[:5])
    future = _CLAUSE_FUTURE.search(head)
    # "On Friday, the council said it will vote": the day is the saying's, the verb before
    # the future one.
    if future and not any(_is_verb(w) for w in re.findall(r"[A-Za-z’']+", head[: future.start()])):
        return True
    # "On Monday, the summit opens in Paris": a timetabled present after its subject, before
    # any other verb.
    words = re.findall(r"[A-Za-z’']+", head)
    for i, word in enumerate(words):
        if _is_futurate(words, i):
            return True
        if _is_verb(word):
            return False
    return False


def as_read(text: str, published: date | None) -> Iterator[DateMention]:
    """Every date expression in `text` with the day(s) it means as its clause reads it: a bare
    weekday or a yearless date points back, or forward in a clause about the future."""
    for mention in find_dates(text, published, future=None):
        if len(mention.days) > 1:
            forward = points_forward(text, mention.start, mention.end)
            days = tuple(
                d for m in find_dates(mention.text, published, future=forward) for d in m.days
            )
            mention = replace(mention, days=days)
        yield mention


# What may stand between a copula and the day it schedules: "is on Tuesday", "is set for Friday".
_SCHEDULED_FOR = frozenset("on this for set due scheduled slated planned next".split())
# Words a noun follows, not a verb's subject: "the vote on Tuesday", "Clinton's visit on Friday",
# "after talks on Monday", "agreed to meet on Monday" (an infinitive is no present tense).
_NOT_A_SUBJECT = frozenset(
    """the a an this that these those its his her their our my your of for after before in on
    at by with from to as first last next each every no any""".split()
)


def _is_futurate(words: Sequence[str], i: int) -> bool:
    """Whether `words[i]` is a timetabled verb in the present (`SCHEDULE_VERBS`): the -ing form
    after "is"/"are" ("is speaking Thursday"), the -s form after its subject ("the summit opens
    Monday"), the base form after a plural subject ("talks resume Monday"); not a noun after a
    determiner ("the vote on Tuesday", "the Senate vote": a base form needs a plural before it)."""
    word = words[i].lower()
    if word not in SCHEDULE_VERBS or i == 0:
        return False
    prev = words[i - 1].lower()
    if word.endswith("ing"):
        if prev.endswith("ly") and i >= 2:  # "is also speaking"
            prev = words[i - 2].lower()
        return prev in ("is", "are")
    if prev in _NOT_A_SUBJECT or prev.endswith(("'s", "’s")):
        return False
    if word.endswith("s"):
        return True
    return prev.endswith("s") and prev not in AUXILIARY_VERBS and not prev.endswith("ss")


def _is_verb(word: str) -> bool:
    """A finite verb or auxiliary by its form: "said", "was", "halted", "has"."""
    w = word.lower()
    return w in AUXILIARY_VERBS or w in IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4)


def readings(when: str | None, published: str | None) -> tuple[date, ...]:
    """Every day `when` can mean, read back and forward ("Saturday" is last Saturday or the
    next one): what a date given with `when` must be one of."""
    if not when or not when.strip():
        return ()
    found: list[date] = []
    for mention in find_dates(when, parse_iso(published), future=None):
        found += [d for d in mention.days if d not in found]
    return tuple(found)


def resolve_event_date(when: str | None, text: str, published: str | None) -> str | None:
    """The ISO date `when` refers to, if exactly one and the article `text` supports it.

    `when` is the event's time as worded ("last Thursday", "on Wednesday", "Nov. 3"); relative
    words need `published` (YYYY-MM-DD). A weekday is read back unless `when` itself looks
    forward; when the text supports only the other reading (its clause is about the future),
    that one. An empty `text` skips the support check.
    """
    if not when or not when.strip():
        return None
    pub = parse_iso(published)
    future = _FUTURE.search(when) is not None
    mentions = list(find_dates(when, pub, future=future))
    if pub is None:
        # With no publication date, "Nov. 2" has its year where the article writes the same
        # day with one ("Nov. 2, 2016" under a photo): one article, one Nov. 2.
        mentions = [_with_year_of(m, text) if m.month_day else m for m in mentions]
    days = {d for m in mentions if len(m.days) == 1 for d in m.days}
    ambiguous = any(len(m.days) != 1 for m in mentions)
    if len(days) != 1 or ambiguous:
        return None
    (day,) = days
    if not text.strip() or _supported(day, text, pub):
        return day.isoformat()
    # Read the other way, `when` may be the day the text gives: "Saturday" of "will vote on
    # Saturday" is the next one.
    other = [d for d in readings(when, published) if d != day and _supported(d, text, pub)]
    return other[0].isoformat() if len(other) == 1 else None


def _with_year_of(mention: DateMention, text: str) -> DateMention:
    """`mention`, a month and day without a year, with the year `text` writes it with, if one."""
    years = {
        d
        for m in find_dates(text, None)
        if m.month_day is None
        for d in m.days
        if (d.month, d.day) == mention.month_day
    }
    return replace(mention, days=tuple(years)) if len(years) == 1 else mention


def event_date(
    when: str | None, model_date: str | None, text: str, published: str | None
) -> str | None:
    """`Event.date` as the program can stand behind it.

    The model's own date when it is one of the days `when` can mean and the article supports
    it (the engine read the clause's tense: "will race on Sunday" is the next Sunday); else
    the date `when` resolves to; failing that the model's date, kept only if the article
    supports it (a date it computed from nothing is dropped); otherwise None.
    """
    model = resolve_event_date(model_date, text, published)
    if model is not None and parse_iso(model) in readings(when, published):
        return model
    return resolve_event_date(when, text, published) or model


def is_recent(day: date, pub: date) -> bool:
    """Whether `day` is news on `pub`: in the week before publication or the day after (a
    story filed late, or in another time zone, may be dated a day early)."""
    return -7 <= (day - pub).days <= 1


# A day's paper reports that day's news or the evening's before (a morning edition, a story
# from a zone behind the writer's): the news cycle, narrower than `is_recent`'s week of news.
_NEWS_CYCLE_DAYS = 1


def is_news_cycle(day: date, pub: date) -> bool:
    """Whether `day` is the news of a paper of `pub`: that day or the one before."""
    return -_NEWS_CYCLE_DAYS <= (day - pub).days <= 0


def is_post_date(text: str, start: int) -> bool:
    """Whether the date expression at `start` of `text` is an embedded post's signature
    ("... (@handle) November 8, 2016"): the day someone posted, not a day of the story."""
    return _POSTED_BY.search(text, max(0, start - 24), start) is not None


def _supported(day: date, text: str, pub: date | None) -> bool:
    mentions = list(as_read(text, pub))
    for mention in mentions:
        if day in mention.days:
            return True
        if pub is None and mention.month_day == (day.month, day.day):
            return True
    # News convention: an article whose lead names no day around its publication reports what
    # happened the day it was published ("Toblerone has changed its shape"). A lead that names
    # such a day ("on Sunday") gives the day itself, and the publication day is not it; a day
    # named further on is background, and so is one in the page around the prose (its stamp
    # "Published: 8 November 2016", a post's signature, a dateline): the page's, not the lead's.
    if day != pub or not text.strip():
        return False
    prose = prose_sentences(text)
    lead = prose[: lead_size(prose, text)] if prose else [(0, len(text))]
    in_lead = [m for m in mentions if any(s <= m.start < e for s, e in lead)]
    return not any(is_recent(d, pub) for m in in_lead for d in m.days)


def _resolve(
    kind: str, match: re.Match[str], pub: date | None, future: bool | None
) -> DateMention | None:
    def mention(days: tuple[date, ...], month_day: tuple[int, int] | None = None) -> DateMention:
        return DateMention(match.start(), match.end(), match.group(0), days, month_day)

    if kind == "iso":
        day = _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
        return mention((day,)) if day else None
    if kind in ("month_day", "day_month"):
        month = MONTH_NUMBERS[match["mon"].lower()]
        dom = int(match["day"])
        if match["year"]:
            day = _make_date(int(match["year"]), month, dom)
            return mention((day,)) if day else None
        if _make_date(2000, month, dom) is None:  # 2000 is a leap year: Feb. 29 is allowed
            return None
        return mention(_year_for(month, dom, pub, future), (month, dom))
    if pub is None:
        return None
    if kind == "weekday":
        return mention(_weekday(pub, WEEKDAYS.index(match["wd"]), match["mod"], future))
    if kind == "clock":
        return mention((pub,))
    rel = " ".join(match["rel"].lower().split())
    return mention((pub + timedelta(days=_REL_OFFSET.get(rel, 0)),))


def _weekday(pub: date, target: int, modifier: str | None, future: bool | None) -> tuple[date, ...]:
    mod = " ".join(modifier.lower().split()) if modifier else ""
    back = (pub.weekday() - target) % 7  # 0..6 days back to the most recent such day
    ahead = (target - pub.weekday()) % 7  # 0..6 days ahead to the next such day
    if mod in ("last", "this past"):
        return (pub - timedelta(days=back or 7),)
    if mod in ("next", "this coming"):
        return (pub + timedelta(days=ahead or 7),)
    past, coming = pub - timedelta(days=back), pub + timedelta(days=ahead)
    if future is None:
        return (past,) if past == coming else (past, coming)
    return (coming,) if future else (past,)


def _year_for(month: int, dom: int, pub: date | None, future: bool | None) -> tuple[date, ...]:
    """The year a yearless date means: within ~10 months before or 2 after publication, or
    the coming year when the wording points forward. Both readings when checking support."""
    if pub is None:
        return ()
    windows = {False: (-300, 60), True: (0, 365)}
    wanted = (False, True) if future is None else (future,)
    found: list[date] = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        day = _make_date(year, month, dom)
        if day is None:
            continue
        delta = (day - pub).days
        if any(windows[w][0] <= delta <= windows[w][1] for w in wanted) and day not in found:
            found.append(day)
    return tuple(found)


def _make_date(year: int, month: int, dom: int) -> date | None:
    try:
        return date(year, month, dom)
    except ValueError:
        return None
