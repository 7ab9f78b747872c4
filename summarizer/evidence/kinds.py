"""What a quoted passage is: a direct quote, a partial quote, or a term, title or scare quote."""

from __future__ import annotations

import re

from summarizer.evidence.lexicon import (
    REPORTING_STEMS,
    WORD_USE_STEMS,
    verbs_for,
)
from summarizer.evidence.regex import by_first_letter, lazy_compile
from summarizer.evidence.text import (
    REACH,
    is_word_char,
    paragraph_at,
    sentence_end,
    sentence_start,
)
from summarizer.evidence.types import FoundPassage, PassageKind, QuotedPassage

__all__ = [
    "classify_kind",
]

_VERBS_RE = by_first_letter("|".join(verbs_for("cue")))
# --- classification ------------------------------------------------------------------------------


# The words before the verb are taken possessively ("++"): a word given back a letter at a time
# is never followed by a space, so backtracking into it was wasted work.
_CUE_AFTER = re.compile(
    rf"\s*[,—–-]?\s*(?:(?:{_VERBS_RE})\b"
    rf"|(?:[\w’'.\-]++\s++){{1,6}}(?:{_VERBS_RE})\b)"
)
_CUE_BEFORE = lazy_compile(rf"\b(?:{_VERBS_RE})\b[^.!?“”\"]{{0,40}}[:,]?\s*$")


