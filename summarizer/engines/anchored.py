"""Evidence-anchored extraction: the model attributes passages and numbers by id.

The evidence layer finds the quoted passages and numbers; the model is shown them with ids and
answers with ids, speakers and descriptions. Quote text and number values then come from the
article itself, so they cannot be misquoted, and the model writes far fewer tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from summarizer.evidence import Evidence, gather
from summarizer.evidence.numbers import is_statistic
from summarizer.evidence.types import NumberMention, QuotedPassage
from summarizer.models import DraftEvent, Quote, QuoteKind, Statistic, Summary


class AnchoredQuote(BaseModel):
    id: str = Field(description="A Q id from the list.")
    speaker: str | None = Field(description="Who said it, full name as in the article.")
    speaker_role: str | None = Field(description="Their title or role, if given.")


class AnchoredStatistic(BaseModel):
    id: str = Field(description="An N id from the list.")
    describes: str = Field(description="What the number measures, a few words.")


class AnchoredDraft(BaseModel):
    headline: str = Field(description="A factual headline.")
    summary: str = Field(description="Two to four sentences, neutral, no new facts.")
    event: DraftEvent
    quotes: list[AnchoredQuote] = Field(description="Quoted passages that are quotes.")
    statistics: list[AnchoredStatistic] = Field(description="Numbers that measure something.")

    @model_validator(mode="after")
    def _ids_exist(self, info: ValidationInfo) -> Self:
        anchors = (info.context or {}).get("anchors")
        if not isinstance(anchors, Anchors):
            return self
        unknown = [q.id for q in self.quotes if q.id not in anchors.passages]
        unknown += [s.id for s in self.statistics if s.id not in anchors.numbers]
        if unknown:
            raise ValueError(f"unknown ids {', '.join(unknown)}: use only ids from the lists")
        return self


@dataclass(frozen=True)
class Anchors:
    """The ids shown to the model and what they stand for."""

    passages: dict[str, QuotedPassage]
    numbers: dict[str, NumberMention]

    @classmethod
    def from_evidence(cls, evidence: Evidence) -> Anchors:
        passages = [p for p in evidence.passages]
        numbers = [n for n in evidence.numbers if is_statistic(n)]
        return cls(
            passages={f"Q{i + 1}": p for i, p in enumerate(passages)},
            numbers={f"N{i + 1}": n for i, n in enumerate(numbers)},
        )

    @classmethod
    def for_text(cls, text: str) -> Anchors:
        return cls.from_evidence(gather(text))

    def listing(self) -> str:
        """The lists appended to the user message: ids, then the text as written."""
        lines = ["Quoted passages:"]
        lines += [f"{pid}: \u201c{_clip(p.text)}\u201d" for pid, p in self.passages.items()]
        if not self.passages:
            lines.append("(none)")
        lines.append("Numbers:")
        lines += [f"{nid}: {_context(n)}" for nid, n in self.numbers.items()]
        if not self.numbers:
            lines.append("(none)")
        return "\n".join(lines)

    def to_summary(self, draft: AnchoredDraft) -> Summary:
        quotes = []
        for q in draft.quotes:
            passage = self.passages.get(q.id)
            if passage is None:
                continue
            kind: QuoteKind = "partial" if passage.kind == "partial" else "direct"
            quotes.append(
                Quote(
                    text=passage.text,
                    speaker=q.speaker,
                    speaker_role=q.speaker_role,
                    kind=kind,
                )
            )
        statistics = []
        for s in draft.statistics:
            number = self.numbers.get(s.id)
            if number is None:
                continue
            statistics.append(
                Statistic(
                    text=number.text, value=number.value, unit=number.unit, describes=s.describes
                )
            )
        return Summary(
            headline=draft.headline,
            summary=draft.summary,
            event=draft.event.model_dump(),  # type: ignore[arg-type]
            quotes=quotes,
            statistics=statistics,
        )


def _clip(text: str, words: int = 12) -> str:
    # The model sees the whole article; the first words are enough to tell passages apart.
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def _context(n: NumberMention) -> str:
    return n.text
