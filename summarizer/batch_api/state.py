"""What a provider batch run keeps in its folder, so that any process can pick it up.

    DIR/.summarizer-batch/state.json             settings, rounds, parts (rewritten atomically)
    DIR/.summarizer-batch/articles.jsonl         the inputs as read at submit (URLs fetched once)
    DIR/.summarizer-batch/round-R-P.requests.jsonl   the lines of each part, as sent
    DIR/.summarizer-batch/round-R-P.output.jsonl     its output and error files, as downloaded
    DIR/.summarizer-batch/round-R-P.errors.jsonl

Every file is written whole and atomically before the state names it, so a process killed at
any moment leaves either the old state or the new one, never a half. A part records that an
upload or a batch creation was started before the call (`uploading`, `creating`), so a resumed
run first looks for what the killed one may have created instead of creating it twice.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.config import SETTINGS
from summarizer.errors import InputError
from summarizer.output import atomic_write_text

FOLDER = ".summarizer-batch"
FORMAT = 1
# What the engine needs to send the same requests again in a later process: every setting
# (summarizer.config) but the key, never stored, and those a batch decides itself.
SETTINGS_FIELDS = tuple(
    s.name for s in SETTINGS if not s.secret and s.name not in ("engine", "record", "replay")
)


@dataclass
class Part:
    """One input file of one round, and the provider batch made from it."""

    name: str  # round-R-P
    round: int
    lines: int
    file_id: str | None = None
    batch_id: str | None = None
    uploading: bool = False
    creating: bool = False
    status: str | None = None  # the provider's batch status, last seen
    counts: dict[str, int] = field(default_factory=dict)
    collected: bool = False
    problem: str | None = None  # why the whole batch produced nothing (failed, expired, ...)
    past_batches: list[str] = field(default_factory=list)

    @property
    def requests_file(self) -> str:
        return f"{self.name}.requests.jsonl"

    @property
    def output_file(self) -> str:
        return f"{self.name}.output.jsonl"

    @property
    def errors_file(self) -> str:
        return f"{self.name}.errors.jsonl"


@dataclass
class State:
    settings: dict[str, Any]
    prompt_sha256: str
    price: tuple[float, float] | None  # batch US$ per million tokens, in and out
    provider: bool  # False: prepare + collect --responses (another runner sends the lines)
    inputs: str = ""  # sha256 of the articles: what makes a second submit "the same work"
    token: str = field(default_factory=lambda: secrets.token_hex(8))
    parts: list[Part] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)  # sha256 of --responses files collected
    finished: bool = False
    summary: dict[str, Any] = field(default_factory=dict)  # the finished run's report
    format: int = FORMAT

    @property
    def round(self) -> int:
        return max((p.round for p in self.parts), default=0)

    def current(self) -> list[Part]:
        return [p for p in self.parts if p.round == self.round]

    def tag(self, part: Part) -> str:
        """What marks this part's file and batch at the provider (its metadata / filename)."""
        return f"summarizer-{self.token}-{part.name}"


def folder(out_dir: Path) -> Path:
    return out_dir / FOLDER


def state_path(out_dir: Path) -> Path:
    return folder(out_dir) / "state.json"


def exists(out_dir: Path) -> bool:
    return state_path(out_dir).is_file()


def load(out_dir: Path) -> State:
    path = state_path(out_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"{out_dir}: no batch here (run `summarizer batch submit` or `prepare` first)"
        ) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable batch state ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{path}: not a batch state this version reads")
    price = data.get("price")
    return State(
        settings=dict(data["settings"]),
        prompt_sha256=str(data["prompt_sha256"]),
        price=(float(price[0]), float(price[1])) if price else None,
        provider=bool(data["provider"]),
        inputs=str(data.get("inputs", "")),
        token=str(data["token"]),
        parts=[Part(**p) for p in data.get("parts", [])],
        imports=list(data.get("imports", [])),
        finished=bool(data.get("finished")),
        summary=dict(data.get("summary") or {}),
    )


def save(out_dir: Path, state: State) -> None:
    data = asdict(state)
    atomic_write_text(state_path(out_dir), json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def write_lines(path: Path, lines: list[str]) -> None:
    atomic_write_text(path, "".join(line + "\n" for line in lines))
