"""Dask: offline articles per second with 1 and 2 worker processes (goal: >= 1.7x with 2),
and the CLI's own throughput on the same input.

    .venv/bin/python bench/dask_scale.py [--n 1000] [--partitions 8]

Writes `--n` synthesised articles (bench/_articles.py) to a Parquet file; times
`summarizer summarize feed.parquet --tables DIR --engine offline` (whole command), then on a
`LocalCluster(n_workers=W, threads_per_worker=1, processes=True)` for W = 1, 2 the compute of
the four tables of `summarize_dataframe(dd.read_parquet(feed), engine="offline")` (cluster
start-up and a warm-up task excluded), and checks that the tables equal the CLI's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._articles import load, run_measured, write_parquet  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()
    try:
        import dask
        import dask.dataframe as dd
        import distributed
        import pyarrow as pa
    except ImportError:
        print("skipped: needs the dask extra (pip install '.[dask]')")
        return
    from summarizer.dask import summarize_dataframe
    from summarizer.tables import TABLE_NAMES, arrow_schema, read_tables

    print(load())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = write_parquet(folder / "feed.parquet", args.n)
        cmd = [sys.executable, "-m", "summarizer", "summarize", str(feed)]
        seconds, _ = run_measured([*cmd, "--tables", str(folder / "t"), "--engine", "offline"])
        print(f"CLI --tables: {args.n / seconds:.0f} articles/s ({seconds:.1f} s, start-up in)")
        expected = {k: v.to_pylist() for k, v in read_tables(folder / "t").items()}
        rates = {}
        for workers in (1, 2):
            with (
                distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                ) as cluster,
                distributed.Client(cluster) as client,
            ):
                warm = dd.read_parquet(str(feed)).head(2, compute=False)
                client.run(lambda: __import__("summarizer.batch"))
                dask.compute(*summarize_dataframe(warm, engine="offline").values())
                ddf = dd.read_parquet(str(feed)).repartition(npartitions=args.partitions)
                started = time.perf_counter()
                frames = dask.compute(*summarize_dataframe(ddf, engine="offline").values())
                elapsed = time.perf_counter() - started
            rates[workers] = args.n / elapsed
            got = {
                name: pa.Table.from_pandas(
                    frame, schema=arrow_schema(name), preserve_index=False
                ).to_pylist()
                for name, frame in zip(TABLE_NAMES, frames, strict=True)
            }
            print(
                f"Dask, {workers} worker(s): {rates[workers]:.0f} articles/s ({elapsed:.1f} s); "
                f"tables equal the CLI's: {got == expected}"
            )
        print(f"speed-up with 2: {rates[2] / rates[1]:.2f}x (goal >= 1.7x)")
    print(load())


if __name__ == "__main__":
    main()
