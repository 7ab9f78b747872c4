"""Keeping API keys out of everything the tool prints: messages, debug logs and tracebacks.

Servers echo keys back ("Incorrect API key provided: sk-..."), and instructor logs those error
bodies; SUMMARIZER_DEBUG prints tracebacks whose messages come from anywhere. So text shown to
people goes through `redact`, which removes the configured key (OPENAI_API_KEY, --api-key),
anything shaped like a key or a bearer token, and the credentials of URLs (`user:pass@` and
secret-looking query parameters: a base URL can carry them). Imports nothing heavy: the CLI
loads it early.

A configured key is removed only as a whole token and only when it is long enough to be a
secret: `--api-key x` for a local server must not turn `max_tokens` into `ma[redacted]_tokens`.
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
# The userinfo of a URL (scheme://user:pass@host): everything between :// and the last @ of
# the authority (a password may hold an unencoded @).
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s/?#]*@")
# Query parameters that carry secrets (?api-key=..., &token=..., &sig=...).
_URL_SECRET_PARAM = re.compile(
    r"(?i)([?&](?:api[_\-]?key|key|token|access[_\-]?token|secret|password|passwd|pwd|"
    r"auth|sig|signature|code)=)[^&\s#\"']+"
)
# Shorter configured "keys" are placeholders (a local server takes any), not secrets.
MIN_SECRET_LENGTH = 8
# What a key is made of: a configured key counts only where it is not part of a longer token.
_TOKEN_CHAR = r"A-Za-z0-9_\-"
# Keys the program was given this run (--api-key), beside the environment's.
_known: set[str] = set()


def remember(secret: str | None) -> None:
    """Redact this value from now on (a key that did not come from the environment)."""
    if secret and len(secret) >= MIN_SECRET_LENGTH:
        _known.add(secret)


def remember_url(url: str | None) -> None:
    """Redact the password of this URL from now on, wherever it shows (not only in the URL)."""
    if not url:
        return
    from urllib.parse import unquote, urlsplit

    try:
        password = urlsplit(url).password
    except ValueError:
        return
    if password:
        remember(password)
        remember(unquote(password))


def redact(text: str, *secrets: str | None) -> str:
    """`text` without the configured API key, `secrets`, URL credentials, or key-shaped words."""
    candidates = {s for s in (*secrets, os.environ.get("OPENAI_API_KEY"), *_known) if s}
    # Longest first: one key may contain another.
    for secret in sorted(candidates, key=len, reverse=True):
        if len(secret) >= MIN_SECRET_LENGTH:
            whole = rf"(?<![{_TOKEN_CHAR}]){re.escape(secret)}(?![{_TOKEN_CHAR}])"
            text = re.sub(whole, REDACTED, text)
    text = _URL_USERINFO.sub(rf"\1{REDACTED}@", text)
    text = _URL_SECRET_PARAM.sub(rf"\1{REDACTED}", text)
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
