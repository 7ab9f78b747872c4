"""HTML extraction quality: token-level F1 of extracted text against hand-made article bodies.

    .venv/bin/python bench/eval_html.py [--verbose]

Reads ../shared/eval/html_dev.jsonl (override the folder with SUMMARIZER_EVAL_DIR); exits 0 with a
"skipped:" line when the file is absent. F1 is over bags of lowercased word tokens (multisets), so
order and paragraph breaks do not count, repeated boilerplate does.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._eval import load_or_skip  # noqa: E402
from summarizer.errors import InputError  # noqa: E402
from summarizer.html_input import extract_html  # noqa: E402

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def token_scores(predicted: str, expected: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the two token multisets."""
    got, want = tokens(predicted), tokens(expected)
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per page")
    args = parser.parse_args(argv)

    rows = load_or_skip("html_dev.jsonl")
    started = time.perf_counter()
    scores: list[float] = []
    precisions: list[float] = []
    recalls: list[float] = []
    for row in rows:
        with warnings.catch_warnings():
            # trafilatura warns about pages it finds odd; the score already says how it went.
            warnings.simplefilter("ignore")
            try:
                text = extract_html(row["html"], url=row.get("url")).text
            except InputError:
                text = ""
        p, r, f1 = token_scores(text, row["expected_text"])
        scores.append(f1)
        precisions.append(p)
        recalls.append(r)
        if args.verbose:
            print(f"{f1:.3f}  P={p:.3f} R={r:.3f}  {row.get('url') or row.get('id')}")
    n = len(scores)
    print(
        f"html extraction token F1 on {n} pages: mean {sum(scores) / n:.4f}, "
        f"min {min(scores):.4f} (precision {sum(precisions) / n:.4f}, "
        f"recall {sum(recalls) / n:.4f}; {time.perf_counter() - started:.1f}s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
