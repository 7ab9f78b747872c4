"""The README's Ray Data recipe, where Ray is installed (marker `ray`; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_dask import _cli_tables, _feed

pytestmark = [
    pytest.mark.ray,
    # Ray warns about its own options while reading its defaults; not ours to fix.
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]


def test_ray_map_batches_gives_the_cli_s_quotes(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    pa = pytest.importorskip("pyarrow")
    from summarizer.dask import summarize_frame
    from summarizer.tables import arrow_schema

    feed = _feed(tmp_path, 6)
    expected = _cli_tables(feed, tmp_path / "cli", "--engine", "offline")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        quotes = ray.data.read_parquet(str(feed)).map_batches(
            lambda batch: summarize_frame(batch, engine="offline")["quotes"],
            batch_format="pandas",
        )
        frame = quotes.to_pandas()
    finally:
        ray.shutdown()
    got = pa.Table.from_pandas(frame, schema=arrow_schema("quotes"), preserve_index=False)
    assert got.to_pylist() == expected["quotes"]
