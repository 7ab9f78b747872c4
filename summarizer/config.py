"""Settings declared once, resolved once (flag > environment > default), then frozen.

Each setting is one field of `Settings`, declared with `_setting(...)`: its default, environment
variable, CLI help, limits, and what it takes part in (`answer`: changes the model's answer, so
it is in the cache key; `resume`: in the batch resume key; `recorded`: in cassette headers and
`recorded_settings`). Everything else is derived from `SETTINGS`: the `summarize` CLI options,
the environment reading and coercion in `Settings.resolve`, validation, the keys and the
cassette settings block. A new setting is a new field here; a test walks `SETTINGS` and proves
each flag has its effect.

Nothing here reads the environment at import time, and nothing heavy is imported (the CLI's
`--help` builds its options from this module).
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, TypedDict

from summarizer.errors import ConfigError

EngineChoice = Literal["auto", "llm", "offline"]
ModeChoice = Literal["auto", "tools", "json_schema", "json", "md_json"]
Strategy = Literal["free", "anchored"]

ENGINES: tuple[str, ...] = typing.get_args(EngineChoice)
MODES: tuple[str, ...] = typing.get_args(ModeChoice)
STRATEGIES: tuple[str, ...] = typing.get_args(Strategy)

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_MAX_RETRIES = 2
DEFAULT_TRANSPORT_RETRIES = 2
DEFAULT_TIMEOUT = 60.0
DEFAULT_TEMPERATURE = 0.0
DEFAULT_MAX_CHARS = 200_000
# What an unset base URL means to the openai client, so both spellings key the same.
OPENAI_BASE_URL = "https://api.openai.com/v1"

Role = Literal["answer", "resume", "recorded"]
_META = "summarizer.setting"


@dataclass(frozen=True)
class Setting:
    """One setting's metadata; `name`, `type`, `optional` and `choices` come from the field."""

    name: str
    type: type  # what an environment string is coerced to: str, int, float or Path
    default: object
    optional: bool  # None is a value ("the server's", "not set")
    choices: tuple[str, ...]
    env: str | None
    help: str
    at_least: float | None
    above: float | None
    answer: bool
    resume: bool
    recorded: bool
    secret: bool

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def has(self, role: Role) -> bool:
        return bool(getattr(self, role))


def _setting(
    default: Any,
    *,
    help: str,
    env: str | None = None,
    answer: bool = False,
    resume: bool | None = None,
    recorded: bool = False,
    at_least: float | None = None,
    above: float | None = None,
    secret: bool = False,
) -> Any:
    """A `Settings` field with its metadata. `resume` defaults to `answer`."""
    meta = {
        "env": env,
        "help": help,
        "answer": answer,
        "resume": answer if resume is None else resume,
        "recorded": recorded,
        "at_least": at_least,
        "above": above,
        "secret": secret,
    }
    return dataclasses.field(default=default, repr=not secret, metadata={_META: meta})


