"""Keeping API keys out of everything the tool prints: messages, debug logs and tracebacks.

Servers echo keys back ("Incorrect API key provided: sk-..."), and instructor logs those error
bodies; SUMMARIZER_DEBUG prints tracebacks whose messages come from anywhere. So text shown to
people goes through `redact`, which removes the configured key (OPENAI_API_KEY, --api-key) and
anything shaped like a key or a bearer token. Imports nothing heavy: the CLI loads it early.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from typing import TextIO

REDACTED = "[redacted]"
# OpenAI-style keys (sk-..., sk-proj-...) and bearer tokens, whoever's they are.
_KEY_SHAPED = re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}|(?i:\bbearer\s+)[A-Za-z0-9._~+/\-]{8,}=*")
# Keys the program was given this run (--api-key), beside the environment's.
_known: set[str] = set()


def remember(secret: str | None) -> None:
    """Redact this value from now on (a key that did not come from the environment)."""
    if secret and len(secret) >= 4:
        _known.add(secret)


def redact(text: str, *secrets: str | None) -> str:
    """`text` without the configured API key, `secrets`, or anything that looks like a key."""
    candidates = {s for s in (*secrets, os.environ.get("OPENAI_API_KEY"), *_known) if s}
    # Longest first: one key may contain another.
    for secret in sorted(candidates, key=len, reverse=True):
        if len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return _KEY_SHAPED.sub(REDACTED, text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then redacts: message, arguments and traceback alike."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is at the time (test runners swap it per call)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


def enable_debug_logging() -> None:
    """DEBUG logs of every library (openai, instructor, httpx) to stderr, redacted. Idempotent."""
    root = logging.getLogger()
    if any(isinstance(h, _StderrHandler) for h in root.handlers):
        return
    handler = _StderrHandler()
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
