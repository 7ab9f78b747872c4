"""Prompt overhead and output size, in o200k_base tokens (the GPT-4o tokenizer).

- overhead: what every request carries besides the article: instructions + schema, as actually
  sent by instructor (captured from a loopback server), per strategy and mode;
- output: tokens the model writes for the seed article, free vs anchored, from the hand-made
  ideal answer in fixtures (the anchored answer is derived from it: same quotes, by id).

    .venv/bin/python bench/prompt_overhead.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bpe_openai import get_encoding  # noqa: E402

from summarizer import summarize  # noqa: E402
from summarizer.engines.llm.modes import ServerModes  # noqa: E402
from summarizer.testing.fake_server import anchored_answer, serve  # noqa: E402

ENC = get_encoding("o200k_base")
SEED = ROOT / "fixtures" / "articles" / "operation-safe-city.txt"
PLACEHOLDER = "ARTICLE_TEXT_PLACEHOLDER"


def tokens(text: str) -> int:
    return len(ENC.encode(text))


def captured_request(strategy: str, mode: str) -> dict[str, Any]:
    ServerModes.shared().reset()
    empty = {
        "headline": "h",
        "summary": "s",
        "event": {"what": "w", "who": [], "where": [], "when": None, "date": None},
        "quotes": [],
        "speakers": [],
        "statistics": [],
    }
    with serve(lambda _: empty) as server:
        summarize(
            PLACEHOLDER,
            base_url=server.url,
            model="m",
            mode=mode,
            strategy=strategy,
            max_retries=0,
        )
        return server.requests[0]


def overhead(body: dict[str, Any]) -> int:
    """Tokens of everything in the request except the article itself."""
    messages = "\n".join(
        str(m.get("content") or "").replace(PLACEHOLDER, "") for m in body["messages"]
    )
    schema = json.dumps(
        body.get("tools") or body.get("response_format") or "", separators=(",", ":")
    )
    return tokens(messages) + (tokens(schema) if schema != '""' else 0)


def seed_answers() -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The hand-made free answer for the seed article and the anchored answer it implies."""
    found = sorted((ROOT / "fixtures" / "responses").glob("operation-safe-city*handwritten*.json"))
    if not found:
        return None
    cassette = json.loads(found[0].read_text())
    free = _answer_in(cassette)
    if free is None:
        return None
    return free, anchored_answer(free, SEED.read_text(encoding="utf-8"))


def _answer_in(cassette: dict[str, Any]) -> dict[str, Any] | None:
    for interaction in cassette.get("interactions", []):
        body = interaction.get("response", {}).get("body")
        if not isinstance(body, dict):
            continue
        message = body["choices"][0]["message"]
        calls = message.get("tool_calls") or []
        raw = calls[0]["function"]["arguments"] if calls else message.get("content")
        if raw:
            data: dict[str, Any] = json.loads(raw)
            return data
    return None


def main() -> None:
    print("overhead: instructions + schema, without the article (o200k_base tokens)")
    for strategy in ("free", "anchored"):
        for mode in ("tools", "json_schema"):
            print(f"  {strategy:<9} {mode:<12} {overhead(captured_request(strategy, mode)):>5}")
    answers = seed_answers()
    if answers is None:
        print("output: skipped (no handwritten seed cassette in fixtures/responses)")
        return
    free, anchored = answers
    f = tokens(json.dumps(free, ensure_ascii=False))
    a = tokens(json.dumps(anchored, ensure_ascii=False))
    print("output tokens for the seed article's ideal answer")
    print(f"  free      {f:>5}  ({len(free['quotes'])} quotes, {len(free['statistics'])} stats)")
    print(
        f"  anchored  {a:>5}  ({sum(len(g['ids']) for g in anchored['speakers'])} quotes, "
        f"{len(anchored['statistics'])} stats)  = {a / f:.1%} of free"
    )


if __name__ == "__main__":
    main()
