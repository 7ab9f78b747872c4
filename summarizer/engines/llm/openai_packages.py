"""openai's re-exporting packages, loaded a name at a time.

Their `__init__`s only re-export (`from .chat_completion import ChatCompletion as ...`), and
running one imports every module it names. `import openai` runs `openai.types`, which imports
the responses, realtime, evals and graders types; `openai.lib.streaming` reads one name of
`openai.types.beta`, which imports every beta type; `openai._base_client` reads the aiohttp
client class of `openai._vendor.httpx_aiohttp`, which imports aiohttp (and makes its SSL
contexts) for a transport nobody asked for; `client.chat` runs `openai.resources`, which imports
every resource. ~700 of the ~1300 modules the engine loaded, 0.4-0.6 s of CPU before the first
request, none of which the chat completions path uses.

`install()` adds an import finder for those packages and the packages under them. A package
whose `__init__` is nothing but such re-exports (read with `ast`, checked before any use) is made
without running it, with a module `__getattr__` that imports a name's own module when the name is
first read: the same object the `__init__` would have bound. Anything else (a name the
`__init__` does not re-export, `import *` of a package without `__all__`) runs the real
`__init__` into the same module first, so whoever reads a package whole gets the package as
shipped. A package whose `__init__` holds anything else, or whose source is not there to read,
is imported as usual; so is `openai._vendor.httpx_aiohttp` where aiohttp is not installed
(openai's own `except ImportError` then takes its usual branch).
"""

from __future__ import annotations
import __future__

import ast
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

__all__ = ["PACKAGES", "install"]

PACKAGES = ("openai.types", "openai.resources", "openai._vendor.httpx_aiohttp")
# A package made lazy only where what its `__init__` would fail without is installed.
_NEEDS = {"openai._vendor.httpx_aiohttp": "aiohttp"}


def install() -> None:
    """Put the finder first on `sys.meta_path` (once). Packages already imported keep theirs."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


class _Finder(importlib.abc.MetaPathFinder):
    """Finds `packages` and everything under them as the path finder does, and makes the
    re-exporting packages among them lazy."""

    def __init__(
        self, packages: tuple[str, ...] = PACKAGES, needs: dict[str, str] | None = None
    ) -> None:
        self.packages = packages
        self.needs = _NEEDS if needs is None else needs

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(self.packages) or not self._within(fullname):
            return None
        spec = self._found_by_the_others(fullname, path, target)
        if spec is None or spec.submodule_search_locations is None or spec.loader is None:
            return spec
        needed = self.needs.get(fullname)
        if needed is not None and importlib.util.find_spec(needed) is None:
            return spec
        found = _reexports(spec.origin)
        if found is not None:
            spec.loader = _Loader(spec.loader, found)
        return spec

    def _found_by_the_others(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None
    ) -> importlib.machinery.ModuleSpec | None:
        """The spec the other finders give, as if this one were not there (an editable
        install's finder or an instrumenting hook keeps its say; usually the path finder)."""
        for finder in sys.meta_path:
            find = None if isinstance(finder, _Finder) else getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if find is not None else None
            if spec is not None:
                return spec  # type: ignore[no-any-return]
        return None

    def _within(self, fullname: str) -> bool:
        return any(fullname == p or fullname.startswith(p + ".") for p in self.packages)


def _reexports(origin: str | None) -> _Reexports | None:
    """The `__init__`'s names and the submodule each comes from, or None unless re-exports are
    all it holds (relative `from .x import Name [as Name]`, a docstring, `from __future__`, an
    `__all__` of literal strings)."""
    if origin is None or not origin.endswith("__init__.py"):
        return None
    try:
        with open(origin, encoding="utf-8") as source:
            tree = ast.parse(source.read(), origin)
    except (OSError, SyntaxError, ValueError):
        return None
    homes: dict[str, str] = {}
    exported: list[str] | None = None
    futures: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.Assign):
            exported = _literal_all(node)
            if exported is None:
                return None
            continue
        if not isinstance(node, ast.ImportFrom):
            return None
        if node.module == "__future__" and node.level == 0:
            futures += [alias.name for alias in node.names]  # which bind their names too
            continue
        if node.level != 1 or node.module is None:
            return None
        for alias in node.names:
            if alias.name == "*" or alias.asname not in (None, alias.name):
                return None
            homes[alias.name] = node.module
    # Importing `.x` binds the submodule as `x` on the package; a name `x` re-exported from a
    # module would then be shadowed by it, where the `__init__` rebinds it: run that one as is.
    if any(home.partition(".")[0] in homes for home in homes.values()):
        return None
    return _Reexports(homes, exported, tuple(futures))