@dataclass(frozen=True)
class Settings:
    engine: EngineChoice = _setting(
        "auto",
        env="SUMMARIZER_ENGINE",
        help="llm: a model through instructor; offline: deterministic, no model; auto: llm "
        "when a key or base URL is configured.",
        answer=True,
    )
    model: str = _setting(
        DEFAULT_MODEL,
        env="SUMMARIZER_MODEL",
        help="Model name sent to the server.",
        answer=True,
        recorded=True,
    )
    base_url: str | None = _setting(
        None,
        env="OPENAI_BASE_URL",
        help="Any OpenAI-compatible server's /v1 URL.",
        answer=True,
        recorded=True,
    )
    api_key: str | None = _setting(None, env="OPENAI_API_KEY", help="API key.", secret=True)
    mode: ModeChoice = _setting(
        "auto",
        env="SUMMARIZER_MODE",
        help="How to ask for structured output; auto falls back tools -> json_schema -> "
        "json -> md_json on a server that rejects one.",
        answer=True,
        recorded=True,
    )
    max_retries: int = _setting(
        DEFAULT_MAX_RETRIES,
        env="SUMMARIZER_MAX_RETRIES",
        help="Re-asks when the answer fails verification.",
        at_least=0,
        answer=True,
        recorded=True,
    )
    # HTTP-level retries on 429/5xx/timeouts (the openai client's, honouring Retry-After);
    # separate from `max_retries`, the re-asks when an answer fails verification. The same
    # request is sent again, so the answer does not change.
    transport_retries: int = _setting(
        DEFAULT_TRANSPORT_RETRIES,
        env="SUMMARIZER_TRANSPORT_RETRIES",
        help="HTTP retries on 429, 5xx, timeouts and connection errors (exponential backoff "
        "with jitter, honouring Retry-After); separate from --max-retries.",
        at_least=0,
        recorded=True,
    )
    timeout: float = _setting(
        DEFAULT_TIMEOUT, env="SUMMARIZER_TIMEOUT", help="Seconds per model request.", above=0
    )
    temperature: float = _setting(
        DEFAULT_TEMPERATURE,
        env="SUMMARIZER_TEMPERATURE",
        help="Sampling temperature sent to the model.",
        answer=True,
        recorded=True,
    )
    # Refuses an article before any request; an accepted article's answer is the same.
    max_chars: int = _setting(
        DEFAULT_MAX_CHARS, env="SUMMARIZER_MAX_CHARS", help="Refuse longer articles.", above=0
    )
    # A cap on each answer; None leaves it to the server. Small local models can loop inside a
    # JSON string until the context is full, so a cap bounds time as well as tokens.
    max_tokens: int | None = _setting(
        None,
        env="SUMMARIZER_MAX_TOKENS",
        help="Cap on each answer's tokens (default: the server's). Bounds the time a small "
        "local model can spend looping.",
        above=0,
        answer=True,
        recorded=True,
    )
    # Measured (bench/prompt_overhead.py): anchored sends 17% fewer instruction tokens, writes
    # half the output tokens, and its quotes are verbatim by construction.
    strategy: Strategy = _setting(
        "anchored",
        env="SUMMARIZER_STRATEGY",
        help="anchored: the model attributes the quoted passages and numbers the evidence "
        "layer found, by id (verbatim by construction, half the output tokens); free: it "
        "copies them itself.",
        answer=True,
        recorded=True,
    )
    record: Path | None = _setting(None, help="Record the model's HTTP exchanges to this cassette.")
    replay: Path | None = _setting(None, help="Answer from this cassette instead of the network.")

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, **flags: object) -> Settings:
        """Flags that are not None win, then the environment, then the defaults."""
        environ = os.environ if env is None else env
        unknown = sorted(set(flags) - set(SETTINGS_BY_NAME))
        if unknown:
            raise ConfigError(f"unknown setting {unknown[0]!r}")
        values: dict[str, object] = {}
        for s in SETTINGS:
            flag = flags.get(s.name)
            if flag is not None:
                values[s.name] = _coerce(s, flag, s.name)
            elif s.env and environ.get(s.env):
                values[s.name] = _coerce(s, environ[s.env], f"{s.env}={environ[s.env]!r}")
        settings = cls(**values)  # type: ignore[arg-type]
        settings.validate()
        return settings

    def validate(self) -> None:
        for s in SETTINGS:
            value = getattr(self, s.name)
            label = s.flag.removeprefix("--")
            if value is None and s.optional:
                continue
            if s.choices and value not in s.choices:
                raise ConfigError(f"{s.name} must be one of {', '.join(s.choices)}, not {value!r}")
            if s.at_least is not None and value < s.at_least:
                raise ConfigError(f"{label} must be {s.at_least:g} or more")
            if s.above is not None and value <= s.above:
                raise ConfigError(f"{label} must be more than {s.above:g}")
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

    def values(self, role: Role) -> dict[str, Any]:
        """The settings that take part in `role`, by name.

        For the keys ("answer", "resume") values mean what they do: the engine that will run,
        and the base URL an unset one stands for. "recorded" gives the values as set.
        """
        out: dict[str, Any] = {}
        for s in SETTINGS:
            if not s.has(role):
                continue
            value = getattr(self, s.name)
            if role != "recorded":
                if s.name == "engine":
                    value = self.effective_engine()
                elif s.name == "base_url":
                    value = value or OPENAI_BASE_URL
            out[s.name] = str(value) if isinstance(value, Path) else value
        return out


class SettingsKwargs(TypedDict, total=False):
    """The settings as keyword arguments of `summarize()` / `asummarize()`.

    Written out for type checkers; a test checks it matches `SETTINGS` name for name.
    """

    engine: EngineChoice
    model: str
    base_url: str
    api_key: str
    mode: ModeChoice
    max_retries: int
    transport_retries: int
    timeout: float
    temperature: float
    max_chars: int
    max_tokens: int
    strategy: Strategy
    record: str | Path
    replay: str | Path


def _describe(field: dataclasses.Field[Any], hint: Any) -> Setting:
    args = typing.get_args(hint)
    optional = typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args
    base = next(a for a in args if a is not type(None)) if optional else hint
    choices: tuple[str, ...] = ()
    if typing.get_origin(base) is Literal:
        choices, base = typing.get_args(base), str
    meta = field.metadata[_META]
    return Setting(
        name=field.name,
        type=base,
        default=field.default,
        optional=optional,
        choices=choices,
        **meta,
    )


def _settings_of(cls: type) -> tuple[Setting, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(_describe(f, hints[f.name]) for f in dataclasses.fields(cls))


SETTINGS: tuple[Setting, ...] = _settings_of(Settings)
SETTINGS_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
# The environment variable of each setting that has one (shown in --help by the CLI).
ENV: dict[str, str] = {s.name: s.env for s in SETTINGS if s.env}


def _coerce(s: Setting, value: object, where: str) -> object:
    """Environment values (and loose flags) arrive as strings; turn them into the field type."""
    if isinstance(value, str) and s.type is not str:
        try:
            return s.type(value)
        except ValueError:
            raise ConfigError(f"{where} is not a valid {s.type.__name__}") from None
    if s.type is Path and isinstance(value, os.PathLike):
        return Path(value)
    if s.type in (int, float) and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise ConfigError(f"{s.name} must be a number, not {value!r}")
    if s.type is float and isinstance(value, int):
        return float(value)
    if s.type is str:
        if not isinstance(value, str):
            raise ConfigError(f"{s.name} must be a string, not {value!r}")
        return str(value)  # a CLI enum member is its plain value
    return value
