"""How verification quotes the article and numbers back in its messages."""

from __future__ import annotations

import math

__all__ = ["clip", "fmt_value"]

QUOTE_CLIP = 300  # characters of a verbatim passage quoted back in a message


def clip(s: str, limit: int = QUOTE_CLIP) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def fmt_value(v: float) -> str:
    if math.isfinite(v) and v == int(v) and abs(v) < 1e18:
        return f"{int(v):,}"
    return f"{v:,.6g}"
