"""Evidence-anchored extraction: the model attributes passages and numbers by id.

The evidence layer finds the quoted passages and numbers; the model is shown them with ids and
answers with ids, speakers and descriptions. Quote text and number values then come from the
article itself, so they cannot be misquoted, and the model writes far fewer tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Self

from pydantic import Field, StringConstraints, ValidationInfo, model_validator

from summarizer.evidence import Evidence, gather
from summarizer.evidence.numbers import is_statistic, statistic_fields
from summarizer.evidence.types import NumberMention, QuotedPassage
from summarizer.models import (
    DraftEvent,
    DraftModel,
    Line,
    Paragraph,
    Quote,
    QuoteKind,
    Statistic,
    Summary,
)

# Ids are constrained like the other fields (see summarizer.models.Line).
QuoteId = Annotated[str, StringConstraints(pattern=r"^Q[0-9]+$")]
# "N3: people arrested nationally": one short string per statistic. A JSON object keyed by id
# would be as short, but grammar-constrained servers ignore patterns on keys.
NumberLine = Annotated[str, StringConstraints(pattern=r"^N[0-9]+: [^\n]{1,200}$")]


class AnchoredSpeaker(DraftModel):
    speaker: Line | None = Field(description="Who said them, full name as in the article.")
    speaker_role: Line | None = Field(description="Their title or role, if given.")
    ids: list[QuoteId] = Field(description="Q ids of the passages they said or wrote.")


class AnchoredDraft(DraftModel):
    headline: Line = Field(description="A factual headline.")
    summary: Paragraph = Field(description="Two to four sentences, neutral, no new facts.")
    event: DraftEvent
    speakers: list[AnchoredSpeaker] = Field(description="Quotes grouped by speaker.")
    statistics: list[NumberLine] = Field(
        description="For each number that measures something: 'N id: what it measures'."
    )

    def described(self) -> list[tuple[str, str]]:
        """The statistics as (N id, what it measures)."""
        pairs = (line.split(":", 1) for line in self.statistics)
        return [(nid.strip(), describes.strip()) for nid, describes in pairs]

    @model_validator(mode="after")
    def _ids_exist(self, info: ValidationInfo) -> Self:
        anchors = (info.context or {}).get("anchors")
        if not isinstance(anchors, Anchors):
            return self
        unknown = [q for group in self.speakers for q in group.ids if q not in anchors.passages]
        unknown += [nid for nid, _ in self.described() if nid not in anchors.numbers]
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
        # Quotes in article order, whatever order the model grouped them in.
        attributed: dict[str, AnchoredSpeaker] = {}
        for group in draft.speakers:
            for qid in group.ids:
                attributed.setdefault(qid, group)
        quotes = []
        for qid, passage in self.passages.items():
            said = attributed.get(qid)
            if said is None:
                continue
            kind: QuoteKind = "partial" if passage.kind == "partial" else "direct"
            quotes.append(
                Quote(
                    text=passage.text,
                    speaker=said.speaker,
                    speaker_role=said.speaker_role,
                    kind=kind,
                )
            )
        statistics = [
            Statistic(text=number.text, **statistic_fields(number), describes=describes)
            for nid, describes in draft.described()
            if (number := self.numbers.get(nid)) is not None
        ]
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
