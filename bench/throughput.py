"""Batch throughput: the whole `summarizer summarize` command against a server of fixed latency.

    .venv/bin/python bench/throughput.py [--n 400] [--concurrency 16] [--repeat 3] [--repeat-1s 1]
                                         [--distinct]

Starts a loopback OpenAI-compatible server (summarizer.testing.fake_server) that answers every
request after a fixed latency, then times whole subprocesses (start-up included):
1. at 1 s latency, the command vs the ideal n x 1 s / concurrency (target ideal/actual >= 0.93),
   and the bare script's own ratio for reference (start-up costs it about as much); medians of
   `--repeat-1s` alternating runs;
2. at 300 ms latency, the command vs bench/bare_instructor.py making the same calls, run
   alternately `--repeat` times, medians compared (target command <= 1.10 x bare).
`--workers N` passes the command's --workers: verification in N processes, off the event loop.
Both run with their bytecode and the gazetteer's table cached, as on a user's machine (see
`_run_env`), after one short untimed run of each fills those caches. The command runs with
--max-retries 0, --transport-retries 0, --no-cache and --mode tools, so it makes the same calls as
the bare script (which uses tools mode). `--mode auto` adds one round trip against a server it has
not met: a tiny probe of tool calling (see engines/llm/modes.py); pass `--mode auto` here to measure
that. The largest number of requests the server saw in flight is reported (it must never exceed the
concurrency). Start-up is measured, not inferred: from each process's start to the server's first
request and to the concurrency-th (every slot busy; what the total waits for), from the server's
arrival times.

By default every article is the seed article under its own id, so the evidence layer's per-text
cache answers all but the first (and the fake server's answer verifies). `--distinct` sends the
texts of ../shared/eval/quotes_dev.jsonl instead (SUMMARIZER_EVAL_DIR elsewhere; skipped when
absent), in turn, so each article pays for its own evidence, prompt and verification as a real
batch does; the server still answers each with the seed's draft (anchored to that article's
ids), which verification then mostly rejects, as it would a wrong answer.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._eval import load_or_skip  # noqa: E402
from bench._seed import ROOT, seed_answer, write_articles  # noqa: E402
from summarizer.testing.fake_server import FakeServer, serve  # noqa: E402

PYTHON = sys.executable


def run_command(
    articles: Path,
    out: Path,
    server: FakeServer,
    concurrency: int,
    mode: str,
    workers: int = 1,
    counted: bool = True,
) -> float:
    out.unlink(missing_ok=True)
    cmd = [
        PYTHON, "-m", "summarizer", "summarize", str(articles), "-o", str(out),
        "--base-url", server.url, "--model", "gpt-4o-mini", "--concurrency", str(concurrency),
        "--max-retries", "0", "--transport-retries", "0", "--no-cache", "--mode", mode,
        "--workers", str(workers),
    ]  # fmt: skip
    return _timed(cmd, server, concurrency, counted=counted)


def run_bare(articles: Path, server: FakeServer, concurrency: int, counted: bool = True) -> float:
    cmd = [
        PYTHON, str(ROOT / "bench" / "bare_instructor.py"), str(articles),
        "--base-url", server.url, "--concurrency", str(concurrency),
    ]  # fmt: skip
    return _timed(cmd, server, concurrency, counted=counted)


# CPU seconds (user + system, its worker processes included) of each command run, by kind: on
# a shared machine the wall time moves with the others' load, the CPU a run needs much less.
CPU: dict[str, list[float]] = {"command": [], "bare": []}
# Start-up of each run, by kind: seconds from starting the process to the server's first
# request, and to the one that fills the last slot (the concurrency-th), from the server's
# arrival times (both on the machine's one monotonic clock).
STARTUP: dict[str, list[tuple[float, float]]] = {"command": [], "bare": []}


def _run_env(folder: Path) -> dict[str, str]:
    """The timed runs' environment: compiled modules and built tables kept under `folder`.

    Where PYTHONDONTWRITEBYTECODE is set (as in the project's dev shells) an editable install
    has no bytecode for the project's own modules, so each run compiled them again: ~0.2 s of
    the command's CPU (its ~70 modules; a few for the bare script) that a pip-installed copy,
    compiled at install, never pays. The gazetteer's saved table (summarizer.evidence.disk_cache)
    lives in the user cache folder, which other checkouts of the project on the same machine
    overwrite with their own version: a miss rebuilt it in the timed run (1-2 s). Here both are
    warm, as on a user's machine after the first run.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    return env


ENV: dict[str, str] | None = None  # set in main: the environment of every run


def _timed(cmd: list[str], server: FakeServer, concurrency: int, *, counted: bool = True) -> float:
    seen = len(server.arrivals)
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - started
    stderr = proc.stderr.read() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"failed ({code}): {' '.join(cmd)}\n{stderr[-2000:]}")
    kind = "bare" if "bare_instructor.py" in " ".join(cmd) else "command"
    if counted:
        CPU[kind].append(usage.ru_utime + usage.ru_stime)
        arrivals = server.arrivals[seen:]
        if len(arrivals) >= concurrency:
            STARTUP[kind].append((arrivals[0] - started, arrivals[concurrency - 1] - started))
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each at 300 ms")
    parser.add_argument("--repeat-1s", type=int, default=1, help="runs of each at 1 s")
    parser.add_argument("--mode", default="tools", choices=["tools", "auto"])
    parser.add_argument(
        "--workers", type=int, default=1, help="the command's --workers (verification processes)"
    )
    parser.add_argument(
        "--distinct", action="store_true", help="the dev texts of quotes_dev.jsonl, not one seed"
    )
    args = parser.parse_args()
    texts = [r["text"] for r in load_or_skip("quotes_dev.jsonl")] if args.distinct else None
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    n, conc, workers = args.n, args.concurrency, args.workers

    global ENV
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ENV = _run_env(folder)
        os.environ["XDG_CACHE_HOME"] = ENV["XDG_CACHE_HOME"]  # the fake server's own tables
        articles = (
            write_distinct(folder / "articles.jsonl", n, texts)
            if texts
            else write_articles(folder / "articles.jsonl", n)
        )
        out = folder / "results.jsonl"
        with serve(seed_answer, latency=0.0) as server:  # untimed: fills both caches
            few = write_articles(folder / "few.jsonl", 4)
            run_command(few, out, server, conc, args.mode, workers, counted=False)
            run_bare(few, server, conc, counted=False)

        ours_1s: list[float] = []
        bare_1s: list[float] = []
        with serve(seed_answer, latency=1.0) as server:
            for _ in range(args.repeat_1s):
                ours_1s.append(run_command(articles, out, server, conc, args.mode, workers))
                lines = len(out.read_text(encoding="utf-8").splitlines())
                if lines != n:
                    sys.exit(f"FAIL: {lines} results for {n} articles")
                bare_1s.append(run_bare(articles, server, conc))
            peak_1s = server.max_in_flight
        ideal = n * 1.0 / conc
        actual, bare_actual = statistics.median(ours_1s), statistics.median(bare_1s)
        kind = f"distinct texts of quotes_dev.jsonl ({len(texts)})" if texts else "one seed text"
        print(f"--mode {args.mode} --workers {args.workers}; articles: {kind}")
        print(
            f"1 s latency: {n} articles at concurrency {conc}: command {actual:.2f} s "
            f"(runs {_fmt(ours_1s)}), ideal {ideal:.2f} s, ideal/actual {ideal / actual:.3f} "
            f"(target >= 0.93); max in flight {peak_1s}. For reference, the bare script: "
            f"{bare_actual:.2f} s (runs {_fmt(bare_1s)}), ideal/actual {ideal / bare_actual:.3f}"
        )

        ours: list[float] = []
        bare: list[float] = []
        peak = 0
        with serve(seed_answer, latency=0.3) as server:
            for _ in range(args.repeat):
                ours.append(run_command(articles, out, server, conc, args.mode, workers))
                bare.append(run_bare(articles, server, conc))
            peak = server.max_in_flight
        m_ours, m_bare = statistics.median(ours), statistics.median(bare)
        print(
            f"300 ms latency: command {m_ours:.2f} s (runs {_fmt(ours)}), bare instructor "
            f"{m_bare:.2f} s (runs {_fmt(bare)}), command/bare {m_ours / m_bare:.3f} "
            f"(target <= 1.10); ideal {n * 0.3 / conc:.2f} s; max in flight {peak}"
        )
        print(_startup_line(conc))
        cpu_ours, cpu_bare = statistics.median(CPU["command"]), statistics.median(CPU["bare"])
        print(
            f"CPU per run (median of all runs, workers included): command {cpu_ours:.2f} s, "
            f"bare {cpu_bare:.2f} s ({1000 * cpu_ours / n:.1f} vs {1000 * cpu_bare / n:.1f} ms "
            "an article)"
        )
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if max(peak, peak_1s) > conc:
            sys.exit(f"FAIL: {max(peak, peak_1s)} requests in flight, over {conc}")


def write_distinct(path: Path, n: int, texts: list[str]) -> Path:
    """`n` JSONL records of `texts` in turn, with ids of their own (dev-000, dev-001, ...)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = {"id": f"dev-{i:03d}", "text": texts[i % len(texts)]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _startup_line(concurrency: int) -> str:
    """Start-up, medians of every timed run: the process's start to the first request and to
    the concurrency-th (all slots busy); what the command spends before it beside the bare
    script's."""
    parts = []
    firsts: dict[str, float] = {}
    for kind in ("command", "bare"):
        runs = STARTUP[kind]
        if not runs:
            continue
        first = firsts[kind] = statistics.median(r[0] for r in runs)
        full = statistics.median(r[1] for r in runs)
        parts.append(
            f"{kind} {first:.2f} s to the first request, {full:.2f} s to the {concurrency}th "
            f"(runs {_fmt([r[0] for r in runs])})"
        )
    if len(firsts) == 2:
        parts.append(f"the command's own start-up {firsts['command'] - firsts['bare']:+.2f} s")
    return "start-up (median of all runs): " + "; ".join(parts)


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    main()
