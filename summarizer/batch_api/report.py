"""What a provider batch run reports: counts, usage and cost over every round, each batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.batch import Failure
from summarizer.batch_api import state as st
from summarizer.models import Usage

ERRORS = "errors.jsonl"


@dataclass
class PartStatus:
    name: str
    batch_id: str | None
    status: str
    counts: dict[str, int]
    problem: str | None = None


@dataclass
class BatchApiReport:
    articles: int = 0
    done: int = 0
    failed: int = 0
    pending: int = 0  # requests waiting in the current round
    rounds: int = 0
    lines: int = 0  # request lines over every round
    failed_lines: int = 0
    usage: Usage = field(default_factory=Usage)
    cost: float | None = None
    finished: bool = False
    parts: list[PartStatus] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # whole batches that produced nothing
    notes: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    errors_path: Path | None = None
    requests_path: Path | None = None  # prepare: the file to run next

    def summary_line(self) -> str:
        parts = [f"{self.articles} articles: {self.done} done, {self.failed} failed"]
        if self.pending:
            parts.append(f"{self.pending} requests in round {self.rounds}")
        parts.append(f"{self.lines} lines in {self.rounds} round(s), {self.failed_lines} failed")
        parts.append(
            f"tokens {self.usage.prompt_tokens:,} in / {self.usage.completion_tokens:,} out"
        )
        if self.cost is not None:
            parts.append(f"cost ${self.cost:,.4f} (batch price)")
        line = " · ".join(parts)
        if self.failed and self.errors_path is not None:
            line += f" (failures in {self.errors_path})"
        return line

    def as_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "done": self.done,
            "failed": self.failed,
            "pending": self.pending,
            "rounds": self.rounds,
            "lines": self.lines,
            "failed_lines": self.failed_lines,
            "usage": self.usage.model_dump(),
            "cost": self.cost,
            "finished": self.finished,
            "problems": self.problems,
            "batches": [p.__dict__ for p in self.parts],
        }


def part_statuses(state: st.State) -> list[PartStatus]:
    return [
        PartStatus(p.name, p.batch_id, p.status or "not sent", dict(p.counts), p.problem)
        for p in state.parts
    ]


def stored_report(out_dir: Path, state: st.State) -> BatchApiReport:
    """The report as of the last round, from the state alone: nothing is sent or written."""
    s = state.summary
    failures = [Failure(**f) for f in s.get("failures", [])]
    return BatchApiReport(
        articles=int(s.get("articles", 0)),
        done=int(s.get("done", 0)),
        failed=int(s.get("failed", 0)),
        rounds=state.round,
        lines=sum(p.lines for p in state.parts),
        failed_lines=int(s.get("failed_lines", 0)),
        usage=Usage(**s.get("usage", {})),
        cost=s.get("cost"),
        finished=state.finished,
        pending=sum(p.lines for p in state.current() if not p.collected),
        parts=part_statuses(state),
        failures=failures,
        errors_path=out_dir / ERRORS if failures else None,
    )
