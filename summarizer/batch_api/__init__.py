"""Provider Batch APIs (OpenAI's, or any runner of its JSONL format such as `vllm run-batch`).

    from summarizer.batch_api import submit, collect
    submit(iter_sources(["articles/"]), settings, Path("out"))
    report = collect(Path("out"), wait=True)     # verified results in out/, as `--out-dir` writes

Every answer is verified, and re-asked, by the same engine as online; failed lines are
resubmitted; the state in the folder makes every step resumable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.lazy import lazy_exports

if TYPE_CHECKING:
    from summarizer.batch_api.dry_run import Estimate, estimate
    from summarizer.batch_api.flow import (
        BatchApiReport,
        PartStatus,
        collect,
        prepare,
        status,
        submit,
    )

__all__ = [
    "BatchApiReport",
    "Estimate",
    "PartStatus",
    "collect",
    "estimate",
    "prepare",
    "status",
    "submit",
]

# Loaded on first use: the CLI reads the file limits from `lines` without paying for openai.
_HOMES = {"Estimate": "dry_run", "estimate": "dry_run"}


__getattr__ = lazy_exports(
    __name__, {name: f"summarizer.batch_api.{_HOMES.get(name, 'flow')}" for name in __all__}
)
