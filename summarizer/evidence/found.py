"""What the evidence layer found in a text, as plain JSON-ready data: `summarizer evidence`.

One record per quoted passage (kind, speaker as credited, the reporting verb, where the speaker
is mentioned, the multi-paragraph group) and per number (value, high end, unit, kind, note), so
a reader can see why a quote was attributed as it was. Offsets are into the text given.
"""

from __future__ import annotations

from typing import Any

from summarizer.evidence.types import Evidence, NumberMention, QuotedPassage

__all__ = ["evidence_report"]

REPORT_VERSION = "1"


def _passage(i: int, p: QuotedPassage, text: str) -> dict[str, Any]:
    span = p.speaker_span
    return {
        "id": f"Q{i + 1}",
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "kind": p.kind,
        "speaker": p.speaker,
        "speaker_as_written": text[span[0] : span[1]] if span else None,
        "speaker_span": list(span) if span else None,
        "speaker_is_pronoun": p.speaker_is_pronoun,
        "cue": p.cue,
        "group": p.group,
        "continues": p.continues,
    }


def _number(i: int, n: NumberMention) -> dict[str, Any]:
    return {
        "id": f"N{i + 1}",
        "start": n.start,
        "end": n.end,
        "text": n.text,
        "value": n.value,
        "high": n.high,
        "unit": n.unit,
        "kind": n.kind,
        "note": n.note,
    }


def evidence_report(found: Evidence) -> dict[str, Any]:
    """Every quoted passage and number of `found` (what `gather(text)` gives), as JSON-ready
    dicts."""
    text = found.text
    return {
        "report_version": REPORT_VERSION,
        "chars": len(text),
        "passages": [_passage(i, p, text) for i, p in enumerate(found.passages)],
        "numbers": [_number(i, n) for i, n in enumerate(found.numbers)],
    }
