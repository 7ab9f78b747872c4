"""What the article itself says, found without a model: quoted passages, numbers, speakers.

Pure: imports nothing of openai, instructor or typer. Offsets are always into the original text.

Modules: `lexicon` (every word list: reporting verbs, pronouns, titles, months, abbreviations...),
`text` (the one sentence and paragraph splitter), `quotes` (the quote scan), `attribution` (who
said it), `kinds` (direct / partial / term), `names` (the name index, roles), `places` (the
gazetteer, demonyms both ways), `numbers` (the public face of the `numbers_*` parts: digits,
words, tails, classify, ranges, describe, atom, vocab; `is_statistic` is the one rule for what
counts as a statistic), `normalize` and `align` (matching a claim to the text),
`found` (what was found, as JSON-ready data: `report()`), `types`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from summarizer.evidence.types import Evidence, NumberMention, QuotedPassage

__all__ = ["Evidence", "NumberMention", "QuotedPassage", "gather", "report"]


# One article is checked several times in a run (each re-ask, the anchored listing, the final
# check); Evidence is immutable, so the same text reuses one computation.
@lru_cache(maxsize=64)
def gather(text: str) -> Evidence:
    """Everything the evidence layer finds in `text`, computed once per text."""
    from summarizer.evidence.numbers import find_numbers
    from summarizer.evidence.quotes import find_quoted_passages

    return Evidence(
        text=text,
        passages=tuple(find_quoted_passages(text)),
        numbers=tuple(find_numbers(text)),
    )


def report(text: str) -> dict[str, Any]:
    """What `gather(text)` found, as JSON-ready data (`summarizer evidence`); see `found.py`."""
    from summarizer.evidence.found import evidence_report

    return evidence_report(gather(text))
