"""`--workers`: offline articles per second with 1 and 2 processes (goal: >= 1.7x with 2).

    .venv/bin/python bench/workers.py [--n 2000] [--repeat 2]

Times the whole command `summarizer summarize feed.jsonl -o out.jsonl --engine offline
--workers N` (start-up included) over synthesised articles (bench/_articles.py), runs
alternating, medians compared, and checks both outputs are the same bytes. The machine is
shared: the load average is printed before and after, and the CPU seconds each run used (with
the kernel's per-session CPU sharing, a busy machine gives a second process no more CPU; the
CPU the pool adds is what bounds the speed-up on free cores).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._articles import CPU_SECONDS, load, run_measured, write_jsonl  # noqa: E402

CLI = [sys.executable, "-m", "summarizer", "summarize"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(load())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = write_jsonl(folder / "feed.jsonl", args.n)
        times: dict[int, list[float]] = {1: [], 2: []}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(args.repeat):
            for workers in (1, 2):
                out = folder / f"out{workers}.jsonl"
                out.unlink(missing_ok=True)
                cmd = [*CLI, str(feed), "-o", str(out), "--engine", "offline"]
                seconds, _ = run_measured([*cmd, "--workers", str(workers)])
                times[workers].append(seconds)
                cpu[workers].append(CPU_SECONDS[-1])
        same = (folder / "out1.jsonl").read_bytes() == (folder / "out2.jsonl").read_bytes()
    rate = {w: args.n / statistics.median(t) for w, t in times.items()}
    for workers, value in rate.items():
        print(f"--workers {workers}: {value:.0f} articles/s (runs: {times[workers]})")
    print(f"speed-up with 2: {rate[2] / rate[1]:.2f}x (goal >= 1.7x); same output: {same}")
    # The kernel shares CPU between sessions (autogroup), so on a busy shared machine a second
    # process gets no more CPU. What the pool costs is machine-independent: its CPU seconds.
    cpu1, cpu2 = statistics.median(cpu[1]), statistics.median(cpu[2])
    print(
        f"CPU seconds: {cpu1:.2f} with 1, {cpu2:.2f} with 2 (+{100 * (cpu2 / cpu1 - 1):.0f}%): "
        f"with two free cores, 2 x {cpu1:.2f} / {cpu2:.2f} = {2 * cpu1 / cpu2:.2f}x at most"
    )
    print(load())


if __name__ == "__main__":
    main()
