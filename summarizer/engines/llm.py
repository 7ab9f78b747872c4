"""The LLM engine: instructor over the openai client, with verification as the re-ask validator.

Imported only when an LLM run is asked for, so `summarizer --help` never pays for openai.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Self

import instructor
import openai
from instructor.core.exceptions import (
    AsyncValidationError,
    IncompleteOutputException,
    InstructorRetryException,
    ResponseParsingError,
)
from pydantic import ValidationError, ValidationInfo, model_validator
from tenacity import AsyncRetrying, Retrying, retry_if_exception, stop_after_attempt

from summarizer.engines.anchored import AnchoredDraft, Anchors
from summarizer.engines.base import EngineRun
from summarizer.errors import ConfigError, EngineError
from summarizer.models import ISO_DATE, Article, DraftSummary, Summary, Usage
from summarizer.prompts import load_prompts
from summarizer.redact import redact, remember

if TYPE_CHECKING:
    import httpx2

    from summarizer.config import Settings

log = logging.getLogger(__name__)
# instructor logs every failed call at ERROR and has no handler of its own, so Python's last-resort
# handler would print each failure (a whole replay diff, twice) to stderr beside our one-line
# error. A NullHandler silences only that fallback; configured logging still receives them.
logging.getLogger("instructor").addHandler(logging.NullHandler())

_MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
# Tried in this order under --mode auto; the first that works is remembered per base URL.
FALLBACK_ORDER: tuple[str, ...] = ("tools", "json_schema", "json", "md_json")
_chosen_mode: dict[str, str] = {}
# What the --mode auto probe learnt per base URL (does it make forced tool calls?), and the
# locks that make concurrent first calls wait for one probe instead of each sending their own.
_tools_ok: dict[str, bool] = {}
_probe_locks: dict[str, threading.Lock] = {}
_async_probe_locks: dict[tuple[str, int], asyncio.Lock] = {}
_locks_guard = threading.Lock()


def forget_servers() -> None:
    """Forget the modes learnt per base URL (for tests, and long-lived processes)."""
    _chosen_mode.clear()
    _tools_ok.clear()


def _probe_lock(key: str) -> threading.Lock:
    with _locks_guard:
        return _probe_locks.setdefault(key, threading.Lock())


def _async_probe_lock(key: str) -> asyncio.Lock:
    # An asyncio.Lock belongs to one event loop; each asyncio.run() gets its own.
    loop = id(asyncio.get_running_loop())
    with _locks_guard:
        return _async_probe_locks.setdefault((key, loop), asyncio.Lock())


# Placeholder for servers that need no key (llama.cpp, Ollama, replay): openai insists on one.
NO_KEY = "sk-no-key-required"


@dataclass
class _AttemptState:
    """Shared by the hooks and the validator of one call: counts calls and sums usage."""

    max_attempts: int
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    anchors: Anchors | None = None
    # Probing --mode auto: a server that answers a tools request with prose instead of a tool
    # call does not do tool calling; re-asking would only pay for more prose.
    probing_tools: bool = False
    tools_ignored: bool = False

    def on_response(self, response: Any) -> None:
        self.attempts += 1
        if self.probing_tools:
            self.tools_ignored = not _has_tool_call(response)
        raw = getattr(response, "usage", None)
        if raw is not None:
            self.usage = self.usage + Usage(
                prompt_tokens=getattr(raw, "prompt_tokens", 0) or 0,
                completion_tokens=getattr(raw, "completion_tokens", 0) or 0,
                total_tokens=getattr(raw, "total_tokens", 0) or 0,
            )

    @property
    def last_attempt(self) -> bool:
        return self.attempts >= self.max_attempts

    def reaskable(self, exc: BaseException) -> bool:
        return isinstance(exc, _REASKABLE) and not self.tools_ignored

    def retrying(self) -> Retrying:
        return Retrying(
            stop=stop_after_attempt(self.max_attempts),
            retry=retry_if_exception(self.reaskable),
            reraise=True,
        )

    def async_retrying(self) -> AsyncRetrying:
        return AsyncRetrying(
            stop=stop_after_attempt(self.max_attempts),
            retry=retry_if_exception(self.reaskable),
            reraise=True,
        )


# What instructor re-asks on: the answer did not parse or did not validate.
_REASKABLE = (ValidationError, json.JSONDecodeError, ResponseParsingError, AsyncValidationError)


def _reask_if_ungrounded(summary: Summary, info: ValidationInfo) -> None:
    """Raise the verification's findings as a message instructor sends back to the model.

    On the last attempt nothing is raised: the caller gets the draft with its failures flagged.
    """
    context = info.context or {}
    text = context.get("article_text")
    state = context.get("state")
    if not isinstance(text, str) or not isinstance(state, _AttemptState) or state.last_attempt:
        return
    from summarizer.verify import check, reask_messages

    article = context.get("article")
    title, published = getattr(article, "title", None), getattr(article, "published", None)
    messages = reask_messages(check(text, summary, title=title, published=published))
    if messages:
        raise ValueError("\n".join(messages))


# The class names and docstrings below are what the model sees as the tool's name and purpose;
# the validators check the answer against the article while instructor parses it.
def _drop_malformed_date(data: Any) -> Any:
    """A date the model wrote in another shape ("daht", "May 4") becomes null, not a failure.

    The contract's date is YYYY-MM-DD or null, and the program resolves it from the text anyway
    (summarizer.dates); a small model's stray date must not sink the whole answer on the last
    attempt, when nothing is re-asked.
    """
    if isinstance(data, dict) and isinstance(data.get("event"), dict):
        date = data["event"].get("date")
        if isinstance(date, str) and not re.fullmatch(ISO_DATE, date.strip()):
            data = {**data, "event": {**data["event"], "date": None}}
    return data


class ArticleSummary(DraftSummary):
    """A structured summary of one news article."""

    _date = model_validator(mode="before")(_drop_malformed_date)

    @model_validator(mode="after")
    def _grounded_in_article(self, info: ValidationInfo) -> Self:
        _reask_if_ungrounded(self.to_summary(), info)
        return self


class AnchoredSummary(AnchoredDraft):
    """A structured summary of one news article, quotes and numbers given by id."""

    _date = model_validator(mode="before")(_drop_malformed_date)

    @model_validator(mode="after")
    def _grounded_in_article(self, info: ValidationInfo) -> Self:
        anchors = (info.context or {}).get("anchors")
        if isinstance(anchors, Anchors):
            _reask_if_ungrounded(anchors.to_summary(self), info)
        return self


def mode_key(settings: Settings) -> str:
    base = settings.base_url or "https://api.openai.com/v1"
    # A cassette replays the modes it recorded: a mode learnt from another server must not leak.
    return f"{base} replay={settings.replay}" if settings.replay else base


class LLMEngine:
    name: Literal["llm"] = "llm"

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx2.Client | None = None,
        async_http_client: httpx2.AsyncClient | None = None,
    ) -> None:
        self.settings = settings
        remember(settings.api_key)  # redacted from logs and tracebacks from now on
        self.prompts = load_prompts()
        self._http_client = http_client
        self._async_http_client = async_http_client
        self._shared_async: openai.AsyncOpenAI | None = None
        self.requests = 0  # HTTP requests made, transport retries included

    # --- clients --------------------------------------------------------------------------
    def _api_key(self) -> str:
        s = self.settings
        if s.api_key:
            return s.api_key
        if s.base_url or s.replay:
            return NO_KEY
        raise ConfigError(
            "no model configured: set OPENAI_API_KEY (or --api-key), or point --base-url at an "
            "OpenAI-compatible server, or use --engine offline"
        )

    def _client_kwargs(self) -> dict[str, Any]:
        s = self.settings
        return {
            "api_key": self._api_key(),
            "base_url": s.base_url,
            "timeout": s.timeout,
            "max_retries": s.transport_retries,
        }

    def _transports(self) -> tuple[Any, Any]:
        s = self.settings
        if not (s.record or s.replay):
            return None, None
        from summarizer.replay import transports_for

        return transports_for(s, prompt_sha256=self.prompts.sha256)

    def _sync_client(self) -> openai.OpenAI:
        import httpx2

        http = self._http_client
        if http is None:
            transport, _ = self._transports()
            http = httpx2.Client(transport=transport, event_hooks={"request": [self._count]})
        return openai.OpenAI(http_client=http, **self._client_kwargs())

    def _async_client(self) -> openai.AsyncOpenAI:
        import httpx2

        http = self._async_http_client
        if http is None:
            _, transport = self._transports()
            http = httpx2.AsyncClient(transport=transport, event_hooks={"request": [self._acount]})
            return openai.AsyncOpenAI(http_client=http, **self._client_kwargs())
        # A client handed in is shared by many calls (a batch), so is the openai client over it:
        # building one per call costs a thread hop and a few ms of CPU each time.
        if self._shared_async is None:
            self._shared_async = openai.AsyncOpenAI(http_client=http, **self._client_kwargs())
        return self._shared_async

    def _count(self, request: Any) -> None:
        self.requests += 1

    async def _acount(self, request: Any) -> None:
        self.requests += 1

    # --- the call -------------------------------------------------------------------------
    def _messages(self, article: Article, anchors: Anchors | None) -> list[dict[str, str]]:
        user = self.prompts.render_user(text=article.text, title=article.title)
        if anchors is None:
            return [
                {"role": "system", "content": self.prompts.system},
                {"role": "user", "content": user},
            ]
        return [
            {"role": "system", "content": self.prompts.anchored_system},
            {"role": "user", "content": user + "\n\n" + anchors.listing()},
        ]

    def _modes(self) -> list[str]:
        if self.settings.mode != "auto":
            return [self.settings.mode]
        chosen = _chosen_mode.get(mode_key(self.settings))
        if chosen:
            return [chosen]
        if self.settings.base_url is None:
            return ["tools"]
        return list(FALLBACK_ORDER)

    def _call_args(self, article: Article, state: _AttemptState) -> dict[str, Any]:
        anchored = self.settings.strategy == "anchored"
        if anchored and state.anchors is None:
            state.anchors = Anchors.for_text(article.text, published=article.published)
        return {
            "model": self.settings.model,
            "messages": self._messages(article, state.anchors),
            "response_model": AnchoredSummary if anchored else ArticleSummary,
            "max_retries": state.retrying(),
            "context": {
                "article_text": article.text,
                "article": article,  # its title and publication date ground claims too
                "state": state,
                "anchors": state.anchors,
            },
            "temperature": self.settings.temperature,
            **({"max_tokens": self.settings.max_tokens} if self.settings.max_tokens else {}),
        }

    def run(self, article: Article) -> EngineRun:
        client = self._sync_client()
        try:
            return self._run(client, article)
        finally:
            if self._http_client is None:
                client.close()

    async def arun(self, article: Article) -> EngineRun:
        client = self._async_client()
        try:
            return await self._arun(client, article)
        finally:
            if self._async_http_client is None:
                await client.close()

    def _new_state(self, mode: str, modes: list[str]) -> _AttemptState:
        return _AttemptState(
            max_attempts=self.settings.max_retries + 1,
            probing_tools=mode == "tools" and mode != modes[-1],
        )

    def _fell_back(
        self, exc: Exception, mode: str, modes: list[str], state: _AttemptState, tried: list[str]
    ) -> Exception | None:
        """None to try the next mode; else the one-line error to raise."""
        error = self._classify(exc, mode, state)
        tried.append(mode)
        if mode != modes[-1] and _worth_falling_back(exc, mode):
            log.info("mode %s failed, trying the next: %s", mode, error)
            return None
        if len(tried) > 1 and isinstance(error, EngineError):
            return EngineError(
                f"{error} (modes tried: {', '.join(tried)})", attempts=error.attempts, mode=mode
            )
        return error

    # --mode auto asks a server it has not met whether it makes a forced tool call, in one tiny
    # request, before sending an article: llama.cpp's server, for one, ignores instructor's
    # tool_choice and lets the model write prose until max_tokens or the context runs out.
    def _probe_args(self) -> dict[str, Any]:
        return {
            "model": self.settings.model,
            "messages": [{"role": "user", "content": "Call the ping tool."}],
            "tools": [_PROBE_TOOL],
            "tool_choice": {"type": "function", "function": {"name": "ping"}},
            "max_tokens": 32,
            "temperature": 0,
        }

    def _probe_failed(self, exc: openai.APIError, spent: _AttemptState) -> None:
        """A server that rejects the tools request just lacks tools; anything else is fatal."""
        if isinstance(exc, openai.APIStatusError) and _worth_falling_back(exc, "tools"):
            return None
        raise self._classify(exc, "tools", spent) from None

    def _probe_says_tools(self, response: Any) -> bool:
        # The probe's few tokens stay out of the usage: a replay that remembers the mode from
        # an earlier run sends no probe, and must report the same usage.
        if response is not None and _has_tool_call(response):
            return True
        log.info("%s makes no tool calls; skipping tools mode", self.settings.base_url)
        return False

    def _after_probe(self, key: str, modes: list[str], tried: list[str]) -> list[str]:
        if _tools_ok.get(key, True):
            return modes
        tried.append("tools")
        return modes[1:]

    def _needs_probe(self, modes: list[str]) -> bool:
        return len(modes) > 1 and modes[0] == "tools"

    def _run(self, client: openai.OpenAI, article: Article) -> EngineRun:
        modes = self._modes()
        # Calls and tokens spent on modes the server rejected count too: they were paid for.
        spent = _AttemptState(max_attempts=0)
        tried: list[str] = []
        if self._needs_probe(modes):
            key = mode_key(self.settings)
            with _probe_lock(key):
                if key not in _tools_ok:
                    try:
                        probe = client.chat.completions.create(**self._probe_args())
                    except openai.APIError as exc:
                        self._probe_failed(exc, spent)
                        probe = None
                    _tools_ok[key] = self._probe_says_tools(probe)
            modes = self._after_probe(key, modes, tried)
        for mode in modes:
            state = self._new_state(mode, modes)
            patched = instructor.from_openai(client, mode=_MODES[mode])
            patched.on("completion:response", state.on_response)
            try:
                draft = patched.chat.completions.create(**self._call_args(article, state))
            except Exception as exc:  # noqa: BLE001  (classified below, re-raised if not ours)
                error = self._fell_back(exc, mode, modes, state, tried)
                if error is not None:
                    raise error from None
                spent.attempts += state.attempts
                spent.usage = spent.usage + state.usage
                continue
            _chosen_mode[mode_key(self.settings)] = mode
            return self._finish(draft, state, spent)
        raise AssertionError("unreachable: the last mode raises or returns")  # pragma: no cover

    async def _arun(self, client: openai.AsyncOpenAI, article: Article) -> EngineRun:
        modes = self._modes()
        spent = _AttemptState(max_attempts=0)
        tried: list[str] = []
        if self._needs_probe(modes):
            key = mode_key(self.settings)
            # One probe per server, however many articles start at once: the others wait.
            async with _async_probe_lock(key):
                if key not in _tools_ok:
                    try:
                        probe = await client.chat.completions.create(**self._probe_args())
                    except openai.APIError as exc:
                        self._probe_failed(exc, spent)
                        probe = None
                    _tools_ok[key] = self._probe_says_tools(probe)
            modes = self._after_probe(key, modes, tried)
        for mode in modes:
            state = self._new_state(mode, modes)
            patched = instructor.from_openai(client, mode=_MODES[mode])
            patched.on("completion:response", state.on_response)
            args = self._call_args(article, state) | {"max_retries": state.async_retrying()}
            try:
                draft = await patched.chat.completions.create(**args)
            except Exception as exc:  # noqa: BLE001
                error = self._fell_back(exc, mode, modes, state, tried)
                if error is not None:
                    raise error from None
                spent.attempts += state.attempts
                spent.usage = spent.usage + state.usage
                continue
            _chosen_mode[mode_key(self.settings)] = mode
            return self._finish(draft, state, spent)
        raise AssertionError("unreachable: the last mode raises or returns")  # pragma: no cover

    def _finish(
        self,
        draft: DraftSummary | AnchoredDraft,
        state: _AttemptState,
        spent: _AttemptState | None = None,
    ) -> EngineRun:
        if spent is not None:
            state.attempts += spent.attempts
            state.usage = state.usage + spent.usage
        if isinstance(draft, AnchoredDraft):
            assert state.anchors is not None
            summary = state.anchors.to_summary(draft)
        else:
            summary = draft.to_summary()
        return EngineRun(
            summary=summary,
            engine="llm",
            model=self.settings.model,
            prompt_sha256=self.prompts.sha256,
            attempts=state.attempts,
            usage=state.usage,
        )

    def _classify(self, exc: Exception, mode: str, state: _AttemptState) -> Exception:
        """One readable line per failure; the API key never appears in it."""
        ours = _our_error(exc)
        if ours is not None:
            return ours
        exc = _api_error(exc) or exc
        where = self.settings.base_url or "the OpenAI API"
        if isinstance(exc, openai.APITimeoutError):
            msg = f"{where} did not answer within {self.settings.timeout:g} s ({mode} mode)"
        elif isinstance(exc, openai.APIConnectionError):
            msg = f"cannot connect to {where} ({mode} mode){_cause(exc)}"
        elif isinstance(exc, openai.AuthenticationError):
            msg = f"{where} rejected the API key (401): check OPENAI_API_KEY"
        elif isinstance(exc, openai.APIStatusError):
            msg = f"{where} answered {exc.status_code} in {mode} mode: {_server_says(exc)}"
        elif isinstance(exc, IncompleteOutputException):
            cap = self.settings.max_tokens
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
        return EngineError(_scrub(msg, self.settings.api_key), attempts=state.attempts, mode=mode)


def _worth_falling_back(exc: Exception, mode: str) -> bool:
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


_PROBE_TOOL: dict[str, Any] = {
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


def _has_tool_call(response: Any) -> bool:
    choices = getattr(response, "choices", None) or []
    message = getattr(choices[0], "message", None) if choices else None
    return bool(getattr(message, "tool_calls", None))


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
    from summarizer.errors import SummarizerError

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
