"""Start-up time: `summarizer --help` and `--version` against bare Python.

    .venv/bin/python bench/cold_start.py [--repeat 5]

Median wall time of each over `--repeat` runs (after one warm-up run each, so the OS file cache
is warm for all three alike). Target: at most 0.25 s above `python -c pass`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.25


def median_time(cmd: list[str], repeat: int) -> float:
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bare = median_time([sys.executable, "-c", "pass"], args.repeat)
    print(f"python -c pass: {bare:.3f} s")
    worst = 0.0
    for flag in ("--help", "--version"):
        took = median_time([sys.executable, "-m", "summarizer", flag], args.repeat)
        worst = max(worst, took - bare)
        print(f"summarizer {flag}: {took:.3f} s ({took - bare:+.3f} s over bare Python)")
    check = "ok" if worst <= TARGET else "OVER"
    print(f"worst overhead {worst:.3f} s, target <= {TARGET} s: {check}")
    blocked = subprocess.run(
        [sys.executable, "-c", "import sys; from summarizer.cli import app; "
         "print(sorted(m for m in ('openai', 'instructor', 'pydantic') if m in sys.modules))"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    print(f"heavy modules imported by the CLI module: {blocked.stdout.strip()}")


if __name__ == "__main__":
    main()
