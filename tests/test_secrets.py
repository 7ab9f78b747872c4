"""The API key never shows: not in outputs, cassettes, caches, errors files, logs, error messages
or tracebacks (SUMMARIZER_DEBUG=1 included), even when the server echoes it back."""

from __future__ import annotations

import importlib
import json
import logging
import os
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarizer.cli import app, main
from summarizer.redact import REDACTED, RedactingFormatter, redact
from summarizer.testing.fake_server import Fault, serve
from tests.helpers import ARTICLE, good_answer

runner = CliRunner()


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> str:
    value = f"sk-test-{secrets.token_hex(16)}"
    monkeypatch.setenv("OPENAI_API_KEY", value)
    return value


def _echoing(key: str) -> dict[str, Fault]:
    """Faults whose bodies repeat the key, as real servers do ("Incorrect API key: sk-...")."""
    body = json.dumps({"error": {"message": f"Incorrect API key provided: {key}", "key": key}})
    return {
        "ECHO-401": Fault(status=401, body=body),
        "ECHO-400": Fault(status=400, body=body),
        "ECHO-500": Fault(status=500, body=body),
    }


def _plan(key: str) -> Any:
    faults = _echoing(key)

    def plan(_: int, body: dict[str, Any]) -> Fault | None:
        text = json.dumps(body)
        return next((f for mark, f in faults.items() if mark in text), None)

    return plan


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def _start(*args: str, debug: bool = True, stdin: str = "") -> Callable[[], Run]:
    """Start the CLI as a real process; the returned function waits for it. Runs overlap: each
    pays Python's start-up and the imports, and the loopback server serves them all at once."""
    env = {**os.environ}
    if debug:
        env["SUMMARIZER_DEBUG"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )

    def wait() -> Run:
        out, err = proc.communicate(stdin, timeout=120)
        return Run(proc.returncode, out, err)

    return wait


def _cli(*args: str, debug: bool = True, stdin: str = "") -> Run:
    return _start(*args, debug=debug, stdin=stdin)()


def _files(*folders: Path) -> Iterator[tuple[str, str]]:
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield str(path), path.read_text(encoding="utf-8", errors="replace")


def _assert_absent(key: str, seen: list[tuple[str, str]]) -> None:
    assert seen
    leaks = [label for label, text in seen if key in text or key[8:] in text]
    assert not leaks, f"the key leaked into: {leaks}"


