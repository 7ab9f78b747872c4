"""Results as flat tables: `articles`, `quotes`, `statistics` and `issues`.

    from summarizer import tables
    frames = tables.to_pandas(results)   # {"articles": DataFrame, "quotes": ..., ...}
    arrow = tables.to_arrow(results)     # the same as pyarrow Tables, with the fixed schema

One row per article / quote / statistic / issue, keyed by `article_id` (plus `item_index`, the
item's position in its list, in the other three). A failed article is an `articles` row with
`error_type` and `error` and nothing else. No timestamps or timings: the same input gives the
same tables.

The columns are derived from the pydantic contract (`summarizer/models.py`), not listed by
hand: a column is a field's path in the result without its first part, joined with `_`
(`summary.event.what` -> `event_what`, `verification.counts.quotes` -> `counts_quotes`), nested
models are flattened (`span` -> `span_start`, `span_end`) and lists of strings stay lists (JSON
text in CSV). A field added to the contract becomes a column when `schemas/tables.arrow.json` is
regenerated (`make schema`); a test fails until it is. A new *list of models* must be placed:
in `CHILD_TABLES` (a table of its own) or `LEFT_OUT`, and the derivation says so.

`columns()`, `result_rows()` and `schema_json()` need nothing more than pydantic; Arrow,
Parquet and CSV need pyarrow (`pip install 'summarizer[tables]'`), `to_pandas` pandas too.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel

from summarizer.errors import SummarizerError
from summarizer.models import Result

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

TableFormat = Literal["parquet", "csv"]
FORMATS: tuple[TableFormat, ...] = ("parquet", "csv")

# The lists of items that get a table of their own, by where they are in a result.
CHILD_TABLES: dict[str, tuple[str, ...]] = {
    "quotes": ("summary", "quotes"),
    "statistics": ("summary", "statistics"),
    "issues": ("verification", "issues"),
    "claims": ("verification", "claims"),
}
TABLE_NAMES: tuple[str, ...] = ("articles", *CHILD_TABLES)
# No column: the id is the key, the text is the input's (join on article_id), and the quoted
# passages no quote used are in the JSON only (their number is counts_quoted_passages minus the
# quotes grounded in them).
LEFT_OUT = frozenset({"article.id", "article.text", "verification.missed_quotes"})


class SchemaError(SummarizerError):
    """The contract has a field the tables cannot place; says where to decide."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # an Arrow type: string, int64, double, bool, list<string>, list<int64>...
    nullable: bool
    source: str  # where the value is in a result ("summary.event.what"); "" for key columns

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.source.split(".")) if self.source else ()


class FailureLike(Protocol):
    """A failed article, as `summarizer.batch.Failure` has it."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def error(self) -> str: ...
    @property
    def message(self) -> str: ...


@dataclass(frozen=True)
class ArticleError:
    """A failed article for `to_arrow`/`to_pandas`: its row says why."""

    id: str
    error: str  # the exception class, e.g. InputError
    message: str
    name: str = ""


Rows = dict[str, list[dict[str, Any]]]


# --- the columns, from the contract ----------------------------------------------------------
@cache
def columns() -> dict[str, tuple[Column, ...]]:
    """Every table's columns, in order."""
    article_cols: list[Column] = [Column("article_id", "string", False, "")]
    _flatten(Result, (), 1, True, article_cols)
    article_cols += [
        Column("error_type", "string", True, ""),
        Column("error", "string", True, ""),
    ]
    out = {"articles": tuple(_unique(article_cols, "articles"))}
    for table, path in CHILD_TABLES.items():
        item = _list_item_model(Result, path)
        cols = [Column("article_id", "string", False, ""), Column("item_index", "int64", False, "")]
        _flatten(item, (), 0, False, cols)
        out[table] = tuple(_unique(cols, table))
    return out


