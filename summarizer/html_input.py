"""Web pages in: fetch a URL (bounded) and turn HTML into an `Article` with trafilatura.

trafilatura is imported inside the functions: it pulls in lxml and friends, and `--help` or a
plain-text run should not pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from summarizer.errors import InputError
from summarizer.models import Article

__all__ = ["Extracted", "article_from_html", "extract_html", "fetch_url", "looks_like_url"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_REDIRECTS = 5
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.IGNORECASE)
# trafilatura separates blocks with one newline; a blank line between paragraphs is what the
# plain-text fixtures use and what the evidence layer reads as a paragraph break.
_LINE_BREAKS = re.compile(r"\n+")

# Measured on the dev pages (bench/eval_html.py): favor_precision drops related-links boxes and
# bylines that favor_recall keeps, for +0.01 mean token F1; tables stay (they carry statistics).
_EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
}


@dataclass(frozen=True, slots=True)
class Extracted:
    """What trafilatura found on a page; `Article` keeps the fields the contract has."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site_name: str | None = None
    url: str | None = None


def looks_like_url(value: str) -> bool:
    """True for anything with a scheme, so that `ftp://x` gets a clear error, not 'no such file'."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value) is not None


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Body text and metadata of an HTML page. Raises InputError when no article text is found."""
    import trafilatura

    if not html.strip():
        raise InputError("the HTML page is empty")
    html = _unhide_embedded_tweets(html)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **_EXTRACT_OPTIONS)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on malformed pages
        raise InputError(f"could not parse the HTML page: {exc}") from None
    text = _clean_text(_attr(doc, "text") or "")
    if text:
        text = _rejoin_split_body(html, url, text) or text
    if not text:
        raise InputError("no article text found in the HTML page")
    published = _attr(doc, "date")
    return Extracted(
        text=text,
        title=_attr(doc, "title"),
        author=_attr(doc, "author"),
        published=published if published and _ISO_DATE.match(published) else None,
        site_name=_attr(doc, "sitename"),
        url=_attr(doc, "url"),
    )


def article_from_html(html: str, *, url: str | None = None) -> Article:
    """An `Article` whose `text` is the extracted body: every span indexes this text."""
    found = extract_html(html, url=url)
    return Article(
        title=found.title,
        url=url or found.url,
        published=found.published,
        text=found.text,
    )


def fetch_url(url: str, *, timeout: float = 20.0, max_bytes: int = 5_000_000) -> tuple[str, str]:
    """GET an http(s) page: (html, final url). Every failure is an InputError with one line."""
    import httpx

    _check_scheme(url)
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=_MAX_REDIRECTS,
                timeout=timeout,
                headers={
                    "User-Agent": "summarizer/0.1 (+https://github.com/)",
                    "Accept": "text/html",
                },
            ) as client,
            client.stream("GET", url) as response,
        ):
            final_url = str(response.url)
            _check_scheme(final_url)
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} fetching {url}")
            content_type = response.headers.get("content-type", "")
            mime = content_type.split(";", 1)[0].strip().lower()
            if mime and mime not in _HTML_TYPES:
                raise InputError(f"{url} is not an HTML page (content-type: {mime})")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url} is larger than the {max_bytes:,}-byte limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise InputError(f"{url} is larger than the {max_bytes:,}-byte limit")
            return _decode(bytes(body), response.charset_encoding), final_url
    except httpx.TooManyRedirects:
        raise InputError(f"more than {_MAX_REDIRECTS} redirects fetching {url}") from None
    except httpx.TimeoutException:
        raise InputError(f"timed out after {timeout:g}s fetching {url}") from None
    except httpx.HTTPError as exc:
        raise InputError(f"could not fetch {url}: {exc or type(exc).__name__}") from None


def _rejoin_split_body(html: str, url: str | None, text: str) -> str | None:
    """Re-extract when the body is split into sibling containers that trafilatura cut short.

    Some sites (Wired and other Conde Nast titles, for one) break the article body into several
    same-class containers separated by ad slots; trafilatura keeps the first. When other
    containers with the body's tag and class hold paragraphs missing from the text, they are
    merged into the first and the page is extracted again; the new text is kept only if it
    keeps every line of the old one.
    """
    import trafilatura
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    lines = {_norm(line) for line in text.split("\n\n")}
    probes = [line for line in lines if len(line) > 80]
    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # noqa: BLE001 - lxml refuses some pages trafilatura repairs; keep its text
        return None
    anchor = next((p for p in tree.iter("p") if _norm(p.text_content()) in probes), None)
    node = anchor.getparent() if anchor is not None else None
    for _ in range(4):  # the body container is a few levels above its paragraphs at most
        if node is None:
            return None
        classes = node.get("class") or ""
        if _BODYISH.search(classes):
            others = [
                e
                for e in tree.iter(node.tag)
                if e is not node
                and e.get("class") == classes
                and not _nested(e, node)
                and sum(len(t) for t in _paragraphs(e) if t not in lines) >= 200
            ]
            if others:
                break
        node = node.getparent()
    else:
        return None
    for other in others:
        for child in list(other):
            node.append(child)
        parent = other.getparent()
        if parent is not None:
            parent.remove(other)
    # Back to a string: trafilatura cleans a string input more thoroughly than a parsed tree.
    page = lxml_html.tostring(tree, encoding="unicode")
    merged = _clean_text(trafilatura.extract(page, url=url, **_EXTRACT_OPTIONS) or "")
    new_lines = {_norm(line) for line in merged.split("\n\n")}
    if len(merged) > len(text) and lines <= new_lines:
        return merged
    return None


def _unhide_embedded_tweets(html: str) -> str:
    """Let embedded tweets through: news pages quote people by embedding their posts.

    trafilatura drops wrappers whose class says "social" or "embed" as share-button boilerplate;
    around a `blockquote.twitter-tweet` such a wrapper holds quoted words, so its class goes.
    """
    if "twitter-tweet" not in html:
        return html
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # noqa: BLE001 - leave pages lxml cannot read to trafilatura
        return html
    changed = False
    for quote in tree.xpath('//blockquote[contains(@class, "twitter-tweet")]'):
        wrapper = quote.getparent()
        for _ in range(3):
            if wrapper is None:
                break
            if _SOCIAL.search(f"{wrapper.get('class', '')} {wrapper.get('id', '')}"):
                wrapper.attrib.pop("class", None)
                wrapper.attrib.pop("id", None)
                changed = True
            wrapper = wrapper.getparent()
    return str(lxml_html.tostring(tree, encoding="unicode")) if changed else html


_SOCIAL = re.compile(r"social|embed|tweet|twitter|share", re.IGNORECASE)
_BODYISH = re.compile(r"body|content|article|story|text|entry|post", re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(element: Any) -> list[str]:
    return [_norm(p.text_content()) for p in element.iter("p")]


def _nested(a: Any, b: Any) -> bool:
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(f"only http:// and https:// URLs can be fetched, not {url!r}")


def _decode(body: bytes, header_charset: str | None) -> str:
    """Header charset, then a <meta charset> near the top, then UTF-8 with replacement."""
    candidates = [header_charset]
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    for charset in candidates:
        if not charset:
            continue
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def _clean_text(text: str) -> str:
    lines = [line.strip() for line in _LINE_BREAKS.split(text.strip())]
    return "\n\n".join(line for line in lines if line)


def _attr(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
