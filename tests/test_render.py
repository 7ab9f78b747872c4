from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from summarizer.models import Quote, Result, Span, Statistic
from summarizer.render import render_terminal, to_html, to_markdown
from tests.render_seed import bare_result, seed_result, span_of

VOID = {"meta", "br", "hr", "img", "input", "link"}


class _Balance(HTMLParser):
    """Checks that every element closes in order, and collects the article div's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.article_depth: int | None = None
        self.in_ref = 0
        self.article_text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in VOID:
            return
        self.stack.append(tag)
        if dict(attrs).get("id") == "article":
            self.article_depth = len(self.stack)
        if tag == "a" and dict(attrs).get("class") == "ref":
            self.in_ref += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        if self.article_depth == len(self.stack):
            self.article_depth = None
        self.stack.pop()
        if tag == "a" and self.in_ref:
            self.in_ref -= 1

    def handle_data(self, data: str) -> None:
        if self.article_depth is not None and not self.in_ref:
            self.article_text.append(data)


def parse(page: str) -> _Balance:
    parser = _Balance()
    parser.feed(page)
    parser.close()
    return parser


def test_markdown_has_every_section() -> None:
    md = to_markdown(seed_result())
    assert md.startswith("# ICE arrests 498 in sweep of sanctuary jurisdictions\n")
    for heading in ("## Summary", "## Event", "## Quotes", "## Statistics", "## Verification"):
        assert f"\n{heading}\n" in md
    assert "### Tom Homan, ICE Acting Director" in md
    assert "### Angelica Salas" in md
    assert "- **When:** which ended Wednesday (2017-09-27)" in md
    assert "| S2 | 498 | 498 | people | arrested nationally | exact |" in md
    assert "**Failed.**" in md
    assert "“Operation Safe City”" in md


def test_markdown_neutralises_html_and_table_pipes() -> None:
    result = seed_result()
    result.summary.headline = "<script>alert(1)</script>"
    result.summary.statistics[0].describes = "a | b"
    md = to_markdown(result)
    assert "<script" not in md
    assert "&lt;script&gt;" in md
    assert "a \\| b" in md


def test_html_marks_every_spanned_item_once() -> None:
    result = seed_result()
    page = to_html(result)
    with_span = [q for q in result.summary.quotes if q.span is not None]
    assert len(re.findall(r'<mark class="quote', page)) == len(with_span) == 6
    stats_with_span = [s for s in result.summary.statistics if s.span is not None]
    assert len(re.findall(r'<mark class="stat', page)) == len(stats_with_span)
    assert len(re.findall(r'<mark class="missed"', page)) == len(result.verification.missed_quotes)
    for i, quote in enumerate(result.summary.quotes):
        assert f'id="row-q-{i}"' in page
        assert (f'id="q-{i}"' in page) == (quote.span is not None)
        if quote.span:
            assert f'<mark class="quote status-{quote.status}" id="q-{i}"' in page
    assert 'class="verdict failed"' in page


def test_html_keeps_the_article_text_and_is_well_formed() -> None:
    result = seed_result()
    parsed = parse(to_html(result))
    assert parsed.errors == []
    assert parsed.stack == []
    assert "".join(parsed.article_text) == result.article.text


def test_html_is_self_contained() -> None:
    page = to_html(seed_result())
    assert "<script" not in page
    assert not re.search(r'(src|href)="(?!#|https://example\.org/)', page)
    assert "<link" not in page


def test_article_script_is_escaped() -> None:
    text = (
        'Before. <script>document.title="pwned"</script> "Quoted <b>bold</b> words," she said. '
        "<img src=x onerror=alert(1)> 42 items."
    )
    result = bare_result(text)
    result.summary.quotes = [
        Quote(text="Quoted <b>bold</b> words,", speaker="<i>Eve</i>", status="exact",
              span=span_of(text, "Quoted <b>bold</b> words,"))
    ]  # fmt: skip
    result.summary.statistics = [
        Statistic(text="42", describes="items <u>", span=span_of(text, "42"), status="exact")
    ]
    page = to_html(result)
    assert "<script" not in page.lower()
    assert "<img" not in page and "<b>bold" not in page and "<i>Eve" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&lt;i&gt;Eve&lt;/i&gt;" in page
    assert "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in page
    parsed = parse(page)
    assert parsed.errors == []
    assert "".join(parsed.article_text) == result.article.text


def test_overlapping_spans_nest_or_split_without_breaking_markup() -> None:
    result = seed_result()
    text = result.article.text
    first = result.summary.quotes[0].span
    assert first is not None
    # A second quote that starts inside the first and runs past it: a partial overlap.
    result.summary.quotes.append(
        Quote(text=text[first.start + 20 : first.end + 30], speaker="Someone", status="fuzzy",
              span=Span(start=first.start + 20, end=first.end + 30))
    )  # fmt: skip
    # A number inside a quote, and one exactly the size of a quote.
    result.summary.statistics.append(
        Statistic(text=text[first.start + 5 : first.start + 9], describes="inside",
                  span=Span(start=first.start + 5, end=first.start + 9), status="fuzzy")
    )  # fmt: skip
    result.summary.statistics.append(
        Statistic(text="same", describes="same span", span=first, status="exact")
    )
    page = to_html(result)
    parsed = parse(page)
    assert parsed.errors == []
    assert "".join(parsed.article_text) == text
    ids = [a.get("id") for tag, a in parsed.tags if tag == "mark" and a.get("id")]
    assert len(ids) == len(set(ids))
    quote_marks = [a for tag, a in parsed.tags if tag == "mark" and a.get("data-kind") == "quote"]
    assert len(quote_marks) == sum(1 for q in result.summary.quotes if q.span)
    assert any("part" in (a.get("class") or "") for tag, a in parsed.tags if tag == "mark")


def test_out_of_range_spans_are_listed_not_marked() -> None:
    result = seed_result()
    result.summary.quotes[0].span = Span(start=10, end=10_000_000)
    page = to_html(result)
    assert 'id="q-0"' not in page
    assert 'id="row-q-0"' in page
    assert parse(page).errors == []


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from('ab <>&"\n'), min_size=1, max_size=60),
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8),
)
def test_any_spans_give_well_formed_markup(text: str, spans: list[tuple[int, int]]) -> None:
    result: Result = bare_result(text)
    result.summary.quotes = [
        Quote(text="x", span=Span(start=min(a, b), end=max(a, b)), status="exact") for a, b in spans
    ]
    result.summary.statistics = [
        Statistic(text="y", describes="d", span=Span(start=a, end=b), status="fuzzy")
        for a, b in spans[::2]
    ]
    page = to_html(result)
    parsed = parse(page)
    assert parsed.errors == [] and parsed.stack == []
    assert "".join(parsed.article_text) == text
    marked = [q for q in result.summary.quotes if q.span and q.span.start < q.span.end <= len(text)]
    assert page.count('<mark class="quote') == len(marked)


def test_terminal_rendering_shows_tables_and_keeps_brackets_literal() -> None:
    result = seed_result()
    result.summary.quotes[0].text = "[bold]not markup[/bold]"
    console = Console(record=True, width=140, force_terminal=True, color_system="truecolor")
    render_terminal(result, console)
    out = console.export_text()
    assert "ICE arrests 498 in sweep of sanctuary jurisdictions" in out
    assert "Quotes" in out and "Statistics" in out
    assert "[bold]not markup[/bold]" in out
    assert "Tom Homan" in out and "not found" in out
    assert "verification failed" in out
    assert "quotes 6/7 grounded" in out


def test_results_render_in_each_format_and_html_takes_one() -> None:
    import json
    from pathlib import Path

    import pytest

    from summarizer.errors import ConfigError
    from summarizer.render.results import Format, format_for, render_results

    result = seed_result()
    assert (
        json.loads(render_results([result], Format.json))["article"]
        == json.loads(result.model_dump_json())["article"]
    )
    assert len(json.loads(render_results([result, result], Format.json))) == 2
    assert render_results([result, result], Format.jsonl).count("\n") == 2
    assert render_results([result], Format.md) == to_markdown(result)
    assert render_results([result], Format.html) == to_html(result)
    with pytest.raises(ConfigError, match="--format html takes one article"):
        render_results([result, result], Format.html)
    assert [format_for(Path(n)) for n in ("a.jsonl", "a.MD", "a.html", "a.txt")] == [
        Format.jsonl, Format.md, Format.html, Format.json,
    ]  # fmt: skip
    assert format_for(None) is Format.json
