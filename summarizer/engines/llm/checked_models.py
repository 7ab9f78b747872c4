"""instructor's async-validator check of a response model, made once per model of ours.

instructor refuses response models that carry its async validators (`reject_async_validators`,
fail-closed), and it walks the whole model for that seven times per call: every model class of
the answer, with every member of each class's MRO (pydantic's BaseModel has ~150). That is
~2.4 ms of CPU per request on the event loop, between an answer and the next request. A class's
validators are fixed when it is made, so `checked(model)` runs the real check once and records
the model; the check instructor calls then returns at once for a recorded model and runs in
full for any other (a library user's own models are checked as before).
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

__all__ = ["checked"]

try:  # instructor's layout as of 1.17; another layout keeps instructor's own check, unpatched
    from instructor.v2.core import patch as _patch
    from instructor.v2.validation import async_validators as _async_validators
except ImportError:  # pragma: no cover - depends on the installed instructor
    _modules: tuple[Any, ...] = ()
    _full_check: Any = lambda model: None  # noqa: E731  (its check, if any, runs where it is)
else:
    _modules = (_async_validators, _patch)
    _full_check = _async_validators.reject_async_validators
_checked: weakref.WeakSet[type[Any]] = weakref.WeakSet()
_guard = threading.Lock()


def checked(model: type[Any]) -> type[Any]:
    """`model`, after instructor's full check (raising as it does); later checks are free."""
    _full_check(model)
    with _guard:
        _checked.add(model)
    return model


def _check(response_model: Any) -> None:
    if isinstance(response_model, type) and response_model in _checked:
        return
    _full_check(response_model)


# Its home, which most callers import from at each call, and the one module that binds it at
# import. Only where the attribute is instructor's own: a version without it keeps its check.
for _module in _modules:
    if getattr(_module, "reject_async_validators", None) is _full_check:
        setattr(_module, "reject_async_validators", _check)  # noqa: B010  (not a typed attribute)
