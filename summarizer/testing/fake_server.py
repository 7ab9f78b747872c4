"""A loopback OpenAI-compatible server for tests and benchmarks.

It answers /v1/chat/completions the way the request asks: a tool call when `tools` are sent,
JSON content for `response_format` or plain prompts. What it answers is up to the caller (a
function of the request), and so are latency and faults, so tests exercise the real openai
client, instructor and httpx end to end without a network.

It also keeps in-memory /v1/files and /v1/batches (create, list, retrieve, content, cancel) for
the Batch API path: each batch answers its lines with the same answer function, and a
`BatchPlan` makes it slow, shuffled, partly failing (`LineFault`: non-200 lines, `batch_expired`
lines, an error file only), or end whole as failed validation, expired or cancelled. Repeated
custom_ids and mixed models fail validation, as OpenAI's do.
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
from urllib.parse import parse_qs, urlsplit

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


@dataclass
class LineFault:
    """How one line of a batch fails: a non-200 response, or an error with no response."""

    status: int | None = 500
    code: str | None = None  # e.g. "batch_expired": no response at all
    message: str = "injected failure"


@dataclass
class BatchPlan:
    """How the in-memory Batch API behaves; batches are numbered 1, 2, ... as created."""

    polls_to_finish: int = 0  # retrieves that still see "in_progress" before the batch ends
    shuffle: bool = False  # output lines in another order than the input
    # (batch number, custom_id, body) -> how that line fails, or None to answer it
    line_fault: Callable[[int, str, dict[str, Any]], LineFault | None] | None = None
    # batch number -> "completed" (default), "failed" (validation), "expired", "cancelled"
    outcome: Callable[[int], str] | None = None


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
    batch_plan: BatchPlan = field(default_factory=BatchPlan)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    file_data: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    batch_lines: list[dict[str, Any]] = field(default_factory=list)  # every line run, in order
    api_calls: list[str] = field(default_factory=list)  # "POST /files", "GET /batches/b1", ...
    in_flight: int = 0
    max_in_flight: int = 0
    # When each chat request arrived (time.monotonic(), the clock every process on the machine
    # shares), in order: a bench reads a command's start-up from it.
    arrivals: list[float] = field(default_factory=list)
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
                if server._batch_api(self, "GET", b""):
                    return
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})
                else:
                    self._send(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                # The latency counts from the request's arrival, its whole body read, as a
                # provider's does: whatever the server does after that is inside it.
                arrived = time.monotonic()
                if server._batch_api(self, "POST", raw):
                    return
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    self._send(400, {"error": {"message": "invalid JSON body"}})
                    return
                with server._lock:
                    index = len(server.requests)
                    server.requests.append(body)
                    server.arrivals.append(arrived)
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    server._handle(self, index, body, arrived)
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
        # An anchored answer needs the gazetteer (~1 s to load) and the evidence layer: loaded
        # now, beside the client's start-up, so that the first requests do not wait for them;
        # their handlers wait for this one load if they come sooner.
        threading.Thread(target=_load_gazetteer, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def _handle(self, handler: Any, index: int, body: dict[str, Any], arrived: float) -> None:
        fault = self.faults(index, body) if self.faults else None
        delay = self.latency + (fault.delay if fault else 0.0)
        answers = not (fault and (fault.reset or fault.status)) and not (
            self.reject_tools and body.get("tools")
        )
        # The answer is made within the latency, as a model's is: the server's own work (an
        # anchored answer runs the evidence layer, ~10-40 ms) never adds to the latency asked
        # for, so a client's measured time is the latency and its own.
        completion = self._completion_for(body, fault) if answers else None
        rest = delay - (time.monotonic() - arrived)
        if rest > 0:
            time.sleep(rest)
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
        if completion is None:  # a server without tool calling
            handler._send(400, {"error": {"message": "tools are not supported by this server"}})
            return
        handler._send(200, completion)

    def _completion_for(self, body: dict[str, Any], fault: Fault | None = None) -> dict[str, Any]:
        if fault and fault.content is not None:
            content: str = fault.content
        elif _is_tool_probe(body):
            # The engine's --mode auto check for tool calling, not an article: answered here so
            # `answer` functions only ever see article requests.
            content = json.dumps({"ok": True})
        else:
            answer = self.answer(body)
            if isinstance(answer, dict) and _asks_anchored(body) and "speakers" not in answer:
                content = _anchored_content(json.dumps(answer), _article_in(body))
            else:
                content = answer if isinstance(answer, str) else json.dumps(answer)
        return completion(body, content, fault)

    # --- the in-memory Files and Batches endpoints ---------------------------------------------
    def _batch_api(self, handler: Any, method: str, raw: bytes) -> bool:
        """Serve /v1/files and /v1/batches; False for any other path."""
        url = urlsplit(handler.path)
        parts = url.path.rstrip("/").split("/")
        if "v1" not in parts:
            return False
        route = parts[parts.index("v1") + 1 :]
        if not route or route[0] not in ("files", "batches"):
            return False
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        with self._lock:
            self.api_calls.append(f"{method} /{'/'.join(route)}")
            status, payload = self._batch_route(method, route, query, raw, handler.headers)
        if isinstance(payload, bytes):
            handler.send_response(status)
            handler.send_header("content-type", "application/jsonl")
            handler.send_header("content-length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        else:
            handler._send(status, payload)
        return True

    def _batch_route(
        self, method: str, route: list[str], query: dict[str, str], raw: bytes, headers: Any
    ) -> tuple[int, Any]:
        missing = (404, {"error": {"message": "no such object", "type": "invalid_request_error"}})
        if route == ["files"] and method == "POST":
            return 200, self._create_file(raw, headers.get("content-type", ""))
        if route == ["files"]:
            purpose = query.get("purpose")
            data = [f for f in self.files.values() if purpose in (None, f["purpose"])]
            return 200, {"object": "list", "data": data, "has_more": False}
        if route[0] == "files" and len(route) >= 2:
            if route[1] not in self.files:
                return missing
            if route[2:] == ["content"]:
                return 200, self.file_data[route[1]]
            return 200, self.files[route[1]]
        if route == ["batches"] and method == "POST":
            return self._create_batch(json.loads(raw or b"{}"))
        if route == ["batches"]:
            limit = int(query.get("limit", "20"))
            data = sorted(self.batches.values(), key=lambda b: -b["_n"])[:limit]
            return 200, {"object": "list", "data": [_public(b) for b in data], "has_more": False}
        batch = self.batches.get(route[1]) if len(route) >= 2 else None
        if batch is None:
            return missing
        if route[2:] == ["cancel"] and method == "POST":
            if batch["status"] not in ("completed", "failed", "expired", "cancelled"):
                batch["status"] = "cancelling"
                batch["_cancel"] = True
            return 200, _public(batch)
        self._advance_batch(batch)
        return 200, _public(batch)

    def _create_file(self, raw: bytes, content_type: str) -> dict[str, Any]:
        from email import message_from_bytes
        from email.policy import HTTP

        message = message_from_bytes(
            b"content-type: " + content_type.encode() + b"\r\n\r\n" + raw, policy=HTTP
        )
        fields: dict[str, Any] = {}
        filename = "upload.jsonl"
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if part.get_filename():
                filename = str(part.get_filename())
            fields[str(name)] = payload
        purpose = fields.get("purpose", b"batch")
        return self._store_file(
            bytes(fields.get("file") or b""),
            purpose.decode() if isinstance(purpose, bytes) else str(purpose),
            filename,
        )

    def _add_file(self, lines: list[str], purpose: str) -> str:
        data = "".join(line + "\n" for line in lines).encode()
        return str(self._store_file(data, purpose)["id"])

    def _store_file(self, data: bytes, purpose: str, filename: str | None = None) -> dict[str, Any]:
        """Keep `data` as a new file (an upload, or a batch's output or error file)."""
        file_id = f"file-{len(self.files) + 1}"
        self.file_data[file_id] = data
        self.files[file_id] = {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": 0,
            "filename": filename or f"{file_id}.jsonl",
            "purpose": purpose,
            "status": "processed",
        }
        return self.files[file_id]

    def _create_batch(self, params: dict[str, Any]) -> tuple[int, Any]:
        file_id = params.get("input_file_id")
        if file_id not in self.files:
            return 400, {"error": {"message": f"no file {file_id}", "type": "invalid_request"}}
        n = len(self.batches) + 1
        batch: dict[str, Any] = {
            "id": f"batch_{n}",
            "object": "batch",
            "endpoint": params.get("endpoint"),
            "errors": None,
            "input_file_id": file_id,
            "completion_window": params.get("completion_window"),
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "created_at": 0,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": params.get("metadata"),
            "_n": n,
            "_polls": 0,
        }
        self.batches[batch["id"]] = batch
        return 200, _public(batch)

    def _advance_batch(self, batch: dict[str, Any]) -> None:
        """On each retrieve: validating -> in_progress -> a final state, as planned."""
        if batch["status"] in ("completed", "failed", "expired", "cancelled"):
            return
        plan = self.batch_plan
        lines = self.file_data[batch["input_file_id"]].decode().splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
        batch["request_counts"]["total"] = len(records)
        problem = _validation_problem(records)
        outcome = plan.outcome(batch["_n"]) if plan.outcome else "completed"
        if batch.pop("_cancel", False):
            outcome = "cancelled"
        elif problem is not None or outcome == "failed":
            code, message, line = problem or ("invalid_request", "injected validation failure", 1)
            batch["status"] = "failed"
            batch["errors"] = {
                "object": "list",
                "data": [{"code": code, "message": message, "line": line, "param": None}],
            }
            return
        if batch["_polls"] < plan.polls_to_finish and outcome != "cancelled":
            batch["_polls"] += 1
            batch["status"] = "in_progress"
            return
        if outcome in ("expired", "cancelled"):
            batch["status"] = outcome  # whole: nothing ran
            return
        output: list[str] = []
        errors: list[str] = []
        for record in records:
            cid = record["custom_id"]
            self.batch_lines.append(record)
            fault = plan.line_fault(batch["_n"], cid, record["body"]) if plan.line_fault else None
            if fault is None:
                body = self._completion_for(record["body"])
                response = {"status_code": 200, "request_id": f"req-{cid}", "body": body}
                output.append(
                    json.dumps(
                        {"id": f"r-{cid}", "custom_id": cid, "response": response, "error": None}
                    )
                )
            elif fault.code is not None:
                error = {"code": fault.code, "message": fault.message}
                errors.append(
                    json.dumps(
                        {"id": f"r-{cid}", "custom_id": cid, "response": None, "error": error}
                    )
                )
            else:
                body = {"error": {"message": fault.message, "type": "server_error"}}
                response = {"status_code": fault.status, "request_id": f"req-{cid}", "body": body}
                errors.append(
                    json.dumps(
                        {"id": f"r-{cid}", "custom_id": cid, "response": response, "error": None}
                    )
                )
        if plan.shuffle:
            import random

            random.Random(batch["_n"]).shuffle(output)
        batch["status"] = "completed"
        batch["request_counts"].update(completed=len(output), failed=len(errors))
        if output:
            batch["output_file_id"] = self._add_file(output, "batch_output")
        if errors:
            batch["error_file_id"] = self._add_file(errors, "batch_output")


def _public(batch: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in batch.items() if not k.startswith("_")}


def _validation_problem(records: list[dict[str, Any]]) -> tuple[str, str, int] | None:
    """What OpenAI's validation refuses: a repeated custom_id, or more than one model."""
    seen: set[str] = set()
    models: set[Any] = set()
    for number, record in enumerate(records, start=1):
        cid = record.get("custom_id")
        if not isinstance(cid, str) or cid in seen:
            return "duplicate_custom_id", f"the custom_id {cid!r} is used more than once", number
        seen.add(cid)
        models.add((record.get("body") or {}).get("model"))
        if len(models) > 1:
            return "mismatched_model", "every line of a batch must use the same model", number
    return None


def _load_gazetteer() -> None:
    from summarizer.evidence.places import load

    load()
    # The evidence layer's first run (its modules compile their patterns) as well, so that the
    # first anchored answers are made within their latency.
    from summarizer.engines.llm.anchored import Anchors

    Anchors.for_text('"We are ready," Mayor Jane Porter said on Monday, adding that 12 opened.')


def _asks_anchored(body: dict[str, Any]) -> bool:
    # The schema's name travels in every mode: tool name, response_format, or the prompt.
    return "AnchoredSummary" in json.dumps(body)


def _article_in(body: dict[str, Any]) -> str:
    user = next(
        (str(m.get("content")) for m in body.get("messages", []) if m.get("role") == "user"), ""
    )
    text = user.split("Article:\n", 1)[-1]
    return text.rsplit("\n\nQuoted passages:", 1)[0]


_ANCHORED: dict[tuple[str, str], str] = {}
_ANCHORED_LOCK = threading.Lock()


def _anchored_content(answer: str, text: str) -> str:
    """`anchored_answer` as the JSON sent, made once per distinct answer and article: it runs
    the evidence layer (~10-40 ms of CPU), which 16 handler threads would otherwise take from
    the client under test on a small machine. Made under a lock: a wave of 16 requests for one
    article waits for one computation instead of making 16 at once under the GIL (which took
    the first wave past its latency). The same bytes either way."""
    key = (answer, text)
    with _ANCHORED_LOCK:
        content = _ANCHORED.get(key)
        if content is None:
            if len(_ANCHORED) >= 256:
                _ANCHORED.clear()
            content = _ANCHORED[key] = json.dumps(anchored_answer(json.loads(answer), text))
    return content


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
