"""Articles from Parquet and CSV files: one per row, read in streaming batches (pyarrow).

Columns: `id` and `text`, optionally `title`, `url` and `published`; other columns are not read.
A row without text (a null, or a file with no `text` column) or with an id an earlier row had
is that row's failure, as for JSONL lines; the other rows are summarised. Memory holds one batch
of rows at a time, plus the ids seen so far (for the duplicate check).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import InputError
from summarizer.records import Source, source_from_record

if TYPE_CHECKING:
    import pyarrow as pa

TABLE_SUFFIXES = (".parquet", ".csv")
COLUMNS = ("id", "text", "title", "url", "published")
BATCH_ROWS = 1024


def iter_table_file(path: Path) -> Iterator[Source]:
    """One source per row of a `.parquet` or `.csv` file; refuses an unreadable or empty file
    before yielding anything (so a batch does not start on it)."""
    present = _columns(path)
    batches = _batches(path, [c for c in COLUMNS if c in present])
    first = next(batches, None)
    if first is None:
        raise InputError(f"{path}: no rows in this table")
    return _rows(path, first, batches, has_text="text" in present)


def _rows(
    path: Path, first: pa.RecordBatch, rest: Iterator[pa.RecordBatch], *, has_text: bool
) -> Iterator[Source]:
    seen: set[str] = set()
    number = 0
    batch: pa.RecordBatch | None = first
    while batch is not None:
        for record in batch.to_pylist():
            number += 1
            name = f"{path}:{number}"
            if not has_text:
                yield Source(name=name, error=_no_text(name))
                continue
            yield source_from_record(
                plain_record(record), name=name, default_id=f"{path.stem}-{number}", seen=seen
            )
        batch = next(rest, None)


def _no_text(name: str) -> str:
    return f'{name}: no "text" column in this table'


def plain_record(record: dict[str, Any]) -> dict[str, Any]:
    """Dates as YYYY-MM-DD (a Parquet date or timestamp column); an empty optional cell (all a
    CSV can say for "none") as None."""
    for name in ("title", "url", "published"):
        if record.get(name) == "":
            record[name] = None
    published = record.get("published")
    if isinstance(published, dt.datetime):
        record["published"] = published.date().isoformat()
    elif isinstance(published, dt.date):
        record["published"] = published.isoformat()
    return record


def _columns(path: Path) -> list[str]:
    arrow = _pyarrow()
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            return list(pq.ParquetFile(path).schema_arrow.names)
        import pyarrow.csv as pcsv

        reader = pcsv.open_csv(path, convert_options=_csv_convert(None))
        names = list(reader.schema.names)
        reader.close()
        return names
    except (arrow.ArrowException, OSError) as exc:
        raise InputError(f"{path}: cannot be read as a table ({_short(exc)})") from None


def _batches(path: Path, columns: list[str]) -> Iterator[pa.RecordBatch]:
    arrow = _pyarrow()
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            parquet = pq.ParquetFile(path)
            if parquet.metadata.num_rows == 0:
                return iter(())
            source: Iterator[pa.RecordBatch] = parquet.iter_batches(
                batch_size=BATCH_ROWS, columns=columns
            )
        else:
            import pyarrow.csv as pcsv

            source = iter(pcsv.open_csv(path, convert_options=_csv_convert(columns)))
    except (arrow.ArrowException, OSError) as exc:
        raise InputError(f"{path}: cannot be read as a table ({_short(exc)})") from None
    return _guarded(path, source)


def _guarded(path: Path, source: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """A file that turns out unreadable halfway (a cut download) ends with one clear error."""
    arrow = _pyarrow()
    try:
        yield from source
    except (arrow.ArrowException, OSError) as exc:
        raise InputError(f"{path}: cannot be read past this point ({_short(exc)})") from None


def _csv_convert(columns: list[str] | None) -> Any:
    """Every article column as text: no type guessing, and an empty cell stays an empty string
    (so an empty text is "empty", not a type error)."""
    arrow = _pyarrow()
    import pyarrow.csv as pcsv

    return pcsv.ConvertOptions(
        column_types={name: arrow.string() for name in COLUMNS},
        include_columns=columns or [],
        strings_can_be_null=False,
    )


def _short(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise InputError(
            "Parquet and CSV inputs need pyarrow: pip install 'summarizer[tables]'"
        ) from None
    return pyarrow
