"""The evidence layer's data: plain frozen dataclasses, offsets into the original text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

PassageKind = Literal["direct", "partial", "term"]
NumberKind = Literal[
    "quantity", "percent", "money", "date", "year", "time", "ordinal", "age", "duration"
]
# What a reported statistic counts (the contract's `Statistic.kind`, decided by
# `numbers.statistic_kind`): "count" (people, homes; no unit or a counted noun), "money" (with an
# ISO 4217 currency), "percent" (also percentage and basis points), "measure" (a unit of
# measurement: km, mph, GB, degrees Celsius), "duration" (days, years), "age" (a 68-year-old, a
# 2,900-year-old site), "ratio" (one in five, a third, threefold).
StatisticKind = Literal["count", "money", "percent", "measure", "duration", "age", "ratio"]


@dataclass(frozen=True, slots=True)
class QuotedPassage:
    """Text between quotation marks. `start`/`end` cover the inner text, marks excluded."""

    start: int
    end: int
    outer_start: int  # the opening mark (or the paragraph start for an unmarked continuation)
    outer_end: int  # after the closing mark (or the paragraph end when the quote runs on)
    text: str
    kind: PassageKind  # direct statement, partial fragment inside paraphrase, or term/title/scare
    speaker: str | None = None  # as written, pronouns resolved to the nearest fitting name
    speaker_span: tuple[int, int] | None = None  # where the speaker (or pronoun) is mentioned
    speaker_is_pronoun: bool = False
    cue: str | None = None  # the reporting verb: said, told, according to...
    continues: bool = False  # a later paragraph of a multi-paragraph quote
    group: int = 0  # the paragraphs of one multi-paragraph quote share a group


class FoundPassage(NamedTuple):
    """A passage as the quote scan finds it, before attribution and classification: the input of
    `attribution.attribute` and `kinds.classify_kind`, from which the `QuotedPassage` is built
    once. (A tuple: built for every passage, it costs half a frozen dataclass.)"""

    start: int
    end: int
    outer_start: int
    outer_end: int
    text: str
    continues: bool
    group: int


class Attribution(NamedTuple):
    """Who a passage is credited to, and by which reporting verb."""

    speaker: str
    span: tuple[int, int]  # where the speaker (or pronoun) is mentioned
    pronoun: bool
    cue: str | None


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number as written. `value` is the low end of a range, `high` its high end."""

    start: int
    end: int
    text: str
    value: float | None
    kind: NumberKind
    unit: str | None = None
    high: float | None = None
    # why the value is what it is when that is not obvious: "vague" (thousands -> 1000..10000),
    # "score", "ratio", "fraction", "rank", "label" (Game 6), "code" (20px), "decade"
    note: str | None = None
    # hedged by the words before it: about, nearly, more than, up to, at least, almost...
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    passages: tuple[QuotedPassage, ...]
    numbers: tuple[NumberMention, ...]
