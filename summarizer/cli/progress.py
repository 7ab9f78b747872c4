"""Batch progress on stderr: a rich bar on a terminal, a quiet line now and then otherwise."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.batch import BatchProgress

# Without a terminal (a log, CI), one line at most this often, and one at the end.
QUIET_EVERY = 10.0


def _eta(state: BatchProgress) -> str:
    elapsed = time.monotonic() - state.started
    worked = state.done + state.failed
    left = state.total - state.finished
    if worked == 0 or left <= 0 or state.reading:
        return "-"
    seconds = elapsed / worked * left
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def describe(state: BatchProgress) -> str:
    elapsed = max(time.monotonic() - state.started, 1e-9)
    rate = (state.done + state.failed) / elapsed
    parts = [
        # While inputs are still being read, the total is what was read so far.
        f"{state.finished}/{state.total}{'+' if state.reading else ''}",
        f"{state.done} done",
        f"{state.failed} failed",
        f"{state.in_flight} in flight",
        f"{rate:.1f}/s",
        f"ETA {_eta(state)}",
        f"{state.tokens:,} tokens",
    ]
    if state.skipped:
        parts.insert(1, f"{state.skipped} already done")
    return " · ".join(parts)


class Progress:
    """A callback for `run_batch(progress=...)`, used as a context manager around the run."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.tty = enabled and sys.stderr.isatty()
        self._bar: Any = None
        self._task: Any = None
        self._last_line = 0.0
        self._last: BatchProgress | None = None

    def __enter__(self) -> Progress:
        return self

    def _start_bar(self) -> None:
        # Started at the first report, so a run that never reports (one article) shows no bar.
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn
        from rich.progress import Progress as Bar

        self._bar = Bar(
            BarColumn(bar_width=20),
            TextColumn("{task.fields[detail]}"),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("summarising", total=None, detail="")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # The caller prints the summary line; the bar is transient, so no final line here.
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, state: BatchProgress) -> None:
        self._last = state
        if not self.enabled:
            return
        if self.tty and self._bar is None:
            self._start_bar()
        if self._bar is not None:
            self._bar.update(
                self._task, total=state.total, completed=state.finished, detail=describe(state)
            )
            return
        now = time.monotonic()
        if now - self._last_line >= QUIET_EVERY and state.finished < state.total:
            if self._last_line:  # not at the very start: nothing to say yet
                print(f"summarizer: {describe(state)}", file=sys.stderr, flush=True)
            self._last_line = now
