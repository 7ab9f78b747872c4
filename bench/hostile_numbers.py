"""Adversarial inputs for number finding, and how time per KB grows with their size.

`GENERATORS` maps a name to a function of a size in bytes returning such a text; the overall
hostile-text bench (quotation marks: another module) may import them. Run:
.venv/bin/python bench/hostile_numbers.py [--kb 25 50 100 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def digit_comma_run(size: int) -> str:
    """`1,1,1,1,...`: every comma could continue a grouped number."""
    return _repeat("1,", size)


def grouped_run(size: int) -> str:
    """`1,000,000,000,...` one endless grouped number."""
    return "1" + _repeat(",000", size - 1)


def dash_chain(size: int) -> str:
    """`1-2-3-4-...`: every dash could join a range or a score."""
    return _repeat("12-", size)


def spaced_dash_chain(size: int) -> str:
    """`5 - 6 - 7 - ...` and `5 to 6 to 7`: range joins without end."""
    return _repeat("5 - 6 to 7 and ", size)


def word_number_run(size: int) -> str:
    """`one two three ...`: number words that might read as one long number."""
    return _repeat("one hundred and twenty-five thousand ", size)


def digit_run(size: int) -> str:
    """One huge paragraph of digits and spaces."""
    return _repeat("1234567 ", size)


GENERATORS: dict[str, Callable[[int], str]] = {
    "digit_comma_run": digit_comma_run,
    "grouped_run": grouped_run,
    "dash_chain": dash_chain,
    "spaced_dash_chain": spaced_dash_chain,
    "word_number_run": word_number_run,
    "digit_run": digit_run,
}


def main() -> None:
    from summarizer.evidence.numbers import find_numbers

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, nargs="+", default=[25, 50, 100, 200])
    args = ap.parse_args()
    for name, make in GENERATORS.items():
        cells = []
        for kb in args.kb:
            text = make(kb * 1000)
            t0 = time.perf_counter()
            find_numbers(text)
            cells.append(f"{kb} KB {time.perf_counter() - t0:.3f} s")
        print(f"{name}: " + ", ".join(cells))


if __name__ == "__main__":
    main()