def _literal_all(node: ast.Assign) -> list[str] | None:
    """`__all__ = ["A", "B"]`'s names; None for any other assignment."""
    (target,) = node.targets if len(node.targets) == 1 else (None,)
    if not (isinstance(target, ast.Name) and target.id == "__all__"):
        return None
    if not isinstance(node.value, ast.List | ast.Tuple):
        return None
    names = [item.value for item in node.value.elts if isinstance(item, ast.Constant)]
    if len(names) != len(node.value.elts) or not all(isinstance(n, str) for n in names):
        return None
    return [str(n) for n in names]


@dataclass(frozen=True)
class _Reexports:
    homes: dict[str, str]  # name -> the submodule it is read from, relative to the package
    exported: list[str] | None  # the `__init__`'s literal `__all__`, if it has one
    futures: tuple[str, ...] = ()  # its `from __future__ import` names


class _Loader(importlib.abc.Loader):
    """Makes the package without running its `__init__`; `real` runs it when it must."""

    def __init__(self, real: importlib.abc.Loader, found: _Reexports) -> None:
        self.real = real
        self.found = found

    def __getattr__(self, name: str) -> Any:
        # get_source, get_resource_reader, is_package...: the real loader's.
        return getattr(self.real, name)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.real.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        namespace = vars(module)
        homes, real = self.found.homes, self.real
        # The submodules the `__init__` imports, which its run leaves bound on the package too
        # (`from openai.types.chat import completion_create_params` reads one of them).
        submodules = {home.partition(".")[0] for home in homes.values()}

        def run_init() -> None:
            # The `__init__` only imports and binds names, so running it twice (two threads
            # reading at once) binds the same objects again: no lock, no lock-order deadlock.
            if namespace.get("__getattr__") is lazy_getattr:
                real.exec_module(module)
                if namespace.get("__getattr__") is lazy_getattr:
                    namespace.pop("__getattr__", None)
                    namespace.pop("__dir__", None)

        def lazy_getattr(name: str) -> Any:
            home = homes.get(name)
            if home is not None:
                value = getattr(importlib.import_module(f"{module.__name__}.{home}"), name)
                namespace[name] = value
                return value
            if name in submodules:
                return importlib.import_module(f"{module.__name__}.{name}")  # binds it here
            # The import system asks for dunders (`__path__` is set already), not the package.
            if name.startswith("__") and name != "__all__":
                raise AttributeError(f"module {module.__name__!r} has no attribute {name!r}")
            run_init()
            try:
                return namespace[name]
            except KeyError:
                raise AttributeError(
                    f"module {module.__name__!r} has no attribute {name!r}"
                ) from None

        def lazy_dir() -> list[str]:
            return sorted({*namespace, *homes, *submodules} - {"__getattr__", "__dir__"})

        # What the `__init__` binds without importing a submodule, bound as it would.
        if self.found.exported is not None:
            namespace["__all__"] = list(self.found.exported)
        for feature in self.found.futures:
            namespace[feature] = getattr(__future__, feature)
        namespace["__getattr__"] = lazy_getattr
        namespace["__dir__"] = lazy_dir
