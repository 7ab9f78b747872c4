"""Settings resolved once, flag > environment > default, then frozen.

Nothing here reads the environment at import time: `Settings.resolve()` does, when called.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from summarizer.errors import ConfigError

EngineChoice = Literal["auto", "llm", "offline"]
ModeChoice = Literal["auto", "tools", "json_schema", "json", "md_json"]
Strategy = Literal["free", "anchored"]

ENGINES: tuple[str, ...] = ("auto", "llm", "offline")
MODES: tuple[str, ...] = ("auto", "tools", "json_schema", "json", "md_json")
STRATEGIES: tuple[str, ...] = ("free", "anchored")

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_MAX_RETRIES = 2
DEFAULT_TRANSPORT_RETRIES = 2
DEFAULT_TIMEOUT = 60.0
DEFAULT_TEMPERATURE = 0.0
DEFAULT_MAX_CHARS = 200_000

# The environment variables each setting reads, shown in --help by the CLI.
ENV = {
    "engine": "SUMMARIZER_ENGINE",
    "model": "SUMMARIZER_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "mode": "SUMMARIZER_MODE",
    "max_retries": "SUMMARIZER_MAX_RETRIES",
    "transport_retries": "SUMMARIZER_TRANSPORT_RETRIES",
    "timeout": "SUMMARIZER_TIMEOUT",
    "temperature": "SUMMARIZER_TEMPERATURE",
    "max_chars": "SUMMARIZER_MAX_CHARS",
    "max_tokens": "SUMMARIZER_MAX_TOKENS",
    "strategy": "SUMMARIZER_STRATEGY",
}


@dataclass(frozen=True)
class Settings:
    engine: EngineChoice = "auto"
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    mode: ModeChoice = "auto"
    max_retries: int = DEFAULT_MAX_RETRIES
    # HTTP-level retries on 429/5xx/timeouts (the openai client's, honouring Retry-After);
    # separate from `max_retries`, the re-asks when an answer fails verification.
    transport_retries: int = DEFAULT_TRANSPORT_RETRIES
    timeout: float = DEFAULT_TIMEOUT
    temperature: float = DEFAULT_TEMPERATURE
    max_chars: int = DEFAULT_MAX_CHARS
    # A cap on each answer; None leaves it to the server. Small local models can loop inside a
    # JSON string until the context is full, so a cap bounds time as well as tokens.
    max_tokens: int | None = None
    # Measured (bench/prompt_overhead.py): anchored sends 17% fewer instruction tokens, writes
    # half the output tokens, and its quotes are verbatim by construction.
    strategy: Strategy = "anchored"
    record: Path | None = None
    replay: Path | None = None

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, **flags: object) -> Settings:
        """Flags that are not None win, then the environment, then the defaults."""
        environ = os.environ if env is None else env
        values: dict[str, object] = {}
        for name, var in ENV.items():
            flag = flags.pop(name, None)
            if flag is not None:
                values[name] = flag
            elif environ.get(var):
                values[name] = environ[var]
        for name, flag in flags.items():
            if flag is not None:
                values[name] = flag
        try:
            settings = cls(**_coerce(values))  # type: ignore[arg-type]
        except TypeError as exc:
            raise ConfigError(str(exc)) from None
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.engine not in ENGINES:
            raise ConfigError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.mode not in MODES:
            raise ConfigError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.strategy not in STRATEGIES:
            raise ConfigError(
                f"strategy must be one of {', '.join(STRATEGIES)}, not {self.strategy!r}"
            )
        if self.max_retries < 0:
            raise ConfigError("max-retries must be 0 or more")
        if self.transport_retries < 0:
            raise ConfigError("transport-retries must be 0 or more")
        if self.timeout <= 0:
            raise ConfigError("timeout must be more than 0 seconds")
        if self.max_chars <= 0:
            raise ConfigError("max-chars must be more than 0")
        if self.max_tokens is not None and self.max_tokens <= 0:
            raise ConfigError("max-tokens must be more than 0")
        if self.record and self.replay:
            raise ConfigError("--record and --replay cannot be used together")

    @property
    def llm_configured(self) -> bool:
        return bool(self.api_key or self.base_url or self.replay)

    def effective_engine(self) -> Literal["llm", "offline"]:
        if self.engine == "auto":
            return "llm" if self.llm_configured else "offline"
        return self.engine

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def _coerce(values: dict[str, object]) -> dict[str, object]:
    """Environment values arrive as strings; turn them into the field types."""
    casts: dict[str, type] = {
        "max_retries": int,
        "transport_retries": int,
        "timeout": float,
        "temperature": float,
        "max_chars": int,
        "max_tokens": int,
    }
    out: dict[str, object] = {}
    for name, value in values.items():
        cast = casts.get(name)
        if cast is not None and isinstance(value, str):
            try:
                value = cast(value)
            except ValueError:
                raise ConfigError(
                    f"{ENV.get(name, name)}={value!r} is not a valid {cast.__name__}"
                ) from None
        if name in ("record", "replay") and isinstance(value, str):
            value = Path(value)
        out[name] = value
    return out
