"""A loopback OpenAI-compatible server for tests and benchmarks.

It answers /v1/chat/completions the way the request asks: a tool call when `tools` are sent,
JSON content for `response_format` or plain prompts. What it answers is up to the caller (a
function of the request), and so are latency and faults, so tests exercise the real openai
client, instructor and httpx end to end without a network.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = Callable[[dict[str, Any]], dict[str, Any] | str]


@dataclass
class Fault:
    """What to do instead of answering: an HTTP status, a reset, a delay, or a raw body."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    reset: bool = False
    delay: float = 0.0
    content: str | None = None  # answer with this content/arguments (e.g. malformed JSON)
    finish_reason: str | None = None
    refusal: str | None = None


FaultPlan = Callable[[int, dict[str, Any]], Fault | None]


class _Server(ThreadingHTTPServer):
    # The default listen backlog (5) drops connections when many clients connect at once, and a
    # dropped SYN costs the client a 1 s retransmit: the server, not the client, would set the pace.
    request_queue_size = 1024
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (its timeout) leaves a broken pipe behind: expected, not news.
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@dataclass
class FakeServer:
    answer: Answer
    latency: float = 0.0
    faults: FaultPlan | None = None
    reject_tools: bool = False  # answer 400 to `tools`, like servers without tool calling
    requests: list[dict[str, Any]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> FakeServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without this, Nagle + delayed ACK add
            # ~40 ms to every answer.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})
                else:
                    self._send(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    self._send(400, {"error": {"message": "invalid JSON body"}})
                    return
                with server._lock:
                    index = len(server.requests)
                    server.requests.append(body)
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    server._handle(self, index, body)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _send(
                self, status: int, payload: Any, headers: dict[str, str] | None = None
            ) -> None:
                data = payload if isinstance(payload, str) else json.dumps(payload)
                encoded = data.encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(encoded)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(encoded)

        self._handler_cls = Handler
        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def _handle(self, handler: Any, index: int, body: dict[str, Any]) -> None:
        fault = self.faults(index, body) if self.faults else None
        delay = self.latency + (fault.delay if fault else 0.0)
        if delay:
            time.sleep(delay)
        if fault and fault.reset:
            # An abrupt close with RST: the client sees a connection reset.
            sock = handler.connection
            linger = b"\x01\x00\x00\x00\x00\x00\x00\x00"
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            handler.close_connection = True
            sock.close()
            return
        if fault and fault.status:
            handler._send(
                fault.status,
                fault.body or {"error": {"message": f"injected {fault.status}"}},
                fault.headers,
            )
            return
        if self.reject_tools and body.get("tools"):
            handler._send(400, {"error": {"message": "tools are not supported by this server"}})
            return
        if fault and fault.content is not None:
            content: str = fault.content
        elif _is_tool_probe(body):
            # The engine's --mode auto check for tool calling, not an article: answered here so
            # `answer` functions only ever see article requests.
            content = json.dumps({"ok": True})
        else:
            answer = self.answer(body)
            if isinstance(answer, dict) and _asks_anchored(body) and "speakers" not in answer:
                answer = anchored_answer(answer, _article_in(body))
            content = answer if isinstance(answer, str) else json.dumps(answer)
        handler._send(200, completion(body, content, fault))


def _asks_anchored(body: dict[str, Any]) -> bool:
    # The schema's name travels in every mode: tool name, response_format, or the prompt.
    return "AnchoredSummary" in json.dumps(body)


def _article_in(body: dict[str, Any]) -> str:
    user = next(
        (str(m.get("content")) for m in body.get("messages", []) if m.get("role") == "user"), ""
    )
    text = user.split("Article:\n", 1)[-1]
    return text.rsplit("\n\nQuoted passages:", 1)[0]


def anchored_answer(answer: dict[str, Any], text: str) -> dict[str, Any]:
    """The anchored form of a free answer: its quotes and numbers, by the ids the engine lists.

    Lets one answer serve both strategies in tests; a quote that matches no passage, or a
    number that matches none, is dropped, as the anchored form cannot express it.
    """
    from summarizer.engines.llm.anchored import Anchors
    from summarizer.evidence.align import align

    anchors = Anchors.for_text(text)
    groups: dict[tuple[Any, Any], list[str]] = {}
    for quote in answer.get("quotes", []):
        span = align(str(quote.get("text", "")), text).span
        if span is None:
            continue
        best = max(
            anchors.passages.items(),
            key=lambda item: min(item[1].end, span[1]) - max(item[1].start, span[0]),
            default=None,
        )
        if best is None or min(best[1].end, span[1]) <= max(best[1].start, span[0]):
            continue
        key = (quote.get("speaker"), quote.get("speaker_role"))
        groups.setdefault(key, []).append(best[0])
    described: dict[str, str] = {}
    for stat in answer.get("statistics", []):
        for nid, number in anchors.numbers.items():
            if nid not in described and number.text == stat.get("text"):
                described[nid] = str(stat.get("describes", "")) or "a number"
                break
    return {
        "headline": answer.get("headline", ""),
        "summary": answer.get("summary", ""),
        "event": answer.get("event", {}),
        "speakers": [
            {"speaker": speaker, "speaker_role": role, "ids": ids}
            for (speaker, role), ids in groups.items()
        ],
        "statistics": [f"{nid}: {describes}" for nid, describes in described.items()],
    }


def _is_tool_probe(body: dict[str, Any]) -> bool:
    tools = body.get("tools") or []
    return len(tools) == 1 and tools[0].get("function", {}).get("name") == "ping"


def completion(body: dict[str, Any], content: str, fault: Fault | None = None) -> dict[str, Any]:
    """A chat completion in the shape the request asked for (tool call or content)."""
    message: dict[str, Any] = {"role": "assistant", "content": None}
    tools = body.get("tools") or []
    if fault and fault.refusal:
        message["refusal"] = fault.refusal
        message["content"] = None
    elif tools:
        name = tools[0]["function"]["name"]
        message["tool_calls"] = [
            {
                "id": "call_0",
                "type": "function",
                "function": {"name": name, "arguments": content},
            }
        ]
    else:
        message["content"] = content
    prompt_chars = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
    prompt_tokens = prompt_chars // 4
    completion_tokens = len(content) // 4
    finish = (
        fault.finish_reason
        if fault and fault.finish_reason
        else ("tool_calls" if tools else "stop")
    )
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


@contextmanager
def serve(answer: Answer, **options: Any) -> Iterator[FakeServer]:
    """Run a FakeServer on 127.0.0.1 for the duration of the block."""
    server = FakeServer(answer=answer, **options).start()
    try:
        yield server
    finally:
        server.stop()
