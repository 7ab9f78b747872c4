"""The command line: an adapter over the library. Each command calls one library function."""

from summarizer.cli.app import app, main

__all__ = ["app", "main"]
