"""One self-contained HTML page: the article with every quote and number highlighted at its span.

No external assets and no script: links between a highlight and its table row are plain
fragment links, and `:target` styles show where a click landed. Every piece of article or model
text goes through `html.escape`, so an article containing `<script>` renders as text.

Spans may overlap (a number inside a quote, two quotes sharing words). Marks nest when one span
contains the other; a partial overlap closes the inner mark and reopens it as a continuation
piece (`class="part ..."`), so the markup stays well formed and each item still has exactly one
`<mark id=...>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from summarizer.models import Result, Status
from summarizer.render._common import (
    CLAIM_STATUS_HELP,
    CLAIM_STATUS_LABEL,
    STATUS_HELP,
    STATUS_LABEL,
    claim_spans,
    format_value,
    quotes_by_speaker,
    speaker_role,
    valid_span,
)

__all__ = ["to_html"]

_KIND_ORDER = {"missed": 0, "quote": 1, "stat": 2}  # at equal spans the quote wraps the number


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str  # quote | stat | missed
    anchor: str  # the mark's id, e.g. q-0
    label: str  # e.g. Q1, shown as a small link to the table row
    classes: str
    title: str


def to_html(result: Result) -> str:
    summary, article = result.summary, result.article
    heading = summary.headline or article.title or "Summary"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title>",
        f"<style>{_CSS}</style></head><body>",
        '<header class="top">',
        _verification(result),
        f"<h1>{_e(summary.headline)}</h1>",
        _source(result),
        "</header>",
        '<main class="layout">',
        '<section class="article-col">',
        _summary_block(result),
        '<h2>Article</h2><p class="legend">' + _legend() + "</p>",
        f'<div class="article" id="article">{_marked_text(result)}</div>',
        "</section>",
        '<aside class="side">',
        _quotes_table(result),
        _stats_table(result),
        _claims_table(result),
        _missed_list(result),
        "</aside></main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _e(text: str | None) -> str:
    return escape(text or "", quote=True)


def _verification(result: Result) -> str:
    check, counts = result.verification, result.verification.counts
    state = "passed" if check.passed else "failed"
    items = [
        f"quotes grounded <b>{counts.quotes_grounded}/{counts.quotes}</b>",
        f"statistics grounded <b>{counts.statistics_grounded}/{counts.statistics}</b>",
        f"claims grounded <b>{counts.claims_grounded}/{counts.claims}</b>",
        f"quoted passages in the article <b>{counts.quoted_passages}</b>",
        f"missed <b>{len(check.missed_quotes)}</b>",
    ]
    out = [
        f'<div class="verdict {state}" id="verification">',
        f'<span class="verdict-word">Verification {state}</span>',
        '<span class="counts">' + " · ".join(items) + "</span>",
    ]
    if check.issues:
        out.append('<ul class="issues">')
        for issue in check.issues:
            out.append(
                f'<li class="{_e(issue.severity)}"><b>{_e(issue.severity)}</b> '
                f"<code>{_e(issue.path)}</code> {_e(issue.message)}</li>"
            )
        out.append("</ul>")
    out.append("</div>")
    return "".join(out)


def _source(result: Result) -> str:
    article, prov = result.article, result.provenance
    bits = []
    title = _e(article.title) if article.title else None
    url = (
        article.url
        if article.url and article.url.lower().startswith(("http://", "https://"))
        else None
    )
    if url:
        bits.append(f'<a href="{_e(url)}" rel="noopener noreferrer">{title or _e(url)}</a>')
    elif title:
        bits.append(title)
    if article.published:
        bits.append(f"published {_e(article.published)}")
    engine = _e(prov.engine) + (f" · {_e(prov.model)}" if prov.model else "")
    bits.append(f"summarised by {engine}")
    return '<p class="source">' + " · ".join(bits) + "</p>"


def _summary_block(result: Result) -> str:
    summary, event = result.summary, result.summary.event
    rows = [("What", _e(event.what))]
    if event.who:
        rows.append(("Who", _e(", ".join(event.who))))
    if event.where:
        rows.append(("Where", _e(", ".join(event.where))))
    if event.when or event.date:
        when = _e(event.when)
        if event.date:
            when = (
                f"{when} (<time>{_e(event.date)}</time>)"
                if when
                else f"<time>{_e(event.date)}</time>"
            )
        rows.append(("When", when))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        '<section class="summary"><h2>Summary</h2>'
        f"<p>{_e(summary.summary)}</p>"
        f'<table class="event">{table}</table></section>'
    )


def _legend() -> str:
    # Spans, not marks: a reader (or a test) counting <mark> elements counts only the article's.
    chips = [
        f'<span class="chip chip-quote status-{s}" title="{_e(STATUS_HELP[s])}">'
        f"quote: {STATUS_LABEL[s]}</span>"
        for s in ("exact", "normalized", "fuzzy")
    ]
    chips.append('<span class="chip chip-stat status-exact">number</span>')
    chips.append('<span class="chip chip-missed">quoted passage missed by the summary</span>')
    return " ".join(chips)


def _marks(result: Result) -> list[_Mark]:
    text_len = len(result.article.text)
    marks: list[_Mark] = []
    for i, quote in enumerate(result.summary.quotes):
        span = valid_span(quote.span, text_len)
        if span:
            who = quote.speaker or "unattributed"
            marks.append(
                _Mark(*span, "quote", f"q-{i}", f"Q{i + 1}", f"quote status-{quote.status}",
                      f"Q{i + 1} · {who} · {STATUS_LABEL[quote.status]}")
            )  # fmt: skip
    for i, stat in enumerate(result.summary.statistics):
        span = valid_span(stat.span, text_len)
        if span:
            marks.append(
                _Mark(*span, "stat", f"s-{i}", f"S{i + 1}", f"stat status-{stat.status}",
                      f"S{i + 1} · {stat.describes} · {STATUS_LABEL[stat.status]}")
            )  # fmt: skip
    for i, missed in enumerate(result.verification.missed_quotes):
        if 0 <= missed.start < missed.end <= text_len:
            marks.append(
                _Mark(missed.start, missed.end, "missed", f"m-{i}", f"M{i + 1}", "missed",
                      f"M{i + 1} · quoted in the article, missing from the summary")
            )  # fmt: skip
    marks.sort(key=lambda m: (m.start, -m.end, _KIND_ORDER[m.kind]))
    return marks


def _marked_text(result: Result) -> str:
    text = result.article.text
    marks = _marks(result)
    starts: dict[int, list[_Mark]] = {}
    for mark in marks:
        starts.setdefault(mark.start, []).append(mark)
    points = sorted({m.start for m in marks} | {m.end for m in marks})

    out: list[str] = []
    stack: list[_Mark] = []
    pos = 0
    for point in points:
        out.append(_e(text[pos:point]))
        pos = point
        if any(m.end == point for m in stack):
            reopen: list[_Mark] = []
            while any(m.end == point for m in stack):
                top = stack.pop()
                if top.end == point:
                    out.append(f'<a class="ref" href="#row-{top.anchor}">{top.label}</a></mark>')
                else:
                    out.append("</mark>")
                    reopen.append(top)
            for mark in reversed(reopen):
                out.append(f'<mark class="part {mark.classes}" data-ref="{mark.anchor}">')
                stack.append(mark)
        for mark in starts.get(point, []):
            out.append(
                f'<mark class="{mark.classes}" id="{mark.anchor}" data-kind="{mark.kind}" '
                f'title="{_e(mark.title)}">'
            )
            stack.append(mark)
    out.append(_e(text[pos:]))
    return "".join(out)


def _status_cell(status: Status, anchor: str | None) -> str:
    label = STATUS_LABEL[status]
    badge = f'<span class="badge status-{status}" title="{_e(STATUS_HELP[status])}">{label}</span>'
    return badge if anchor else badge + '<span class="nospan"> no span</span>'


def _quotes_table(result: Result) -> str:
    quotes = result.summary.quotes
    out = [f'<section id="quotes"><h2>Quotes by speaker <small>({len(quotes)})</small></h2>']
    if not quotes:
        return out[0] + "<p>No quotes.</p></section>"
    text_len = len(result.article.text)
    out.append('<table class="items">')
    for speaker, items in quotes_by_speaker(quotes):
        role = speaker_role(items)
        role_html = f' <span class="role">{_e(role)}</span>' if role else ""
        out.append(f'<tr class="speaker"><th colspan="3">{_e(speaker)}{role_html}</th></tr>')
        for i, quote in items:
            has_span = valid_span(quote.span, text_len) is not None
            ref = f'<a href="#q-{i}">Q{i + 1}</a>' if has_span else f"Q{i + 1}"
            kind = ' <span class="kind">partial</span>' if quote.kind == "partial" else ""
            out.append(
                f'<tr id="row-q-{i}"><td class="ref-cell">{ref}</td>'
                f"<td>“{_e(quote.text)}”{kind}</td>"
                f"<td>{_status_cell(quote.status, 'q' if has_span else None)}</td></tr>"
            )
    out.append("</table></section>")
    return "".join(out)


def _stats_table(result: Result) -> str:
    stats = result.summary.statistics
    out = [f'<section id="statistics"><h2>Statistics <small>({len(stats)})</small></h2>']
    if not stats:
        return out[0] + "<p>No statistics.</p></section>"
    text_len = len(result.article.text)
    out.append(
        '<table class="items"><tr><th></th><th>Number</th><th>Describes</th><th>Status</th></tr>'
    )
    for i, stat in enumerate(stats):
        has_span = valid_span(stat.span, text_len) is not None
        ref = f'<a href="#s-{i}">S{i + 1}</a>' if has_span else f"S{i + 1}"
        value = format_value(stat.value)
        unit = f" {_e(stat.unit)}" if stat.unit else ""
        detail = f'<div class="value">= {_e(value)}{unit}</div>' if value or unit else ""
        out.append(
            f'<tr id="row-s-{i}"><td class="ref-cell">{ref}</td>'
            f"<td><b>{_e(stat.text)}</b>{detail}</td><td>{_e(stat.describes)}</td>"
            f"<td>{_status_cell(stat.status, 's' if has_span else None)}</td></tr>"
        )
    out.append("</table></section>")
    return "".join(out)


def _claims_table(result: Result) -> str:
    """The headline's, summary's and event's numbers, names, places, dates and quotations:
    where the article has each (the passage shown on hover) and how."""
    claims = result.verification.claims
    out = [f'<section id="claims"><h2>Claims <small>({len(claims)})</small></h2>']
    if not claims:
        return out[0] + "<p>No claims.</p></section>"
    text = result.article.text
    out.append('<table class="items"><tr><th></th><th>Claim</th><th>Field</th><th>Status</th></tr>')
    for i, claim in enumerate(claims):
        spans = claim_spans(claim, len(text))
        where = " ".join(
            f'<span class="span" title="{_e(text[a:b])}">{a}–{b}</span>' for a, b in spans[:3]
        )
        where_html = f'<div class="value">chars {where}</div>' if where else ""
        status = claim.status
        look = {"alias": "normalized", "approximate": "fuzzy"}.get(status, status)  # the CSS's
        badge = (
            f'<span class="badge status-{look}" title="{_e(CLAIM_STATUS_HELP[status])}">'
            f"{CLAIM_STATUS_LABEL[status]}</span>"
        )
        out.append(
            f'<tr id="row-c-{i}" class="claim claim-{claim.kind}">'
            f'<td class="ref-cell">C{i + 1}</td><td><b>{_e(claim.text)}</b> '
            f'<span class="kind">{_e(claim.kind)}</span>{where_html}</td>'
            f"<td><code>{_e(claim.path)}</code></td><td>{badge}</td></tr>"
        )
    out.append("</table></section>")
    return "".join(out)


def _missed_list(result: Result) -> str:
    missed = result.verification.missed_quotes
    if not missed:
        return ""
    text_len = len(result.article.text)
    out = [
        f'<section id="missed"><h2>Quoted passages missed <small>({len(missed)})</small></h2>',
        '<table class="items">',
    ]
    for i, m in enumerate(missed):
        linked = 0 <= m.start < m.end <= text_len
        ref = f'<a href="#m-{i}">M{i + 1}</a>' if linked else f"M{i + 1}"
        out.append(
            f'<tr id="row-m-{i}"><td class="ref-cell">{ref}</td><td>“{_e(m.text)}”</td></tr>'
        )
    out.append("</table></section>")
    return "".join(out)


_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --paper: #fff; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f6f8fa;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.top { background: var(--paper); border-bottom: 1px solid var(--line); padding: 0 2rem 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
h2 small { color: var(--muted); font-weight: normal; }
.source { color: var(--muted); margin: 0; font-size: .9rem; }
.source a { color: inherit; }
.verdict { margin: 0 -2rem; padding: .6rem 2rem; font-size: .95rem; }
.verdict.passed { background: #dafbe1; border-bottom: 1px solid #8fd49f; }
.verdict.failed { background: #ffebe9; border-bottom: 1px solid #f5a8a3; }
.verdict-word { font-weight: 700; margin-right: 1rem; }
.verdict.passed .verdict-word::before { content: "\\2713  "; }
.verdict.failed .verdict-word::before { content: "\\2717  "; }
.issues { margin: .4rem 0 0; padding-left: 1.2rem; font-size: .9rem; }
.issues li.error b { color: #b42318; }
.issues li.warning b { color: #9a6700; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2rem;
  padding: 0 2rem 3rem; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
.summary p { margin: 0 0 .5rem; }
table.event th { text-align: left; color: var(--muted); font-weight: 600; padding-right: 1rem;
  vertical-align: top; }
.article { background: var(--paper); border: 1px solid var(--line); border-radius: 6px;
  padding: 1.25rem 1.5rem; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.7; }
.side { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto;
  padding-bottom: 2rem; }
table.items { width: 100%; border-collapse: collapse; background: var(--paper);
  border: 1px solid var(--line); font-size: .9rem; }
table.items td, table.items th { border-top: 1px solid var(--line); padding: .35rem .5rem;
  vertical-align: top; text-align: left; }
tr.speaker th { background: #eef1f4; }
.role, .kind, .nospan, .value { color: var(--muted); font-weight: normal; font-size: .85rem; }
.ref-cell { white-space: nowrap; width: 2.5rem; }
tr:target { outline: 2px solid #0969da; outline-offset: -2px; background: #ddf4ff; }
.status-exact { --bg: #c6f0cf; --fg: #1a7f37; }
.status-normalized { --bg: #cde7ff; --fg: #0969da; }
.status-fuzzy { --bg: #ffe7a3; --fg: #9a6700; }
.status-unverified { --bg: #ffd1cc; --fg: #cf222e; }
mark { color: inherit; padding: 0 .05em; border-radius: 2px; }
mark.quote, .chip-quote { background: var(--bg); }
mark.stat, .chip-stat { background: transparent; box-shadow: inset 0 -.22em 0 var(--fg);
  font-weight: 600; }
mark.missed, .chip-missed { background: #eaeef2; outline: 1px dashed #cf222e; }
mark:target { outline: 2px solid #0969da; }
mark a.ref { font-size: .62em; vertical-align: super; margin-left: .15em; color: var(--fg, #57606a);
  text-decoration: none; font-weight: 700; }
mark.missed a.ref { color: #cf222e; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 1em; background: var(--bg);
  color: var(--fg); font-size: .8rem; font-weight: 600; white-space: nowrap; }
.legend { font-size: .85rem; color: var(--muted); margin: 0 0 .5rem; }
.legend .chip { margin-right: .4rem; }
"""
