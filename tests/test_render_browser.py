"""The HTML page as a reader sees it: rendered by headless Chromium, not just parsed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from summarizer.models import Quote, Result
from summarizer.render import to_html
from tests.render_seed import bare_result, seed_result, span_of

pytestmark = pytest.mark.browser

CHROMIUM = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser")) if p),
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None,
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium(tmp_path: Path, *args: str) -> str:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    profile = tmp_path / "chromium-profile"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def write_page(tmp_path: Path, result: Result) -> Path:
    page = tmp_path / "result.html"
    page.write_text(to_html(result), encoding="utf-8")
    return page


def test_seed_page_highlights_every_quote(tmp_path: Path) -> None:
    result = seed_result()
    page = write_page(tmp_path, result)
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())

    quote_ids = re.findall(r'<mark class="quote status-\w+" id="(q-\d+)"', dom)
    expected = [f"q-{i}" for i, q in enumerate(result.summary.quotes) if q.span is not None]
    assert sorted(quote_ids) == sorted(expected)
    assert len(expected) == 6
    stat_ids = re.findall(r'<mark class="stat status-\w+" id="(s-\d+)"', dom)
    assert len(stat_ids) == sum(1 for s in result.summary.statistics if s.span is not None)
    assert len(re.findall(r'<mark class="missed"', dom)) == len(result.verification.missed_quotes)
    for anchor in expected:  # every highlight links to its row, and the row exists
        assert f'href="#row-{anchor}"' in dom and f'id="row-{anchor}"' in dom

    screenshot = tmp_path / "seed.png"
    chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1400,1800", page.as_uri())
    assert screenshot.exists() and screenshot.stat().st_size > 10_000


def test_script_in_article_text_stays_inert(tmp_path: Path) -> None:
    text = (
        "The mayor said: \u201c<script>document.title = 'pwned'</script> we will rebuild.\u201d\n\n"
        '<img src="x" onerror="document.title = \'pwned\'"> More text follows.'
    )
    result = bare_result(text)
    quoted = "<script>document.title = 'pwned'</script> we will rebuild."
    result.summary.quotes = [
        Quote(text=quoted, speaker="Mayor", status="exact", span=span_of(text, quoted))
    ]
    page = write_page(tmp_path, result)
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())

    assert "<title>pwned</title>" not in dom
    assert f"<title>{result.summary.headline}</title>" in dom
    assert "<script" not in dom.lower() and "<img" not in dom.lower()
    assert "&lt;script&gt;document.title = 'pwned'&lt;/script&gt;" in dom
    assert len(re.findall(r'<mark class="quote', dom)) == 1
