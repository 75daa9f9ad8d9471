"""The samples (each plan in Word and its PDF rendering) against their golden tables.

Both files of a plan are renderings of the same document, so both must give exactly
the golden rows; only the page columns differ (pages exist in a PDF, not in Word).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from golden_compare import (
    TABLES,
    Extraction,
    compare_folder,
    describe,
    load_golden,
)

from extract.app.cli import main

# Sample file -> its golden folder in tests/golden/.
SAMPLES = {
    "julia-action-plan.docx": "julia",
    "julia-action-plan.pdf": "julia",
    "marlbury-recommendations-plan.docx": "marlbury-recommendations-plan",
    "marlbury-recommendations-plan.pdf": "marlbury-recommendations-plan",
    "fenbridge-colour-rag-plan.docx": "fenbridge-colour-rag-plan",
    "fenbridge-colour-rag-plan.pdf": "fenbridge-colour-rag-plan",
}
GOLDEN = "julia"


def _context(run: Extraction) -> str:
    """What the run said, to show next to a failure."""
    return f"exit code {run.exit_code}; stderr:\n{run.stderr.strip()}"


def _actions(run: Extraction) -> list[dict[str, object]]:
    rows = pq.read_table(run.out_dir / "actions.parquet").to_pylist()
    return [row for row in rows if row["source"] == run.source]


@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_extracts_without_errors(
    sample: str, extracted: Callable[[str], Extraction]
) -> None:
    run = extracted(sample)
    errors = pq.read_table(run.out_dir / "errors.parquet").to_pylist()
    assert errors == [], _context(run)
    assert run.exit_code == 0, _context(run)


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("sample", SAMPLES)
def test_table_equals_golden(
    sample: str,
    table: str,
    extracted: Callable[[str], Extraction],
    golden_dir: Path,
) -> None:
    run = extracted(sample)
    diffs = compare_folder(golden_dir / SAMPLES[sample], run.out_dir, sample, (table,))
    if diffs:
        pytest.fail(f"{describe(diffs)}\n{_context(run)}")


def test_pdf_rows_carry_their_pages(extracted: Callable[[str], Extraction]) -> None:
    run = extracted("julia-action-plan.pdf")
    rows = _actions(run)
    assert rows, f"no action rows from the PDF; {_context(run)}"
    bad = [
        (row["row"], row["page_start"], row["page_end"])
        for row in rows
        if not (
            type(row["page_start"]) is int
            and type(row["page_end"]) is int
            and 1 <= row["page_start"] <= row["page_end"]
        )
    ]
    assert not bad, f"{len(bad)} rows with bad pages (row, start, end): {bad[:20]}"
    split = [row["row"] for row in rows if row["page_start"] < row["page_end"]]
    assert split, "no action row is split over two pages, but the PDF has such rows"


def test_docx_rows_have_no_pages(extracted: Callable[[str], Extraction]) -> None:
    rows = _actions(extracted("julia-action-plan.docx"))
    assert rows
    paged = [
        row["row"]
        for row in rows
        if row["page_start"] is not None or row["page_end"] is not None
    ]
    assert not paged, f"Word rows with page numbers: {paged[:20]}"


def _write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_comparison_sees_every_kind_of_change(golden_dir: Path, tmp_path: Path) -> None:
    """The comparer itself: golden rows written back compare equal; a changed cell,
    a missing row and a changed colour key are each reported, white space is not."""
    golden = load_golden(golden_dir / GOLDEN)
    source = {"source": "plan.docx"}
    document = {**golden["documents"][0], **source}
    document["rag_key"] = json.dumps(document["rag_key"])
    tables = {
        "documents": [document],
        "findings": [{**source, **row} for row in golden["findings"]],
        "questions": [{**source, **row} for row in golden["questions"]],
        "actions": [{**source, **row} for row in golden["actions"]],
    }
    for name, rows in tables.items():
        _write_csv(tmp_path / f"{name}.csv", rows)
    assert compare_folder(golden_dir / GOLDEN, tmp_path, "plan.docx") == []

    tables["actions"][9]["lead"] = "  " + tables["actions"][9]["lead"] + "\n"
    tables["actions"][332]["spans"] = "response-action"
    tables["questions"].pop()
    key = json.loads(document["rag_key"])
    key[3]["status"] = "green"
    document["rag_key"] = json.dumps(key)
    for name, rows in tables.items():
        _write_csv(tmp_path / f"{name}.csv", rows)
    diffs = compare_folder(golden_dir / GOLDEN, tmp_path, "plan.docx")
    assert [(d.table, d.row, d.column) for d in diffs] == [
        ("documents", 1, "rag_key"),
        ("questions", 0, "(row count)"),
        ("actions", 333, "spans"),
    ]
    assert compare_folder(golden_dir / GOLDEN, tmp_path, "other.docx")[0].got == 0


RENDERINGS = sorted(
    (Path(__file__).parent / "renderings").glob("*.docx"), key=lambda p: p.name
)


@pytest.mark.parametrize("rendering", RENDERINGS, ids=lambda p: p.name)
def test_other_word_renderings_equal_golden(
    rendering: Path, golden_dir: Path, tmp_path: Path
) -> None:
    assert main(["extract", str(rendering), "-o", str(tmp_path)]) == 0
    diffs = compare_folder(golden_dir / GOLDEN, tmp_path, rendering.name, TABLES)
    assert not diffs, describe(diffs)
