"""What the answer's validators check it against, handed to them beside instructor.

Not instructor's `context=`: given a context, instructor renders every message as a Jinja
template, the article's text included, so an article's "{{ 7*7 }}" reached the model as "49",
"{# ... #}" vanished and a stray "{%" failed the article. A context variable reaches the
validators through instructor's parsing and re-asks alike (the same thread, or the same task
for the async client) and leaves the messages exactly as written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any

__all__ = ["checked_against", "checking_against"]

_NOTHING: Mapping[str, Any] = MappingProxyType({})
_AGAINST: ContextVar[Mapping[str, Any]] = ContextVar("summarizer_checked_against", default=_NOTHING)


@contextmanager
def checking_against(context: Mapping[str, Any]) -> Iterator[None]:
    """Validators run inside this block see `context` (article text, article, state, anchors)."""
    token = _AGAINST.set(context)
    try:
        yield
    finally:
        _AGAINST.reset(token)


def checked_against() -> Mapping[str, Any]:
    """The context of the innermost `checking_against` block; empty outside any."""
    return _AGAINST.get()
