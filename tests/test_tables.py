"""Tables in and out: Parquet/CSV inputs, `--tables DIR`, `summarizer.tables`, the Arrow schema."""

from __future__ import annotations

import json
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.models import Result
from summarizer.tables import (
    CHILD_TABLES,
    LEFT_OUT,
    TableWriter,
    arrow_schema,
    columns,
    read_tables,
    schema_json,
    to_arrow,
)

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schemas" / "tables.arrow.json"
FIXTURES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))


def _records() -> list[dict[str, Any]]:
    return [
        {"id": p.stem, "text": p.read_text(encoding="utf-8"), "title": p.stem.title()}
        for p in FIXTURES
    ]


def _feed(tmp_path: Path, records: list[dict[str, Any]] | None = None) -> Path:
    path = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pylist(records or _records()), path)
    return path


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["summarize", *args, "--engine", "offline"])


# --- the schema ------------------------------------------------------------------------------
def test_committed_arrow_schema_has_not_drifted() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_json(), (
        "schemas/tables.arrow.json is stale: run `make schema` "
        "(python -m summarizer.tables > schemas/tables.arrow.json)"
    )


def test_the_arrow_schemas_are_the_committed_columns() -> None:
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))["tables"]
    for table, cols in committed.items():
        schema = arrow_schema(table)
        assert schema.names == [c["name"] for c in cols]
        assert [str(f.type).replace("list<item: ", "list<") for f in schema] == [
            c["type"] for c in cols
        ]
        assert [f.nullable for f in schema] == [c["nullable"] for c in cols]


def _leaves(model: type[BaseModel], path: tuple[str, ...] = ()) -> list[str]:
    out: list[str] = []
    for name, info in model.model_fields.items():
        here = (*path, name)
        annotation = info.annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = args[0] if typing.get_origin(annotation) is not None and len(args) == 1 else None
        target = inner if isinstance(inner, type) else annotation
        if isinstance(target, type) and issubclass(target, BaseModel):
            out += _leaves(target, here)
        else:
            out.append(".".join(here))
    return out


def test_every_field_of_the_contract_is_a_column_or_placed() -> None:
    """The tables follow the contract: nothing in a Result is silently dropped."""
    sources = {c.source for c in columns()["articles"]}
    placed = {".".join(p) for p in CHILD_TABLES.values()} | LEFT_OUT
    for leaf in _leaves(Result):
        assert leaf in sources or any(leaf == p or leaf.startswith(p + ".") for p in placed), leaf


# --- inputs ----------------------------------------------------------------------------------
def test_parquet_in_tables_out_match_the_json_results(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    done = _invoke(str(feed), "--tables", str(tmp_path / "t"))
    assert done.exit_code == 0, done.output
    jsonl = tmp_path / "r.jsonl"
    assert _invoke(str(feed), "-o", str(jsonl)).exit_code == 0
    results = [Result.model_validate_json(line) for line in jsonl.read_text().splitlines()]
    assert [r.article.title for r in results] == [p.stem.title() for p in FIXTURES]
    expected = to_arrow(results)
    written = read_tables(tmp_path / "t")
    for table, data in expected.items():
        assert written[table].to_pylist() == data.to_pylist(), table
        assert written[table].schema == arrow_schema(table)
    quotes = written["quotes"].to_pylist()
    assert quotes and all(q["span_start"] is not None for q in quotes if q["status"] == "exact")
    assert {q["article_id"] for q in quotes} <= {p.stem for p in FIXTURES}


def test_same_input_same_tables_and_a_rerun_resumes(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    first = _invoke(str(feed), "--tables", str(tmp_path / "a"))
    assert first.exit_code == 0
    again = _invoke(str(feed), "--tables", str(tmp_path / "b"))
    assert again.exit_code == 0
    rerun = _invoke(str(feed), "--tables", str(tmp_path / "a"))
    assert f"0 done, {len(FIXTURES)} already done" in rerun.stderr
    for table in ("articles", "quotes", "statistics", "issues"):
        a = (tmp_path / "a" / f"{table}.parquet").read_bytes()
        assert a == (tmp_path / "b" / f"{table}.parquet").read_bytes(), table


def test_a_killed_run_keeps_what_it_finished(tmp_path: Path) -> None:
    """The state beside the tables is the resume point: tables lost, nothing is redone."""
    feed = _feed(tmp_path)
    out = tmp_path / "t"
    assert _invoke(str(feed), "--tables", str(out)).exit_code == 0
    before = read_tables(out)
    for table in out.glob("*.parquet"):
        table.unlink()
    (out / ".articles.parquet.x1.tmp").write_text("half")  # what a kill mid-write leaves
    rerun = _invoke(str(feed), "--tables", str(out))
    assert "0 done" in rerun.stderr
    assert not list(out.glob(".*.tmp"))
    after = read_tables(out)
    assert {t: v.to_pylist() for t, v in after.items()} == {
        t: v.to_pylist() for t, v in before.items()
    }


def test_rows_that_cannot_be_read_are_their_own_failures(tmp_path: Path) -> None:
    records = _records()[:2] + [
        {"id": "nul", "text": None, "title": None},
        {"id": FIXTURES[0].stem, "text": "again", "title": None},
        {"id": "blank", "text": "   ", "title": None},
    ]
    feed = _feed(tmp_path, records)
    done = _invoke(str(feed), "--tables", str(tmp_path / "t"))
    assert done.exit_code == 1
    rows = read_tables(tmp_path / "t")["articles"].to_pylist()
    assert [r["article_id"] for r in rows[:2]] == [p.stem for p in FIXTURES[:2]]
    errors = [(r["article_id"], r["error_type"], r["error"]) for r in rows[2:]]
    assert errors == [
        (f"{feed}:3", "InputError", 'a record needs a "text" string'),
        (f"{feed}:4", "InputError", f"duplicate id {FIXTURES[0].stem!r}"),
        (f"{feed}:5", "InputError", "the article is empty"),
    ]
    assert all(r["headline"] is None for r in rows[2:])
    assert len((tmp_path / "t" / "errors.jsonl").read_text().splitlines()) == 3


def test_a_table_without_a_text_column(tmp_path: Path) -> None:
    feed = _feed(tmp_path, [{"id": "a", "body": "x"}, {"id": "b", "body": "y"}])
    done = _invoke(str(feed), "-o", str(tmp_path / "r.jsonl"))
    assert done.exit_code == 1
    errors = (tmp_path / "r.errors.jsonl").read_text().splitlines()
    assert [json.loads(e)["message"] for e in errors] == [
        f'{feed}:1: no "text" column in this table',
        f'{feed}:2: no "text" column in this table',
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", "id,text\n", "no rows in this table"),
        ("bad.parquet", "not parquet at all", "cannot be read as a table"),
    ],
)
def test_unreadable_table_files_are_one_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    done = _invoke(str(path), "--tables", str(tmp_path / "t"))
    assert done.exit_code == 2
    assert done.stderr.startswith(f"Error: {path}: {message}")
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "t").exists() or not list((tmp_path / "t").glob("*.parquet"))


