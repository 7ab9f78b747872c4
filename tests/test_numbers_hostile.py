"""Number finding is linear in the text, whatever the text: time per KB stays flat as
adversarial inputs grow (digit and comma runs, dash chains, dense numbers). Ratios between
sizes, never absolute times: linear growth gives 8x from 8 KB to 64 KB, quadratic 64x. CPU
time of this process with the garbage collector paused, and a failing ratio measured once more
(as in test_hostile), so that the other processes of a loaded machine do not fail a linear scan:
a quadratic one fails every time."""

from __future__ import annotations

import gc
import time

import pytest

from summarizer.evidence.numbers import find_numbers
from summarizer.testing.hostile import NUMBER_GENERATORS as GENERATORS

SMALL, LARGE = 8_000, 64_000
BOUND = 24.0  # three times linear: generous for a shared machine, far below quadratic


def _best_of(text: str, runs: int = 3) -> float:
    best = float("inf")
    gc.disable()
    try:
        for _ in range(runs):
            t0 = time.process_time()
            find_numbers(text)
            best = min(best, time.process_time() - t0)
    finally:
        gc.enable()
    return best


def _growth(name: str) -> float:
    make = GENERATORS[name]
    small = max(_best_of(make(SMALL)), 2e-3)  # below 2 ms, noise decides, not the code
    return _best_of(make(LARGE)) / small


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_time_per_kb_stays_flat_as_hostile_input_grows(name: str) -> None:
    growth = _growth(name)
    if growth >= BOUND:
        growth = min(growth, _growth(name))
    assert growth < BOUND, f"{name}: {growth:.1f}x for {LARGE // SMALL}x the text"


def test_a_run_of_joined_numbers_is_one_identifier_not_many_statistics() -> None:
    assert find_numbers("1,1,1,1,1,1,1,1,1,1,1,1") == []
    assert find_numbers("12-12-12-12-12-12-12-12-12-12") == []
    # a grouped number is still a number
    assert [m.value for m in find_numbers("1,000,000,000,000,000,000,000,000,000,000")] == [1e30]
    # short lists and phone-like codes are read as before
    assert [m.value for m in find_numbers("scores of 1, 2 and 3")] == [1.0, 2.0, 3.0]