def test_the_key_never_appears_anywhere(key: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    batch = tmp_path / "in.jsonl"
    with batch.open("w", encoding="utf-8") as out:
        for mark in ("ok-1", "ok-2", "ECHO-401", "ECHO-400", "ECHO-500"):
            out.write(json.dumps({"id": mark, "text": f"{ARTICLE}\n[{mark}]\n"}) + "\n")
    cache = tmp_path / "cache"
    out_dir = tmp_path / "out"
    cassette = tmp_path / "cassette.json"
    seen: list[tuple[str, str]] = []

    with serve(lambda _: good_answer(), faults=_plan(key)) as server:
        common = ["--base-url", server.url, "--model", "m", "--transport-retries", "0"]
        # A good run, recorded to a cassette, written with -o, debug logging on.
        ok_ = _start(
            "summarize",
            str(article),
            "-o",
            str(tmp_path / "one.json"),
            "--record",
            str(cassette),
            *common,
        )
        # A batch with failures whose error bodies echo the key: errors file, cache, results.
        many_ = _start(
            "summarize",
            str(batch),
            "--out-dir",
            str(out_dir),
            "--cache-dir",
            str(cache),
            "--mode",
            "tools",
            *common,
        )
        # A failing single run: the traceback is shown, and so is what instructor logs.
        failed_ = _start(
            "summarize", "-", "--mode", "tools", *common, stdin=f"{ARTICLE}\n[ECHO-400]\n"
        )
        # In-process meanwhile: the usual one-line error, and the key given as a flag.
        quiet = runner.invoke(
            app, ["summarize", "-", "--mode", "tools", *common], input=f"{ARTICLE}\n[ECHO-400]\n"
        )
        flag = runner.invoke(
            app,
            ["summarize", "-", "--mode", "tools", "--api-key", key + "X", *common],
            input=f"{ARTICLE}\n[ECHO-401]\n",
        )
        ok, many, failed = ok_(), many_(), failed_()
        assert server.requests

    assert ok.returncode == 0, ok.stderr
    assert "DEBUG openai" in ok.stderr  # debug logging really was on
    assert many.returncode == 1 and "3 failed" in many.stderr, many.stderr

    assert failed.returncode == 1
    assert "Traceback (most recent call last)" in failed.stderr
    assert REDACTED in failed.stderr  # the echo was there, and was removed
    for locals_sign in ("╭", "locals", "api_key =", "self ="):  # a plain traceback
        assert locals_sign not in failed.stderr
    assert quiet.exit_code == 1 and quiet.stderr.startswith("Error: ")
    assert "Traceback" not in quiet.stderr and "answered 400" in quiet.stderr
    assert flag.exit_code == 1 and key + "X" not in flag.stdout + flag.stderr

    errors = (out_dir / "errors.jsonl").read_text(encoding="utf-8")
    assert len(errors.splitlines()) == 3
    assert cassette.is_file() and any(cache.rglob("*.json"))
    for name, run in [("ok", ok), ("batch", many), ("failed", failed)]:
        seen += [(f"{name} stdout", run.stdout), (f"{name} stderr", run.stderr)]
    for name, result in [("quiet", quiet), ("flag", flag)]:
        seen += [(f"{name} stdout", result.stdout), (f"{name} stderr", result.stderr)]
    seen += list(_files(tmp_path))
    _assert_absent(key, seen)


def test_help_does_not_show_the_key(key: str) -> None:
    result = runner.invoke(app, ["summarize", "--help"])
    assert result.exit_code == 0 and "OPENAI_API_KEY" in result.output
    assert key not in result.output


def test_typer_pretty_exceptions_are_off() -> None:
    """No rich traceback with frame locals (the settings, the client, the key); the plain
    traceback SUMMARIZER_DEBUG shows is checked in the test above."""
    assert app.pretty_exceptions_enable is False
    assert app.pretty_exceptions_show_locals is False


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_error_is_redacted(
    key: str, debug: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last-resort handler: an exception that is not ours, carrying the key in its words."""

    def explode() -> None:
        raise RuntimeError(f"upstream said: Authorization: Bearer {key}")

    if debug:
        monkeypatch.setenv("SUMMARIZER_DEBUG", "1")
    monkeypatch.setattr(importlib.import_module("summarizer.cli.app"), "app", explode)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert ("Traceback (most recent call last)" in err) is debug
    assert "RuntimeError" in err and key not in err and REDACTED in err


def test_debug_logs_are_redacted(key: str) -> None:
    """Whatever a library logs (instructor logs error bodies verbatim) goes out redacted."""
    record = logging.LogRecord(
        "instructor", logging.ERROR, __file__, 1, "API call failed: %s", (f"key={key}",), None
    )
    formatted = RedactingFormatter("%(message)s").format(record)
    assert key not in formatted and REDACTED in formatted


def test_redact_catches_keys_it_was_not_told_about() -> None:
    assert redact("Bearer abcdefghijklmnop") == REDACTED
    assert redact("key sk-proj-AbC123xyz_987-long") == f"key {REDACTED}"
    assert redact("task-oriented risk-averse sk-8") == "task-oriented risk-averse sk-8"


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=200
)


@given(text=_TEXT, key=st.characters(codec="utf-8", categories=("L", "N", "P", "S")))
def test_a_one_character_key_never_alters_a_message(text: str, key: str) -> None:
    """Regression: `--api-key x` turned "max_tokens" into "ma[redacted]_tokens"."""
    env_key = os.environ.pop("OPENAI_API_KEY", None)
    try:
        assert redact(text, key) == redact(text)
        os.environ["OPENAI_API_KEY"] = key
        assert redact(text) == redact(text, None)
    finally:
        os.environ.pop("OPENAI_API_KEY", None)
        if env_key is not None:
            os.environ["OPENAI_API_KEY"] = env_key


@given(key=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=8, max_size=40))
def test_a_key_goes_as_a_whole_token_and_only_as_one(key: str) -> None:
    assert redact(f"Incorrect API key provided: {key}.", key) == (
        f"Incorrect API key provided: {REDACTED}."
    )
    inside = f"x{key}y"
    assert key not in redact(f"key={key}", key)
    assert redact(inside, key) == redact(inside)


def test_a_short_key_from_the_cli_leaves_messages_alone(tmp_path: Path) -> None:
    """The cassette diff said `max_tokens removed ... added` for the same value."""
    message = "max_tokens: 100 -> 200; x is not a secret"
    assert redact(message, "x") == message
    assert redact(message, "max") == message


@pytest.mark.parametrize(
    ("url", "secrets_"),
    [
        ("http://alice:s3cret-pass-99@127.0.0.1:1/v1", ["alice", "s3cret-pass-99"]),
        ("http://al%40ce:p@ss-word-77@127.0.0.1:1/v1", ["p@ss-word-77", "ss-word-77"]),
        ("http://127.0.0.1:1/v1?api-key=zz-query-secret&x=1", ["zz-query-secret"]),
    ],
)
def test_credentials_in_the_base_url_never_appear_in_errors(
    url: str, secrets_: list[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    common = ["--base-url", url, "--transport-retries", "0", "--model", "m"]
    single = runner.invoke(app, ["summarize", str(article), *common])
    batch = runner.invoke(
        app, ["summarize", str(article), "--out-dir", str(tmp_path / "out"), *common]
    )
    errors = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8")
    assert single.exit_code == 1 and batch.exit_code == 1
    assert "cannot connect" in single.stderr and REDACTED in single.stderr
    for shown in (single.stderr, batch.stderr, errors):
        for secret in secrets_:
            assert secret not in shown, shown


def test_redact_removes_url_userinfo_and_secret_query_parameters() -> None:
    assert redact("GET https://u:pw@h.example/v1?key=abc&model=m failed") == (
        f"GET https://{REDACTED}@h.example/v1?key={REDACTED}&model=m failed"
    )
    assert redact("see https://example.com/a?b=1") == "see https://example.com/a?b=1"
