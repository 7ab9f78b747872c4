"""The typer app: the commands registered explicitly, and the entry point.

Commands live in their own modules (plain functions, no import side effects); none imports
openai, instructor or pydantic at module level, so `summarizer --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from summarizer import __version__
from summarizer.cli import (
    batch_cmd,
    check_cmd,
    evidence_cmd,
    regress_cmd,
    schema_cmd,
    summarize_cmd,
)
from summarizer.cli.common import handle_errors

app = typer.Typer(
    name="summarizer",
    help="Structured, verified summaries of news articles: event, verbatim quotes with "
    "speakers, statistics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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


# Every command, registered here and only here (importing a command module registers nothing).
# Each is wrapped once in `handle_errors`: the one place exceptions become exit codes.
for _name, _command in (
    ("summarize", summarize_cmd.summarize),
    ("check", check_cmd.check),
    ("evidence", evidence_cmd.evidence),
    ("schema", schema_cmd.schema),
    ("regress", regress_cmd.regress),
):
    app.command(_name)(handle_errors(_command))

batch_app = typer.Typer(
    name="batch", help=batch_cmd.HELP, no_args_is_help=True, rich_markup_mode=None
)
for _name, _command in (
    ("submit", batch_cmd.submit),
    ("prepare", batch_cmd.prepare),
    ("status", batch_cmd.status),
    ("collect", batch_cmd.collect),
):
    batch_app.command(_name)(handle_errors(_command))
app.add_typer(batch_app)


def main() -> None:
    _collect_less()
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


def _collect_less() -> None:
    """The collector's pace for a command: a short-lived process whose objects mostly live to
    its end (the openai client's thousands of classes, then a batch's answers).

    Young collections every 20,000 allocations instead of 700: a batch run made ~500 of them,
    and 4 full ones as start-up grew the heap, 0.7-1 s of CPU spent finding no garbage (now
    ~0.15 s; cycles are still collected, later). At exit, everything alive is frozen: the
    interpreter's last collection over it took 0.3-1 s more and freed nothing the OS does not.
    A caller of `main` in a longer-lived process is frozen only at its own exit.
    """
    import atexit
    import gc

    gc.set_threshold(20_000, 20, 10)
    atexit.register(gc.freeze)
