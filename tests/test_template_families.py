"""Four more template families, each in Word and PDF, against hand-written goldens.

A Safeguarding Adults Review plan with a two-row header, a portrait Domestic
Homicide Review plan whose rows break over pages (LibreOffice and ReportLab PDFs),
a 159-row tracker over 17 pages, and a whole review report with its plan as an
appendix. The goldens were written first and the documents built from them
(`samples/build_template_plans.py`); each document is extracted once per session.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from golden_compare import TABLES, Extraction, compare_folder, describe

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
SAMPLES = REPO / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "templates"

# Document -> its golden folder.
DOCUMENTS = {
    SAMPLES / "westmoor-sar-plan.docx": "westmoor-sar-plan",
    SAMPLES / "westmoor-sar-plan.pdf": "westmoor-sar-plan",
    SAMPLES / "hollinsby-dhr-plan.docx": "hollinsby-dhr-plan",
    SAMPLES / "hollinsby-dhr-plan.pdf": "hollinsby-dhr-plan",
    SAMPLES / "hollinsby-dhr-plan-reportlab.pdf": "hollinsby-dhr-plan",
    FIXTURES / "carrow-vale-tracker.docx": "carrow-vale-tracker",
    FIXTURES / "carrow-vale-tracker.pdf": "carrow-vale-tracker",
    FIXTURES / "ashdown-child-c-report.docx": "ashdown-child-c-report",
    FIXTURES / "ashdown-child-c-report.pdf": "ashdown-child-c-report",
}


def _ids(value: object) -> str | None:
    return value.name if isinstance(value, Path) else None


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_table_equals_golden(
    document: Path, table: str, document_run: Callable[[Path], Extraction]
) -> None:
    run = document_run(document)
    diffs = compare_folder(
        GOLDEN / DOCUMENTS[document], run.out_dir, run.source, (table,)
    )
    assert not diffs, describe(diffs)


@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_question_kinds(
    document: Path, document_run: Callable[[Path], Extraction]
) -> None:
    """`kind` is not among the columns the comparer checks."""
    with (GOLDEN / DOCUMENTS[document] / "questions.csv").open(encoding="utf-8") as fh:
        want = [(q["question_id"], q["kind"]) for q in csv.DictReader(fh)]
    rows = pq.read_table(
        document_run(document).out_dir / "questions.parquet"
    ).to_pylist()
    got = [(q["question_id"], q["kind"]) for q in rows]
    assert got == want


def _issues(run: Extraction) -> list[str]:
    rows = pq.read_table(run.out_dir / "documents.parquet").to_pylist()
    return json.loads(rows[0]["issues"])


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            SAMPLES / "hollinsby-dhr-plan.docx",
            [
                "agency_variant: agency 'Hollinsby Womens Aid' read as \"Hollinsby "
                "Women's Aid\": one body printed two ways; the form printed most "
                "often is kept",
                "agency_variant: agency 'Hollinsby Borough Council Housing Service' "
                "read as 'Hollinsby Borough Council Housing Services': one body "
                "printed two ways; the form printed most often is kept",
            ],
        ),
        (
            FIXTURES / "carrow-vale-tracker.docx",
            [
                "agency_variant: agency 'Carrow Vale Childrens Services' read as "
                '"Carrow Vale Children\'s Services": one body printed two ways; '
                "the form printed most often is kept",
            ],
        ),
    ],
    ids=_ids,
)
def test_agency_variants_are_reported(
    document: Path, expected: list[str], document_run: Callable[[Path], Extraction]
) -> None:
    issues = [i for i in _issues(document_run(document)) if i.startswith("agency_var")]
    assert issues == expected


@pytest.mark.parametrize(
    "document",
    [SAMPLES / "westmoor-sar-plan.docx", FIXTURES / "carrow-vale-tracker.docx"],
    ids=_ids,
)
def test_no_unknown_status(
    document: Path, document_run: Callable[[Path], Extraction]
) -> None:
    """Every status is read through the plan's key or the vocabulary; a percentage
    without a key ("75%" in the tracker) is unrated without being reported."""
    issues = _issues(document_run(document))
    assert not [i for i in issues if i.startswith("unknown_status")]


def test_report_reads_only_its_action_table(
    document_run: Callable[[Path], Extraction],
) -> None:
    """Panel, chronology and glossary tables give no rows and no issues."""
    run = document_run(FIXTURES / "ashdown-child-c-report.pdf")
    assert run.exit_code == 0, run.stderr
    assert not [i for i in _issues(run) if i.startswith(("table_note", "unmapped"))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=_ids)
def test_all_table_text_reaches_the_output(
    document: Path, document_run: Callable[[Path], Extraction]
) -> None:
    """Coverage is 1: action numbers, repeated grouping cells and header rows are
    counted as the normaliser reads them; each unregistered agency is reported once."""
    run = document_run(document)
    [row] = pq.read_table(run.out_dir / "documents.parquet").to_pylist()
    assert row["coverage"] == 1.0
    unmatched = [i for i in json.loads(row["issues"]) if i.startswith("unmatched")]
    assert len(unmatched) == len(set(unmatched))
