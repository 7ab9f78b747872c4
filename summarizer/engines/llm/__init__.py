"""The LLM engine package.

engine: `LLMEngine` (one plan, thin sync and async drivers); modes: what `--mode auto` learnt
per server (`ServerModes`); errors: one readable line per failure; drafts: the answer's shapes
and their validators; anchored: the anchored strategy (quotes and numbers given by id);
openai_packages and checked_models: start-up and per-call costs of openai and instructor that
the engine avoids (openai's generated types and resources imported a name at a time, one
async-validator walk per response model).

Importing the package is cheap: `LLMEngine` (openai, instructor) loads on first use. It installs
openai_packages' import finder, before any module of the package imports openai.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.engines.llm.openai_packages import install as _install_openai_packages
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
_install_openai_packages()
