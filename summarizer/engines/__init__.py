"""Engines turn an article into a draft summary. One small interface, two implementations.

base: the interface and the testing override stack; factory: `make_engine`, the one way to get
an engine; offline_adapter: the offline engine behind it; llm/: the model engine.
"""

from __future__ import annotations

from summarizer.engines.base import Engine, EngineRun, HttpOptions
from summarizer.engines.factory import make_engine

__all__ = ["Engine", "EngineRun", "HttpOptions", "make_engine"]
