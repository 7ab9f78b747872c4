"""`summarizer schema`: the JSON Schema of one article's result, generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def schema(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of the output (schemas/result.schema.json is this)."""
    from summarizer.schema import result_schema_json

    text = result_schema_json()
    if output is None:
        typer.echo(text, nl=False)
    else:
        from summarizer.output import atomic_write_text

        atomic_write_text(output, text)
