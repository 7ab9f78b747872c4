"""The LLM engine: instructor over the openai client, with verification as the re-ask validator.

Imported only when an LLM run is asked for, so `summarizer --help` never pays for openai.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Self

import instructor
import openai
from pydantic import ValidationInfo, model_validator

from summarizer.engines.base import EngineRun
from summarizer.errors import ConfigError, EngineError
from summarizer.models import Article, DraftSummary, Usage
from summarizer.prompts import load_prompts

if TYPE_CHECKING:
    import httpx

    from summarizer.config import Settings

log = logging.getLogger(__name__)

_MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
# Tried in this order under --mode auto; the first that works is remembered per base URL.
FALLBACK_ORDER: tuple[str, ...] = ("tools", "json_schema", "json", "md_json")
_chosen_mode: dict[str, str] = {}

# Placeholder for servers that need no key (llama.cpp, Ollama, replay): openai insists on one.
NO_KEY = "sk-no-key-required"


@dataclass
class _AttemptState:
    """Shared by the hooks and the validator of one call: counts calls and sums usage."""

    max_attempts: int
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)

    def on_response(self, response: Any) -> None:
        self.attempts += 1
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


class VerifiedDraft(DraftSummary):
    """The draft, checked against the article while instructor validates it.

    A failure becomes a precise message that instructor sends back to the model. On the last
    attempt the draft is accepted as it is: the caller gets it with its failures flagged.
    """

    @model_validator(mode="after")
    def _grounded_in_article(self, info: ValidationInfo) -> Self:
        context = info.context or {}
        text = context.get("article_text")
        state = context.get("state")
        if not isinstance(text, str) or not isinstance(state, _AttemptState):
            return self
        if state.last_attempt:
            return self
        from summarizer.verify import check, reask_messages

        messages = reask_messages(check(text, self.to_summary()))
        if messages:
            raise ValueError("\n".join(messages))
        return self


def mode_key(settings: Settings) -> str:
    return settings.base_url or "https://api.openai.com/v1"


class LLMEngine:
    name: Literal["llm"] = "llm"

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self.settings = settings
        self.prompts = load_prompts()
        self._http_client = http_client
        self._async_http_client = async_http_client
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
            "max_retries": 2,
        }

    def _transports(self) -> tuple[Any, Any]:
        s = self.settings
        if not (s.record or s.replay):
            return None, None
        from summarizer.replay import transports_for

        return transports_for(s, prompt_sha256=self.prompts.sha256)

    def _sync_client(self) -> openai.OpenAI:
        import httpx

        http = self._http_client
        if http is None:
            transport, _ = self._transports()
            http = httpx.Client(transport=transport, event_hooks={"request": [self._count]})
        return openai.OpenAI(http_client=http, **self._client_kwargs())

    def _async_client(self) -> openai.AsyncOpenAI:
        import httpx

        http = self._async_http_client
        if http is None:
            _, transport = self._transports()
            http = httpx.AsyncClient(
                transport=transport, event_hooks={"request": [self._acount]}
            )
        return openai.AsyncOpenAI(http_client=http, **self._client_kwargs())

    def _count(self, request: Any) -> None:
        self.requests += 1

    async def _acount(self, request: Any) -> None:
        self.requests += 1

    # --- the call -------------------------------------------------------------------------
    def _messages(self, article: Article) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.prompts.system},
            {
                "role": "user",
                "content": self.prompts.render_user(text=article.text, title=article.title),
            },
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
        return {
            "model": self.settings.model,
            "messages": self._messages(article),
            "response_model": VerifiedDraft,
            "max_retries": state.max_attempts,
            "context": {"article_text": article.text, "state": state},
            "temperature": self.settings.temperature,
        }

    def run(self, article: Article) -> EngineRun:
        client = self._sync_client()
        errors: list[str] = []
        modes = self._modes()
        for mode in modes:
            state = _AttemptState(max_attempts=self.settings.max_retries + 1)
            patched = instructor.from_openai(client, mode=_MODES[mode])
            patched.on("completion:response", state.on_response)
            try:
                draft = patched.chat.completions.create(**self._call_args(article, state))
            except Exception as exc:  # noqa: BLE001  (classified below, re-raised if not ours)
                error = self._classify(exc, mode, state)
                if not _worth_falling_back(exc) or mode == modes[-1]:
                    raise error from None
                errors.append(str(error))
                log.info("mode %s failed, trying the next: %s", mode, error)
                continue
            _chosen_mode[mode_key(self.settings)] = mode
            return self._finish(draft, state)
        raise EngineError("; ".join(errors))  # pragma: no cover  (the loop always returns)

    async def arun(self, article: Article) -> EngineRun:
        client = self._async_client()
        errors: list[str] = []
        modes = self._modes()
        for mode in modes:
            state = _AttemptState(max_attempts=self.settings.max_retries + 1)
            patched = instructor.from_openai(client, mode=_MODES[mode])
            patched.on("completion:response", state.on_response)
            try:
                draft = await patched.chat.completions.create(**self._call_args(article, state))
            except Exception as exc:  # noqa: BLE001
                error = self._classify(exc, mode, state)
                if not _worth_falling_back(exc) or mode == modes[-1]:
                    raise error from None
                errors.append(str(error))
                continue
            _chosen_mode[mode_key(self.settings)] = mode
            return self._finish(draft, state)
        raise EngineError("; ".join(errors))  # pragma: no cover

    def _finish(self, draft: DraftSummary, state: _AttemptState) -> EngineRun:
        return EngineRun(
            summary=draft.to_summary(),
            engine="llm",
            model=self.settings.model,
            prompt_sha256=self.prompts.sha256,
            attempts=state.attempts,
            usage=state.usage,
        )

    def _classify(self, exc: Exception, mode: str, state: _AttemptState) -> Exception:
        """One readable line per failure; the API key never appears in it."""
        from summarizer.errors import SummarizerError

        if isinstance(exc, SummarizerError):
            return exc
        where = self.settings.base_url or "the OpenAI API"
        if isinstance(exc, openai.APITimeoutError):
            msg = f"{where} did not answer within {self.settings.timeout:g} s ({mode} mode)"
        elif isinstance(exc, openai.APIConnectionError):
            msg = f"cannot connect to {where} ({mode} mode)"
        elif isinstance(exc, openai.AuthenticationError):
            msg = f"{where} rejected the API key (401): check OPENAI_API_KEY"
        elif isinstance(exc, openai.APIStatusError):
            msg = f"{where} answered {exc.status_code} in {mode} mode: {_short(exc.message)}"
        elif isinstance(exc, instructor.exceptions.InstructorRetryException):
            last = exc.failed_attempts[-1].exception if exc.failed_attempts else exc
            msg = (
                f"the model's answer did not fit the schema after {exc.n_attempts} attempt(s) "
                f"({mode} mode): {_short(str(last))}"
            )
        else:
            msg = f"model call failed ({mode} mode): {type(exc).__name__}: {_short(str(exc))}"
        return EngineError(_scrub(msg, self.settings.api_key), attempts=state.attempts, mode=mode)


def _worth_falling_back(exc: Exception) -> bool:
    """A server that rejects a mode answers 4xx/5xx or something unparseable; not auth or 429."""
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code not in (401, 403, 429)
    return isinstance(exc, instructor.exceptions.InstructorRetryException)


def _short(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _scrub(text: str, secret: str | None) -> str:
    return text.replace(secret, "[redacted]") if secret else text
