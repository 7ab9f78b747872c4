"""The deterministic offline extractor behind the engine interface."""

from __future__ import annotations

from typing import Literal

from summarizer.engines.base import EngineRun
from summarizer.models import Article


class OfflineAdapter:
    name: Literal["offline"] = "offline"

    def run(self, article: Article) -> EngineRun:
        from summarizer.engines.offline import OfflineEngine

        summary = OfflineEngine().summarize(
            article.text, title=article.title, published=article.published
        )
        return EngineRun(summary=summary, engine="offline", attempts=0)

    async def arun(self, article: Article) -> EngineRun:
        return self.run(article)
