"""The output contract: one article's result, and the part the model is asked for.

These models are the single source of truth. `schemas/result.schema.json` is generated from
`Result` by `summarizer schema`; a test fails when the committed file drifts.

Two families live here:
- the contract (`Result` and its parts), what users and other tools read;
- the draft (`DraftSummary`), what the model is asked to produce. It has no spans or statuses:
  those are computed by the program from the article text, never trusted from the model.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Status = Literal["exact", "normalized", "fuzzy", "unverified"]
QuoteKind = Literal["direct", "partial"]
Severity = Literal["error", "warning"]
EngineName = Literal["llm", "offline"]

# YYYY-MM-DD, kept as a string so the JSON is exactly what the contract shows.
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Character offsets into `article.text`, end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Article(_Model):
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, pattern=ISO_DATE)
    text: str


class Event(_Model):
    what: str
    who: list[str] = Field(default_factory=list)
    where: list[str] = Field(default_factory=list)
    when: str | None = None
    date: str | None = Field(default=None, pattern=ISO_DATE)


class Quote(_Model):
    text: str
    speaker: str | None = None
    speaker_role: str | None = None
    kind: QuoteKind = "direct"
    span: Span | None = None
    status: Status = "unverified"


class Statistic(_Model):
    text: str
    value: float | None = None
    unit: str | None = None
    describes: str
    span: Span | None = None
    status: Status = "unverified"


class Summary(_Model):
    headline: str
    summary: str
    event: Event
    quotes: list[Quote] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)


class Counts(_Model):
    quoted_passages: int = 0
    quotes: int = 0
    quotes_grounded: int = 0
    numbers: int = 0
    statistics: int = 0
    statistics_grounded: int = 0


class MissedQuote(_Model):
    start: int
    end: int
    text: str


class Issue(_Model):
    severity: Severity
    path: str
    message: str


class Verification(_Model):
    passed: bool
    counts: Counts = Field(default_factory=Counts)
    missed_quotes: list[MissedQuote] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class Provenance(_Model):
    engine: EngineName
    model: str | None = None
    prompt_sha256: str | None = None
    attempts: int = 0
    usage: Usage | None = None


class Checked(_Model):
    """A summary after verification: spans and statuses filled, plus the report."""

    summary: Summary
    verification: Verification


class Result(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    article: Article
    summary: Summary
    verification: Verification
    provenance: Provenance


# --- What the model is asked for -------------------------------------------------------------
# Descriptions are written for the model and kept short: they are sent with every request.


class DraftEvent(BaseModel):
    what: str = Field(description="The main event in one sentence.")
    who: list[str] = Field(description="People and organisations involved, full names.")
    where: list[str] = Field(description="Places, as named in the article.")
    when: str | None = Field(description="When it happened, as the article words it.")
    date: str | None = Field(
        description="YYYY-MM-DD only if the article states or implies the exact date, else null."
    )


class DraftQuote(BaseModel):
    text: str = Field(description="The words inside the quotation marks, copied exactly.")
    speaker: str | None = Field(description="Who said it, full name as in the article.")
    speaker_role: str | None = Field(description="The speaker's title or role, if given.")
    kind: QuoteKind = Field(
        description="direct: a full quoted statement; partial: a quoted fragment inside a sentence."
    )


class DraftStatistic(BaseModel):
    text: str = Field(description="The number exactly as written, e.g. '498', '$1.2 billion'.")
    value: float | None = Field(description="Its numeric value, e.g. 1200000000.")
    unit: str | None = Field(description="Unit or currency, e.g. 'people', 'USD', '%'.")
    describes: str = Field(description="What the number measures, a few words.")


class DraftSummary(BaseModel):
    headline: str = Field(description="A factual headline.")
    summary: str = Field(description="Two to four sentences, neutral, no new facts.")
    event: DraftEvent
    quotes: list[DraftQuote] = Field(
        description="Every direct quotation in quotation marks; not titles or scare quotes."
    )
    statistics: list[DraftStatistic] = Field(
        description="Every number that measures something; not dates or years."
    )

    def to_summary(self) -> Summary:
        """The contract's summary, with spans and statuses left for verification to fill."""
        return Summary.model_validate(self.model_dump())
