"""openai's resource package, loaded one resource at a time.

The engine needs one resource of the client, `chat.completions`. Reading `client.chat` imports
`openai.resources.chat`, and with it the package's `__init__`, which imports every resource
(audio, beta, evals, fine_tuning, admin and 25 more, ~480 modules): 0.35-0.45 s of CPU before
the first request, a fifth of a batch's start-up. `defer()` registers the package without
running that `__init__`, so a submodule import loads only that submodule. The first read of a
name the package itself defines (`openai.resources.Beta`) runs the real `__init__` into the
same module object, so anyone who reads the package as a whole gets the package as shipped.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import threading
from types import ModuleType
from typing import Any

__all__ = ["defer"]

PACKAGE = "openai.resources"
_guard = threading.Lock()


def defer() -> None:
    """Register `openai.resources` unexecuted, unless it is already imported (or cannot be
    found, when openai itself decides: the normal import runs). Needs `openai` imported."""
    with _guard:
        if PACKAGE in sys.modules:
            return
        parent = sys.modules.get("openai")
        path = getattr(parent, "__path__", None)
        spec = importlib.machinery.PathFinder.find_spec(PACKAGE, path) if path else None
        if spec is None or spec.loader is None or spec.submodule_search_locations is None:
            return
        module = importlib.util.module_from_spec(spec)
        vars(module)["__getattr__"] = _loader(module, spec)
        sys.modules[PACKAGE] = module
        assert parent is not None
        parent.resources = module  # type: ignore[attr-defined]  # as an import binds it


def _loader(module: ModuleType, spec: importlib.machinery.ModuleSpec) -> Any:
    """The package's `__getattr__` until its `__init__` has run: runs it, then reads again."""
    done = threading.Event()

    def __getattr__(name: str) -> Any:
        # The import system asks for dunders (`__path__` is set already) and must not load all.
        if name.startswith("__") and name != "__all__":
            raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")
        with _guard:
            if not done.is_set():
                del vars(module)["__getattr__"]
                assert spec.loader is not None
                spec.loader.exec_module(module)
                done.set()
        return getattr(module, name)

    return __getattr__
