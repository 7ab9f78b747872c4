"""The provider Batch API path: 200 articles, 10% of the lines failing on the first attempt.

    .venv/bin/python bench/batch_api.py [--n 200] [--fail 0.10]

Starts the loopback fake server (summarizer.testing.fake_server) with its in-memory Files and
Batches endpoints, output shuffled; in the first batch every tenth line fails (half with a 500,
half `batch_expired`). Runs the real commands as subprocesses, `summarizer batch submit` then
`summarizer batch collect --wait --json`, and prints what the JSON report says: the goal is every
article done, none failed, after one follow-up batch (2 rounds). Then a second collect, which
must send nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._seed import ROOT, SEED, seed_answer  # noqa: E402
from summarizer.testing.fake_server import BatchPlan, LineFault, serve  # noqa: E402


def write_articles(path: Path, n: int) -> Path:
    """The seed article `n` times, each with its own last line: distinct requests (identical
    ones would be sent once)."""
    text = SEED.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = {"id": f"seed-{i:03d}", "text": f"{text}\n\n(Reference {i}.)\n"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def run(args: list[str]) -> tuple[dict[str, Any], float, int]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "batch", *args, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.monotonic() - started
    if not done.stdout.strip():
        raise SystemExit(f"the command printed no report: {done.stderr.strip()}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report, elapsed, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--fail", type=float, default=0.10, help="share of first-batch lines")
    opts = parser.parse_args()
    every = max(1, round(1 / opts.fail)) if opts.fail > 0 else 0

    def fault(batch: int, custom_id: str, body: dict[str, Any]) -> LineFault | None:
        number = int(custom_id.split("~")[0].rsplit("-", 1)[1])
        if batch != 1 or not every or number % every:
            return None
        if (number // every) % 2:
            return LineFault(code="batch_expired", message="not run within 24h")
        return LineFault(status=500)

    plan = BatchPlan(shuffle=True, line_fault=fault, polls_to_finish=1)
    with tempfile.TemporaryDirectory() as tmp, serve(seed_answer, batch_plan=plan) as server:
        articles = write_articles(Path(tmp) / "articles.jsonl", opts.n)
        out = Path(tmp) / "out"
        common = ["--base-url", server.url, "--model", "gpt-4o-mini", "--mode", "tools"]
        submitted, submit_s, _ = run(["submit", str(articles), "--out-dir", str(out), *common])
        collect_args = ["collect", str(out), "--wait", "--poll-interval", "0.05"]
        report, collect_s, code = run(collect_args)
        calls = len(server.api_calls)
        again, _, again_code = run(collect_args)
        sent_again = len(server.api_calls) - calls
        first_failed = sum(
            1 for line in server.batch_lines[: opts.n] if fault(1, line["custom_id"], {})
        )
        results = len(list(out.glob("*.json")))
        batches = len(server.batches)

    print(
        f"articles {opts.n}, first-batch lines failing {first_failed} ({first_failed / opts.n:.0%})"
    )
    print(
        f"results {results} · done {report['done']} · failed {report['failed']} · "
        f"rounds {report['rounds']} ({batches} batches: 1 + {batches - 1} follow-up) · "
        f"lines {report['lines']} ({report['failed_lines']} failed) · exit {code}"
    )
    usage = report["usage"]
    print(
        f"tokens {usage['prompt_tokens']:,} in / {usage['completion_tokens']:,} out · "
        f"cost ${report['cost']:.4f} at the batch price"
    )
    print(f"submit {submit_s:.1f} s · collect --wait {collect_s:.1f} s (whole commands)")
    print(f"second collect: exit {again_code}, {sent_again} calls sent, done {again['done']}")
    ok = (
        results == opts.n
        and report["done"] == opts.n
        and report["failed"] == 0
        and report["rounds"] == 2
        and sent_again == 0
        and submitted["rounds"] == 1
    )
    print("goal met" if ok else "GOAL MISSED")


if __name__ == "__main__":
    main()
