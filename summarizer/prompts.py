"""The prompt templates, from the wheel or, in a checkout, from `prompts/`.

An editable install does not get hatch's force-included files, so the checkout is the fallback.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_PACKAGED = Path(__file__).parent / "_prompts"
_CHECKOUT = Path(__file__).parent.parent / "prompts"


def prompts_dir() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


@dataclass(frozen=True)
class Prompts:
    system: str
    user: str
    anchored_system: str

    @property
    def sha256(self) -> str:
        h = hashlib.sha256()
        for part in (self.system, self.user, self.anchored_system):
            h.update(part.encode())
            h.update(b"\0")
        return h.hexdigest()

    def render_user(self, *, text: str, title: str | None) -> str:
        return self.user.replace("{title}", title or "(none)").replace("{text}", text)


@cache
def load_prompts() -> Prompts:
    folder = prompts_dir()

    def read(name: str) -> str:
        path = folder / name
        return path.read_text(encoding="utf-8") if path.exists() else ""

    return Prompts(
        system=read("system.txt"), user=read("user.txt"), anchored_system=read("anchored.txt")
    )
