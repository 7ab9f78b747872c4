"""A compact rich rendering for a terminal: headline, event, quote and statistic tables.

All article and model text goes in as `Text` objects, never markup strings, so square brackets
in an article cannot restyle (or break) the output.
"""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarizer.models import Result, Status
from summarizer.render._common import STATUS_LABEL, format_value, speaker_label

__all__ = ["render_terminal"]

STATUS_STYLE: dict[Status, str] = {
    "exact": "green",
    "normalized": "cyan",
    "fuzzy": "yellow",
    "unverified": "bold red",
}
_QUOTE_WIDTH = 160  # characters of a quote shown; the JSON or HTML output has the rest


def _status(status: Status) -> Text:
    return Text(STATUS_LABEL[status], style=STATUS_STYLE[status])


def _short(text: str, width: int = _QUOTE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_terminal(result: Result, console: Console) -> None:
    summary, check = result.summary, result.verification
    event = summary.event

    head = Text()
    head.append(summary.headline, style="bold")
    source = [x for x in (result.article.title, result.article.published) if x]
    if source:
        head.append("\n" + " · ".join(source), style="dim")
    head.append("\n\n" + summary.summary)
    facts = [("What", event.what)]
    if event.who:
        facts.append(("Who", ", ".join(event.who)))
    if event.where:
        facts.append(("Where", ", ".join(event.where)))
    if event.when or event.date:
        when = event.when or ""
        if event.date:
            when = f"{when} ({event.date})" if when else event.date
        facts.append(("When", when))
    head.append("\n")
    for label, value in facts:
        head.append(f"\n{label}: ", style="bold")
        head.append(value)
    console.print(Panel(head, expand=True))

    if summary.quotes:
        quotes = Table(title="Quotes", title_justify="left", expand=True, show_lines=False)
        quotes.add_column("#", style="dim", no_wrap=True)
        quotes.add_column("Speaker", ratio=1)
        quotes.add_column("Quote", ratio=4)
        quotes.add_column("Status", no_wrap=True)
        previous = None
        for i, quote in enumerate(summary.quotes):
            # Consecutive quotes by one speaker: the name once, so the table reads as groups.
            label = speaker_label(quote)
            who = Text(
                label if label != previous else "〃", style="" if label != previous else "dim"
            )
            if quote.speaker_role and label != previous:
                who.append(f"\n{_short(quote.speaker_role, 60)}", style="dim")
            previous = label
            body = Text(f"“{_short(quote.text)}”")
            if quote.kind == "partial":
                body.append(" partial", style="dim")
            quotes.add_row(f"Q{i + 1}", who, body, _status(quote.status))
        console.print(quotes)

    if summary.statistics:
        stats = Table(title="Statistics", title_justify="left", expand=True)
        stats.add_column("#", style="dim", no_wrap=True)
        stats.add_column("Number", no_wrap=True)
        stats.add_column("Value", justify="right")
        stats.add_column("Describes", ratio=1)
        stats.add_column("Status", no_wrap=True)
        for i, stat in enumerate(summary.statistics):
            value = format_value(stat.value) + (f" {stat.unit}" if stat.unit else "")
            stats.add_row(
                f"S{i + 1}",
                Text(stat.text),
                Text(value),
                Text(stat.describes),
                _status(stat.status),
            )
        console.print(stats)

    counts = check.counts
    line = Text()
    line.append(
        "✓ verification passed" if check.passed else "✗ verification failed",
        style="bold green" if check.passed else "bold red",
    )
    line.append(
        f"  quotes {counts.quotes_grounded}/{counts.quotes} grounded · "
        f"statistics {counts.statistics_grounded}/{counts.statistics} grounded · "
        f"{len(check.missed_quotes)} quoted passage(s) missed"
    )
    console.print(line)
    for issue in check.issues:
        item = Text("  ")
        item.append(issue.severity, style="red" if issue.severity == "error" else "yellow")
        item.append(f" {issue.path}: ", style="dim")
        item.append(issue.message)
        console.print(item)
    for missed in check.missed_quotes:
        console.print(Text(f"  missed: “{_short(missed.text, 100)}”", style="dim"))
