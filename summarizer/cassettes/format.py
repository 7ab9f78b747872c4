"""The cassette file: a readable JSON record of the model's HTTP exchanges, and its header.

    {"cassette": {header: format, origin, model, prompt_sha256, settings, ...},
     "interactions": [{"key", "request": {method, path, body},
                       "response": {status, headers, body}}]}

Requests are matched by `key`, a sha256 of the canonical request body (sorted keys, volatile
fields dropped, 1.0 == 1), so header noise (retry counters, user agents, keys) never matters.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import threading
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from summarizer.errors import ReplayError

if TYPE_CHECKING:
    import httpx2

    from summarizer.config import Settings


FORMAT = 1
Origin = Literal["model", "handwritten"]

# Fields that change between identical runs without changing the answer.
VOLATILE_FIELDS = frozenset(
    {
        "user",
        "metadata",
        "store",
        "stream_options",
        "service_tier",
        "prompt_cache_key",
        "safety_identifier",
    }
)
# Never written: credentials and cookies (lower case).
SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "api-key",
        "x-api-key",
        "cookie",
        "set-cookie",
        "openai-organization",
        "openai-project",
    }
)
# Describe the bytes on the wire, which are stored decoded: they would lie on replay.
WIRE_HEADERS = frozenset(
    {"content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date"}
)
# The request fields that carry the output schema: a change there is a mode or schema change.
SCHEMA_FIELDS = ("tools", "tool_choice", "response_format", "functions", "function_call")
REDACTED = "[redacted]"
RERECORD_HINT = (
    "re-record with `summarizer regress DIR --record` for fixtures, or run again with "
    "--record CASSETTE"
)


# --- canonical requests ---------------------------------------------------------------------


def canonical_body(content: bytes) -> Any:
    """The request body as JSON with volatile fields dropped; None for an empty body."""
    if not content:
        return None
    try:
        body = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {"_raw": content.decode("utf-8", "replace")}
    if isinstance(body, dict):
        body = {k: v for k, v in body.items() if k not in VOLATILE_FIELDS}
    return body


def normalise(value: Any) -> Any:
    # 0 and 0.0 are the same temperature; JSON writers disagree on which to send.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def endpoint(path: str) -> str:
    """The API path without the base URL's prefix: `/v1/chat/completions` -> `chat/completions`."""
    marker = "/v1/"
    index = path.find(marker)
    return path[index + len(marker) :] if index >= 0 else path.lstrip("/")


