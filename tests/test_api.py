"""The Python API: `read_plan` gives the four tables as typed pandas DataFrames.

The Word sample is read in the test process. The PDF sample is read in a fresh
interpreter, the way a notebook or script would call it: reading a 70-page PDF
grows a process by a few hundred MB, which would stay in the test runner and
inflate memory measurements that later tests make of their own subprocesses.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest

from extract.app.api import Plan, PlanError, read_plan
from schemas.tables import TABLES


def _golden(golden_dir: Path, name: str, plan: str = "julia") -> list[dict[str, str]]:
    path = golden_dir / plan / f"{name}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _fold(value: object) -> str:
    return " ".join(str(value).split())


@pytest.fixture(scope="module")
def word(samples_dir: Path) -> Plan:
    """The Word sample, read once (by a str path: both str and Path are accepted)."""
    return read_plan(str(samples_dir / "julia-action-plan.docx"))


def test_read_plan_gives_the_golden_tables(word: Plan, golden_dir: Path) -> None:
    assert isinstance(word, Plan)
    for name in ("documents", "findings", "questions", "actions"):
        frame = getattr(word, name)
        assert isinstance(frame, pd.DataFrame)
        assert list(frame.columns) == TABLES[name].names, name
    assert len(word.documents) == 1
    assert word.documents.loc[0, "report_date"] == pd.Timestamp("2016-01-07")
    golden = _golden(golden_dir, "actions")
    assert len(word.actions) == len(golden)
    assert list(word.actions["agency"]) == [row["agency"] for row in golden]
    assert [_fold(v) for v in word.actions["action"]] == [
        _fold(row["action"]) for row in golden
    ]
    assert list(word.questions["question_id"]) == [
        row["question_id"] for row in _golden(golden_dir, "questions")
    ]
    assert list(word.findings["finding_id"]) == [
        row["finding_id"] for row in _golden(golden_dir, "findings")
    ]


def test_whole_number_columns_stay_whole(word: Plan) -> None:
    assert word.actions["row"].dtype == pd.Int32Dtype()
    assert word.actions["row"].tolist() == list(range(1, len(word.actions) + 1))
    # Word files have no pages: the page columns are empty, not NaN floats.
    assert word.actions["page_start"].dtype == pd.Int32Dtype()
    assert word.actions["page_start"].isna().all()
    assert word.documents["pages"].isna().all()


_PDF_SCRIPT = """
import json, sys
from extract.app.api import read_plan
plan = read_plan(sys.argv[1])
print(json.dumps({
    "pages": int(plan.documents.loc[0, "pages"]),
    "page_start_dtype": str(plan.actions["page_start"].dtype),
    "first_page": int(plan.actions.loc[0, "page_start"]),
    "agencies": plan.actions["agency"].tolist(),
    "questions": plan.questions["question_id"].tolist(),
}))
"""


def test_read_plan_on_the_pdf(samples_dir: Path, golden_dir: Path) -> None:
    """The PDF path of the API, on a short plan (the Julia PDF is read in full by
    the golden tests): pages counted, pages typed, the plan's rows as golden."""
    plan = "marlbury-recommendations-plan"
    path = samples_dir / f"{plan}.pdf"
    done = subprocess.run(
        [sys.executable, "-c", _PDF_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    with pdfplumber.open(path) as pdf:
        assert got["pages"] == len(pdf.pages) > 1
    assert got["page_start_dtype"] == "Int32"
    assert got["first_page"] == 1  # the first action row is under the title block
    golden_actions = _golden(golden_dir, "actions", plan)
    assert got["agencies"] == [row["agency"] for row in golden_actions]
    assert got["questions"] == [
        row["question_id"] for row in _golden(golden_dir, "questions", plan)
    ]


def test_unreadable_file_raises(tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(PlanError) as error:
        read_plan(junk)
    assert error.value.kind == "load_error"
    assert str(error.value).startswith("junk.docx: ")


def test_dates_are_dates_and_overdue_is_a_nullable_boolean(word: Plan) -> None:
    assert str(word.documents["report_date"].dtype).startswith("datetime64")
    assert str(word.actions["due_date"].dtype).startswith("datetime64")
    assert word.actions["overdue"].dtype == pd.BooleanDtype()
    # Golden row 9 is due "30/09/2014 31/12/14", green, reported on 7 January 2016.
    row = word.actions.iloc[8]
    assert row["due_date"] == pd.Timestamp("2014-12-31") and row["overdue"]
    assert word.actions["overdue"].isna().any()  # no target date: unknown
