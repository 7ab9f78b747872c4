"""Record and replay the model's HTTP exchanges (cassettes), below the openai client.

Recording wraps the real transport of httpx2 (the openai client's HTTP library), so what is
saved is exactly what the client sent and received, retries and instructor re-asks included.
Replaying answers from the cassette and never opens a socket.

A cassette is readable JSON:

    {"cassette": {header: format, origin, model, prompt_sha256, settings, ...},
     "interactions": [{"key", "request": {method, path, body},
                       "response": {status, headers, body}}]}

Requests are matched by `key`, a sha256 of the canonical request body (sorted keys, volatile
fields dropped, 1.0 == 1), so header noise (retry counters, user agents, keys) never matters.
The same request sent again (a transport retry) gets the next recorded response for it, in
order. A request that matches nothing raises `ReplayError` naming the cassette, with a diff
against the closest recorded request.

Recording into a path rewrites the cassette the first time a process records into it; later
recordings into the same path by the same process (several articles in one run) are appended.
The file is rewritten (atomically) after every exchange, so an interrupted run leaves a valid
cassette of what happened so far.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
import hashlib
import json
import threading
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import httpx2
import openai

from summarizer.errors import ReplayError

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.models import Result

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


def _normalise(value: Any) -> Any:
    # 0 and 0.0 are the same temperature; JSON writers disagree on which to send.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def endpoint(path: str) -> str:
    """The API path without the base URL's prefix: `/v1/chat/completions` -> `chat/completions`."""
    marker = "/v1/"
    index = path.find(marker)
    return path[index + len(marker) :] if index >= 0 else path.lstrip("/")


