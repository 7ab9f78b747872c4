"""One readable line per failed model call; the API key never appears in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import ValidationError

from summarizer.errors import EngineError, SummarizerError
from summarizer.redact import redact

if TYPE_CHECKING:
    from summarizer.config import Settings


def classify(exc: Exception, mode: str, attempts: int, settings: Settings) -> Exception:
    """One readable line per failure; the API key never appears in it."""
    ours = _our_error(exc)
    if ours is not None:
        return ours
    exc = _api_error(exc) or exc
    where = settings.base_url or "the OpenAI API"
    if isinstance(exc, openai.APITimeoutError):
        msg = f"{where} did not answer within {settings.timeout:g} s ({mode} mode)"
    elif isinstance(exc, openai.APIConnectionError):
        msg = f"cannot connect to {where} ({mode} mode){_cause(exc)}"
    elif isinstance(exc, openai.AuthenticationError):
        msg = f"{where} rejected the API key (401): check OPENAI_API_KEY"
    elif isinstance(exc, openai.APIStatusError):
        msg = f"{where} answered {exc.status_code} in {mode} mode: {_server_says(exc)}"
    elif isinstance(exc, IncompleteOutputException):
        cap = settings.max_tokens
        limit = f"max-tokens ({cap})" if cap else "the server's token limit"
        msg = f"the model's answer was cut off at {limit} in {mode} mode"
    elif isinstance(exc, InstructorRetryException):
        last = exc.failed_attempts[-1].exception if exc.failed_attempts else exc
        refusal = _refusal(last) or _refusal(exc.__cause__)
        if refusal is not None:
            msg = f"the model refused to answer ({mode} mode): {_short(refusal)}"
        else:
            msg = (
                f"the model's answer did not fit the schema after {exc.n_attempts} "
                f"attempt(s) ({mode} mode): {_reason(last)}"
            )
    else:
        msg = f"model call failed ({mode} mode): {type(exc).__name__}: {_short(str(exc))}"
    return EngineError(_scrub(msg, settings.api_key), attempts=attempts, mode=mode)


def worth_falling_back(exc: Exception, mode: str) -> bool:
    """Whether the next mode might work where `mode` failed.

    A server that rejects a mode answers 4xx/5xx, or an answer that does not parse; not auth,
    404 (a wrong URL), 429 or a dead server, which no other mode fixes. An answer cut off at
    max_tokens in tools mode is a server that ignored the tools and let the model ramble
    (llama.cpp does this); in the other modes it is the model's problem, and the next mode
    would ramble too.
    """
    if _our_error(exc) is not None:
        return False
    api = _api_error(exc)
    if isinstance(api, openai.APIStatusError):
        return api.status_code not in (401, 403, 404, 429)
    if api is not None:
        return False
    if isinstance(exc, IncompleteOutputException):
        return mode == "tools"
    return isinstance(exc, InstructorRetryException)


def _api_error(exc: BaseException) -> openai.APIError | None:
    """The openai error behind `exc`: instructor wraps it in InstructorRetryException."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, openai.APIError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _our_error(exc: BaseException) -> Exception | None:
    """A SummarizerError (a ReplayError from the cassette transport), even when instructor
    wrapped it in InstructorRetryException on the way up."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, SummarizerError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _server_says(exc: openai.APIStatusError) -> str:
    """The server's own words ("tools are not supported"), not "Error code: 400 - {...}"."""
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        if isinstance(message, str) and message.strip():
            return _short(message)
    return _short(exc.message)


def _cause(exc: BaseException) -> str:
    """What the transport said ("connection reset", "refused"): a dead server or a dropped line."""
    cause, seen = exc.__cause__, 0
    # httpx's ReadError says nothing; the OSError under it says "Connection reset by peer".
    while cause is not None and not str(cause) and seen < 5:
        deeper = cause.__cause__ or cause.__context__
        if deeper is None:
            break
        cause, seen = deeper, seen + 1
    if cause is None:
        return ""
    return f": {_short(str(cause), 120) or type(cause).__name__}"


_REFUSAL_PREFIX = "Unable to generate a response due to "  # instructor's words for a refusal


def _refusal(exc: BaseException | None) -> str | None:
    text = str(exc)
    if isinstance(exc, AssertionError) and text.startswith(_REFUSAL_PREFIX):
        return text[len(_REFUSAL_PREFIX) :]
    return None


def _reason(exc: BaseException) -> str:
    """Why an answer failed, in one short line: pydantic's first error, not its whole report."""
    if isinstance(exc, ValidationError):
        errors = exc.errors(include_url=False)
        if errors:
            first = errors[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            return _short(f"{where + ': ' if where else ''}{first['msg']}{more}")
    return _short(str(exc))


def _short(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _scrub(text: str, secret: str | None) -> str:
    return redact(text, secret)