def _flatten(
    model: type[BaseModel], path: tuple[str, ...], drop: int, nullable: bool, out: list[Column]
) -> None:
    for name, info in model.model_fields.items():
        here = (*path, name)
        dotted = ".".join(here)
        if dotted in LEFT_OUT or (drop and here in CHILD_TABLES.values()):
            continue
        inner, optional = _unwrap_optional(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            _flatten(inner, here, drop, nullable or optional, out)
            continue
        label = "_".join(here[drop:] if len(here) > drop else here)
        item = _flat_list_item(inner)
        if item is not None:
            # A list of small records (a claim's spans): one list column per field, in step
            # (spans_start[i], spans_end[i]), rather than a table of its own.
            for field, sub in item.model_fields.items():
                kind = _arrow_type(sub.annotation, f"{dotted}.{field}")
                out.append(Column(f"{label}_{field}", f"list<{kind}>", True, f"{dotted}[].{field}"))
            continue
        out.append(Column(label, _arrow_type(inner, dotted), nullable or optional, dotted))


def _flat_list_item(annotation: Any) -> type[BaseModel] | None:
    """The record type of a list of records whose fields are all plain scalars, else None."""
    if typing.get_origin(annotation) is not list:
        return None
    (item,) = typing.get_args(annotation) or (Any,)
    if not (isinstance(item, type) and issubclass(item, BaseModel)):
        return None
    plain = (int, float, str, bool)
    return item if all(f.annotation in plain for f in item.model_fields.values()) else None


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _arrow_type(annotation: Any, where: str) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        if all(isinstance(v, str) for v in values):
            return "string"
    elif origin is list:
        (item,) = typing.get_args(annotation) or (Any,)
        if item is str:
            return "list<string>"
        if isinstance(item, type) and issubclass(item, BaseModel):
            raise SchemaError(
                f"{where} is a list of {item.__name__}: add it to CHILD_TABLES (a table of its "
                "own) or LEFT_OUT in summarizer/tables.py"
            )
    elif annotation is bool:
        return "bool"
    elif annotation is int:
        return "int64"
    elif annotation is float:
        return "double"
    elif annotation is str:
        return "string"
    raise SchemaError(f"{where}: no table column type for {annotation!r} (summarizer/tables.py)")


def _list_item_model(model: type[BaseModel], path: tuple[str, ...]) -> type[BaseModel]:
    annotation: Any = model
    for name in path:
        annotation = _unwrap_optional(annotation.model_fields[name].annotation)[0]
    (item,) = typing.get_args(annotation)
    assert isinstance(item, type) and issubclass(item, BaseModel)
    return item


def _unique(cols: list[Column], table: str) -> list[Column]:
    seen: dict[str, str] = {}
    for col in cols:
        if col.name in seen:
            raise SchemaError(
                f"{table}: {col.source} and {seen[col.name]} would both be column {col.name!r}"
            )
        seen[col.name] = col.source
    return cols


def schema_json() -> str:
    """The committed `schemas/tables.arrow.json`: every table's Arrow columns, in order."""
    doc = {
        "description": "Arrow schema of the tables `summarizer summarize --tables DIR` writes "
        "(generated from summarizer/models.py by summarizer/tables.py; do not edit).",
        "tables": {
            table: [
                {"name": c.name, "type": c.type, "nullable": c.nullable, "from": c.source}
                for c in cols
            ]
            for table, cols in columns().items()
        },
    }
    return json.dumps(doc, indent=2) + "\n"


# --- rows ------------------------------------------------------------------------------------
def result_rows(result: Result | dict[str, Any]) -> Rows:
    """The rows of one result in each table (a dict is a result as JSON, e.g. a JSONL line)."""
    data = result.model_dump(mode="json") if isinstance(result, Result) else result
    article_id = _article_id(data)
    cols = columns()
    out: Rows = {"articles": [_row(data, cols["articles"], article_id)]}
    for table, path in CHILD_TABLES.items():
        items = _get(data, path) or []
        out[table] = [
            _row(item, cols[table], article_id, index) for index, item in enumerate(items)
        ]
    return out


def failure_rows(failure: FailureLike) -> Rows:
    """The one `articles` row of an article that failed: its id, the error's class and words."""
    message = failure.message
    # The batch's messages start with the source's name (`feed.parquet:3: ...`): the row is
    # keyed by id already, and without it the same failure reads the same from any runner.
    if failure.name and message.startswith(f"{failure.name}: "):
        message = message[len(failure.name) + 2 :]
    row = dict.fromkeys((c.name for c in columns()["articles"]), None)
    row.update(article_id=failure.id, error_type=failure.error, error=message)
    return {"articles": [row], **{table: [] for table in CHILD_TABLES}}


def _article_id(data: dict[str, Any]) -> str:
    value = _get(data, ("article", "id"))
    return "" if value is None else str(value)


def _row(
    data: dict[str, Any], cols: tuple[Column, ...], article_id: str, index: int | None = None
) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for col in cols:
        if col.name == "article_id":
            row["article_id"] = article_id
        elif col.name == "item_index":
            row["item_index"] = index
        elif not col.source:
            row[col.name] = None
        else:
            row[col.name] = _get(data, col.path)
    return row


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for i, part in enumerate(path):
        if part.endswith("[]"):  # a list of records: that field of each
            items = data.get(part[:-2]) if isinstance(data, dict) else None
            return [_get(item, path[i + 1 :]) for item in items or []]
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def iter_rows(items: Iterable[Result | FailureLike]) -> Iterator[Rows]:
    for item in items:
        yield result_rows(item) if isinstance(item, Result) else failure_rows(item)


# --- Arrow, pandas, files --------------------------------------------------------------------
def arrow_schema(table: str, *, fmt: TableFormat = "parquet") -> pa.Schema:
    """The Arrow schema of one table; in CSV lists are JSON text."""
    pa = _pyarrow()
    types_ = {
        "string": pa.string(),
        "int64": pa.int64(),
        "double": pa.float64(),
        "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()),
        "list<int64>": pa.list_(pa.int64()),
        "list<double>": pa.list_(pa.float64()),
        "list<bool>": pa.list_(pa.bool_()),
    }
    fields = []
    for col in columns()[table]:
        kind = "string" if fmt == "csv" and col.type.startswith("list<") else col.type
        fields.append(pa.field(col.name, types_[kind], nullable=col.nullable))
    return pa.schema(fields)


def to_arrow(items: Iterable[Result | FailureLike]) -> dict[str, pa.Table]:
    """The tables of these results (and failures), rows in the order given."""
    pa = _pyarrow()
    collected: Rows = {table: [] for table in TABLE_NAMES}
    for rows in iter_rows(items):
        for table, more in rows.items():
            collected[table].extend(more)
    return {
        table: pa.Table.from_pylist(collected[table], schema=arrow_schema(table))
        for table in TABLE_NAMES
    }


def to_pandas(items: Iterable[Result | FailureLike]) -> dict[str, pd.DataFrame]:
    """The same tables as pandas DataFrames (nullable dtypes: Int64, boolean, string)."""
    return {name: _to_pandas(table) for name, table in to_arrow(items).items()}


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    import pandas as pd

    # Arrow-backed nullable dtypes: an int column with a null stays an int column.
    frame: pd.DataFrame = table.to_pandas(types_mapper=pd.ArrowDtype)
    return frame


def empty_pandas() -> dict[str, pd.DataFrame]:
    """Zero-row frames with every table's columns and dtypes (a Dask `meta`)."""
    return to_pandas([])


class TableWriter:
    """Streams rows into `DIR/articles.parquet`, `quotes.parquet`, ... (or `.csv`).

    Rows are buffered and written a row group at a time, so memory stays bounded whatever the
    number of articles; the files replace the old ones atomically on `close()`, all four
    together after the last is complete. Any exception leaves the old tables as they were.
    """

    def __init__(self, folder: Path, fmt: TableFormat = "parquet", *, group_rows: int = 2000):
        if fmt not in FORMATS:
            raise SummarizerError(f"table format must be one of {', '.join(FORMATS)}")
        self.folder = folder
        self.fmt = fmt
        self.group_rows = group_rows
        self._pa = _pyarrow()
        self._buffers: Rows = {table: [] for table in TABLE_NAMES}
        self._stack = ExitStack()
        self._writers: dict[str, Any] = {}
        self._closed = False
        from summarizer.output import atomic_path

        folder.mkdir(parents=True, exist_ok=True)
        try:
            for table in TABLE_NAMES:
                tmp = self._stack.enter_context(atomic_path(self.path_for(table)))
                self._writers[table] = self._open(tmp, arrow_schema(table, fmt=fmt))
        except BaseException:
            self._stack.close()
            raise

    def path_for(self, table: str) -> Path:
        return self.folder / f"{table}.{self.fmt}"

    def _open(self, tmp: Path, schema: pa.Schema) -> Any:
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetWriter(tmp, schema, compression="zstd")
        import pyarrow.csv as pcsv

        return pcsv.CSVWriter(tmp, schema)

    def add(self, rows: Rows) -> None:
        for table, more in rows.items():
            buffer = self._buffers[table]
            buffer.extend(more)
            if len(buffer) >= self.group_rows:
                self._flush(table)

    def _flush(self, table: str) -> None:
        buffer = self._buffers[table]
        if not buffer:
            return
        if self.fmt == "csv":
            buffer = [_csv_row(row) for row in buffer]
        schema = arrow_schema(table, fmt=self.fmt)
        self._writers[table].write_table(self._pa.Table.from_pylist(buffer, schema=schema))
        self._buffers[table] = []

    def close(self) -> None:
        """Write what is buffered and put the table files in place."""
        if self._closed:
            return
        self._closed = True
        try:
            for table in TABLE_NAMES:
                self._flush(table)
                self._writers[table].close()
        except BaseException as exc:
            self._stack.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self._stack.close()

    def abort(self) -> None:
        """Leave the old tables as they were."""
        if self._closed:
            return
        self._closed = True
        for writer in self._writers.values():
            try:
                writer.close()
            except Exception:  # noqa: BLE001, S110  (the files are thrown away anyway)
                pass
        error = SummarizerError("table writing aborted")
        self._stack.__exit__(type(error), error, None)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_tables(
    folder: Path, items: Iterable[Result | FailureLike], fmt: TableFormat = "parquet"
) -> None:
    """Write the tables of these results to `folder`, atomically, in bounded memory."""
    with TableWriter(folder, fmt) as writer:
        for rows in iter_rows(items):
            writer.add(rows)


def read_tables(folder: Path, fmt: TableFormat = "parquet") -> dict[str, pa.Table]:
    """The tables as written by `write_tables` / `--tables` (CSV read back with the schema)."""
    _pyarrow()
    out: dict[str, pa.Table] = {}
    for table in TABLE_NAMES:
        path = folder / f"{table}.{fmt}"
        if fmt == "parquet":
            import pyarrow.parquet as pq

            out[table] = pq.read_table(path)
        else:
            import pyarrow.csv as pcsv

            schema = arrow_schema(table, fmt="csv")
            out[table] = pcsv.read_csv(
                path,
                convert_options=pcsv.ConvertOptions(
                    column_types=schema, strings_can_be_null=True, quoted_strings_can_be_null=False
                ),
            )
    return out


def _csv_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
        for key, value in row.items()
    }


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise SummarizerError("tables need pyarrow: pip install 'summarizer[tables]'") from None
    return pyarrow


if __name__ == "__main__":  # `python -m summarizer.tables > schemas/tables.arrow.json`
    import sys

    sys.stdout.write(schema_json())
