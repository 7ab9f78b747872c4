"""The typer app, shared error handling and the entry point.

Commands live in their own modules; none imports openai or instructor at module level, so
`summarizer --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, TypeVar

import typer

from summarizer import __version__

app = typer.Typer(
    name="summarizer",
    help="Structured, verified summaries of news articles: event, verbatim quotes with "
    "speakers, statistics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr; the caller raises the returned Exit."""
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def handle_errors(func: F) -> F:
    """Library errors become one line on stderr and a documented exit code.

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
            from summarizer.redact import redact

            raise fail(redact(str(exc)), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Structured, verified summaries of news articles."""
    if os.environ.get("SUMMARIZER_DEBUG"):
        from summarizer.redact import enable_debug_logging

        enable_debug_logging()


def _register() -> None:
    # Importing the command modules registers them on `app`.
    from summarizer.cli import check_cmd, evidence_cmd, schema_cmd, summarize_cmd  # noqa: F401

    try:
        from summarizer.cli import regress_cmd  # noqa: F401
    except ImportError:  # pragma: no cover  (lands with the record/replay work)
        pass


_register()


def main() -> None:
    try:
        app()
    except Exception as exc:  # last resort: never a bare traceback for users
        from summarizer.redact import redact

        if os.environ.get("SUMMARIZER_DEBUG"):
            # The traceback, for bug reports, but redacted: its messages come from anywhere.
            import traceback

            sys.stderr.write(redact("".join(traceback.format_exception(exc))))
            sys.exit(getattr(exc, "exit_code", 1))
        print(f"Error: unexpected {type(exc).__name__}: {redact(str(exc))}", file=sys.stderr)
        print("(set SUMMARIZER_DEBUG=1 to see the traceback)", file=sys.stderr)
        sys.exit(1)
