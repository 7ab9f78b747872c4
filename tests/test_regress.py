"""`summarizer regress`: replay the fixture cases, diff against the golden results."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.engines.llm import engine as llm_engine
from summarizer.models import Result
from summarizer.prompts import load_prompts
from summarizer.regress import compare, find_cases, regress
from summarizer.render.regress import render
from summarizer.testing.fake_server import serve

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SEED_CASE = "operation-safe-city.handwritten"


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, copy)
    return copy


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, ["regress", *args])


def _alter_golden(root: Path) -> None:
    path = root / "expected" / f"{SEED_CASE}.json"
    data = json.loads(path.read_text())
    quotes = data["summary"]["quotes"]
    homan = next(q for q in quotes if q["text"].startswith("Sanctuary jurisdictions"))
    homan["speaker"] = "Matthew Albence"
    stats = data["summary"]["statistics"]
    next(s for s in stats if s["text"] == "498")["value"] = 489
    data["summary"]["event"]["when"] = "Thursday"
    quotes.remove(next(q for q in quotes if q["text"].startswith("And if we need")))
    path.write_text(json.dumps(data, indent=2))


def test_the_repository_fixtures_all_match() -> None:
    result = _run(str(FIXTURES))
    assert result.exit_code == 0, result.output
    assert "CHANGED" not in result.output and "ERROR" not in result.output
    n = len(list((FIXTURES / "responses").glob("*.json")))
    assert f"{n} case(s): {n} match" in result.output
    assert n >= 5


def test_an_altered_golden_file_fails_with_a_readable_diff(fixtures: Path) -> None:
    _alter_golden(fixtures)
    result = _run(str(fixtures))
    assert result.exit_code == 1
    out = result.output
    row = next(line for line in out.splitlines() if line.startswith(SEED_CASE))
    assert row.split()[-1] == "CHANGED"
    assert "quote added: 'And if we need to go into these communities" in out
    assert "speaker changed: 'Matthew Albence' -> 'Tom Homan'" in out
    assert "statistic '498' (people arrested nationally): value changed: 489 -> 498" in out
    assert "event.when changed: 'Thursday' -> 'last Thursday'" in out
    assert "1 changed" in out and "--update" in out


def test_update_rewrites_the_golden_files(fixtures: Path) -> None:
    _alter_golden(fixtures)
    assert _run(str(fixtures), "--update").exit_code == 0
    assert _run(str(fixtures)).exit_code == 0
    golden = fixtures / "expected" / f"{SEED_CASE}.json"
    assert golden.read_bytes() == (FIXTURES / "expected" / f"{SEED_CASE}.json").read_bytes()


def test_the_installed_command_exits_0_then_1(fixtures: Path) -> None:
    command = [sys.executable, "-m", "summarizer", "regress"]
    ok = subprocess.run([*command, "fixtures"], cwd=REPO, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    _alter_golden(fixtures)
    bad = subprocess.run([*command, str(fixtures)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "speaker changed: 'Matthew Albence' -> 'Tom Homan'" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_a_prompt_edit_fails_replay_until_re_recorded(
    fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = load_prompts()
    edited = replace(
        prompts, anchored_system=prompts.anchored_system + "\n- Prefer short headlines."
    )
    monkeypatch.setattr(llm_engine, "load_prompts", lambda: edited)

    stale = _run(str(fixtures), "-k", SEED_CASE)
    assert stale.exit_code == 1
    assert "ERROR" in stale.output
    assert f"{SEED_CASE}.json has no response for this request" in stale.output
    assert "prompt changed: system message line" in stale.output
    assert "+ '- Prefer short headlines.'" in stale.output

    # The one re-record command: handwritten answers go through the fake server again.
    rerecorded = _run(str(fixtures), "-k", SEED_CASE, "--record")
    assert rerecorded.exit_code == 1  # the golden still names the old prompt hash
    assert f"prompt_sha256 changed: {prompts.sha256} -> {edited.sha256}" in rerecorded.output
    assert _run(str(fixtures), "-k", SEED_CASE, "--update").exit_code == 0
    assert _run(str(fixtures), "-k", SEED_CASE).exit_code == 0
    header = json.loads((fixtures / "responses" / f"{SEED_CASE}.json").read_text())["cassette"]
    assert header["origin"] == "handwritten"
    assert header["prompt_sha256"] == edited.sha256


def test_live_reports_no_drift_for_the_same_answers_and_drift_for_worse(fixtures: Path) -> None:
    # The deliberately wrong case would get the good answer live: it is drift by design.
    for part in ("answers", "responses", "expected"):
        (fixtures / part / "operation-safe-city.handwritten-wrong.json").unlink()
    answers = {
        p.stem.split(".")[0]: json.loads(p.read_text())
        for p in (fixtures / "answers").glob("*.handwritten.json")
    }

    def by_article(body: dict[str, Any]) -> dict[str, Any]:
        user = "".join(str(m.get("content")) for m in body["messages"])
        return next(a for name, a in answers.items() if _first_words(fixtures, name) in user)

    with serve(by_article) as server:
        result = _run(str(fixtures), "--live", "--base-url", server.url, "--model", "m")
    assert result.exit_code == 0, result.output

    worse = answers["operation-safe-city"]
    worse["quotes"] = worse["quotes"][1:]
    worse["statistics"] = worse["statistics"][1:]
    with serve(by_article) as server:
        result = _run(str(fixtures), "--live", "--base-url", server.url, "-k", "safe-city")
    assert result.exit_code == 1
    assert "DRIFT" in result.output
    assert "quote removed: 'violated U.S. immigration laws" in result.output
    assert "statistic removed: '100'" in result.output


def _first_words(root: Path, name: str) -> str:
    return (root / "articles" / f"{name}.txt").read_text().strip().splitlines()[0][:40]


def test_live_needs_a_model(fixtures: Path) -> None:
    result = _run(str(fixtures), "--live")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: --live needs a model: set --base-url or OPENAI_API_KEY"


def test_several_cassettes_per_article_are_separate_cases(fixtures: Path) -> None:
    for kind in ("responses", "expected"):
        src = fixtures / kind / f"{SEED_CASE}.json"
        shutil.copy(src, fixtures / kind / "operation-safe-city.other-model.json")
    cases = {c.name: c for c in find_cases(fixtures)}
    other = cases["operation-safe-city.other-model"]
    assert other.article == fixtures / "articles" / "operation-safe-city.txt"
    assert _run(str(fixtures)).exit_code == 0


def test_a_case_without_golden_or_article_is_reported(fixtures: Path) -> None:
    shutil.copy(fixtures / "responses" / f"{SEED_CASE}.json", fixtures / "responses" / "x.json")
    (fixtures / "expected" / "ferry-strike.handwritten.json").unlink()
    result = _run(str(fixtures))
    assert result.exit_code == 1
    assert "no article for case x" in result.output
    assert "no golden file yet" in result.output


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {tmp_path / 'nowhere'}: no such fixtures folder"


def test_compare_finds_nothing_between_a_result_and_itself() -> None:
    for path in (FIXTURES / "expected").glob("*.json"):
        result = Result.model_validate_json(path.read_text())
        assert compare(result, result) == []
        assert compare(result, result, tolerant=True) == []


def test_tolerant_compare_matches_quotes_by_span_and_statistics_by_value() -> None:
    golden = Result.model_validate_json((FIXTURES / "expected" / f"{SEED_CASE}.json").read_text())
    summary = golden.summary
    trimmed = [
        q.model_copy(update={"text": q.text.rstrip(",."), "kind": "direct"}) for q in summary.quotes
    ]
    renamed = [
        s.model_copy(update={"text": f"{s.value:g}", "describes": "x", "unit": None})
        for s in summary.statistics
    ]
    live = golden.model_copy(
        update={
            "summary": summary.model_copy(
                update={"quotes": trimmed, "statistics": renamed, "headline": "other"}
            )
        }
    )
    assert compare(golden, live, tolerant=True) == []
    changes = [c.detail for c in compare(golden, live)]
    assert any("quote text changed" in c for c in changes)
    assert any("headline changed" in c for c in changes)


def test_the_report_renders_a_table_row_per_case() -> None:
    report = regress(FIXTURES)
    text = render(report)
    assert text.splitlines()[0].split() == [
        "case",
        "quotes",
        "statistics",
        "event",
        "verification",
        "other",
        "result",
    ]
    assert report.ok


def test_record_re_records_model_cassettes_against_the_configured_server(fixtures: Path) -> None:
    answer = json.loads((fixtures / "answers" / "ferry-strike.handwritten.json").read_text())
    cassette = fixtures / "responses" / "ferry-strike.fake-model.json"
    with serve(lambda _: answer) as server:
        result = CliRunner().invoke(
            app,
            [
                "summarize",
                str(fixtures / "articles" / "ferry-strike.txt"),
                "--base-url",
                server.url,
                "--model",
                "fake",
                "--record",
                str(cassette),
            ],
        )
        assert result.exit_code == 0, result.output
        assert _run(str(fixtures), "-k", "fake-model", "--update").exit_code == 0
        assert _run(str(fixtures), "-k", "fake-model").exit_code == 0
        cassette.write_text(cassette.read_text().replace('"origin": "model"', '"origin": "model" '))
        rerecorded = _run(str(fixtures), "-k", "fake-model", "--record", "--base-url", server.url)
    assert rerecorded.exit_code == 0, rerecorded.output
    assert "re-recorded from fake" in rerecorded.output
    assert json.loads(cassette.read_text())["cassette"]["origin"] == "model"

    offline = _run(str(fixtures), "-k", "fake-model", "--record")
    assert offline.exit_code == 1
    assert "re-recording a model cassette needs a model" in offline.output
