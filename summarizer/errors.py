"""One exception tree. The CLI maps each class to an exit code and prints one line."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1


class InputError(SummarizerError):
    """The article or a file named on the command line cannot be used."""

    exit_code = 2


class ConfigError(SummarizerError):
    """Settings are missing or contradict each other."""

    exit_code = 2


class EngineError(SummarizerError):
    """The model call failed: server error, unparseable answer, retries exhausted."""

    def __init__(self, message: str, *, attempts: int = 0, mode: str | None = None) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.mode = mode


class ReplayError(SummarizerError):
    """A request had no recorded response in the cassette."""


class VerificationFailed(SummarizerError):
    """Verification found errors where they must stop the run: `summarize --strict`, `check`
    (unless --exit-zero). The CLI maps it to exit 3 in one place (cli/common.py)."""

    exit_code = 3
