"""Engines turn an article into a draft summary. One small interface, two implementations."""

from __future__ import annotations

from summarizer.engines.base import Engine, EngineRun, make_engine

__all__ = ["Engine", "EngineRun", "make_engine"]
