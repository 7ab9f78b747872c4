"""Provider Batch APIs (OpenAI's, or any runner of its JSONL format such as `vllm run-batch`).

    from summarizer.batch_api import submit, collect
    submit(iter_sources(["articles/"]), settings, Path("out"))
    report = collect(Path("out"), wait=True)     # verified results in out/, as `--out-dir` writes

Every answer is verified, and re-asked, by the same engine as online; failed lines are
resubmitted; the state in the folder makes every step resumable.
"""

from summarizer.batch_api.estimate import Estimate, estimate
from summarizer.batch_api.flow import BatchApiReport, PartStatus, collect, prepare, status, submit

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
