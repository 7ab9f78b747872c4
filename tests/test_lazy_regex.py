"""`evidence.regex.lazy_compile`: a pattern compiled on first use matches like `re.compile`'s,
and the evidence layer's import compiles none of them (a batch's first request waits for it)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.evidence import regex
from summarizer.evidence.regex import lazy_compile

PATTERNS = [r"\b(?P<w>[A-Z]\w+)\b", r"(a|b)+", r"said|says", r"\s*,\s*", r"x?"]


@given(
    st.sampled_from(PATTERNS),
    st.sampled_from([0, re.IGNORECASE]),
    st.text(alphabet="abAB xyXY,said", max_size=40),
)
def test_lazy_pattern_matches_like_a_compiled_one(pattern: str, flags: int, text: str) -> None:
    lazy, real = lazy_compile(pattern, flags), re.compile(pattern, flags)

    def spans(matches: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
        return [m.span() for m in matches]

    def span(m: re.Match[str] | None) -> tuple[int, int] | None:
        return m.span() if m else None

    assert span(lazy.search(text)) == span(real.search(text))
    assert span(lazy.match(text, 1)) == span(real.match(text, 1))
    assert span(lazy.fullmatch(text)) == span(real.fullmatch(text))
    assert spans(lazy.finditer(text)) == spans(real.finditer(text))
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub("-", text) == real.sub("-", text)
    assert lazy.split(text) == real.split(text)


def test_compiled_on_first_use_only(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        calls.append(pattern)
        return original(pattern, flags)

    monkeypatch.setattr(regex.re, "compile", counting)
    lazy = lazy_compile(r"lazy\d+")
    assert calls == []
    assert lazy.search("a lazy42") is not None
    assert lazy.findall("lazy1 lazy2") == ["lazy1", "lazy2"]
    assert calls == [r"lazy\d+"]  # once, whichever method came first
    assert vars(lazy)["search"].__self__.pattern == r"lazy\d+"  # the compiled pattern's own


def test_the_evidence_layer_compiles_no_lazy_pattern_at_import() -> None:
    code = (
        "import gc, summarizer.evidence.quotes, summarizer.evidence.numbers, summarizer.verify\n"
        "from summarizer.evidence.regex import _LazyPattern\n"
        "lazy = [o for o in gc.get_objects() if isinstance(o, _LazyPattern)]\n"
        "print(len(lazy), sum('search' in vars(o) for o in lazy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(out[0]) > 0
    assert out[1] == "0", "a lazy pattern was used at import: it compiles there again"


def test_a_lazy_pattern_takes_keyword_arguments_as_a_compiled_one_does() -> None:
    lazy = lazy_compile(r"a+")
    assert lazy.sub("b", "aa xa aa", count=1) == "b xa aa"
    assert lazy.split("xaaybaaz", maxsplit=1) == ["x", "ybaaz"]
