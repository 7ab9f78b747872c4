"""Test isolation for the whole suite: no real network, no ambient configuration, wide terminal."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from summarizer.testing.fake_server import FakeServer
    from tests.local_llm import LocalServer

# A loaded CI machine must not turn a slow example into a failure: no per-example deadline.
settings.register_profile("summarizer", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# CI (`CI` set, as .ci/run and most CI services do): the same examples on every run, so that a
# red build is the change's and reproducible; local runs stay random and keep finding new inputs.
settings.register_profile("ci", parent=settings.get_profile("summarizer"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "summarizer")

_LOOPBACK_HOSTS = {"localhost", "::1", "0:0:0:0:0:0:0:1"}
# Paths to data, not behaviour: kept so benchmarks find their eval files.
_KEEP_ENV = {"SUMMARIZER_EVAL_DIR"}


def _is_loopback(address: Any) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like never leave the machine
        return True
    host = str(address[0])
    return host in _LOOPBACK_HOSTS or host.startswith("127.")


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Non-loopback connections raise; tests marked `live` are let through."""
    if request.node.get_closest_marker("live"):
        return
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if not _is_loopback(address):
            raise OSError(f"network access blocked in tests: {address!r}")
        real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if not _is_loopback(address):
            raise OSError(f"network access blocked in tests: {address!r}")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No key, base URL or SUMMARIZER_* setting leaks in from the developer's shell."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SUMMARIZER_")) and name not in _KEEP_ENV:
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    yield


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batch runs cache model answers: in a fresh folder per test, never the user's cache."""
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _fresh_server_modes() -> Iterator[None]:
    """What `--mode auto` learnt about a server (loopback ports get reused) never leaks between
    tests: the registry the engine factory shares is reset around each one."""
    from summarizer.engines.llm.modes import ServerModes

    ServerModes.shared().reset()
    yield
    ServerModes.shared().reset()


@pytest.fixture
def fake_llm() -> Iterator[FakeServer]:
    """A loopback OpenAI-compatible server answering every request with `good_answer()`."""
    from summarizer.testing.fake_server import serve
    from tests.helpers import answer_good

    with serve(answer_good) as server:
        yield server


@pytest.fixture(scope="session")
def local_llm_server() -> Iterator[LocalServer]:
    """A real llama.cpp server with SmolLM2-135M on 127.0.0.1, shared by the local_llm tests.

    Skips, saying what to install, where xllamacpp or the model is missing.
    """
    from tests.local_llm import running_server, skip_reason

    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason)
    with running_server() as server:
        yield server
