"""`summarizer.dask.summarize_dataframe` on a real LocalCluster with two worker processes: the
tables equal, row for row, what `summarizer summarize feed.parquet --tables DIR` writes."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import ConfigError
from summarizer.tables import TABLE_NAMES, arrow_schema, read_tables
from summarizer.testing.fake_server import serve
from tests.helpers import good_answer

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from summarizer.dask import summarize_dataframe  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


def _feed(tmp_path: Path, n: int = 12) -> Path:
    records = []
    for i in range(n):
        source = FIXTURES[i % len(FIXTURES)]
        text = source.read_text(encoding="utf-8") + f"\n(ref {i})\n"
        records.append({"id": f"a{i:02d}", "text": text, "title": source.stem})
    path = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pylist(records), path)
    return path


def _cli_tables(feed: Path, out: Path, *extra: str) -> dict[str, list[dict[str, Any]]]:
    done = CliRunner().invoke(app, ["summarize", str(feed), "--tables", str(out), *extra])
    assert done.exit_code == 0, done.output
    return {name: table.to_pylist() for name, table in read_tables(out).items()}


def _rows(frames: tuple[Any, ...]) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for name, frame in zip(TABLE_NAMES, frames, strict=True):
        table = pa.Table.from_pandas(frame, schema=arrow_schema(name), preserve_index=False)
        out[name] = table.to_pylist()
    return out


def test_offline_tables_equal_the_cli_s(client: Any, tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    expected = _cli_tables(feed, tmp_path / "cli", "--engine", "offline")
    ddf = dd.read_parquet(str(feed)).repartition(npartitions=3)
    tables = summarize_dataframe(ddf, engine="offline")
    assert set(tables) == set(TABLE_NAMES)
    got = _rows(dask.compute(*tables.values()))
    assert got == expected
    assert len(got["articles"]) == 12 and got["quotes"]


def test_llm_tables_equal_the_cli_s(client: Any, tmp_path: Path) -> None:
    feed = _feed(tmp_path, 8)
    options = {"model": "m", "mode": "tools", "max_retries": 0}
    with serve(lambda _: good_answer()) as server:
        expected = _cli_tables(
            feed,
            tmp_path / "cli",
            "--base-url",
            server.url,
            "--model",
            "m",
            "--mode",
            "tools",
            "--max-retries",
            "0",
            "--no-cache",
        )
        ddf = dd.from_pandas(pq.read_table(feed).to_pandas(), npartitions=2)
        tables = summarize_dataframe(
            ddf, base_url=server.url, concurrency=4, cache=False, **options
        )
        got = _rows(dask.compute(*tables.values()))
        assert server.max_in_flight <= 2 * 4
    assert got == expected
    assert {r["engine"] for r in got["articles"]} == {"llm"}


def test_a_failing_article_is_a_row_not_a_failed_task(client: Any) -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {"id": ["ok", "blank", "none"], "text": [FIXTURES[0].read_text(), "  ", None]}
    )
    tables = summarize_dataframe(dd.from_pandas(frame, npartitions=1), engine="offline")
    articles = tables["articles"].compute()
    assert list(articles["article_id"]) == ["ok", "row 1", "row 2"]
    assert list(articles["error"].fillna("")) == [
        "",
        "the article is empty",
        'a record needs a "text" string',
    ]


def test_the_api_key_stays_out_of_the_task_graph(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pandas as pd

    secret = "sk-test-DO-NOT-SHIP-0123456789abcdef"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    frame = pd.DataFrame({"id": ["a"], "text": [FIXTURES[0].read_text()]})
    tables = summarize_dataframe(dd.from_pandas(frame, npartitions=1), model="m")
    graph = dict(tables["articles"].__dask_graph__())
    blob = pickle.dumps(graph)
    assert secret.encode() not in blob and secret not in json.dumps(str(graph))
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        summarize_dataframe(dd.from_pandas(frame, npartitions=1), api_key=secret)


def test_summarize_frame_is_one_partition_here(tmp_path: Path) -> None:
    """What the Ray and Spark recipes call: the same rows, without a cluster."""
    from summarizer.dask import summarize_frame

    feed = _feed(tmp_path, 6)
    expected = _cli_tables(feed, tmp_path / "cli", "--engine", "offline")
    frames = summarize_frame(pq.read_table(feed).to_pandas(), engine="offline")
    assert _rows(tuple(frames[name] for name in TABLE_NAMES)) == expected


def test_the_options_are_declared_once_and_checked() -> None:
    from summarizer.config import SETTINGS_BY_NAME
    from summarizer.dask import _RUN_OPTIONS, FrameOptions, partition_job

    # Every option that is not about running a partition is a setting, by the same name.
    assert set(FrameOptions.__annotations__) - _RUN_OPTIONS <= set(SETTINGS_BY_NAME)
    with pytest.raises(TypeError, match="unexpected options: workerz"):
        partition_job(engine="offline", workerz=2)  # type: ignore[call-arg]
    job = partition_job(engine="offline", rpm=60, parallel=3)
    assert job.concurrency == 8 and job.cache and job.rpm == 20
