"""Caches for the evidence layer's pure functions.

`per_text` remembers `fn(text, *args)` for the few texts seen last: an article asks the same
question of the same name at every quote ("who is Salas in full?"). Pure functions of one word or
name take `functools.lru_cache` directly; this is for those that also read the whole text, whose
text must not be kept for long nor hashed into every key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache, wraps
from typing import Concatenate, ParamSpec, TypeVar, cast

__all__ = ["per_text"]

P = ParamSpec("P")
R = TypeVar("R")


def per_text(fn: Callable[Concatenate[str, P], R]) -> Callable[Concatenate[str, P], R]:
    """`fn(text, *args)` computed once per text and arguments (for the last 8 texts)."""

    @lru_cache(maxsize=8)
    def answers(text: str) -> dict[Hashable, R]:
        return {}

    @wraps(fn)
    def cached(text: str, *args: P.args, **kwargs: P.kwargs) -> R:
        known = answers(text)
        key = (args, tuple(kwargs.items())) if kwargs else args
        if key in known:
            return known[key]
        value = known[key] = fn(text, *args, **kwargs)
        return value

    # Cleared with the lru_caches of one entry per text (tests, benches timing a cold call).
    cached.cache_clear = answers.cache_clear  # type: ignore[attr-defined]
    cached.cache_parameters = answers.cache_parameters  # type: ignore[attr-defined]
    return cast(Callable[Concatenate[str, P], R], cached)
