"""The peer for bench/throughput.py: what a user would write by hand with instructor.

    .venv/bin/python bench/bare_instructor.py ARTICLES.jsonl --base-url URL [--concurrency 16]

The same calls the command makes (the same system and user prompts, the same response model,
tools mode), with one AsyncOpenAI client and a semaphore; results are kept in memory, nothing
is verified, cached or written.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


async def main(path: Path, base_url: str, concurrency: int, model: str) -> None:
    import instructor
    import openai

    from summarizer.models import DraftSummary
    from summarizer.prompts import load_prompts

    prompts = load_prompts()
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    client = instructor.from_openai(
        openai.AsyncOpenAI(base_url=base_url, api_key="sk-bench", max_retries=0),
        mode=instructor.Mode.TOOLS,
    )
    slots = asyncio.Semaphore(concurrency)

    async def one(record: dict[str, str]) -> DraftSummary:
        async with slots:
            draft: DraftSummary = await client.chat.completions.create(
                model=model,
                messages=[
                    {"role": "system", "content": prompts.system},
                    {
                        "role": "user",
                        "content": prompts.render_user(text=record["text"], title=None),
                    },
                ],
                response_model=DraftSummary,
                max_retries=1,
                temperature=0.0,
            )
            return draft

    started = time.monotonic()
    drafts = await asyncio.gather(*(one(r) for r in records))
    print(f"{len(drafts)} drafts in {time.monotonic() - started:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--model", default="gpt-4o-mini")
    args = parser.parse_args()
    asyncio.run(main(args.articles, args.base_url, args.concurrency, args.model))