def test_csv_in_and_csv_out(tmp_path: Path) -> None:
    feed = tmp_path / "feed.csv"
    import csv

    with feed.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["id", "text", "title", "published"])
        writer.writeheader()
        for record in _records():
            writer.writerow({**record, "published": ""})
    done = _invoke(str(feed), "--tables", str(tmp_path / "c"), "--tables-format", "csv")
    assert done.exit_code == 0, done.output
    assert _invoke(str(_feed(tmp_path)), "--tables", str(tmp_path / "p")).exit_code == 0
    from_csv = read_tables(tmp_path / "c", "csv")
    from_parquet = read_tables(tmp_path / "p")
    header = (tmp_path / "c" / "articles.csv").read_text().splitlines()[0]
    assert header.split(",")[:2] == ['"article_id"', '"schema_version"']
    for table in from_parquet:
        expected = from_parquet[table].to_pylist()
        for row in expected:  # lists are JSON text in CSV
            for key, value in row.items():
                if isinstance(value, list):
                    row[key] = json.dumps(value, ensure_ascii=False)
        assert from_csv[table].to_pylist() == expected, table


def test_tables_and_other_outputs_do_not_mix(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    done = _invoke(str(feed), "--tables", str(tmp_path / "t"), "-o", str(tmp_path / "x.jsonl"))
    assert done.exit_code == 2
    assert "--tables" in done.stderr


def test_the_writer_replaces_the_tables_atomically(tmp_path: Path) -> None:
    results = [_one_result()]
    from summarizer.tables import write_tables

    write_tables(tmp_path, results)
    before = (tmp_path / "articles.parquet").read_bytes()
    with pytest.raises(RuntimeError), TableWriter(tmp_path) as writer:
        writer.add({"articles": [], "quotes": [], "statistics": [], "issues": []})
        raise RuntimeError("killed")
    assert (tmp_path / "articles.parquet").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_to_pandas_has_typed_columns() -> None:
    from summarizer.tables import to_pandas

    frames = to_pandas([_one_result()])
    articles = frames["articles"]
    assert list(articles.columns) == [c.name for c in columns()["articles"]]
    assert str(articles["counts_quotes"].dtype) == "int64[pyarrow]"
    assert bool(articles["passed"].iloc[0]) is True
    assert len(frames["quotes"]) == len(_one_result().summary.quotes)


def _one_result() -> Result:
    from summarizer.api import summarize

    return summarize(FIXTURES[0].read_text(encoding="utf-8"), id="one", engine="offline")


def test_tables_from_a_real_subprocess(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(feed), "--tables", str(tmp_path)]
        + ["--engine", "offline", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert read_tables(tmp_path)["articles"].num_rows == len(FIXTURES)


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d"])),
            st.one_of(st.none(), st.sampled_from(["", "  ", "Some text.", "Other text."])),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_every_row_is_one_source_and_fails_for_the_documented_reasons(
    rows: list[tuple[str | None, str | None]],
) -> None:
    import tempfile

    from summarizer.table_inputs import iter_table_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.parquet"
        table = pa.table(
            {"id": [r[0] for r in rows], "text": [r[1] for r in rows]},
            schema=pa.schema([("id", pa.string()), ("text", pa.string())]),
        )
        pq.write_table(table, path)
        sources = list(iter_table_file(path))
    assert len(sources) == len(rows)
    seen: set[str] = set()
    for number, ((raw_id, text), source) in enumerate(zip(rows, sources, strict=True), 1):
        article_id = raw_id if raw_id is not None else f"rows-{number}"
        if text is None:
            assert source.error and source.error.endswith('a record needs a "text" string')
            continue
        if article_id in seen:
            assert source.error and "duplicate id" in source.error
            continue
        seen.add(article_id)
        if not text.strip():
            assert source.error and source.error.endswith("the article is empty")
        else:
            assert source.article is not None and source.article.id == article_id