def _cue_touching(text: str, p: FoundPassage) -> bool:
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
_NAMING_BEFORE = lazy_compile(
    r"(?<!so-)\b(?:titled|entitled|called|dubbed|nicknamed|labell?ed(?:\s+as)?|billed\s+as|"
    r"branded(?:\s+as)?|designated\s+as|known\s+as|refer(?:s|red)?\s+to(?:\s+\S+){0,4}\s+as|"
    r"referr(?:ed|ing)\s+to|reference\s+to|(?:chants?|cries|signs?)\s+of|chanting|read|reading|"
    r"the\s+(?:slogan|motto|hashtag)|(?:that|which)\s+"
    r"says|(?:he|she|they)\s+said|tweeted\s+that\s+\w+\s+was|as)(?:\s+(?:the|a|an))?\s*[,:]?\s*$",
    re.I,
)
# A word named as a word: someone's wording only when the sentence has them use or say it.
_WORD_BEFORE = re.compile(r"\bthe\s+(?:term|word|phrase)\s*[,:]?\s*$", re.I)
_WORD_USE = re.compile(rf"\b(?:{'|'.join(WORD_USE_STEMS)})\b", re.I)
_BYLINE_AFTER = re.compile(r"\s*,?\s*by\s+(?:the\s+)?[A-Z]")
# A digest's excerpt of another story: `“Headline,” by The Times’ Jane Doe: “First paragraph...”`.
_EXCERPT_BEFORE = re.compile(r"[”\"]\s*,?\s*by\s+[A-Z][^:\n“”\"]{1,60}:\s*$")
_TITLE_SMALL = frozenset("a an the of and or for in on at to with by from vs. vs is".split())
# What a sentence that reports someone's words or views contains: a verb of saying, thinking,
# naming or judging. A short quoted fragment in a sentence without one is the writer's own
# scare quote ("the “establishment” candidate"), not a partial quotation.
_REPORTING_WORDS = "|".join(REPORTING_STEMS)
_REPORTING = lazy_compile(rf"\b(?:{by_first_letter(_REPORTING_WORDS)})\b", re.I)
# A quoted phrase used as a modifier: followed by a lower-case noun ("movement", "crowd").
# Works (the “No Comparison” ad) stay titles.
_LABEL_USE = lazy_compile(
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
    for word in words:
        w = word.strip("()[]{}“”\"‘’'.,;:!?…")  # `(Oye).`: the word, not its brackets
        if not any(c.isalpha() for c in w):
            continue
        if first and not w[:1].isupper():
            return False
        first = False
        if not (w[:1].isupper() or w.lower() in _TITLE_SMALL or w[:1].isdigit()):
            return False
    return not first


def _in_sentence(text: str, p: FoundPassage, para_start: int, pattern: re.Pattern[str]) -> bool:
    """`pattern` occurs in the sentence around the passage, outside the passage itself."""
    _, para_end = paragraph_at(text, p.outer_start)
    begin = sentence_start(text, p.outer_start, para_start)
    end = sentence_end(text, p.outer_end, para_end)
    return (
        pattern.search(text, begin, p.outer_start) is not None
        or pattern.search(text, p.outer_end, end) is not None
    )


def _reported(text: str, p: FoundPassage, cue: str | None, para_start: int) -> bool:
    """The sentence around the passage reports what someone said, thought or called something."""
    return bool(cue) or _in_sentence(text, p, para_start, _REPORTING)


# The words that end a _NAMING_BEFORE match, before its optional "[,:]" (an article too).
_NAMING_LAST = tuple(
    "titled entitled called dubbed nicknamed labeled labelled branded as to of chanting read "
    "reading slogan motto hashtag says said was the a an".split()
)


def _may_name(text: str, start: int, end: int) -> bool:
    """False only where `_NAMING_BEFORE` cannot match in text[start:end], told from its last
    word alone (the pattern, searched at every position of the look-back, is the slow part): a
    match ends with one of `_NAMING_LAST`, set off by a character that is no letter, digit or
    "_". Letters beyond ASCII go to the pattern (re.I folds "ſ" to "s", str.lower does not)."""
    tail = text[start:end].rstrip()
    if tail[-1:] in (",", ":"):
        tail = tail[:-1].rstrip()
    tail = tail[-10:]  # the longest of the words and the character before it
    if not tail.isascii():
        return True
    low = tail.lower()
    for word in _NAMING_LAST:
        if low.endswith(word):
            if len(low) == len(word):
                return True  # where the word starts the look-back, the pattern decides
            before = low[-len(word) - 1]
            if not is_word_char(before):
                return True
    return False


def _naming(text: str, p: FoundPassage, cue: str | None, para_start: int) -> bool:
    """Words before the passage introduce a quotation of what someone wrote, chanted or named
    (a memo titled “...”, the term “...” someone used), or it glosses a name in brackets."""
    near = max(para_start, p.outer_start - 60)
    return (
        (
            _may_name(text, near, p.outer_start)
            and _NAMING_BEFORE.search(text, near, p.outer_start) is not None
        )
        or (
            # Marco Rubio (“Little Marco”): a gloss in brackets gives the words someone used.
            text[p.outer_start - 1 : p.outer_start] == "("
            and text[p.outer_end : p.outer_end + 1] == ")"
        )
        or (
            _WORD_BEFORE.search(text, near, p.outer_start) is not None
            and (
                _reported(text, p, cue, para_start) or _in_sentence(text, p, para_start, _WORD_USE)
            )
        )
    )


def classify_kind(
    text: str, p: FoundPassage, cue: str | None, passages: list[QuotedPassage]
) -> PassageKind:
    """direct: a statement; partial: a fragment of someone's words; term: a title or scare quote.

    `cue` is the reporting verb attribution found for `p`. `passages` are those before `p`,
    already classified (a title list reads as one).
    """
    if p.continues:
        return "direct"
    inner = p.text.strip()
    words = inner.split()
    n = len(words)
    ends_sentence = inner[-1:] in ".?!,;:—–-…" or inner.endswith("...")
    starts_upper = inner[:1].isupper() or inner[:1] in "‘'…[(" or inner[:1].isdigit()
    para_start, _ = paragraph_at(text, p.outer_start)
    # What leads up to the passage, within reach: a whole long paragraph each time would make
    # classifying the passages of one line quadratic in its length.
    before = text[max(para_start, p.outer_start - REACH) : p.outer_start]
    tail = before.rstrip()[-1:]  # "" when nothing but spaces leads up to the passage
    opens_sentence = not tail or tail in ':.!?”"—–(' + "'" or tail == ","  # [,]\s*$
    # The marks alone: the inner text was trimmed, so a space may stand between it and a mark
    # (`...that. “`).
    opener, closer = text[p.outer_start : p.start].strip(), text[p.end : p.outer_end].strip()
    if (closer == "“" and opener != "„") or opener == "”":
        # “...“ or ”...”: a typing slip in the marks; where the quotation ends is not shown, so
        # it is not taken for one (the annotated corpora do not pair such marks either). „...“
        # is the German pair, not a slip.
        return "term"
    near = max(para_start, p.outer_start - 60)
    # Whether words before the passage name it as someone's wording (`_naming`) is asked only
    # where it decides the kind: the look-back is the slowest test here.
    title = _title_case(words)
    exclaimed = inner.endswith("!")  # “BERNIE!” chants: an utterance, not a name
    prev = next((q for q in reversed(passages) if q.outer_end <= p.outer_start), None)
    if (
        title
        and prev is not None
        and prev.kind == "term"
        and _LIST_GAP.fullmatch(text, prev.outer_end, p.outer_start)
    ):
        return "term"  # roles in “Apollo 13,” “Big” and “Splash”: one title after another
    if (
        n <= 10
        and title
        and not exclaimed
        and _MEDIA_BEFORE.search(text, near, p.outer_start)
        and not _naming(text, p, cue, para_start)
    ):
        return "term"  # on ABC's “This Week”, starred in “Parks and Recreation”: a title
    headline = title or inner.rstrip("’'").endswith(",")
    if n <= 25 and headline and _BYLINE_AFTER.match(text, p.outer_end):
        return "term"  # “Headline of a linked story,” by Jane Doe
    if tail == ":" and _EXCERPT_BEFORE.search(before):  # the pattern ends in ":\s*$"
        return "term"  # a digest's excerpt of another story, not anyone's statement
    shaped = n >= 2 and starts_upper and (ends_sentence or n >= 8)
    # Whether a cue touches the passage is asked only where it decides the kind (the same
    # answers: in each test below it is one of the conditions that must all hold).
    touching = (
        (shaped and not opens_sentence)
        or (n >= 4 and (ends_sentence or opens_sentence))
        or (n <= 7 and title and ends_sentence)
    ) and _cue_touching(text, p)
    if shaped and (opens_sentence or touching):
        return "direct"
    if touching and n >= 4 and (ends_sentence or opens_sentence):
        return "direct"
    # A label the writer uses, marked as someone else's word: so-called “X”, despite “X”.
    if n <= 3 and _LABEL_BEFORE.search(text, max(0, p.outer_start - 20), p.outer_start):
        return "term"
    # Short and shaped like a title, with nobody saying it: a name of a thing.
    if (
        n <= 7
        and title
        and not (touching and ends_sentence)
        and not exclaimed
        and not _naming(text, p, cue, para_start)
    ):
        # ...unless it is a slogan made into a label (the “Stop Trump” movement, the “Bernie or
        # Bust” crowd) in a sentence that reports someone's words.
        if n >= 2 and _LABEL_USE.match(text, p.outer_end) and _reported(text, p, cue, para_start):
            return "partial"
        return "term"
    # A short lower-case fragment in a sentence that reports nobody's words: a scare quote.
    if (
        n <= 3
        and not starts_upper
        and not _naming(text, p, cue, para_start)
        and not _reported(text, p, cue, para_start)
    ):
        return "term"
    return "partial"
