"""A readable Markdown report: headline, summary, event, quotes by speaker, statistics, checks.

Article and model text is untrusted: `<` and `>` become entities so that a Markdown viewer
(which passes raw HTML through) cannot be made to run a script.
"""

from __future__ import annotations

from summarizer.models import Result
from summarizer.render._common import (
    CLAIM_STATUS_LABEL,
    STATUS_LABEL,
    claim_spans,
    format_value,
    quotes_by_speaker,
    speaker_role,
    valid_span,
)

__all__ = ["to_markdown"]


def to_markdown(result: Result) -> str:
    summary, article, check = result.summary, result.article, result.verification
    out: list[str] = [f"# {_inline(summary.headline)}", ""]

    meta = []
    if article.title:
        title = _inline(article.title)
        meta.append(f"[{title}](<{_url(article.url)}>)" if _url(article.url) else title)
    elif _url(article.url):
        meta.append(f"<{_url(article.url)}>")
    if article.published:
        meta.append(f"published {article.published}")
    if meta:
        out += ["*Source: " + " · ".join(meta) + "*", ""]

    out += ["## Summary", "", _block(summary.summary), ""]

    event = summary.event
    out += ["## Event", "", f"- **What:** {_inline(event.what)}"]
    if event.who:
        out.append("- **Who:** " + ", ".join(_inline(w) for w in event.who))
    if event.where:
        out.append("- **Where:** " + ", ".join(_inline(w) for w in event.where))
    if event.when or event.date:
        when = _inline(event.when) if event.when else ""
        if event.date:
            when = f"{when} ({event.date})" if when else event.date
        out.append(f"- **When:** {when}")
    out.append("")

    out += ["## Quotes", ""]
    if not summary.quotes:
        out += ["No quotes.", ""]
    length = len(article.text)
    for speaker, items in quotes_by_speaker(summary.quotes):
        role = speaker_role(items)
        out += [f"### {_inline(speaker)}" + (f", {_inline(role)}" if role else ""), ""]
        for index, quote in items:
            notes = [STATUS_LABEL[quote.status]]
            if quote.kind == "partial":
                notes.append("partial")
            span = valid_span(quote.span, length)
            if span:
                notes.append(f"chars {span[0]}–{span[1]}")
            out.append(f"- Q{index + 1}. “{_inline(quote.text)}” — *{', '.join(notes)}*")
        out.append("")

    out += ["## Statistics", ""]
    if summary.statistics:
        out += ["| # | Number | Value | Unit | Describes | Status |", "|---|---|---|---|---|---|"]
        for index, stat in enumerate(summary.statistics):
            cells = [
                f"S{index + 1}",
                _cell(stat.text),
                format_value(stat.value),
                _cell(stat.unit or ""),
                _cell(stat.describes),
                STATUS_LABEL[stat.status],
            ]
            out.append("| " + " | ".join(cells) + " |")
    else:
        out.append("No statistics.")
    out.append("")

    out += ["## Claims", ""]
    if check.claims:
        out += [
            "| # | Field | Kind | Claim | Status | In the article |",
            "|---|---|---|---|---|---|",
        ]
        for index, claim in enumerate(check.claims):
            spans = claim_spans(claim, length)
            where = ", ".join(f"chars {a}–{b}" for a, b in spans[:3]) or "—"
            cells = [
                f"C{index + 1}",
                f"`{_code(claim.path)}`",
                claim.kind,
                _cell(claim.text),
                CLAIM_STATUS_LABEL[claim.status],
                where,
            ]
            out.append("| " + " | ".join(cells) + " |")
    else:
        out.append("No claims.")
    out.append("")

    counts = check.counts
    out += [
        "## Verification",
        "",
        "**Passed.**" if check.passed else "**Failed.**",
        "",
        f"- Quotes grounded: {counts.quotes_grounded}/{counts.quotes}",
        f"- Statistics grounded: {counts.statistics_grounded}/{counts.statistics}",
        f"- Claims grounded: {counts.claims_grounded}/{counts.claims}",
        f"- Quoted passages in the article: {counts.quoted_passages}",
        f"- Numbers in the article: {counts.numbers}",
    ]
    if check.missed_quotes:
        out += ["", f"Quoted passages not in the summary ({len(check.missed_quotes)}):", ""]
        out += [f"- “{_inline(m.text)}” (chars {m.start}–{m.end})" for m in check.missed_quotes]
    if check.issues:
        out += ["", "Issues:", ""]
        out += [f"- **{i.severity}** `{_code(i.path)}`: {_inline(i.message)}" for i in check.issues]
    out.append("")
    return "\n".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline(text: str) -> str:
    """One line of untrusted text: no raw HTML, no line breaks that would end a list item."""
    return " ".join(_escape(text).split())


def _block(text: str) -> str:
    return "\n\n".join(_inline(p) for p in text.split("\n\n") if p.strip())


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _code(text: str) -> str:
    return text.replace("`", "'")


def _url(url: str | None) -> str | None:
    """Only http(s) URLs become links; the angle-bracket form tolerates spaces and parentheses."""
    if (
        url
        and url.lower().startswith(("http://", "https://"))
        and not any(c in url for c in "<> \n")
    ):
        return url
    return None
