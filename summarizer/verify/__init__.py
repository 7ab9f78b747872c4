"""Check a summary against its article: what is grounded, what was invented, what was missed.

Pure: imports nothing of openai, instructor or typer. Returns data, never raises on a bad summary
(only on one that is not a summary at all: an `InputError`).

Decisions worth knowing:
- A quote's status comes from `align` (exact / normalized / fuzzy / unverified); `fuzzy` and
  `unverified` are errors. Spans point at the original text.
- Speaker: a claimed *name* (surname, full name, "Mr. X", "X, a role at Y", an organisation or
  its acronym) is right when it is the speaker the evidence layer credits (pronouns resolved,
  continuation paragraphs inheriting it), or when it stands in the quote's own sentence (or the
  one before or after, when the quote stands alone) as a source: next to a reporting word, or at
  least as close to the quote as the credited speaker. With no named credit, a mention anywhere
  in the quote's paragraph or the one before will do. Names inside quotation marks never count:
  a name someone *says* is not who says it. Otherwise it is an error naming who the article
  credits. A pronoun or a descriptive phrase ("he", "the agency", "officials") is right when it
  stands near the quote and at most a warning otherwise: it cannot contradict a name.
- A quote whose words stand twice in the article is checked at the occurrence that fits its
  speaker.
- Statistic: grounded when its text is found as a whole number (not inside a longer one) and its
  `value` equals the article's value there. The number as written ("$1.2 billion" given as 1.2)
  and a percentage given as a fraction (0.12 for "12%") are accepted with a warning.
- Coverage counts a multi-paragraph quote once (its continuation paragraphs are not counted), and
  a direct quote is missed when no quote's span overlaps it (or any paragraph of it); missed
  quotes are a warning, since a summary may choose its quotes.

The checks live in one module each: `quotes` (coverage), `speakers`, `statistics`, `claims`
(with `words`, the article's ordinary words), `placement` (which occurrence a quote is),
`injection` (text addressed to the model).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from summarizer.errors import InputError
from summarizer.evidence.align import UNVERIFIED, TextIndex
from summarizer.evidence.numbers import is_statistic
from summarizer.evidence.types import Evidence
from summarizer.models import Checked, Counts, Issue, Quote, Span, Statistic, Summary, Verification
from summarizer.verify.claims import check_claims
from summarizer.verify.injection import instruction_spans
from summarizer.verify.messages import clip
from summarizer.verify.placement import placed
from summarizer.verify.quotes import missed_quotes
from summarizer.verify.speakers import SpeakerChecks
from summarizer.verify.statistics import NumberIndex, check_statistic, evidence_fields

__all__ = ["check", "reask_messages"]


def _validate(summary: Summary | Mapping[str, Any]) -> Summary:
    if isinstance(summary, Summary):
        return summary  # never mutated: check() builds new items
    try:
        return Summary.model_validate(summary)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        where = ".".join(str(part) for part in first["loc"]) or "summary"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(f"summary is not valid: {where}: {first['msg']}{more}") from None


def _gather(text: str) -> Evidence:
    from summarizer.evidence import gather

    return gather(text)


def check(
    text: str,
    summary: Summary | Mapping[str, Any],
    *,
    evidence: Evidence | None = None,
    title: str | None = None,
    published: str | None = None,
) -> Checked:
    """Fill every quote's and statistic's span and status, and report what is wrong or missed.

    `summary` may be a `Summary` or a plain dict (validated here; an invalid one raises
    `InputError` with a one-line message). `evidence` is what `summarizer.evidence.gather`
    returns for `text`; pass it when it is already computed. `title` (the article's own title
    grounds claims too) and `published` (YYYY-MM-DD, for relative days) are the article's.
    """
    checked = _validate(summary)
    if evidence is None:
        evidence = _gather(text)
    index = TextIndex(text)
    quote_passages = [p for p in evidence.passages if p.kind != "term"]
    # Terms count too: whatever a summary quotes, the article has it between quotation marks.
    prefer = [(p.outer_start, p.outer_end) for p in evidence.passages]
    speakers = SpeakerChecks(text, evidence.passages)
    issues: list[Issue] = []
    quote_spans: list[tuple[int, int]] = []
    grounded_quotes = 0

    quotes: list[Quote] = []
    alignments = placed(
        index, [index.align(q.text, prefer=prefer) for q in checked.quotes], checked.quotes, prefer
    )
    injected = instruction_spans(text, evidence.passages) if checked.quotes else []
    for i, (quote, found) in enumerate(zip(checked.quotes, alignments, strict=True)):
        path = f"quotes[{i}]"
        span = found.span
        planted = next((s for s in injected if span is not None and s[0] <= span[0] < s[1]), None)
        if planted is not None:
            sentence = clip(" ".join(text[planted[0] : planted[1]].split()), 160)
            issues.append(
                Issue(
                    severity="error",
                    path=path,
                    message=f"{path} comes from text addressed to the model, not from a source "
                    f'(possible prompt injection): "{sentence}"',
                )
            )
            found, span = UNVERIFIED, None
        elif found.status in ("exact", "normalized"):
            grounded_quotes += 1
        elif found.status == "fuzzy" and span:
            verbatim = clip(text[span[0] : span[1]], 600)
            issues.append(
                Issue(
                    severity="error",
                    path=path,
                    message=f'{path} is not verbatim; the article says: "{verbatim}"',
                )
            )
        else:
            issues.append(
                Issue(
                    severity="error",
                    path=path,
                    message=f'{path} is not found in the article: "{clip(quote.text, 120)}"',
                )
            )
        if span is not None:
            speaker_issue = speakers.check(i, quote, span)
            # The same words may stand twice; the right one is where the speaker is.
            for other in found.alternatives if speaker_issue is not None else ():
                if speakers.check(i, quote, other) is None:
                    span, speaker_issue = other, None
                    break
            if speaker_issue is not None:
                issues.append(speaker_issue)
            quote_spans.append(span)
        quotes.append(
            quote.replaced(
                {
                    "status": found.status,
                    "span": Span(start=span[0], end=span[1]) if span else None,
                }
            )
        )

    grounded_stats = 0
    statistics: list[Statistic] = []
    # Indexed once for all statistics (built only when there are some).
    numbers = NumberIndex(evidence.numbers if checked.statistics else ())
    for i, stat in enumerate(checked.statistics):
        found, stat_issues = check_statistic(i, stat, index, numbers)
        span = found.span
        update: dict[str, object] = {
            "status": found.status,
            "span": Span(start=span[0], end=span[1]) if span else None,
        }
        # What the model left out (kind, currency, hedges), the article says at that span.
        read = evidence_fields(span, numbers) if not stat_issues else None
        if read is not None:
            if stat.kind is None:
                update["kind"] = read["kind"]
            if stat.currency is None:
                update["currency"] = read["currency"]
            if stat.high is None and read["high"] is not None and stat.value == read["value"]:
                update["high"] = read["high"]
            update["approximate"] = stat.approximate or read["approximate"]
            update["vague"] = stat.vague or read["vague"]
        statistics.append(stat.replaced(update))
        issues.extend(stat_issues)
        if not any(issue.severity == "error" for issue in stat_issues):
            grounded_stats += 1

    claims, claim_issues = check_claims(
        text, checked, evidence.numbers, title=title, published=published, index=index
    )
    issues.extend(claim_issues)

    missed = missed_quotes(text, evidence.passages, quote_spans)
    if missed:
        n = len(missed)
        issues.append(
            Issue(
                severity="warning",
                path="missed_quotes",
                message=f"{n} direct quote{'s' if n != 1 else ''} in the article "
                f"{'are' if n != 1 else 'is'} not in the summary",
            )
        )
    counts = Counts(
        quoted_passages=sum(1 for p in quote_passages if not p.continues),
        quotes=len(checked.quotes),
        quotes_grounded=grounded_quotes,
        numbers=sum(1 for n in evidence.numbers if is_statistic(n)),
        statistics=len(checked.statistics),
        statistics_grounded=grounded_stats,
        claims=len(claims),
        claims_grounded=sum(1 for c in claims if c.status != "unverified"),
    )
    verification = Verification(
        passed=not any(issue.severity == "error" for issue in issues),
        counts=counts,
        missed_quotes=missed,
        claims=claims,
        issues=issues,
    )
    checked = checked.replaced({"quotes": quotes, "statistics": statistics})
    return Checked(summary=checked, verification=verification)


def reask_messages(checked: Checked) -> list[str]:
    """Model-facing lines for a re-ask: every error, then the quotes that were left out."""
    lines = [issue.message for issue in checked.verification.issues if issue.severity == "error"]
    missed = checked.verification.missed_quotes
    if missed:
        n = len(missed)
        listed = "; ".join(f'"{clip(m.text, 200)}"' for m in missed)
        noun = "quoted passages were" if n != 1 else "quoted passage was"
        lines.append(f"these {n} {noun} not extracted: {listed}")
    return lines
