"""A plain-text report of a checked summary, for `summarizer check`."""

from __future__ import annotations

from summarizer.models import Checked


def _clip(text: str, width: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def check_report(checked: Checked) -> str:
    v = checked.verification
    c = v.counts
    lines = [
        f"verification: {'passed' if v.passed else 'FAILED'}",
        f"quotes: {c.quotes_grounded}/{c.quotes} grounded, {c.quoted_passages} quoted passages "
        f"in the article, {len(v.missed_quotes)} missed",
        f"statistics: {c.statistics_grounded}/{c.statistics} grounded, {c.numbers} numbers "
        "in the article",
        f"claims: {c.claims_grounded}/{c.claims} grounded in the headline, summary and event",
        "",
    ]
    if checked.summary.quotes:
        lines.append(f"{'#':>3}  {'status':<10}  {'speaker':<22}  quote")
        for i, q in enumerate(checked.summary.quotes):
            lines.append(
                f"{i:>3}  {q.status:<10}  {_clip(q.speaker or '-', 22):<22}  {_clip(q.text, 60)}"
            )
        lines.append("")
    if checked.summary.statistics:
        lines.append(f"{'#':>3}  {'status':<10}  {'text':<16}  describes")
        for i, s in enumerate(checked.summary.statistics):
            lines.append(
                f"{i:>3}  {s.status:<10}  {_clip(s.text, 16):<16}  {_clip(s.describes, 50)}"
            )
        lines.append("")
    # Claims found as written are the rule; the others are worth a look.
    others = [claim for claim in v.claims if claim.status != "exact"]
    if others:
        lines.append(f"{'status':<11}  {'field':<14}  {'kind':<9}  claim")
        for claim in others:
            lines.append(
                f"{claim.status:<11}  {claim.path:<14}  {claim.kind:<9}  {_clip(claim.text, 50)}"
            )
        lines.append("")
    for m in v.missed_quotes:
        lines.append(f"missed quote [{m.start}:{m.end}]: {_clip(m.text, 70)}")
    for issue in v.issues:
        # Messages usually name their item already ("quotes[2] is not verbatim ...").
        where = "" if issue.message.startswith(issue.path) else f"{issue.path}: "
        lines.append(f"{issue.severity}: {where}{issue.message}")
    return "\n".join(lines).rstrip() + "\n"
