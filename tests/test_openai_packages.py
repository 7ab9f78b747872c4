"""openai's re-exporting packages load a name at a time (engines/llm/openai_packages.py), give the
objects their `__init__` binds, and read as the packages as shipped when someone reads one whole.

The first tests run the installed openai in a subprocess (a fresh import system); the last ones
build small packages on disk and point a finder of their own at them.
"""

from __future__ import annotations

import importlib
import importlib.abc
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.engines.llm import openai_packages


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_engine_path_loads_only_what_chat_completions_use() -> None:
    out = _run(
        """
        import sys
        from summarizer.config import Settings
        from summarizer.engines.factory import make_engine
        engine = make_engine(Settings(base_url="http://127.0.0.1:9/v1", mode="tools"))
        client = engine._async_client()
        engine._instructor(client, "tools")
        client.chat.completions.create
        for name in ("openai.resources.beta", "openai.types.responses.response", "aiohttp",
                     "openai.types.beta.assistant", "openai.resources.chat.completions"):
            print(name in sys.modules)
        """
    )
    assert out.split() == ["False", "False", "False", "False", "True"]


def test_every_reexported_name_is_the_object_its_init_binds() -> None:
    # Every lazy package of the installed openai, each name read lazily, against its `__init__`
    # run for real into a namespace of its own: the same names, the very same objects.
    out = _run(
        """
        import importlib, pathlib, sys
        from summarizer.engines.llm import openai_packages
        openai_packages.install()
        import openai
        root = pathlib.Path(openai.__file__).parent
        checked = names = usual = 0
        for package in openai_packages.PACKAGES:
            top = root.joinpath(*package.split(".")[1:])
            for init in sorted(top.rglob("__init__.py")):
                if "__pycache__" in init.parts:
                    continue
                name = ".".join(["openai", *init.parent.relative_to(root).parts])
                module = importlib.import_module(name)
                loader = module.__spec__.loader
                if not isinstance(loader, openai_packages._Loader):  # more than re-exports
                    assert "__getattr__" not in vars(module), name
                    usual += 1
                    continue
                lazy = {n: getattr(module, n) for n in [*loader.found.homes, *loader.found.futures]}
                real = {"__name__": name, "__package__": name, "__path__": module.__path__,
                        "__spec__": module.__spec__}
                exec(compile(init.read_text(encoding="utf-8"), str(init), "exec"), real)
                public = {n for n in real if not n.startswith("__")}
                assert public == set(lazy) | set(loader.found.futures), name
                assert all(real[n] is lazy[n] for n in public), name
                assert real.get("__all__") == vars(module).get("__all__"), name
                checked += 1
                names += len(public)
        print(checked > 50, names > 1000, usual < 5)
        """
    )
    assert out.split() == ["True", "True", "True"]


