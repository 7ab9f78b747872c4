"""Adversarial inputs for number finding, and how time per KB grows with their size.

The generators are `summarizer.testing.hostile.NUMBER_GENERATORS` (one home with the quotation-mark
ones that bench/bench_hostile.py uses). Run:
.venv/bin/python bench/hostile_numbers.py [--kb 25 50 100 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from summarizer.evidence.numbers import find_numbers
    from summarizer.testing.hostile import NUMBER_GENERATORS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, nargs="+", default=[25, 50, 100, 200])
    args = ap.parse_args()
    for name, make in NUMBER_GENERATORS.items():
        cells = []
        for kb in args.kb:
            text = make(kb * 1000)
            t0 = time.perf_counter()
            find_numbers(text)
            cells.append(f"{kb} KB {time.perf_counter() - t0:.3f} s")
        print(f"{name}: " + ", ".join(cells))


if __name__ == "__main__":
    main()
