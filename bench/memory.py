"""Peak memory of a batch as the number of articles grows: it must not grow with them.

    .venv/bin/python bench/memory.py [--small 2000] [--large 8000] [--tables 10000]

Times and measures (peak RSS of the command's process) `summarizer summarize feed.jsonl -o
out.jsonl --engine offline` over synthesised articles (bench/_articles.py), for `--small` and
`--large` articles (goal: large within 1.2x of small), then `--tables DIR` over a Parquet
file of `--small` and of `--tables` articles (pyarrow itself is most of that peak). A second
run over the same output (resume, all already done) is measured too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._articles import load, run_measured, write_jsonl, write_parquet  # noqa: E402

CLI = [sys.executable, "-m", "summarizer", "summarize"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=8000)
    parser.add_argument("--tables", type=int, default=10000)
    args = parser.parse_args()
    print(load())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        peaks = {}
        for n in (args.small, args.large):
            feed = write_jsonl(folder / f"feed{n}.jsonl", n)
            out = folder / f"out{n}.jsonl"
            seconds, peak = run_measured([*CLI, str(feed), "-o", str(out), "--engine", "offline"])
            again, peak_again = run_measured(
                [*CLI, str(feed), "-o", str(out), "--engine", "offline"]
            )
            peaks[n] = peak
            print(
                f"jsonl {n:>6} articles: peak RSS {peak:6.1f} MB, {seconds:5.1f} s "
                f"({n / seconds:.0f}/s); resume (all done): {peak_again:.1f} MB, {again:.1f} s"
            )
        ratio = peaks[args.large] / peaks[args.small]
        print(f"peak RSS {args.large} / {args.small}: {ratio:.2f}x (goal <= 1.2x)")
        table_peaks = {}
        for n in (args.small, args.tables) if args.tables else ():
            feed = write_parquet(folder / f"feed{n}.parquet", n)
            seconds, peak = run_measured(
                [*CLI, str(feed), "--tables", str(folder / f"t{n}"), "--engine", "offline"]
            )
            table_peaks[n] = peak
            print(
                f"--tables {n:>6} articles (Parquet in): peak RSS {peak:6.1f} MB, "
                f"{seconds:5.1f} s ({n / seconds:.0f}/s)"
            )
        if len(table_peaks) == 2:
            ratio = table_peaks[args.tables] / table_peaks[args.small]
            print(f"--tables peak RSS {args.tables} / {args.small}: {ratio:.2f}x")
    print(load())


if __name__ == "__main__":
    main()