def test_a_package_read_whole_is_the_package_as_shipped() -> None:
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
        assert set(package.__all__) <= set(dir(package)), "every exported name is listed"
        namespace = {}
        exec("from openai.resources import *", namespace)
        assert set(package.__all__) <= set(namespace)
        print(AsyncBeta.__name__, "openai.resources.beta" in sys.modules)
        import openai.types as types
        types.__all__ if hasattr(types, "__all__") else None  # no __all__: runs the __init__
        print("__getattr__" in vars(types), "Batch" in vars(types))
        """
    )
    assert out.split() == ["AsyncBeta", "True", "False", "True"]


def test_the_aiohttp_client_still_gets_its_transport() -> None:
    pytest.importorskip("aiohttp")
    out = _run(
        """
        import sys
        import summarizer.engines.llm.engine
        import openai
        print("aiohttp" in sys.modules)
        client = openai.DefaultAioHttpClient()
        print(type(client._transport).__name__, "aiohttp" in sys.modules)
        """
    )
    assert out.split() == ["False", "AiohttpTransport", "True"]


def test_already_imported_packages_are_left_alone() -> None:
    out = _run(
        """
        import openai, openai.resources
        before = openai.resources
        from summarizer.engines.llm import openai_packages
        openai_packages.install()
        import sys
        print(sys.modules["openai.resources"] is before, "__getattr__" in vars(before))
        print(sum(type(f).__name__ == "_Finder" for f in sys.meta_path))
        openai_packages.install()
        print(sum(type(f).__name__ == "_Finder" for f in sys.meta_path))
        """
    )
    assert out.split() == ["True", "False", "1", "1"]


# --- small packages on disk, found by a finder of their own -----------------------------------


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")


@contextmanager
def _finding(root: Path, package: str, needs: dict[str, str] | None = None) -> Iterator[None]:
    """`package` under `root` importable, through a finder of its own; forgotten afterwards."""
    finder = openai_packages._Finder((package,), needs or {})
    sys.path.insert(0, str(root))
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]
        importlib.invalidate_caches()


@pytest.fixture
def lazy_pkg(tmp_path: Path) -> Iterator[Path]:
    with _finding(tmp_path, "lazypkg"):
        yield tmp_path


REEXPORTS = {
    "lazypkg/__init__.py": '''
        """Re-exports only."""
        from __future__ import annotations
        from .alpha import A as A, B
        from .beta.inner import C as C
        __all__ = ["A", "B", "C"]
    ''',
    "lazypkg/alpha.py": "A = 'alpha.A'\nB = 'alpha.B'\nHIDDEN = 1\n",
    "lazypkg/beta/__init__.py": "",
    "lazypkg/beta/inner.py": "C = 'beta.inner.C'\n",
    "lazypkg/gamma.py": "import lazypkg\nG = lazypkg.A + '!'\n",
}


def test_a_reexport_loads_only_its_own_module(lazy_pkg: Path) -> None:
    _write(lazy_pkg, REEXPORTS)
    import lazypkg  # type: ignore[import-not-found]

    assert "lazypkg.alpha" not in sys.modules
    assert lazypkg.A == "alpha.A"
    assert "lazypkg.alpha" in sys.modules
    assert "lazypkg.beta.inner" not in sys.modules
    assert lazypkg.__all__ == ["A", "B", "C"]
    public = ["A", "B", "C", "alpha", "annotations", "beta"]  # as the `__init__` leaves it
    assert sorted(n for n in dir(lazypkg) if not n.startswith("__")) == public
    from lazypkg import C

    assert C == "beta.inner.C"
    assert lazypkg.beta.inner.C == C  # a submodule its `__init__` imports reads as bound
    from lazypkg.gamma import G  # type: ignore[import-not-found]

    assert G == "alpha.A!"


def test_an_unknown_name_runs_the_init_first(lazy_pkg: Path) -> None:
    _write(lazy_pkg, REEXPORTS)
    import lazypkg

    with pytest.raises(AttributeError, match="HIDDEN"):
        _ = lazypkg.HIDDEN
    assert "__getattr__" not in vars(lazypkg)  # the real `__init__` ran: the package as shipped
    assert {"A", "B", "C", "alpha", "beta"} <= set(vars(lazypkg))


@pytest.mark.parametrize(
    "init",
    [
        "from .alpha import A\nX = 1\n",  # anything but re-exports
        "from .alpha import A as Other\n",  # a rename
        "from .alpha import *\n",
        "from lazypkg.alpha import A\n",  # an absolute import
        "from .alpha import alpha\n",  # a name the submodule's own binding would shadow
        "__all__ = ['A'] + ['B']\nfrom .alpha import A, B\n",  # a computed __all__
    ],
)
def test_anything_but_reexports_runs_as_usual(lazy_pkg: Path, init: str) -> None:
    _write(lazy_pkg, {**REEXPORTS, "lazypkg/__init__.py": init})
    (lazy_pkg / "lazypkg" / "alpha.py").write_text("A = B = alpha = 'a'\n", encoding="utf-8")
    import lazypkg

    assert "__getattr__" not in vars(lazypkg)
    assert "lazypkg.alpha" in sys.modules


def test_a_package_whose_requirement_is_missing_runs_as_usual(tmp_path: Path) -> None:
    _write(tmp_path, REEXPORTS)
    with _finding(tmp_path, "lazypkg", needs={"lazypkg": "no_such_module_t9"}):
        import lazypkg

        assert "__getattr__" not in vars(lazypkg)


SUBMODULES = [f"m{i}" for i in range(4)]
NAMES = [f"N{i}" for i in range(8)]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    homes=st.dictionaries(st.sampled_from(NAMES), st.sampled_from(SUBMODULES), min_size=1),
    reads=st.lists(st.sampled_from([*NAMES, "__all__", "m0", "unknown"]), max_size=12),
)
def test_any_order_of_reads_sees_what_the_init_binds(
    tmp_path_factory: pytest.TempPathFactory, homes: dict[str, str], reads: list[str]
) -> None:
    root = tmp_path_factory.mktemp("pkg")
    lines = [f"from .{module} import {name} as {name}" for name, module in homes.items()]
    files = {"lazypkg/__init__.py": "\n".join(lines) + "\n"}
    files |= {f"lazypkg/{m}.py": "".join(f"{n} = '{m}.{n}'\n" for n in NAMES) for m in SUBMODULES}
    _write(root, files)
    with _finding(root, "lazypkg", needs={"lazypkg": "no_such_module_t9"}):  # as shipped
        eager = {n: _seen(v) for n, v in vars(importlib.import_module("lazypkg")).items()}
    with _finding(root, "lazypkg"):
        lazy = importlib.import_module("lazypkg")
        assert set(dir(lazy)) - {"__getattr__", "__dir__"} >= {n for n in eager if n[0] != "_"}
        for name in reads:
            assert _seen(getattr(lazy, name, None)) == eager.get(name), name
        for name in homes:
            assert getattr(lazy, name) == eager[name], name


def _seen(value: object) -> object:
    """A value as a test compares it: a module by its name (each run imports its own)."""
    return value.__name__ if isinstance(value, ModuleType) else value


def test_the_other_finders_keep_their_say(lazy_pkg: Path) -> None:
    # An editable install's finder or an instrumenting hook, consulted as if ours were not there.
    _write(lazy_pkg, REEXPORTS)
    seen: list[str] = []

    class Seeing(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: object, target: object = None) -> None:
            seen.append(fullname)

    hook = Seeing()
    sys.meta_path.insert(1, hook)
    try:
        import lazypkg

        assert lazypkg.A == "alpha.A"
    finally:
        sys.meta_path.remove(hook)
    assert seen[:2] == ["lazypkg", "lazypkg.alpha"]
    assert isinstance(lazypkg.__spec__.loader, openai_packages._Loader)