def request_key(method: str, path: str, body: Any) -> str:
    canonical = json.dumps(
        _normalise(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
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
        "settings": {
            "model": settings.model,
            "base_url": _public_url(settings.base_url),
            "mode": settings.mode,
            "temperature": settings.temperature,
            "max_retries": settings.max_retries,
            "transport_retries": settings.transport_retries,
            "strategy": settings.strategy,
            "max_tokens": settings.max_tokens,
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


def _decode_body(content: bytes, headers: httpx2.Headers) -> Any:
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


def _encode_body(body: Any) -> tuple[bytes, str | None]:
    if isinstance(body, dict) and set(body) == {"_text"}:
        return str(body["_text"]).encode(), None
    return json.dumps(body).encode(), "application/json"


# --- recording ------------------------------------------------------------------------------

# Cassettes this process is recording, so several calls (articles) append to one file.
_recording: dict[Path, Cassette] = {}
_recording_lock = threading.Lock()


def _recording_cassette(path: Path, settings: Settings, prompt_sha256: str | None) -> Cassette:
    resolved = path.resolve()
    with _recording_lock:
        cassette = _recording.get(resolved)
        if cassette is None:
            cassette = Cassette(path=path, header=new_header(settings, prompt_sha256))
            _recording[resolved] = cassette
        return cassette


class _Recorder:
    def __init__(self, cassette: Cassette, secrets: tuple[str, ...]) -> None:
        self.cassette = cassette
        self.secrets = secrets

    def _request_part(self, request: httpx2.Request) -> Interaction:
        return Interaction(
            method=request.method,
            path=request.url.path,
            body=canonical_body(request.content),
        )

    def _add(self, interaction: Interaction) -> None:
        with self.cassette._lock:
            self.cassette.interactions.append(interaction)
            self.cassette.save(self.secrets)

    def add_response(
        self, request: httpx2.Request, response: httpx2.Response, content: bytes
    ) -> httpx2.Response:
        interaction = self._request_part(request)
        interaction.status = response.status_code
        interaction.headers = filter_headers(response.headers, self.secrets)
        interaction.response = _decode_body(content, response.headers)
        self._add(interaction)
        # The client gets what replay would give it, so recording and replay cannot differ.
        return _response_from(interaction, request)

    def add_error(self, request: httpx2.Request, exc: Exception) -> None:
        interaction = self._request_part(request)
        message = str(exc)
        for secret in self.secrets:
            message = message.replace(secret, REDACTED) if secret else message
        interaction.error = {"type": type(exc).__name__, "message": message}
        self._add(interaction)


class RecordingTransport(httpx2.BaseTransport):
    """The real transport, with every exchange written to the cassette."""

    def __init__(self, recorder: _Recorder, inner: httpx2.BaseTransport | None = None) -> None:
        self._recorder = recorder
        self._inner = inner or httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        request.read()
        try:
            response = self._inner.handle_request(request)
            content = response.read()
        except httpx2.TransportError as exc:
            self._recorder.add_error(request, exc)
            raise
        response.close()
        return self._recorder.add_response(request, response, content)

    def close(self) -> None:
        self._inner.close()


class AsyncRecordingTransport(httpx2.AsyncBaseTransport):
    def __init__(self, recorder: _Recorder, inner: httpx2.AsyncBaseTransport | None = None) -> None:
        self._recorder = recorder
        self._inner = inner or httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        await request.aread()
        try:
            response = await self._inner.handle_async_request(request)
            content = await response.aread()
        except httpx2.TransportError as exc:
            self._recorder.add_error(request, exc)
            raise
        await response.aclose()
        return self._recorder.add_response(request, response, content)

    async def aclose(self) -> None:
        await self._inner.aclose()


# --- replaying ------------------------------------------------------------------------------


class UnmatchedRequest(ReplayError, openai.OpenAIError):
    """A ReplayError the openai client lets through at once.

    openai retries (with backoff) any other exception a transport raises, then wraps it in
    APIConnectionError; an OpenAIError passes through untouched. Callers catch ReplayError.
    """


def _response_from(interaction: Interaction, request: httpx2.Request) -> httpx2.Response:
    content, content_type = _encode_body(interaction.response)
    headers = dict(interaction.headers)
    if content_type and "content-type" not in headers:
        headers["content-type"] = content_type
    return httpx2.Response(
        interaction.status or 200, headers=headers, content=content, request=request
    )


class _Player:
    def __init__(
        self, cassette: Cassette, prompt_sha256: str | None, settings: Settings | None = None
    ) -> None:
        self.cassette = cassette
        self.prompt_sha256 = prompt_sha256
        self.settings = settings
        self.played: set[int] = set()
        self._lock = threading.Lock()

    def answer(self, request: httpx2.Request, content: bytes) -> httpx2.Response:
        body = canonical_body(content)
        key = request_key(request.method, request.url.path, body)
        with self._lock:
            index = next(
                (
                    i
                    for i, item in enumerate(self.cassette.interactions)
                    if i not in self.played and item.key == key
                ),
                None,
            )
            if index is None:
                raise UnmatchedRequest(self._explain(request, body, key))
            self.played.add(index)
        interaction = self.cassette.interactions[index]
        if interaction.error is not None:
            raise _transport_error(interaction.error, request)
        response = _response_from(interaction, request)
        if response.status_code >= 400:
            # A replayed retry has nothing to wait for.
            retry_after = _retry_after(response.headers)
            if retry_after is None or retry_after <= 60:
                response.headers["retry-after-ms"] = "1"
        return response

    @property
    def unplayed(self) -> list[int]:
        return [i for i in range(len(self.cassette.interactions)) if i not in self.played]

    def _explain(self, request: httpx2.Request, body: Any, key: str) -> str:
        cassette = self.cassette
        same_key = [i for i, item in enumerate(cassette.interactions) if item.key == key]
        where = f"cassette {cassette.path}"
        if same_key:
            return (
                f"{where}: this request was recorded {len(same_key)} time(s) and has now been "
                f"sent once more (more retries or re-asks than when it was recorded)"
            )
        lines = [
            f"{where} has no response for this request ({request.method} "
            f"{endpoint(request.url.path)}, {len(cassette.interactions)} recorded)"
        ]
        candidates = [
            item
            for item in cassette.interactions
            if item.method == request.method and endpoint(item.path) == endpoint(request.url.path)
        ]
        if candidates:
            closest = max(candidates, key=lambda item: _similarity(item.body, body))
            number = cassette.interactions.index(closest) + 1
            lines.append(f"closest recorded request is #{number}; what differs:")
            lines.extend("  " + line for line in describe_difference(closest.body, body))
        recorded_sha = cassette.header.get("prompt_sha256")
        if recorded_sha and self.prompt_sha256 and recorded_sha != self.prompt_sha256:
            lines.append(
                f"the prompt templates changed since recording (sha256 {str(recorded_sha)[:12]} "
                f"-> {self.prompt_sha256[:12]})"
            )
        lines.extend(self._settings_hint())
        lines.append(RERECORD_HINT)
        return "\n".join(lines)

    def _settings_hint(self) -> list[str]:
        """The flags the cassette was recorded with, where this run's differ."""
        recorded = self.cassette.recorded_settings
        if self.settings is None or not recorded:
            return []
        then, now = [], []
        for name in ("model", "mode", "temperature", "max_retries", "strategy"):
            if name in recorded and recorded[name] != getattr(self.settings, name):
                flag = "--" + name.replace("_", "-")
                then.append(f"{flag} {recorded[name]}")
                now.append(f"{flag} {getattr(self.settings, name)}")
        if not then:
            return []
        return [f"the cassette was recorded with {' '.join(then)} (this run: {' '.join(now)})"]


def _retry_after(headers: httpx2.Headers) -> float | None:
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            return float(headers[name]) * scale
        except (KeyError, ValueError):
            continue
    return None


def _transport_error(error: Mapping[str, str], request: httpx2.Request) -> httpx2.TransportError:
    cls = getattr(httpx2, error.get("type", ""), None)
    if not (isinstance(cls, type) and issubclass(cls, httpx2.TransportError)):
        cls = httpx2.TransportError
    return cls(error.get("message", "recorded transport error"), request=request)


class ReplayTransport(httpx2.BaseTransport):
    """Answers from a cassette; never opens a socket."""

    def __init__(self, player: _Player) -> None:
        self._player = player

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        return self._player.answer(request, request.read())


class AsyncReplayTransport(httpx2.AsyncBaseTransport):
    def __init__(self, player: _Player) -> None:
        self._player = player

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        return self._player.answer(request, await request.aread())


def transports_for(
    settings: Settings, *, prompt_sha256: str | None
) -> tuple[httpx2.BaseTransport, httpx2.AsyncBaseTransport]:
    """The sync and async transports the LLM engine's clients use under --record / --replay."""
    if settings.replay is not None:
        player = _Player(Cassette.load(settings.replay), prompt_sha256, settings)
        return ReplayTransport(player), AsyncReplayTransport(player)
    if settings.record is None:
        raise ValueError("transports_for needs settings.record or settings.replay")
    recorder = _Recorder(
        _recording_cassette(settings.record, settings, prompt_sha256),
        secrets=tuple(s for s in (settings.api_key,) if s),
    )
    return RecordingTransport(recorder), AsyncRecordingTransport(recorder)


@contextmanager
def fresh_recording(path: Path) -> Iterator[None]:
    """Inside this block, recording into `path` starts a new cassette, and ends with it."""
    resolved = path.resolve()
    with _recording_lock:
        _recording.pop(resolved, None)
    try:
        yield
    finally:
        with _recording_lock:
            _recording.pop(resolved, None)


# --- the diff shown when nothing matches -----------------------------------------------------


def _flatten(body: Any) -> list[str]:
    """Lines to compare two request bodies by: one per message line, one per other field."""
    if not isinstance(body, dict):
        return [json.dumps(body, sort_keys=True)]
    lines: list[str] = []
    for name in sorted(body):
        value = body[name]
        if name == "messages" and isinstance(value, list):
            for i, message in enumerate(value):
                lines.extend(f"{i}:{line}" for line in _message_text(message).splitlines())
        else:
            lines.append(f"{name}={json.dumps(value, sort_keys=True)}")
    return lines


def _similarity(a: Any, b: Any) -> float:
    return difflib.SequenceMatcher(None, _flatten(a), _flatten(b), autojunk=False).ratio()


def _message_text(message: Any) -> str:
    if not isinstance(message, dict):
        return json.dumps(message, sort_keys=True)
    content = message.get("content")
    text = content if isinstance(content, str) else ""
    if content is not None and not isinstance(content, str):
        text = json.dumps(content, sort_keys=True, ensure_ascii=False)
    extra = {k: v for k, v in message.items() if k not in ("role", "content") and v is not None}
    if extra:
        text += ("\n" if text else "") + json.dumps(extra, sort_keys=True, ensure_ascii=False)
    return text


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line_changes(old: str, new: str, label: str, limit: int = 3) -> list[str]:
    """`label line N: - old / + new` for the first few changed lines."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if len(out) >= limit:
            out.append(f"{label}: … more lines differ")
            break
        removed = _shown(old_lines[i1:i2])
        added = _shown(new_lines[j1:j2])
        parts = [f"- {_clip(line)!r}" for line in removed]
        parts += [f"+ {_clip(line)!r}" for line in added]
        out.append(f"{label} line {i1 + 1}: " + " / ".join(parts))
    return out


def _shown(lines: list[str], limit: int = 3) -> list[str]:
    """The changed lines worth printing: blank ones only when nothing else changed."""
    kept = [line for line in lines if line.strip()] or lines
    return kept if len(kept) <= limit else [*kept[:limit], f"… {len(kept) - limit} more lines"]


def _message_label(message: Any, index: int) -> str:
    role = message.get("role", "?") if isinstance(message, dict) else "?"
    return f"{role} message" if index < 2 else f"{role} message #{index + 1}"


def describe_difference(old: Any, new: Any) -> list[str]:
    """What changed between a recorded request body and a new one, one finding per line."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return [f"body changed: {_clip(json.dumps(old))} -> {_clip(json.dumps(new))}"]
    out: list[str] = []
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name), new.get(name)
        if _normalise(a) == _normalise(b):
            continue
        if name == "messages":
            out.extend(_messages_difference(a or [], b or []))
        elif name in SCHEMA_FIELDS:
            change = "added" if a is None else "removed" if b is None else "changed"
            detail = (
                _line_changes(
                    json.dumps(a, indent=1, sort_keys=True),
                    json.dumps(b, indent=1, sort_keys=True),
                    name,
                    limit=2,
                )
                if change == "changed"
                else []
            )
            out.append(f"{name} {change} (the output schema or the structured-output mode differs)")
            out.extend("  " + line for line in detail)
        elif name not in old:
            out.append(f"{name} added: {_clip(json.dumps(b))}")
        elif name not in new:
            out.append(f"{name} removed (was {_clip(json.dumps(a))})")
        else:
            out.append(f"{name} changed: {_clip(json.dumps(a))} -> {_clip(json.dumps(b))}")
    return out or ["only volatile fields differ"]


def _messages_difference(old: list[Any], new: list[Any]) -> list[str]:
    out: list[str] = []
    if len(new) > len(old) and new[: len(old)] == old:
        extra = len(new) - len(old)
        return [
            f"{extra} more message(s) than recorded: a re-ask (the recorded answer no longer "
            "passes validation, e.g. verification changed)"
        ]
    if len(new) != len(old):
        out.append(f"messages: {len(old)} recorded, {len(new)} sent")
    for i, (a, b) in enumerate(zip(old, new, strict=False)):
        if a == b:
            continue
        label = _message_label(b, i)
        if isinstance(a, dict) and isinstance(b, dict) and a.get("role") != b.get("role"):
            out.append(f"{label}: role changed: {a.get('role')} -> {b.get('role')}")
            continue
        changes = _line_changes(_message_text(a), _message_text(b), label)
        prefix = "prompt changed: " if i < 2 else ""
        out.extend(prefix + change for change in changes)
    return out


# --- handwritten cassettes ------------------------------------------------------------------


def record_handwritten(
    article_path: Path,
    answer: Mapping[str, Any],
    cassette: Path,
    *,
    note: str = "",
    settings: Settings | None = None,
) -> Result:
    """Make a cassette for `answer` (a DraftSummary as JSON) through the real client path.

    A loopback fake server answers every request with `answer`; the pipeline runs with
    --record; the header then says origin "handwritten". Returns the result of that run.
    """
    from summarizer.api import summarize
    from summarizer.config import Settings
    from summarizer.inputs import iter_sources
    from summarizer.testing.fake_server import serve

    [source] = list(iter_sources([str(article_path)]))
    if source.article is None:
        raise ReplayError(source.error or f"{article_path}: cannot be read")
    base = settings or Settings(model="handwritten", mode="tools")
    with serve(lambda _body: dict(answer)) as server, fresh_recording(cassette):
        run_settings = base.with_(
            engine="llm", base_url=server.url, api_key=None, record=cassette, replay=None
        )
        result = summarize(source.article, settings=run_settings)
        recorded = _recording[cassette.resolve()]
        recorded.set_origin("handwritten", note or "written by hand, served by fake_server")
        recorded.header["base_url_host"] = "127.0.0.1 (summarizer.testing.fake_server)"
        recorded.header["settings"]["base_url"] = None
        recorded.save()
    return result


def handwritten_answer(cassette: Cassette) -> dict[str, Any] | None:
    """The answer a handwritten cassette serves: the last successful completion's JSON."""
    for interaction in reversed(cassette.interactions):
        if interaction.status != 200 or not isinstance(interaction.response, dict):
            continue
        choices = interaction.response.get("choices") or []
        if not choices:
            continue
        message = choices[0].get("message") or {}
        calls = message.get("tool_calls") or []
        text = calls[0]["function"]["arguments"] if calls else message.get("content")
        if isinstance(text, str):
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError:
                continue
            if isinstance(parsed, dict):
                return parsed
    return None
