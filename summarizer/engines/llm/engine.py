"""The LLM engine: instructor over the openai client, with verification as the re-ask validator.

One plan (`_plan`, a generator) decides what to send and what a failure means: the tools probe,
then each mode in turn until one answers. The sync and async paths only carry its steps out
(`run` with the blocking client, `arun` with the async one), so they cannot drift apart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Generator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import instructor
import openai
from instructor.core.hooks import Hooks

from summarizer.engines.base import EngineRun, HttpOptions
from summarizer.engines.llm.anchored import AnchoredDraft, Anchors
from summarizer.engines.llm.checked_models import checked
from summarizer.engines.llm.checking import checking_against
from summarizer.engines.llm.drafts import AnchoredSummary, ArticleSummary, AttemptState
from summarizer.engines.llm.errors import classify, worth_falling_back
from summarizer.engines.llm.modes import ServerModes, has_tool_call, mode_key, probe_args
from summarizer.errors import ConfigError, EngineError
from summarizer.evidence import gather
from summarizer.models import Article, DraftSummary
from summarizer.prompts import load_prompts
from summarizer.redact import remember

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
# Placeholder for servers that need no key (llama.cpp, Ollama, replay): openai insists on one.
NO_KEY = "sk-no-key-required"
# The openai client numbers its own retries of a request in this header (0 for a first send).
_RETRY_HEADER = "x-stainless-retry-count"


@dataclass
class _Probe:
    """Step: ask the server once whether it makes forced tool calls (--mode auto)."""

    key: str
    spent: AttemptState


@dataclass
class _Call:
    """Step: one instructor call in `mode`; the driver sends back the draft or throws."""

    mode: str
    state: AttemptState
    args: dict[str, Any]
    against: dict[str, Any]  # what the validators check the answer against (llm.checking)


_Step = _Probe | _Call
_Plan = Generator[_Step, Any, EngineRun]


class LLMEngine:
    name: Literal["llm"] = "llm"

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx2.Client | None = None,
        async_http_client: httpx2.AsyncClient | None = None,
        servers: ServerModes | None = None,
        on_request: Callable[[bool], None] | None = None,
    ) -> None:
        self.settings = settings
        remember(settings.api_key)  # redacted from logs and tracebacks from now on
        self.prompts = load_prompts()
        self.servers = servers or ServerModes.shared()
        self._http_client = http_client
        self._async_http_client = async_http_client
        self._shared_async: openai.AsyncOpenAI | None = None
        self._patched: dict[str, Any] = {}  # mode -> instructor over the shared async client
        self._on_request = on_request
        self._owns_async = False  # a wired engine made its client, so it closes it
        self.requests = 0  # HTTP requests made, transport retries included

    @classmethod
    def wired(
        cls, settings: Settings, http: HttpOptions, servers: ServerModes | None = None
    ) -> LLMEngine:
        """An engine whose one shared async client the caller's transport wraps (a batch)."""
        import httpx2

        _, cassette = cls._transports_for(settings)
        inner = cassette or httpx2.AsyncHTTPTransport(
            limits=httpx2.Limits(
                max_connections=http.max_connections, max_keepalive_connections=http.max_connections
            )
            if http.max_connections
            else httpx2.Limits()
        )
        transport = http.wrap(inner) if http.wrap is not None else inner
        engine = cls(settings, servers=servers, on_request=http.on_request)
        engine._async_http_client = engine._counting_http(transport, asynchronous=True)
        engine._owns_async = True
        return engine

    async def aclose(self) -> None:
        """Close the shared client a wired engine made (a no-op otherwise)."""
        if self._owns_async and self._async_http_client is not None:
            await self._async_http_client.aclose()

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

    @staticmethod
    def _transports_for(settings: Settings) -> tuple[Any, Any]:
        """The cassette transports under --record / --replay; (None, None) otherwise."""
        if not (settings.record or settings.replay):
            return None, None
        from summarizer.cassettes import transports_for

        return transports_for(settings, prompt_sha256=load_prompts().sha256)

    def _counting_http(self, transport: Any, *, asynchronous: bool) -> Any:
        """A new HTTP client over `transport` (None: httpx2's own) that counts every request."""
        import httpx2

        if asynchronous:
            return httpx2.AsyncClient(transport=transport, event_hooks={"request": [self._acount]})
        return httpx2.Client(transport=transport, event_hooks={"request": [self._count]})

    def _own_http(self, *, asynchronous: bool) -> Any:
        """The HTTP client of one run: over the cassette's transport under --record/--replay."""
        sync_transport, async_transport = self._transports_for(self.settings)
        transport = async_transport if asynchronous else sync_transport
        return self._counting_http(transport, asynchronous=asynchronous)

    def _sync_client(self) -> openai.OpenAI:
        http = self._http_client
        if http is None:
            http = self._own_http(asynchronous=False)
        return openai.OpenAI(http_client=http, **self._client_kwargs())

    def _async_client(self) -> openai.AsyncOpenAI:
        if self._async_http_client is None:
            http = self._own_http(asynchronous=True)
            return openai.AsyncOpenAI(http_client=http, **self._client_kwargs())
        # A client handed in is shared by many calls (a batch), so is the openai client over it:
        # building one per call costs a thread hop and a few ms of CPU each time.
        if self._shared_async is None:
            self._shared_async = openai.AsyncOpenAI(
                http_client=self._async_http_client, **self._client_kwargs()
            )
        return self._shared_async

    def _count(self, request: Any) -> None:
        self.requests += 1
        if self._on_request is not None:
            self._on_request(request.headers.get(_RETRY_HEADER, "0") not in ("", "0"))

    async def _acount(self, request: Any) -> None:
        self._count(request)

    # --- the plan ---------------------------------------------------------------------------
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

    def _call_args(self, article: Article, state: AttemptState) -> dict[str, Any]:
        anchored = self.settings.strategy == "anchored"
        if anchored and state.anchors is None:
            state.anchors = Anchors.for_text(article.text, published=article.published)
        return {
            "model": self.settings.model,
            "messages": self._messages(article, state.anchors),
            "response_model": AnchoredSummary if anchored else ArticleSummary,
            "temperature": self.settings.temperature,
            **({"max_tokens": self.settings.max_tokens} if self.settings.max_tokens else {}),
        }

    def _plan(self, article: Article) -> _Plan:
        modes = self.servers.modes(self.settings)
        # Calls and tokens spent on modes the server rejected count too: they were paid for.
        spent = AttemptState(max_attempts=0)
        tried: list[str] = []
        # --mode auto asks a server it has not met whether it makes a forced tool call, in one
        # tiny request, before sending an article: llama.cpp's server, for one, ignores
        # instructor's tool_choice and lets the model write prose until max_tokens.
        if len(modes) > 1 and modes[0] == "tools":
            key = mode_key(self.settings)
            yield _Probe(key, spent)
            if not self.servers.tools_ok.get(key, True):
                tried.append("tools")
                modes = modes[1:]
        for mode in modes:
            state = AttemptState(
                max_attempts=self.settings.max_retries + 1,
                probing_tools=mode == "tools" and mode != modes[-1],
            )
            try:
                args = self._call_args(article, state)
                against = {
                    "article_text": article.text,
                    "article": article,  # its title and publication date ground claims too
                    "state": state,
                    "anchors": state.anchors,
                }
                draft = yield _Call(mode, state, args, against)
            except Exception as exc:  # noqa: BLE001  (classified below, re-raised if not ours)
                error = self._fell_back(exc, mode, modes, state, tried)
                if error is not None:
                    raise error from None
                spent.attempts += state.attempts
                spent.usage = spent.usage + state.usage
                continue
            self.servers.choose(self.settings, mode)
            return self._finish(draft, state, spent)
        raise AssertionError("unreachable: the last mode raises or returns")  # pragma: no cover

    def _fell_back(
        self, exc: Exception, mode: str, modes: list[str], state: AttemptState, tried: list[str]
    ) -> Exception | None:
        """None to try the next mode; else the one-line error to raise."""
        error = classify(exc, mode, state.attempts, self.settings)
        tried.append(mode)
        if mode != modes[-1] and worth_falling_back(exc, mode):
            log.info("mode %s failed, trying the next: %s", mode, error)
            return None
        if len(tried) > 1 and isinstance(error, EngineError):
            return EngineError(
                f"{error} (modes tried: {', '.join(tried)})", attempts=error.attempts, mode=mode
            )
        return error

    def _learn_tools(self, key: str, probe: Any, spent: AttemptState) -> None:
        """Store the probe's answer; `probe` is the response or the openai error it raised."""
        if isinstance(probe, openai.APIError):
            # A server that rejects the tools request lacks tools; anything else is fatal.
            if not (
                isinstance(probe, openai.APIStatusError) and worth_falling_back(probe, "tools")
            ):
                raise classify(probe, "tools", spent.attempts, self.settings) from None
            probe = None
        # The probe's few tokens stay out of the usage: a replay that remembers the mode from
        # an earlier run sends no probe, and must report the same usage.
        ok = probe is not None and has_tool_call(probe)
        if not ok:
            log.info("%s makes no tool calls; skipping tools mode", self.settings.base_url)
        self.servers.tools_ok[key] = ok

    def _finish(
        self, draft: DraftSummary | AnchoredDraft, state: AttemptState, spent: AttemptState
    ) -> EngineRun:
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

    # --- the two drivers: each carries out the plan's steps with its own client -------------
    def run(self, article: Article) -> EngineRun:
        client = self._sync_client()
        plan = self._plan(article)
        try:
            step = next(plan)
            while True:
                try:
                    outcome = self._do(client, step)
                except Exception as exc:  # noqa: BLE001  (the plan decides what it means)
                    step = plan.throw(exc)
                else:
                    step = plan.send(outcome)
        except StopIteration as done:
            result: EngineRun = done.value
            return result
        finally:
            if self._http_client is None:
                client.close()

    async def arun(self, article: Article) -> EngineRun:
        client = self._async_client()
        if self.settings.strategy == "anchored":
            # The anchored prompt lists the article's evidence: gathered in a thread (10-40 ms
            # of CPU for a new article), the event loop meanwhile keeps reading and sending the
            # requests in flight; the plan then finds it in gather's cache.
            await asyncio.to_thread(gather, article.text)
        plan = self._plan(article)
        try:
            step = next(plan)
            while True:
                try:
                    outcome = await self._ado(client, step)
                except Exception as exc:  # noqa: BLE001
                    step = plan.throw(exc)
                else:
                    step = plan.send(outcome)
        except StopIteration as done:
            result: EngineRun = done.value
            return result
        finally:
            if self._async_http_client is None:
                await client.close()

    def _do(self, client: openai.OpenAI, step: _Step) -> Any:
        if isinstance(step, _Probe):
            with self.servers.lock(step.key):
                if step.key not in self.servers.tools_ok:
                    try:
                        probe: Any = client.chat.completions.create(**probe_args(self.settings))
                    except openai.APIError as exc:
                        probe = exc
                    self._learn_tools(step.key, probe, step.spent)
            return None
        with checking_against(step.against):
            return self._instructor(client, step.mode).chat.completions.create(
                **_prepared(step.args), hooks=_hooks(step.state), max_retries=step.state.retrying()
            )

    async def _ado(self, client: openai.AsyncOpenAI, step: _Step) -> Any:
        if isinstance(step, _Probe):
            # One probe per server, however many articles start at once: the others wait.
            async with self.servers.async_lock(step.key):
                if step.key not in self.servers.tools_ok:
                    try:
                        probe: Any = await client.chat.completions.create(
                            **probe_args(self.settings)
                        )
                    except openai.APIError as exc:
                        probe = exc
                    self._learn_tools(step.key, probe, step.spent)
            return None
        with checking_against(step.against):
            return await self._instructor(client, step.mode).chat.completions.create(
                **_prepared(step.args),
                hooks=_hooks(step.state),
                max_retries=step.state.async_retrying(),
            )

    def _instructor(self, client: Any, mode: str) -> Any:
        """instructor over `client` in `mode`: made once for the shared client of a batch (its
        hooks come with each call), made anew over a client of one call."""
        shared = self._shared_async
        if shared is None or client is not shared:
            return instructor.from_openai(client, mode=_MODES[mode])
        patched = self._patched.get(mode)
        if patched is None:
            patched = self._patched[mode] = instructor.from_openai(shared, mode=_MODES[mode])
        return patched


def _hooks(state: AttemptState) -> Hooks:
    hooks = Hooks()
    hooks.on("completion:response", state.on_response)
    return hooks


@cache
def _schema_model(model: type[Any]) -> type[Any]:
    """`model` as instructor's response schema, made once: given a plain model, instructor makes
    a new class on each call, so it also rebuilds the JSON Schema each time (~5 ms a call).
    instructor's async-validator walk of it is made here too, once (llm.checked_models)."""
    return checked(instructor.response_schema(model))


def _prepared(args: dict[str, Any]) -> dict[str, Any]:
    return {**args, "response_model": _schema_model(args["response_model"])}
