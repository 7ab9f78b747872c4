"""The output contract: one article's result, and the part the model is asked for.

These models are the single source of truth. `schemas/result.schema.json` is generated from
`Result` by `summarizer schema`; a test fails when the committed file drifts.

Two families live here:
- the contract (`Result` and its parts), what users and other tools read;
- the draft (`DraftSummary`), what the model is asked to produce. It has no spans or statuses:
  those are computed by the program from the article text, never trusted from the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticUndefined

from summarizer.evidence.types import StatisticKind  # "count" | "money" | ...: see there

SCHEMA_VERSION: Literal["2"] = "2"

Status = Literal["exact", "normalized", "fuzzy", "unverified"]
QuoteKind = Literal["direct", "partial"]
Severity = Literal["error", "warning"]
EngineName = Literal["llm", "offline"]
ClaimKind = Literal["number", "name", "place", "date", "quotation", "sentence"]
# exact: as written; normalized: the same once typography, case or the way a number or date is
# written differ ("seven" for "7", 2016-11-09 for "November 9, 2016"); alias: another form of
# the same name or day ("Trump" for "Mr. Trump", ICE, "Wednesday" resolved against `published`);
# approximate: a hedged or rounded number the article's value fits ("nearly 500" for 498), or a
# summary sentence not in the article whose words mostly are.
ClaimStatus = Literal["exact", "normalized", "alias", "approximate", "unverified"]

# YYYY-MM-DD, kept as a string so the JSON is exactly what the contract shows.
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def replaced(self, update: Mapping[str, Any]) -> Self:
        """`model_copy(update=update)`: the same shallow copy, fields set and no validation,
        without its general path (deep copies, extra fields, three `copy` calls). Verification
        copies every quote and statistic of a summary so: a tenth of a check went there."""
        if self.model_config.get("extra") == "allow":
            return self.model_copy(update=update)  # (a subclass's) unknown keys go to extra
        cls = type(self)
        copied = cls.__new__(cls)
        setattr_ = object.__setattr__
        setattr_(copied, "__dict__", {**self.__dict__, **update})
        extra, private = self.__pydantic_extra__, self.__pydantic_private__
        setattr_(copied, "__pydantic_extra__", None if extra is None else dict(extra))
        setattr_(copied, "__pydantic_fields_set__", self.__pydantic_fields_set__ | update.keys())
        if private is not None:
            private = {k: v for k, v in private.items() if v is not PydanticUndefined}
        setattr_(copied, "__pydantic_private__", private)
        return copied


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

    @field_validator("published", mode="before")
    @classmethod
    def _published_as_date(cls, value: object) -> object:
        """What feeds carry (ISO datetimes with a zone, RFC 2822) becomes the day written."""
        if not isinstance(value, str):
            return value
        # Only for a date given: the date finder (~35 ms of imports and patterns) then loads
        # when something needs it, not before a batch's first request.
        from summarizer.dates import normalize_published

        return normalize_published(value)


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
    # the high end of a range ("$89 to $93 billion": value 89e9, high 93e9), else null
    high: float | None = None
    unit: str | None = None
    kind: StatisticKind | None = None
    currency: str | None = None  # ISO 4217 code for money ("USD"), else null
    # hedged in the text: about, nearly, around, more than, over, up to, at least, almost
    approximate: bool = False
    # an order of magnitude, not a count: "millions", "tens of thousands", "dozens"
    # (value..high then spans the decade: "thousands" -> 1000..10000)
    vague: bool = False
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
    claims: int = 0
    claims_grounded: int = 0


class Claim(_Model):
    """A checkable fact of the headline, summary or event: a number, name, place, date or
    quotation, where the article has it (`spans`, empty when only the title has it) and how."""

    path: str
    kind: ClaimKind
    text: str
    status: ClaimStatus = "unverified"
    spans: list[Span] = Field(default_factory=list)


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
    claims: list[Claim] = Field(default_factory=list)
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
    schema_version: Literal["2"] = SCHEMA_VERSION
    article: Article
    summary: Summary
    verification: Verification
    provenance: Provenance


# --- What the model is asked for -------------------------------------------------------------
# Descriptions are written for the model and kept short: they are sent with every request.


def compact_schema(node: Any, *, top: bool = True) -> Any:
    """The same JSON Schema in fewer tokens: no per-field titles, `type: [X, "null"]`.

    Every request carries the schema, so this is paid per article. The top-level title stays:
    instructor sends it as the tool's name.
    """
    if isinstance(node, list):
        return [compact_schema(item, top=False) for item in node]
    if not isinstance(node, dict):
        return node
    out = {
        key: compact_schema(value, top=False)
        for key, value in node.items()
        if not (key == "title" and not top and isinstance(value, str))
    }
    options = out.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = options[0] if options[1] == {"type": "null"} else options[1]
        if isinstance(other, dict) and isinstance(other.get("type"), str):
            del out["anyOf"]
            out.update(other)
            out["type"] = [other["type"], "null"]
    return out


# Bounds travel in the JSON Schema. Servers that constrain decoding with it (llama.cpp, vLLM,
# Ollama) then stop a small model that loops inside a string; they are far above real answers.
Line = Annotated[str, StringConstraints(max_length=300)]
Passage = Annotated[str, StringConstraints(max_length=1500)]
Paragraph = Annotated[str, StringConstraints(max_length=1200)]


class DraftModel(BaseModel):
    """Base of what the model fills in: its JSON Schema is compacted (see compact_schema)."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        schema: dict[str, Any] = compact_schema(super().model_json_schema(*args, **kwargs))
        return schema


class DraftEvent(DraftModel):
    what: Passage = Field(description="The main event in one sentence.")
    who: list[Line] = Field(description="People and organisations involved.", max_length=30)
    where: list[Line] = Field(description="Places named.", max_length=30)
    when: Line | None = Field(description="When, as the article words it.")
    date: str | None = Field(
        description="YYYY-MM-DD if the article gives the exact date, else null."
    )


class DraftQuote(DraftModel):
    text: str = Field(description="The quoted words, copied exactly.", max_length=5000)
    speaker: Line | None = Field(description="Who said it, full name.")
    speaker_role: Line | None = Field(description="Their title or role, if given.")
    kind: QuoteKind = Field(
        description="direct: a quoted statement; partial: a quoted fragment in a sentence."
    )


class DraftStatistic(DraftModel):
    text: Line = Field(description="The number exactly as written, e.g. '498', '$1.2 billion'.")
    value: float | None = Field(description="Its numeric value, e.g. 1200000000.")
    high: float | None = Field(default=None, description="A range's high end, else null.")
    unit: Line | None = Field(description="Unit or currency, e.g. 'people', 'USD', '%'.")
    describes: Line = Field(description="What the number measures, a few words.")


class DraftSummary(DraftModel):
    headline: Line = Field(description="A factual headline.")
    summary: Paragraph = Field(description="Two to four sentences, neutral, no new facts.")
    event: DraftEvent
    quotes: list[DraftQuote] = Field(description="Every quotation; not titles or scare quotes.")
    statistics: list[DraftStatistic] = Field(
        description="Numbers that measure something; not dates or years."
    )

    def to_summary(self) -> Summary:
        """The contract's summary, with spans and statuses left for verification to fill."""
        return Summary.model_validate(self.model_dump())
