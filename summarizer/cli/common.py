"""What every command shares: the one place library errors become a line and an exit code.

Exit codes (README "Exit codes"): 0 done, 1 runtime error, 2 usage or input error, 3
verification failed (`VerificationFailed`), 130 interrupted. Each comes from the exception's
`exit_code`; commands raise, they do not pick codes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr; the caller raises the returned Exit."""
    from summarizer.redact import redact

    typer.echo(f"Error: {redact(message)}", err=True)
    return typer.Exit(code)


def handle_errors(func: F) -> F:
    """Library errors become one line on stderr and their exit code.

    SUMMARIZER_DEBUG=1 lets the traceback through, for bug reports.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from summarizer.errors import SummarizerError

        try:
            return func(*args, **kwargs)
        except SummarizerError as exc:
            if os.environ.get("SUMMARIZER_DEBUG"):
                raise
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper  # type: ignore[return-value]
