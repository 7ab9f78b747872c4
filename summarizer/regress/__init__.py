"""Regression tests over recorded model responses (see `runner` for the fixtures layout).

cases: the cases of a fixtures folder and replaying one; compare: what changed from the golden
result; record: re-recording cassettes (handwritten answers through the fake server);
runner: `regress()`, which does all of it for a folder. The table is in `summarizer.render.regress`.
"""

from __future__ import annotations

from summarizer.regress.cases import Case, find_cases, load_article, replay_settings, run_case
from summarizer.regress.compare import Change, compare
from summarizer.regress.record import handwritten_answer, record_case, record_handwritten
from summarizer.regress.runner import CaseReport, Report, regress

__all__ = [
    "Case",
    "CaseReport",
    "Change",
    "Report",
    "compare",
    "find_cases",
    "handwritten_answer",
    "load_article",
    "record_case",
    "record_handwritten",
    "regress",
    "replay_settings",
    "run_case",
]
