"""The OpenAI batch file format: request lines out, output and error lines in.

A request line is `{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}`.
An output line is `{"custom_id", "response": {"status_code", "body"}, "error"}`; the older
vLLM `run-batch` writes the completion itself as `response`. Both are read here, and every line
becomes an `Outcome`: an answer, or the reason there is none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from summarizer.batch_api.limits import MAX_BYTES, MAX_LINES
from summarizer.errors import InputError

__all__ = ["MAX_BYTES", "MAX_LINES", "URL", "Outcome", "RequestLine", "custom_id", "split"]

URL = "/v1/chat/completions"
_ID_UNSAFE = re.compile(r"[^\w.-]+")
_ID_PREFIX = 64


def custom_id(article_id: str, key: str) -> str:
    """Stable (the same article and request give the same id) and unique within a file (one
    line per request key; the key's first 24 hex digits are in the id)."""
    stem = _ID_UNSAFE.sub("_", article_id).strip("_")[:_ID_PREFIX] or "article"
    return f"{stem}~{key[:24]}"


@dataclass(frozen=True)
class RequestLine:
    custom_id: str
    key: str  # summarizer.cassettes.request_key of the body: what the answer is matched by
    body: dict[str, Any]

    def to_json(self) -> str:
        return json.dumps(
            {"custom_id": self.custom_id, "method": "POST", "url": URL, "body": self.body},
            ensure_ascii=False,
            separators=(",", ":"),
        )


def split(lines: list[RequestLine], *, max_lines: int, max_bytes: int) -> list[list[RequestLine]]:
    """Files under both limits, in order; one model per file (a file never mixes models)."""
    if max_lines < 1 or max_bytes < 1:
        raise InputError("the batch file limits must be 1 or more")
    files: list[list[RequestLine]] = []
    current: list[RequestLine] = []
    size = 0
    model: object = None
    for line in lines:
        length = len(line.to_json().encode()) + 1
        if length > max_bytes:
            raise InputError(
                f"request {line.custom_id} is {length:,} bytes, over the file limit of "
                f"{max_bytes:,} bytes"
            )
        line_model = line.body.get("model")
        if current and (
            len(current) >= max_lines or size + length > max_bytes or line_model != model
        ):
            files.append(current)
            current, size = [], 0
        current.append(line)
        size += length
        model = line_model
    if current:
        files.append(current)
    return files


@dataclass(frozen=True)
class Outcome:
    """What came back for one line: a chat completion (`body`), or why not (`reason`)."""

    custom_id: str
    body: dict[str, Any] | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.body is not None


def parse_output_line(text: str) -> Outcome | None:
    """One line of an output or error file; None for a line that names no request."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("custom_id"), str):
        return None
    cid = record["custom_id"]
    error = record.get("error")
    response = record.get("response")
    if isinstance(response, dict) and "status_code" not in response and "choices" in response:
        response = {"status_code": 200, "body": response}  # vLLM's older shape
    if error:
        return Outcome(cid, reason=_error_text(error))
    if not isinstance(response, dict):
        return Outcome(cid, reason="no response in the batch output")
    status = response.get("status_code")
    body = response.get("body")
    if status != 200:
        return Outcome(cid, reason=f"HTTP {status}: {_error_text(body)}")
    if isinstance(body, str):  # some runners store the body as a JSON string
        try:
            body = json.loads(body)
        except json.JSONDecodeError:
            body = None
    if not isinstance(body, dict) or not isinstance(body.get("choices"), list):
        return Outcome(cid, reason="the answer is not a chat completion")
    return Outcome(cid, body=body)


def _error_text(error: Any) -> str:
    if isinstance(error, dict):
        inner = error.get("error", error)
        if isinstance(inner, dict):
            code = inner.get("code") or inner.get("type")
            message = inner.get("message")
            text = ": ".join(str(p) for p in (code, message) if p)
            if text:
                return _short(text)
    return _short(str(error)) if error else "unknown error"


def _short(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
