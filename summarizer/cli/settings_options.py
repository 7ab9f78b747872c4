"""The `Settings` options of a command, derived from `summarizer.config.SETTINGS`.

`with_settings_options` gives a command one typer option per setting (flag, environment
variable, help, choices, limits as declared) and hands the command the resolved `Settings`
as its `settings` argument. Nothing here imports pydantic or openai: `--help` builds these.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Annotated, Any

import typer

from summarizer.config import SETTINGS, Setting, Settings


def _option(s: Setting) -> Any:
    minimum: float | None = s.at_least
    if s.above is not None and s.type is int:
        minimum = int(s.above) + 1
    return typer.Option(
        s.flag,
        envvar=s.env,
        help=s.help,
        show_default=not (s.optional or s.secret),
        min=minimum if s.type is int else None,
    )


_enum: Any = StrEnum  # the functional API, called with a computed name


def _parameter(s: Setting) -> inspect.Parameter:
    base: Any = s.type
    default = s.default
    if s.choices:
        # typer shows and checks choices from an Enum; Settings.resolve takes its plain value.
        base = _enum(f"{s.name.title().replace('_', '')}Choice", {c: c for c in s.choices})
        default = base(default) if default is not None else None
    annotation = base | None if s.optional else base
    return inspect.Parameter(
        s.name,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        default=default,
        annotation=Annotated[annotation, _option(s)],
    )


def settings_options(
    *, only: tuple[str, ...] | None = None, fixed: dict[str, Any] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`with_settings_options` offering only some settings (`only`), with `fixed` values the
    command decides itself (a batch is always an LLM run), resolved like flags."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        return with_settings_options(command, only=only, fixed=fixed)

    return decorate


def with_settings_options(
    command: Callable[..., Any],
    *,
    only: tuple[str, ...] | None = None,
    fixed: dict[str, Any] | None = None,
) -> Callable[..., Any]:
    """Replace the command's `settings` parameter with one option per setting, in its place."""
    own = list(inspect.signature(command, eval_str=True).parameters.values())
    at = next(i for i, p in enumerate(own) if p.name == "settings")
    offered = [s for s in SETTINGS if only is None or s.name in only]
    names = {s.name for s in offered}

    @wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        from summarizer.redact import remember, remember_url

        flags = {name: kwargs.pop(name) for name in list(kwargs) if name in names}
        settings = Settings.resolve(**flags, **(fixed or {}))
        # Whatever prints a message from here on (errors, logs, tracebacks) leaves these out.
        remember(settings.api_key)
        remember_url(settings.base_url)
        return command(settings=settings, **kwargs)

    derived = [_parameter(s) for s in offered]
    wrapper.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [*own[:at], *derived, *own[at + 1 :]]
    )
    wrapper.__annotations__ = {}  # the signature above is the whole truth for typer
    return wrapper
