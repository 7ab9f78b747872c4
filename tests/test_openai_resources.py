"""openai's resource package loads one resource at a time (engines/llm/openai_resources.py), and
still reads as the package as shipped when someone reads it whole."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_engine_client_loads_only_the_chat_resource() -> None:
    out = _run(
        """
        import sys
        from summarizer.config import Settings
        from summarizer.engines.factory import make_engine
        engine = make_engine(Settings(base_url="http://127.0.0.1:9/v1", mode="tools"))
        client = engine._async_client()
        engine._instructor(client, "tools")
        client.chat.completions.create
        print("beta" if "openai.resources.beta" in sys.modules else "no beta")
        print("chat" if "openai.resources.chat.completions" in sys.modules else "no chat")
        """
    )
    assert out.split() == ["no", "beta", "chat"]


def test_the_package_read_whole_is_the_package_as_shipped() -> None:
    out = _run(
        """
        import sys
        import summarizer.engines.llm.engine
        import openai
        openai.AsyncOpenAI(api_key="sk-x", base_url="http://127.0.0.1:9/v1").chat
        from openai.resources import AsyncBeta, AsyncChat
        from openai.resources.chat import AsyncChat as Direct
        import openai.resources as package
        assert AsyncChat is Direct
        assert "__getattr__" not in vars(package)
        assert set(package.__all__) <= set(vars(package)), "every exported name is defined"
        print(AsyncBeta.__name__, "openai.resources.beta" in sys.modules)
        """
    )
    assert out.split() == ["AsyncBeta", "True"]


def test_an_already_imported_package_is_left_alone() -> None:
    out = _run(
        """
        import openai, openai.resources
        before = openai.resources
        from summarizer.engines.llm import openai_resources
        openai_resources.defer()
        import sys
        print(sys.modules["openai.resources"] is before, "__getattr__" in vars(before))
        """
    )
    assert out.split() == ["True", "False"]
