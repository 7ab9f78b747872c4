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

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx2
import openai

from summarizer.cassettes.diff import describe_difference, similarity
from summarizer.cassettes.format import (
    REDACTED,
    RERECORD_HINT,
    Cassette,
    Interaction,
    canonical_body,
    decode_body,
    encode_body,
    endpoint,
    filter_headers,
    new_header,
    request_key,
)
from summarizer.errors import ReplayError

if TYPE_CHECKING:
    from summarizer.config import Settings


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


class Recorder:
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
        self.cassette.append(interaction, self.secrets)

    def add_response(
        self, request: httpx2.Request, response: httpx2.Response, content: bytes
    ) -> httpx2.Response:
        interaction = self._request_part(request)
        interaction.status = response.status_code
        interaction.headers = filter_headers(response.headers, self.secrets)
        interaction.response = decode_body(content, response.headers)
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

    def __init__(self, recorder: Recorder, inner: httpx2.BaseTransport | None = None) -> None:
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
    def __init__(self, recorder: Recorder, inner: httpx2.AsyncBaseTransport | None = None) -> None:
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
    content, content_type = encode_body(interaction.response)
    headers = dict(interaction.headers)
    if content_type and "content-type" not in headers:
        headers["content-type"] = content_type
    headers["content-length"] = str(len(content))
    # A stream not yet read, as a real transport returns: a transport stacked on top (the
    # batch's slots) reads it like any other. `content=` would hand it over already consumed.
    return httpx2.Response(
        interaction.status or 200,
        headers=headers,
        stream=httpx2.ByteStream(content),
        request=request,
    )


class Player:
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
            closest = max(candidates, key=lambda item: similarity(item.body, body))
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

    def __init__(self, player: Player) -> None:
        self._player = player

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        return self._player.answer(request, request.read())


class AsyncReplayTransport(httpx2.AsyncBaseTransport):
    def __init__(self, player: Player) -> None:
        self._player = player

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        return self._player.answer(request, await request.aread())


def transports_for(
    settings: Settings, *, prompt_sha256: str | None
) -> tuple[httpx2.BaseTransport, httpx2.AsyncBaseTransport]:
    """The sync and async transports the LLM engine's clients use under --record / --replay."""
    if settings.replay is not None:
        player = Player(Cassette.load(settings.replay), prompt_sha256, settings)
        return ReplayTransport(player), AsyncReplayTransport(player)
    if settings.record is None:
        raise ValueError("transports_for needs settings.record or settings.replay")
    recorder = Recorder(
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
