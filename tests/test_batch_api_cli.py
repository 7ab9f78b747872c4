"""`summarizer batch ...`, `--dry-run` and `--budget` through the CLI, and kill -9 mid-collect."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.models import Result
from summarizer.testing.fake_server import BatchPlan, LineFault, serve
from tests.helpers import ARTICLE, good_answer

ROOT = Path(__file__).resolve().parents[1]


def _inputs(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"a{i}", "text": f"{ARTICLE}\n(ref {i})\n"}) + "\n")
    return path


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_prepare_then_collect_responses(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)
    out = tmp_path / "b"
    result = _invoke("batch", "prepare", str(inputs), "--out-dir", str(out), "--mode", "tools")
    assert result.exit_code == 0, result.output
    assert f"`summarizer batch collect {out} --responses OUTPUT`" in result.stderr
    requests = out / "requests.jsonl"
    with serve(lambda _: good_answer()) as server:
        # Any runner of the format will do: here each line is posted to the loopback server.
        import httpx2

        lines = []
        for text in requests.read_text().splitlines():
            record = json.loads(text)
            body = httpx2.post(server.url + "/chat/completions", json=record["body"]).json()
            response = {"status_code": 200, "body": body}
            lines.append(json.dumps({"custom_id": record["custom_id"], "response": response}))
    responses = tmp_path / "out.jsonl"
    responses.write_text("\n".join(lines) + "\n")
    result = _invoke("batch", "collect", str(out), "--responses", str(responses))
    assert result.exit_code == 0, result.output
    assert "3 articles: 3 done, 0 failed" in result.stderr
    assert sorted(p.name for p in out.glob("*.json")) == ["a0.json", "a1.json", "a2.json"]
    status = _invoke("batch", "status", str(out), "--json")
    assert json.loads(status.stdout)["finished"] is True


def test_mode_auto_becomes_tools_and_says_so(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 1)
    result = _invoke("batch", "prepare", str(inputs), "--out-dir", str(tmp_path / "b"))
    assert result.exit_code == 0
    assert "--mode auto probes the server, which a batch cannot; using tools" in result.stderr
    line = json.loads((tmp_path / "b" / "requests.jsonl").read_text())
    assert line["body"]["tools"][0]["function"]["name"] == "AnchoredSummary"


def test_submit_status_collect_and_what_fails(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 4)
    out = tmp_path / "b"
    plan = BatchPlan(line_fault=lambda n, cid, b: LineFault() if cid.startswith("a0~") else None)
    with serve(lambda _: good_answer(), batch_plan=plan) as server:
        common = ["--base-url", server.url, "--mode", "tools", "--transport-retries", "1"]
        result = _invoke("batch", "submit", str(inputs), "--out-dir", str(out), *common)
        assert result.exit_code == 0, result.output
        assert "round-1-1  batch_1  validating" in result.stdout
        status = _invoke("batch", "status", str(out))
        assert status.exit_code == 0 and "round-1-1  batch_1  completed" in status.stdout
        result = _invoke("batch", "collect", str(out), "--wait", "--poll-interval", "0.01")
    assert result.exit_code == 1
    assert "4 articles: 3 done, 1 failed" in result.stderr
    assert f"(failures in {out / 'errors.jsonl'})" in result.stderr
    (record,) = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert record["id"] == "a0" and "failed in 2 batch round(s)" in record["message"]


def test_a_batch_that_fails_validation_is_one_line(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 2)
    out = tmp_path / "b"
    plan = BatchPlan(outcome=lambda n: "failed" if n == 1 else "completed")
    with serve(lambda _: good_answer(), batch_plan=plan) as server:
        args = ["--base-url", server.url, "--mode", "tools"]
        assert _invoke("batch", "submit", str(inputs), "--out-dir", str(out), *args).exit_code == 0
        result = _invoke("batch", "collect", str(out))
        assert result.exit_code == 1
        errors = [x for x in result.stderr.splitlines() if x.startswith("Error:")]
        assert errors == [
            "Error: batch batch_1 failed validation: invalid_request: injected validation "
            "failure (line 1) (its lines go in the follow-up batch)"
        ]
        result = _invoke("batch", "collect", str(out), "--wait", "--poll-interval", "0.01")
        assert result.exit_code == 0 and "2 done, 0 failed" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["batch", "collect", "nowhere"], "Error: nowhere: no such folder"),
        (["batch", "status", "."], "no batch here"),
        (["batch", "prepare", "in.jsonl", "--out-dir", "b", "--mode", "nope"], "is not one of"),
        (["batch", "submit", "in.jsonl", "--out-dir", "b"], "the Batch API needs a key"),
    ],
)
def test_bad_input_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _inputs(tmp_path / "in.jsonl", 1)
    result = _invoke(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    # One error line (a choice typer refuses comes after its usage lines, as for `summarize`).
    assert len([line for line in result.stderr.splitlines() if "Error" in line]) == 1


def test_dry_runs_send_nothing(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 3)
    with serve(lambda _: good_answer()) as server:
        online = _invoke("summarize", str(inputs), "--base-url", server.url, "--dry-run")
        batch = _invoke(
            "batch", "submit", str(inputs), "--out-dir", str(tmp_path / "b"),
            "--base-url", server.url, "--dry-run",
        )  # fmt: skip
        assert server.requests == [] and server.api_calls == []
    assert online.exit_code == 0 and batch.exit_code == 0
    assert online.stdout.startswith("dry run: 3 requests, ~")
    assert "nothing was sent" in online.stdout
    assert not (tmp_path / "b").exists()
    cost = [float(r.stdout.split("estimated cost $")[1].split()[0]) for r in (online, batch)]
    assert cost[1] == pytest.approx(cost[0] / 2, abs=1e-4)  # the batch price is half


def test_a_dry_run_of_the_offline_engine_says_it_sends_nothing(tmp_path: Path) -> None:
    result = _invoke("summarize", str(_inputs(tmp_path / "in.jsonl", 2)), "--dry-run")
    assert result.exit_code == 0
    assert (
        result.stdout == "dry run: the offline engine makes no model requests; nothing was sent\n"
    )


def test_budget_stops_starting_articles(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 20)
    out = tmp_path / "o"
    with serve(lambda _: good_answer()) as server:
        result = _invoke(
            "summarize", str(inputs), "--base-url", server.url, "--mode", "tools",
            "--out-dir", str(out), "--concurrency", "1", "--budget", "0.0012",
        )  # fmt: skip
        sent = len(server.requests)
    assert result.exit_code == 1
    records = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert records and {r["error"] for r in records} == {"BudgetExceeded"}
    assert "would pass the budget of $0.0012" in records[0]["message"]
    done = len(list(out.glob("*.json")))
    assert done + len(records) == 20 and done == sent and 0 < done < 20


def test_budget_needs_a_price(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 2)
    result = _invoke(
        "summarize", str(inputs), "--base-url", "http://127.0.0.1:9/v1", "--model", "mystery",
        "--budget", "1",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--budget needs a price for mystery" in result.stderr


def _collect_command(out: Path) -> list[str]:
    return [sys.executable, "-m", "summarizer", "batch", "collect", str(out),
            "--wait", "--poll-interval", "0.01"]  # fmt: skip


def test_kill_9_mid_collect_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 12)
    out = tmp_path / "b"

    def faults(batch: int, cid: str, body: dict[str, Any]) -> LineFault | None:
        return LineFault() if batch <= 4 and cid.startswith(("a1~", "a5~", "a9~")) else None

    plan = BatchPlan(polls_to_finish=2, shuffle=True, line_fault=faults)
    with serve(lambda _: good_answer(), batch_plan=plan) as server:
        args = ["--base-url", server.url, "--mode", "tools", "--max-lines", "5"]
        assert _invoke("batch", "submit", str(inputs), "--out-dir", str(out), *args).exit_code == 0
        kills = 0
        for after in (2, 5, 3, 7, 4):
            start = len(server.api_calls)
            process = subprocess.Popen(_collect_command(out), cwd=ROOT, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 60
            while process.poll() is None and len(server.api_calls) < start + after:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.002)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                kills += 1
            process.wait()
        final = subprocess.run(_collect_command(out), cwd=ROOT, capture_output=True, text=True)
        assert final.returncode == 0, final.stderr
        assert "12 articles: 12 done, 0 failed" in final.stderr
        calls = len(server.api_calls)
        again = subprocess.run(_collect_command(out), cwd=ROOT, capture_output=True, text=True)
        assert again.returncode == 0 and len(server.api_calls) == calls  # sends nothing
        tags = Counter(b["metadata"]["summarizer_part"] for b in server.batches.values())
    assert kills >= 3
    assert max(tags.values()) == 1  # no part was ever made into two batches
    results = sorted(out.glob("*.json"))
    assert [p.name for p in results] == sorted(f"a{i}.json" for i in range(12))
    for path in results:
        assert Result.model_validate_json(path.read_text()).verification.passed
    assert not (out / "errors.jsonl").exists()
