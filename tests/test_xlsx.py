"""What Excel users open: the `--format xlsx` workbook, and the CSV files.

The workbook is read back with openpyxl (sheets, frozen header, filters, widths,
RAG fills) and, where LibreOffice Calc is installed, opened by it headless: a file
Calc cannot load would also make Excel offer to repair it.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from extract.app.cli import main
from extract.write.files import arrow_table
from extract.write.xlsx import write_workbook
from schemas.tables import TABLES

GOOD = "julia-action-plan.docx"
# Columns for programs, written out here: they stand last and are not printed.
MACHINE = {"doc_id", "rag_key", "issues", "target_dates", "extra", "spans", "bbox"}
SHEETS = ["documents", "findings", "questions", "actions", "errors"]
# The RAG key's colours (RGB hex), written out here rather than read from the code.
EXPECTED_FILLS = {
    "complete": "8DB3E2",
    "green": "00B050",
    "amber": "FFC000",
    "red": "FF0000",
}


def _golden(golden_dir: Path, name: str) -> list[dict[str, str]]:
    path = golden_dir / "julia" / f"{name}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _fold(value: object) -> str:
    return " ".join(str(value if value is not None else "").split())


def _filled(sheet: openpyxl.worksheet.worksheet.Worksheet, column: int) -> bool:
    """Whether any data cell of `column` holds a value."""
    cells = sheet.iter_rows(min_row=2, min_col=column, max_col=column, values_only=True)
    return any(value not in (None, "") for (value,) in cells)


def _sheet_rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[dict]:
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture(scope="module")
def workbook(samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx")
    sample = str(samples_dir / GOOD)
    assert main(["extract", sample, "-o", str(out), "--format", "xlsx"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "manifest.json",
        "scr-extract.xlsx",
    ]
    return out / "scr-extract.xlsx"


def test_workbook_has_a_sheet_per_table(workbook: Path, golden_dir: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == SHEETS
    golden = _golden(golden_dir, "actions")
    rows = {
        "documents": 1,
        "findings": len(_golden(golden_dir, "findings")),
        "questions": len(_golden(golden_dir, "questions")),
        "actions": len(golden),
        "errors": 0,
    }
    for name in SHEETS:
        sheet = book[name]
        header = [cell.value for cell in sheet[1]]
        assert sorted(header) == sorted(TABLES[name].names), name
        # The reader's columns that hold something first, in the table's order;
        # then those empty in every row; the machine columns last.
        people = [n for n in TABLES[name].names if n not in MACHINE]
        filled = [n for n in people if _filled(sheet, header.index(n) + 1)]
        empty = [n for n in people if n not in filled]
        machine = [n for n in TABLES[name].names if n in MACHINE]
        assert header == filled + empty + machine, name
        assert sheet.max_row == rows[name] + 1, name
        assert sheet.freeze_panes == "A2", name
        last = sheet.cell(1, len(header)).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{rows[name] + 1}", name
        assert all(cell.font.bold for cell in sheet[1]), name
    actions = _sheet_rows(book["actions"])
    assert len(actions) == len(golden)
    for column in ("agency", "response", "rag", "desired_outcome"):
        assert [_fold(r[column]) for r in actions] == [
            _fold(g[column]) for g in golden
        ], column
    assert [r["row"] for r in actions] == list(range(1, len(golden) + 1))


def test_long_text_wraps_in_bounded_columns(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)["actions"]
    header = [cell.value for cell in sheet[1]]
    response = header.index("response") + 1
    cell = sheet.cell(2, response)
    assert "\n" in cell.value  # golden row 1's response has two paragraphs
    assert cell.alignment.wrap_text
    width = sheet.column_dimensions[cell.column_letter].width
    assert 30 <= width <= 60  # long text: readable, not a 400-character column
    row = sheet.cell(1, header.index("row") + 1)
    assert sheet.column_dimensions[row.column_letter].width < 15


def test_rag_cells_are_filled_with_their_colour(
    workbook: Path, golden_dir: Path
) -> None:
    sheet = openpyxl.load_workbook(workbook)["actions"]
    header = [cell.value for cell in sheet[1]]
    rag = header.index("rag") + 1
    golden = _golden(golden_dir, "actions")
    seen = set()
    for number, expected in enumerate(golden, start=2):
        cell = sheet.cell(number, rag)
        status = expected["rag"]
        if status in EXPECTED_FILLS:
            assert cell.fill.fill_type == "solid", (number, status)
            assert cell.fill.fgColor.rgb[-6:] == EXPECTED_FILLS[status], number
            seen.add(status)
        else:
            assert cell.fill.fill_type is None, (number, status)
    # The plan has complete, green and amber rows (and no red one).
    assert seen == {"complete", "green", "amber"}


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    row = {
        "source": "a.docx",
        "stage": "read",
        "kind": "load_error",
        "message": "=SUM(A1)\x07",
    }
    table = arrow_table("errors", [row])
    path = tmp_path / "book.xlsx"
    write_workbook(path, {"errors": table})
    sheet = openpyxl.load_workbook(path)["errors"]
    message = _sheet_rows(sheet)[0]["message"]
    cell = sheet.cell(2, TABLES["errors"].names.index("message") + 1)
    assert message == "=SUM(A1)"  # the bell character is dropped
    assert cell.data_type == "s"


def test_a_sheet_prints_landscape_one_page_wide_with_its_header(
    workbook: Path,
) -> None:
    book = openpyxl.load_workbook(workbook)
    for name in SHEETS:
        sheet = book[name]
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.page_setup.fitToWidth == 1, name
        assert sheet.page_setup.fitToHeight == 0, name  # as many pages as it needs
        assert sheet.print_title_rows == "$1:$1", name  # header on every page
        header = [cell.value for cell in sheet[1]]
        printed = [
            h
            for number, h in enumerate(header, start=1)
            if h not in MACHINE and _filled(sheet, number)
        ] or header
        last = sheet.cell(1, len(printed)).column_letter
        assert sheet.print_area == f"'{name}'!$A$1:${last}${sheet.max_row}", name
    # The Julia plan has no Progress or Evidence column: they are not printed.
    actions = book["actions"]
    header = [cell.value for cell in actions[1]]
    assert header.index("progress") > header.index("overdue")
    assert header.index("evidence") > header.index("overdue")


def test_rows_are_tall_enough_for_their_wrapped_text(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)["actions"]
    header = [cell.value for cell in sheet[1]]
    response = sheet.cell(2, header.index("response") + 1)
    width = sheet.column_dimensions[response.column_letter].width
    # Golden row 1's response: two paragraphs, the second over 200 characters.
    lines = sum(-(-len(p) // (width - 2)) for p in response.value.split("\n"))
    assert lines >= 4
    height = sheet.row_dimensions[2].height
    assert height is not None and height >= 15 * lines
    heights = [sheet.row_dimensions[r].height or 15 for r in range(2, sheet.max_row)]
    assert max(heights) <= 15 * 12  # capped: a huge cell scrolls, pages stay
    assert min(heights) == 15


def test_dates_are_date_cells(workbook: Path) -> None:
    import datetime as dt

    book = openpyxl.load_workbook(workbook)
    documents = book["documents"]
    header = [cell.value for cell in documents[1]]
    report = documents.cell(2, header.index("report_date") + 1)
    assert report.is_date and report.value == dt.datetime(2016, 1, 7)
    assert report.number_format == "yyyy-mm-dd"
    actions = book["actions"]
    header = [cell.value for cell in actions[1]]
    due = [
        actions.cell(r, header.index("due_date") + 1) for r in range(2, actions.max_row)
    ]
    assert any(cell.is_date for cell in due)
    assert all(cell.is_date or cell.value is None for cell in due)


def _calc_csv(book: Path, out: Path) -> list[Path]:
    """Every sheet of `book` as UTF-8 CSV written by LibreOffice (one file each)."""
    profile = out / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            # comma, double quote, UTF-8, from line 1, ..., every sheet (-1)
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
            "false,-1",
            "--outdir",
            str(out),
            str(book),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    return sorted(out.glob(f"{book.stem}-*.csv"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")
def test_libreoffice_opens_the_workbook(
    workbook: Path, golden_dir: Path, tmp_path: Path
) -> None:
    sheets = _calc_csv(workbook, tmp_path / "book")
    if not sheets:
        probe = tmp_path / "probe.xlsx"
        plain = openpyxl.Workbook()
        plain.active.append(["a"])
        plain.save(probe)
        if not _calc_csv(probe, tmp_path / "probe"):
            pytest.skip("LibreOffice cannot open any .xlsx here (Calc not installed)")
    assert [p.name for p in sheets] == sorted(
        f"scr-extract-{name}.csv" for name in SHEETS
    )
    actions = _csv_rows(tmp_path / "book" / "scr-extract-actions.csv")
    golden = _golden(golden_dir, "actions")
    assert [_fold(r["action"]) for r in actions] == [_fold(g["action"]) for g in golden]
    documents = _csv_rows(tmp_path / "book" / "scr-extract-documents.csv")
    assert documents[0]["case"] == "Child A – ‘Julia’"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- CSV as Excel reads it -------------------------------------------------------


def test_csv_quotes_multi_line_cells_and_dates_are_iso(
    samples_dir: Path, golden_dir: Path, tmp_path: Path
) -> None:
    sample = str(samples_dir / GOOD)
    assert main(["extract", sample, "-o", str(tmp_path), "--format", "csv"]) == 0
    raw = (tmp_path / "actions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    response = _golden(golden_dir, "actions")[0]["response"]
    assert "\n" in response
    # Excel splits a line break into a new row unless the cell is quoted.
    assert '"' + response.replace('"', '""') + '"' in text
    document = json.loads((golden_dir / "julia" / "document.json").read_text("utf-8"))
    with (tmp_path / "documents.csv").open(encoding="utf-8-sig", newline="") as f:
        written = next(csv.DictReader(f))
    assert written["report_date"] == document["report_date"] == "2016-01-07"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", written["report_date"])
