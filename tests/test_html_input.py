"""HTML and URLs in: extraction from a page, and fetching it from a server this test starts."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from summarizer.errors import InputError
from summarizer.html_input import article_from_html, extract_html, fetch_url, looks_like_url

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves budget | The Daily Example</title>
<meta property="og:title" content="Council approves budget">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2019-11-19T08:30:00Z">
<script>var tracking = "should never appear";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Council approves budget</h1>
<p class="byline">By Jane Reporter</p>
<p>The city council approved a $4.5 million budget on Tuesday after a three-hour debate in
the chamber, with seven members voting in favour and two against the plan.</p>
<p>"This budget keeps every library open," Mayor Jane Porter said after the vote, adding that
the city would also hire twelve more police officers over the coming year.</p>
<p>Opponents said the plan relied on optimistic revenue forecasts and warned that the city
could face a shortfall if sales tax receipts fell during the next recession.</p>
<p>The budget takes effect on Jan. 1, and the council will review spending again in June.</p>
</article>
<footer>Copyright 2019 The Daily Example. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on purpose (timeout, size cap)

    def do_GET(self) -> None:
        if self.path == "/article":
            self._send(PAGE.encode(), "text/html; charset=utf-8")
        elif self.path == "/latin1":
            body = PAGE.replace("three-hour", "caf\u00e9 three-hour").replace(
                '<meta charset="utf-8">', ""
            )
            self._send(body.encode("latin-1"), "text/html; charset=iso-8859-1")
        elif self.path == "/data.json":
            self._send(b'{"not": "html"}', "application/json")
        elif self.path == "/big-declared":
            self._send(b"<html>" + b"x" * 200_000 + b"</html>", "text/html")
        elif self.path == "/big-streamed":
            # No Content-Length: the cap must stop the download, not the header check.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(PAGE.encode(), "text/html")
        else:
            self._send(b"<html>not here</html>", "text/html", status=404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_extraction_fills_metadata_and_drops_boilerplate() -> None:
    found = extract_html(PAGE, url="https://example.org/budget")
    assert found.title == "Council approves budget"
    assert found.published == "2019-11-19"
    assert found.author == "Jane Reporter"
    assert found.site_name == "The Daily Example"
    assert '"This budget keeps every library open," Mayor Jane Porter said' in found.text
    assert "three-hour debate" in found.text
    for noise in ("should never appear", "Subscribe", "Sport"):
        assert noise not in found.text
    # Paragraphs are separated by a blank line, like the plain-text articles.
    assert "\n\n" in found.text and "\n\n\n" not in found.text


def test_article_from_html_indexes_the_extracted_text() -> None:
    article = article_from_html(PAGE, url="https://example.org/budget")
    assert article.url == "https://example.org/budget"
    assert article.published == "2019-11-19"
    assert article.title == "Council approves budget"
    start = article.text.find("This budget keeps every library open")
    assert start >= 0


@pytest.mark.parametrize("html", ["", "   ", "<html><body></body></html>"])
def test_no_article_text_is_a_clear_error(html: str) -> None:
    with pytest.raises(InputError, match="HTML page"):
        article_from_html(html)


def test_fetch_fills_title_and_published_date(server: str) -> None:
    html, final_url = fetch_url(f"{server}/article")
    assert final_url == f"{server}/article"
    article = article_from_html(html, url=final_url)
    assert article.title == "Council approves budget"
    assert article.published == "2019-11-19"
    assert article.url == final_url


def test_fetch_follows_redirects_and_reports_the_final_url(server: str) -> None:
    html, final_url = fetch_url(f"{server}/redirect")
    assert final_url == f"{server}/article"
    assert "Council approves budget" in html


def test_fetch_decodes_the_declared_charset(server: str) -> None:
    html, _ = fetch_url(f"{server}/latin1")
    assert "caf\u00e9 three-hour" in html


def test_redirect_loop_is_bounded(server: str) -> None:
    with pytest.raises(InputError, match="redirects"):
        fetch_url(f"{server}/loop")


def test_non_html_content_type_is_refused(server: str) -> None:
    with pytest.raises(InputError, match=r"not an HTML page \(content-type: application/json\)"):
        fetch_url(f"{server}/data.json")


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_size_cap(server: str, path: str) -> None:
    with pytest.raises(InputError, match="larger than the 50,000-byte limit"):
        fetch_url(f"{server}{path}", max_bytes=50_000)


def test_http_error_status(server: str) -> None:
    with pytest.raises(InputError, match="HTTP 404"):
        fetch_url(f"{server}/missing")


def test_timeout(server: str) -> None:
    with pytest.raises(InputError, match="timed out after 0.2s"):
        fetch_url(f"{server}/slow", timeout=0.2)


def test_connection_refused_is_one_line() -> None:
    with pytest.raises(InputError, match="could not fetch") as info:
        fetch_url("http://127.0.0.1:9/nothing", timeout=2)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a.html", "file:///etc/passwd", "javascript:alert(1)", "http://"]
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(InputError, match="only http:// and https:// URLs"):
        fetch_url(url)


def test_looks_like_url() -> None:
    assert looks_like_url("https://example.org")
    assert looks_like_url("ftp://example.org")
    assert not looks_like_url("article.html")
    assert not looks_like_url("C:\\news\\a.txt")


def test_cli_summarize_url_fills_title_and_published(server: str) -> None:
    from summarizer.cli import app

    result = CliRunner().invoke(
        app, ["summarize", f"{server}/article", "--engine", "offline", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["article"]["title"] == "Council approves budget"
    assert data["article"]["published"] == "2019-11-19"
    assert data["article"]["url"] == f"{server}/article"
    assert "three-hour debate" in data["article"]["text"]


def test_cli_url_with_wrong_content_is_one_line_error(server: str) -> None:
    from summarizer.cli import app

    result = CliRunner().invoke(app, ["summarize", f"{server}/data.json", "--engine", "offline"])
    assert result.exit_code != 0
    assert "not an HTML page" in result.output
    assert "Traceback" not in result.output


def _para(n: int) -> str:
    return (
        f"<p>Paragraph {n} of the story goes on about the council budget, the libraries that stay "
        f"open and the officers the city will hire, with enough words to count as body text.</p>"
    )


def test_body_split_by_ad_slots_is_rejoined() -> None:
    # The shape of a Conde Nast page: the body in several same-class grid items between ads.
    grid = (
        '<div class="grid grid-items-2"><div class="grid--item body article__body">{}</div>'
        '<div class="grid--item aside"><div class="ad ad--rail"></div></div></div>'
    )
    ad = (
        '<div class="row full-bleed-ad"><div class="ad ad--mid-content">'
        '<span class="ad-label">Advertisement</span></div></div>'
    )
    page = (
        '<html><head><title>Split story</title></head><body><article class="article">'
        '<header><h1>Split story</h1></header><div class="chunks">'
        + grid.format("".join(_para(i) for i in range(1, 5)))
        + ad
        + grid.format("".join(_para(i) for i in range(5, 9)))
        + ad
        + grid.format("".join(_para(i) for i in range(9, 12)))
        + "</div></article><footer>site footer</footer></body></html>"
    )
    text = extract_html(page).text
    for n in range(1, 12):
        assert f"Paragraph {n} of the story" in text
    assert "Advertisement" not in text


def test_embedded_tweets_are_kept() -> None:
    tweet = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">'
        "The new slogan is real and the state paid half a million dollars for it</p>"
        "&mdash; A. Person (@aperson) November 18, 2019</blockquote></div>"
    )
    page = (
        "<html><head><title>Slogan</title></head><body><article>"
        + _para(1)
        + _para(2)
        + tweet
        + _para(3)
        + "</article></body></html>"
    )
    text = extract_html(page).text
    assert "the state paid half a million dollars" in text
    assert "Paragraph 3 of the story" in text
