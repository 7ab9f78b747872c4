"""Does the offline engine's summary pass its own checks? (issue 13, "Every claim checked")

A user who runs `summarizer summarize --engine offline` and then `summarizer check` on the same
article must see no error on the engine's own headline, summary or event: an engine that invents
is what the checks exist to catch.

Each corpus goes through the product, `summarizer summarize --engine offline -f jsonl` (one
subprocess per corpus): quotes_dev and events_dev as a JSONL of {id, text, title, published},
html_dev as one .html file per page in a folder (as a user would hand pages over). Each result's
summary is then checked with the public `summarizer.check` against the article the result
carries (its text, title and publication date, as `summarizer check` of a whole result does).

Reported per corpus and for the two halves of it (by a hash of the id): the articles with any
`error` issue, and the fields the errors are at (`event.who[1]` counted as `event.who`);
`--verbose` prints each error.

Run: .venv/bin/python bench/eval_selfcheck.py [--verbose] [--corpus quotes|events|html]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench._eval import EVAL_DIR, load_or_skip  # noqa: E402
from summarizer import check  # noqa: E402

CORPORA = {"quotes": "quotes_dev.jsonl", "events": "events_dev.jsonl", "html": "html_dev.jsonl"}
_INDEX = re.compile(r"\[\d+\]")


def half(article_id: str) -> str:
    return "A" if hashlib.sha256(article_id.encode()).digest()[0] % 2 == 0 else "B"


def _record(row: dict[str, Any]) -> dict[str, Any]:
    rec = {"id": row["id"], "text": row["text"]}
    if row.get("title"):
        rec["title"] = row["title"]
    published = row.get("published") or row.get("publication_date")
    if isinstance(published, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published[:10]):
        rec["published"] = published[:10]
    return rec


def run_cli(corpus: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The CLI's results for the rows of one corpus (one subprocess)."""
    exe = ROOT / ".venv" / "bin" / "summarizer"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "summarizer"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "results.jsonl"
        if corpus == "html":
            src = Path(tmp) / "pages"
            src.mkdir()
            for row in rows:
                # The file's stem is the result's id; an id's "/" cannot be in a file name.
                name = row["id"].replace("/", "_")
                (src / f"{name}.html").write_text(row["html"], encoding="utf-8")
        else:
            src = Path(tmp) / "articles.jsonl"
            with src.open("w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(_record(row), ensure_ascii=False) + "\n")
        cmd += ["summarize", "--engine", "offline", "-f", "jsonl", str(src), "-o", str(out)]
        env = {**os.environ, "SUMMARIZER_ENGINE": "offline"}
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if done.returncode not in (0, 3) or not out.is_file():
            raise SystemExit(f"summarizer failed ({done.returncode}): {done.stderr.strip()}")
        lines = out.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def errors_of(result: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, message) of each error `check()` finds on the result's own summary."""
    article = result["article"]
    checked = check(
        article["text"],
        result["summary"],
        title=article.get("title"),
        published=article.get("published"),
    )
    return [(i.path, i.message) for i in checked.verification.issues if i.severity == "error"]


def report(corpus: str, results: list[dict[str, Any]], verbose: bool) -> int:
    """Print one corpus's figures; the number of articles with an error."""
    failed: dict[str, int] = Counter()
    total: dict[str, int] = Counter()
    fields: Counter[str] = Counter()
    for result in results:
        article_id = str(result["article"].get("id"))
        errors = errors_of(result)
        for key in (half(article_id), "all"):
            total[key] += 1
            failed[key] += bool(errors)
        for path in {_INDEX.sub("", p) for p, _ in errors}:
            fields[path] += 1
        if verbose and errors:
            print(f"  {corpus} {article_id}:")
            for path, message in errors:
                print(f"    {path}: {message}")
    cells = "  ".join(f"{k} {failed[k]}/{total[k]}" for k in ("A", "B", "all"))
    where = ", ".join(f"{f} {n}" for f, n in sorted(fields.items())) or "-"
    print(f"{corpus:<7} articles with an error: {cells}   fields: {where}")
    return failed["all"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="print each error")
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    args = parser.parse_args(argv)
    names = args.corpus or list(CORPORA)
    if not any((EVAL_DIR / CORPORA[n]).is_file() for n in names):
        print(f"skipped: no {', '.join(CORPORA[n] for n in names)} in {EVAL_DIR}")
        return 0
    t0 = time.perf_counter()
    failing = 0
    for name in names:
        if not (EVAL_DIR / CORPORA[name]).is_file():
            print(f"{name:<7} skipped: {EVAL_DIR / CORPORA[name]} not found")
            continue
        rows = load_or_skip(CORPORA[name])
        failing += report(name, run_cli(name, rows), args.verbose)
    print(f"{failing} articles with an error in all; {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
