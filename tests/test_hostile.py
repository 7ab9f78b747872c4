"""Evidence gathering stays linear on hostile text: time per KB does not grow with the size.

Ratios only, never absolute times: each input is gathered at 8 KB and at 32 KB (best of three,
every per-text cache missed by a fresh text), and the time per KB at 32 KB must stay within 2.5x
of that at 8 KB (a quadratic scan gives 4x). CPU time of this process, with the garbage collector
paused (its full passes over a big text's objects are not the scan's growth), and a failing
ratio measured once more, so that a loaded machine does not fail a linear scan: a quadratic
one fails every time. Number-heavy generators (digit and comma runs, dash
chains, dotted runs) are the number finder's: `bench/bench_hostile.py` reports them all.
"""

from __future__ import annotations

import gc
import time

import pytest

from summarizer.evidence import gather
from summarizer.testing.hostile import GENERATORS

QUOTE_SCANS = [
    "news",
    "unbalanced marks",
    "lone closers",
    "nested marks",
    "mixed families",
    "one paragraph",
    "capital runs",
]


def _per_kb(text: str) -> float:
    best = float("inf")
    gc.disable()
    try:
        for k in range(3):
            fresh = text + " " * (k + 1)  # a new text: no per-text cache helps
            t0 = time.process_time()
            gather(fresh)
            best = min(best, time.process_time() - t0)
    finally:
        gc.enable()
    return best / (len(text) / 1000)


def _growth(name: str) -> tuple[float, float]:
    make = GENERATORS[name]
    return _per_kb(make(8000)), _per_kb(make(32000))


@pytest.mark.parametrize("name", QUOTE_SCANS)
def test_time_per_kb_stays_flat(name: str) -> None:
    gather(GENERATORS[name](2000))  # warm the regexes
    small, large = _growth(name)
    if large > 2.5 * small:
        small, large = _growth(name)
    assert large <= 2.5 * small, f"{name}: {large * 1000:.2f} vs {small * 1000:.2f} ms per KB"


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_generator_gives_text_of_the_size_asked(name: str) -> None:
    text = GENERATORS[name](5000)
    assert len(text) >= 5000
    assert gather(text[:2000]).text == text[:2000]  # and gathering it does not fail
