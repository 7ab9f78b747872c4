"""The LLM engine package.

engine: `LLMEngine` (one plan, thin sync and async drivers); modes: what `--mode auto` learnt
per server (`ServerModes`); errors: one readable line per failure; drafts: the answer's shapes
and their validators; anchored: the anchored strategy (quotes and numbers given by id);
openai_resources and checked_models: start-up and per-call costs of openai and instructor that
the engine avoids (one resource imported, one async-validator walk per response model).

Importing the package is cheap: `LLMEngine` (openai, instructor) loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.lazy import lazy_exports

if TYPE_CHECKING:
    from summarizer.engines.llm.engine import NO_KEY, LLMEngine
    from summarizer.engines.llm.modes import FALLBACK_ORDER, ServerModes, mode_key

__all__ = ["FALLBACK_ORDER", "NO_KEY", "LLMEngine", "ServerModes", "mode_key"]

_LAZY = {
    "LLMEngine": "summarizer.engines.llm.engine",
    "NO_KEY": "summarizer.engines.llm.engine",
    "FALLBACK_ORDER": "summarizer.engines.llm.modes",
    "ServerModes": "summarizer.engines.llm.modes",
    "mode_key": "summarizer.engines.llm.modes",
}


__getattr__ = lazy_exports(__name__, _LAZY)