def request_key(method: str, path: str, body: Any) -> str:
    canonical = json.dumps(
        normalise(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    text = f"{method.upper()} {endpoint(path)}\n{canonical}"
    return hashlib.sha256(text.encode()).hexdigest()


def mode_of(body: Any) -> str | None:
    """Which instructor mode produced a chat request, read from its body."""
    if not isinstance(body, dict) or "messages" not in body:
        return None
    if body.get("tools") or body.get("functions"):
        return "tools"
    response_format = body.get("response_format")
    if isinstance(response_format, dict):
        kind = response_format.get("type")
        return "json_schema" if kind == "json_schema" else "json"
    return "md_json"


# --- the cassette ---------------------------------------------------------------------------


@dataclass
class Interaction:
    method: str
    path: str
    body: Any
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    response: Any = None  # decoded JSON, or {"_text": ...} for a body that is not JSON
    error: dict[str, str] | None = None  # a transport failure instead of a response

    @property
    def key(self) -> str:
        return request_key(self.method, self.path, self.body)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "request": {"method": self.method, "path": self.path, "body": self.body},
        }
        if self.error is not None:
            out["error"] = self.error
        else:
            out["response"] = {
                "status": self.status,
                "headers": self.headers,
                "body": self.response,
            }
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Interaction:
        request = data["request"]
        response = data.get("response") or {}
        return cls(
            method=str(request.get("method", "POST")),
            path=str(request.get("path", "/v1/chat/completions")),
            body=request.get("body"),
            status=response.get("status"),
            headers=dict(response.get("headers") or {}),
            response=response.get("body"),
            error=data.get("error"),
        )


@dataclass
class Cassette:
    path: Path
    header: dict[str, Any] = field(default_factory=dict)
    interactions: list[Interaction] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def origin(self) -> str:
        return str(self.header.get("origin", "model"))

    @property
    def model(self) -> str | None:
        model = self.header.get("model")
        return str(model) if model else None

    @property
    def recorded_settings(self) -> dict[str, Any]:
        settings = self.header.get("settings")
        return dict(settings) if isinstance(settings, dict) else {}

    @classmethod
    def load(cls, path: Path) -> Cassette:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReplayError(f"{path}: no such cassette") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReplayError(f"{path}: not a readable cassette ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("interactions"), list):
            raise ReplayError(f'{path}: not a cassette (no "interactions" list)')
        raw_header = data.get("cassette")
        header: dict[str, Any] = raw_header if isinstance(raw_header, dict) else {}
        if header.get("format", FORMAT) != FORMAT:
            raise ReplayError(
                f"{path}: cassette format {header.get('format')!r}, this version reads {FORMAT}"
            )
        try:
            interactions = [Interaction.from_json(item) for item in data["interactions"]]
        except (KeyError, TypeError, AttributeError) as exc:
            raise ReplayError(f"{path}: malformed interaction ({exc})") from None
        return cls(path=path, header=header, interactions=interactions)

    def to_text(self, secrets: tuple[str, ...] = ()) -> str:
        data = {
            "cassette": self.header,
            "interactions": [i.to_json() for i in self.interactions],
        }
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        # Belt and braces: a key echoed anywhere (an error body, a header we did not expect)
        # never reaches the disk.
        for secret in secrets:
            if secret:
                text = text.replace(secret, REDACTED)
        return text

    def save(self, secrets: tuple[str, ...] = ()) -> None:
        from summarizer.output import atomic_write_text

        atomic_write_text(self.path, self.to_text(secrets))

    def append(self, interaction: Interaction, secrets: tuple[str, ...] = ()) -> None:
        """Add an exchange and rewrite the file, so an interrupted run leaves a valid cassette."""
        with self._lock:
            self.interactions.append(interaction)
            self.save(secrets)

    def set_origin(self, origin: Origin, note: str | None = None) -> None:
        self.header["origin"] = origin
        if note is not None:
            self.header["note"] = note


def new_header(settings: Settings, prompt_sha256: str | None) -> dict[str, Any]:
    from summarizer import __version__

    return {
        "format": FORMAT,
        "origin": "model",
        "model": settings.model,
        "base_url_host": _host(settings.base_url) or "api.openai.com",
        "prompt_sha256": prompt_sha256,
        "summarizer_version": __version__,
        "recorded": dt.datetime.now(dt.UTC).date().isoformat(),
        "note": "",
        # What replay needs to send the same requests again.
        # Declared in summarizer.config: every setting marked as recorded.
        "settings": {
            **settings.values("recorded"),
            "base_url": _public_url(settings.base_url),
        },
    }


def _host(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else None


def _public_url(url: str | None) -> str | None:
    """The base URL without credentials or query string (either could hold a secret)."""
    if not url:
        return None
    parts = urlsplit(url)
    host = _host(url)
    return f"{parts.scheme}://{host}{parts.path}" if host else None


def filter_headers(headers: httpx2.Headers, secrets: tuple[str, ...] = ()) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in headers.items():
        lower = name.lower()
        if lower in SECRET_HEADERS or lower in WIRE_HEADERS:
            continue
        if any(secret and secret in value for secret in secrets):
            value = REDACTED
        out[lower] = value
    return out


def decode_body(content: bytes, headers: httpx2.Headers) -> Any:
    """The response body as JSON; gzip is undone even when httpx2 did not (a mislabelled body)."""
    if content[:2] == b"\x1f\x8b":
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError, zlib.error):
            pass
    try:
        return json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {"_text": content.decode("utf-8", "replace")}


def encode_body(body: Any) -> tuple[bytes, str | None]:
    if isinstance(body, dict) and set(body) == {"_text"}:
        return str(body["_text"]).encode(), None
    return json.dumps(body).encode(), "application/json"


def recorded_settings(header: Mapping[str, Any]) -> dict[str, Any]:
    """The Settings fields a cassette header says it was recorded with."""
    recorded = header.get("settings")
    if not isinstance(recorded, dict):
        recorded = {"model": header.get("model")} if header.get("model") else {}
    from summarizer.config import SETTINGS

    fields = [s.name for s in SETTINGS if s.recorded]
    return {name: recorded[name] for name in fields if recorded.get(name) is not None}
