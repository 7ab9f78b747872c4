"""Many distinct articles synthesised from the fixture articles (never from eval data)."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))


def article(i: int) -> dict[str, str]:
    """Article `i`: a fixture's paragraphs, rotated, with a line that makes its text unique."""
    text = FIXTURES[i % len(FIXTURES)].read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    turn = (i // len(FIXTURES)) % max(1, len(paragraphs))
    body = "\n\n".join(paragraphs[:1] + paragraphs[1:][turn:] + paragraphs[1:][:turn])
    return {"id": f"art-{i:07d}", "text": f"{body}\n\n(Reference {i}.)\n"}


def write_jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(article(i), ensure_ascii=False) + "\n")
    return path


def write_parquet(path: Path, n: int) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("id", pa.string()), ("text", pa.string())])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, n, 1000):
            rows = [article(i) for i in range(start, min(n, start + 1000))]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return path


CPU_SECONDS: list[float] = []


def run_measured(cmd: list[str]) -> tuple[float, float]:
    """Run a command; (seconds, peak RSS in MB) of that process alone. Its CPU seconds (user +
    system, its worker processes included) are appended to `CPU_SECONDS`."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    CPU_SECONDS.append(usage.ru_utime + usage.ru_stime)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: some articles failed, which a bench may plant
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"
