"""The Python API: `read_plan` gives the four tables as typed pandas DataFrames."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from extract.api import Plan, PlanError, read_plan
from schemas.tables import TABLES


def _golden(golden_dir: Path, name: str) -> list[dict[str, str]]:
    path = golden_dir / "julia" / f"{name}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _fold(value: object) -> str:
    return " ".join(str(value).split())


@pytest.fixture(scope="module")
def plans(samples_dir: Path) -> dict[str, Plan]:
    """Each sample read once: the Word file by a str path, the PDF by a Path."""
    return {
        "docx": read_plan(str(samples_dir / "julia-action-plan.docx")),
        "pdf": read_plan(samples_dir / "julia-action-plan.pdf"),
    }


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_read_plan_gives_the_golden_tables(
    suffix: str, plans: dict[str, Plan], golden_dir: Path
) -> None:
    plan = plans[suffix]
    assert isinstance(plan, Plan)
    for name in ("documents", "findings", "questions", "actions"):
        frame = getattr(plan, name)
        assert isinstance(frame, pd.DataFrame)
        assert list(frame.columns) == TABLES[name].names, name
    assert len(plan.documents) == 1
    assert plan.documents.loc[0, "report_date"] == "2016-01-07"
    golden = _golden(golden_dir, "actions")
    assert len(plan.actions) == len(golden)
    assert list(plan.actions["agency"]) == [row["agency"] for row in golden]
    assert [_fold(v) for v in plan.actions["action"]] == [
        _fold(row["action"]) for row in golden
    ]
    assert list(plan.questions["question_id"]) == [
        row["question_id"] for row in _golden(golden_dir, "questions")
    ]
    assert list(plan.findings["finding_id"]) == [
        row["finding_id"] for row in _golden(golden_dir, "findings")
    ]


def test_whole_number_columns_stay_whole(plans: dict[str, Plan]) -> None:
    word = plans["docx"]
    assert word.actions["row"].dtype == pd.Int32Dtype()
    assert word.actions["row"].tolist() == list(range(1, len(word.actions) + 1))
    # Word files have no pages: the page columns are empty, not NaN floats.
    assert word.actions["page_start"].dtype == pd.Int32Dtype()
    assert word.actions["page_start"].isna().all()
    pdf = plans["pdf"]
    assert pdf.documents.loc[0, "pages"] == 70
    assert pdf.actions.loc[0, "page_start"] == 1


def test_unreadable_file_raises(tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(PlanError) as error:
        read_plan(junk)
    assert error.value.kind == "load_error"
    assert str(error.value).startswith("junk.docx: ")
