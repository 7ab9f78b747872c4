"""summarizer: structured, verified summaries of news articles.

from summarizer import summarize
result = summarize(open("article.txt").read())
result.summary.quotes, result.verification.passed
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.lazy import lazy_exports

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Checked",
    "Result",
    "Settings",
    "Summary",
    "SummarizerError",
    "__version__",
    "asummarize",
    "check",
    "summarize",
]

if TYPE_CHECKING:
    from summarizer.api import asummarize, check, summarize
    from summarizer.config import Settings
    from summarizer.errors import SummarizerError
    from summarizer.models import Article, Checked, Result, Summary

_LAZY = {
    "summarize": "summarizer.api",
    "asummarize": "summarizer.api",
    "check": "summarizer.api",
    "Settings": "summarizer.config",
    "SummarizerError": "summarizer.errors",
    "Article": "summarizer.models",
    "Checked": "summarizer.models",
    "Result": "summarizer.models",
    "Summary": "summarizer.models",
}


__getattr__ = lazy_exports(__name__, _LAZY)
