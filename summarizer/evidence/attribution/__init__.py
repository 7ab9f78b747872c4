"""Who said it: the speaker of each quoted passage, found with patterns, not a model.

The patterns are the ones news writing actually uses:
- after the quote: `“...,” Name said`, `“...,” said Name, title`, `“...,” he said`,
  `“...,” the spokesman said`, `“...,” according to the agency`;
- before it: `Name said: “...”`, `Name said, “...”`, `Name told reporters that “...”`,
  `Name, title, called it “a disgrace”`;
- chains: `“A,” Name said. “B.”` (B inherits), the paragraphs of a multi-paragraph quote share
  their speaker, and a quote paragraph with no attribution of its own continues the previous
  paragraph's speaker; a paragraph ending with a colon introduces the quote paragraph after it.
  These rules go by sentences, not lines, wherever they can: a text that lost its line breaks
  reads the same.
Pronouns are resolved to the nearest fitting person named before them (outside quotations).

Everything here is heuristic and cheap: a ~5 KB article is attributed in about a millisecond.

The parts, each importing only those above it:
- `phrases`: the reporting verbs as patterns, a short phrase read as a speaker (`_Speaker`);
- `subjects`: the subject of a clause (before or after its verb, opening a sentence);
- `cues`: the reporting clause before or after a quote (`_Cue`);
- `pronouns`: what a he/she/they stands for, the speaker string, `names_near`,
  `organisation_for`;
- `chains`: the public `attribute` (cues weighed, shared along chains and groups, a fallback).
"""

from __future__ import annotations

from summarizer.evidence.attribution.chains import attribute
from summarizer.evidence.attribution.pronouns import names_near, organisation_for

__all__ = [
    "attribute",
    "names_near",
    "organisation_for",
]
