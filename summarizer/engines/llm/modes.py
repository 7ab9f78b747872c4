"""Server-mode knowledge: which instructor mode a server takes, learnt once per base URL.

`--mode auto` tries the modes in FALLBACK_ORDER and remembers the first that works; before that
it asks a server it has not met whether it makes a forced tool call (one tiny probe request).
What was learnt lives in a `ServerModes` object the engine is given: the process shares one
(`ServerModes.shared()`), and `reset()` forgets it (tests, long-lived processes).
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.config import Settings

# Tried in this order under --mode auto; the first that works is remembered per base URL.
FALLBACK_ORDER: tuple[str, ...] = ("tools", "json_schema", "json", "md_json")
DEFAULT_BASE_URL = "https://api.openai.com/v1"


def mode_key(settings: Settings) -> str:
    base = settings.base_url or DEFAULT_BASE_URL
    # A cassette replays the modes it recorded: a mode learnt from another server must not leak.
    return f"{base} replay={settings.replay}" if settings.replay else base


class ServerModes:
    """What `--mode auto` learnt per server, and the locks that make concurrent first calls
    wait for one probe instead of each sending their own."""

    _shared: ServerModes | None = None
    _shared_guard = threading.Lock()

    def __init__(self) -> None:
        self.chosen: dict[str, str] = {}  # the mode that worked, per mode_key
        self.tools_ok: dict[str, bool] = {}  # the probe's answer: does it make tool calls?
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        # An asyncio.Lock belongs to one event loop; each asyncio.run() gets its own set,
        # dropped with the loop.
        self._async_locks: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, dict[str, asyncio.Lock]
        ] = weakref.WeakKeyDictionary()

    @classmethod
    def shared(cls) -> ServerModes:
        """The process's one registry, used by every engine the factory makes."""
        with cls._shared_guard:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def reset(self) -> None:
        """Forget every server (tests, and long-lived processes whose servers change)."""
        with self._guard:
            self.chosen.clear()
            self.tools_ok.clear()

    def modes(self, settings: Settings) -> list[str]:
        """The modes to try, in order, for a call with these settings."""
        if settings.mode != "auto":
            return [settings.mode]
        chosen = self.chosen.get(mode_key(settings))
        if chosen:
            return [chosen]
        if settings.base_url is None:
            return ["tools"]
        return list(FALLBACK_ORDER)

    def choose(self, settings: Settings, mode: str) -> None:
        self.chosen[mode_key(settings)] = mode

    def lock(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def async_lock(self, key: str) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        with self._guard:
            return self._async_locks.setdefault(loop, {}).setdefault(key, asyncio.Lock())


PROBE_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "ping",
        "description": "Answer the ping.",
        "parameters": {
            "type": "object",
            "properties": {"ok": {"type": "boolean"}},
            "required": ["ok"],
        },
    },
}


def probe_args(settings: Settings) -> dict[str, Any]:
    """One tiny request: does the server make a forced tool call?"""
    return {
        "model": settings.model,
        "messages": [{"role": "user", "content": "Call the ping tool."}],
        "tools": [PROBE_TOOL],
        "tool_choice": {"type": "function", "function": {"name": "ping"}},
        "max_tokens": 32,
        "temperature": 0,
    }


def has_tool_call(response: Any) -> bool:
    choices = getattr(response, "choices", None) or []
    message = getattr(choices[0], "message", None) if choices else None
    return bool(getattr(message, "tool_calls", None))
