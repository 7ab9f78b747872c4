"""Evidence-anchored extraction: the model attributes passages and numbers by id.

The evidence layer finds the quoted passages and numbers; the model is shown them with ids and
answers with ids, speakers and descriptions. Quote text and number values then come from the
article itself, so they cannot be misquoted, and the model writes far fewer tokens. The article's
names (P ids), places (L ids) and dates (the day each means) are listed too: the event's who and
where may be answered with those ids, and its date copied, so that they stay the article's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from summarizer.engines.llm.checking import checked_against
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
    def _ids_exist(self) -> Self:
        anchors = checked_against().get("anchors")
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
    names: dict[str, str] = field(default_factory=dict)  # P ids: people and organisations
    places: dict[str, str] = field(default_factory=dict)  # L ids
    dates: list[tuple[str, str]] = field(default_factory=list)  # (as written, YYYY-MM-DD)

    @classmethod
    def from_evidence(cls, evidence: Evidence, *, published: str | None = None) -> Anchors:
        from summarizer.dates import find_dates, parse_iso, reference_day
        from summarizer.evidence.names import lead_names
        from summarizer.evidence.places import find_places

        text = evidence.text
        passages = [p for p in evidence.passages]
        numbers = [n for n in evidence.numbers if is_statistic(n)]
        places = list(dict.fromkeys(name for _, _, name in find_places(text)))
        names = [n for n in lead_names(text, 0, len(text)) if n not in places]
        dates = list(
            dict.fromkeys(
                (" ".join(m.text.split()), m.days[0].isoformat())
                for m in find_dates(text, parse_iso(reference_day(text, published)))
                if len(m.days) == 1
            )
        )
        return cls(
            passages={f"Q{i + 1}": p for i, p in enumerate(passages)},
            numbers={f"N{i + 1}": n for i, n in enumerate(numbers)},
            names={f"P{i + 1}": n for i, n in enumerate(names[:_MAX_LISTED])},
            places={f"L{i + 1}": n for i, n in enumerate(places[:_MAX_LISTED])},
            dates=dates[:_MAX_LISTED],
        )

    @classmethod
    def for_text(cls, text: str, *, published: str | None = None) -> Anchors:
        return cls.from_evidence(gather(text), published=published)

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
        # Only when there are some: an article without places costs no tokens for the heading.
        if self.names:
            lines.append("Names (for event.who):")
            lines += [f"{pid}: {name}" for pid, name in self.names.items()]
        if self.places:
            lines.append("Places (for event.where):")
            lines += [f"{lid}: {name}" for lid, name in self.places.items()]
        if self.dates:
            lines.append("Dates (for event.date):")
            lines += [f"{written} = {day}" for written, day in self.dates]
        return "\n".join(lines)

    def _named(self, entries: list[str], ids: dict[str, str]) -> list[str]:
        """Entries given as ids become the article's names; others stay as written."""
        return [ids.get(e.strip(), e) if _ID.fullmatch(e.strip()) else e for e in entries]

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
        event = draft.event.model_dump()
        event["who"] = self._named(event["who"], self.names)
        event["where"] = self._named(event["where"], self.places)
        return Summary(
            headline=draft.headline,
            summary=draft.summary,
            event=event,  # type: ignore[arg-type]
            quotes=quotes,
            statistics=statistics,
        )


_MAX_LISTED = 30  # names, places or dates listed: enough for any event, bounded for long texts
_ID = re.compile(r"[PL][0-9]+")


def _clip(text: str, words: int = 12) -> str:
    # The model sees the whole article; the first words are enough to tell passages apart.
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def _context(n: NumberMention) -> str:
    return n.text
