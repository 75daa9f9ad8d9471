"""Every office format plans come in, golden-exact: .doc, .rtf and .odt (the Word
samples saved by LibreOffice, read through LibreOffice), .xlsx and .xlsm (the
Fenbridge plan as an Excel tracker, with merged ranges, fills, a hidden row,
column and sheet) and .ods (that workbook saved by LibreOffice Calc).

The fixtures are built by `tests/fixtures/word/build_office.py`. All of them go
through one `scr-extract extract` run for the session, so each LibreOffice
conversion happens once. Where LibreOffice is not installed, the formats read
through it are skipped (saying so) and the others still run.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from golden_compare import compare_folder, describe

from extract import convert
from extract.app.cli import main
from extract.read import read_document
from schemas.errors import DocumentLoadError, NeedsLibreOffice, UnsafeDocument

FIXTURES = Path(__file__).parent / "fixtures" / "word"
sys.path.insert(0, str(FIXTURES))
import build_office  # noqa: E402
import build_word_fixtures  # noqa: E402

WORD_CASES = [
    (stem, kind) for stem in build_office.SAMPLES for kind in build_office.WORD_FORMATS
]
SHEET_CASES = [(build_office.SHEET_STEM, kind) for kind in ("xlsx", "xlsm", "ods")]
CASES = WORD_CASES + SHEET_CASES
THROUGH_LIBREOFFICE = {"doc", "rtf", "odt", "ods"}
NO_LIBREOFFICE = "LibreOffice (soffice) is not installed: .ci/run installs it"


def _fixture_bytes(stem: str, kind: str) -> bytes:
    if kind == "xlsm":
        return build_office.xlsm((FIXTURES / f"{stem}.xlsx").read_bytes())
    plain = FIXTURES / f"{stem}.{kind}"
    if plain.exists():
        return plain.read_bytes()
    return gzip.decompress((FIXTURES / f"{stem}.{kind}.gz").read_bytes())


@pytest.fixture(scope="session")
def office_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every office fixture, unzipped where committed gzipped, in one folder."""
    folder = tmp_path_factory.mktemp("office")
    for stem, kind in CASES:
        (folder / f"{stem}.{kind}").write_bytes(_fixture_bytes(stem, kind))
    return folder


@pytest.fixture(scope="session")
def office_run(
    office_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, int, str, dict[str, bytes]]:
    """One CLI run over the folder: (output folder, exit code, stderr, the
    folder's files as they were before the run)."""
    before = {p.name: p.read_bytes() for p in office_dir.iterdir()}
    out_dir = tmp_path_factory.mktemp("office-out")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(["extract", str(office_dir), "-o", str(out_dir), "--workers", "4"])
    return out_dir, code, stderr.getvalue(), before


@pytest.mark.parametrize(("stem", "kind"), CASES, ids=[f"{s}.{k}" for s, k in CASES])
def test_format_is_golden_exact(
    stem: str,
    kind: str,
    office_run: tuple[Path, int, str, dict[str, bytes]],
    golden_dir: Path,
) -> None:
    if kind in THROUGH_LIBREOFFICE and convert.soffice() is None:
        pytest.skip(NO_LIBREOFFICE)
    out_dir, _, stderr, _ = office_run
    source = f"{stem}.{kind}"
    diffs = compare_folder(
        golden_dir / build_word_fixtures.GOLDEN[stem], out_dir, source
    )
    assert not diffs, f"{describe(diffs)}\n{stderr}"


def test_each_document_keeps_its_format(
    office_run: tuple[Path, int, str, dict[str, bytes]], extracted: Callable
) -> None:
    """Format as read from the bytes, full coverage, and the issues of the Word
    sample the file was made from (no new ones)."""
    out_dir, code, stderr, _ = office_run
    rows = _csv(out_dir / "documents.csv")
    if convert.soffice() is not None:
        assert code == 0, stderr
        assert "warning" not in stderr, stderr
    assert {r["source"]: r["format"] for r in rows} == {
        f"{stem}.{kind}": kind
        for stem, kind in CASES
        if kind not in THROUGH_LIBREOFFICE or convert.soffice() is not None
    }
    assert all(float(r["coverage"]) == 1.0 for r in rows)
    for row in rows:
        stem = row["source"].partition(".")[0]
        [word] = _csv(extracted(f"{stem}.docx").out_dir / "documents.csv")
        assert row["issues"] == word["issues"], row["source"]


def test_hidden_rows_columns_and_sheets_are_not_read(
    office_run: tuple[Path, int, str, dict[str, bytes]],
) -> None:
    """The workbook's hidden row, column and sheet hold the marker; no output
    table does."""
    out_dir, _, _, _ = office_run
    for table in ("documents", "findings", "questions", "actions", "errors"):
        for row in _csv(out_dir / f"{table}.csv"):
            hits = [k for k, v in row.items() if build_office.HIDDEN in (v or "")]
            assert not hits, f"{table} {row.get('source')}: {hits}"


def test_the_input_folder_is_not_touched(
    office_dir: Path, office_run: tuple[Path, int, str, dict[str, bytes]]
) -> None:
    """No lock file, no converted copy beside the inputs, the inputs unchanged."""
    _, _, _, before = office_run
    assert {p.name: p.read_bytes() for p in office_dir.iterdir()} == before


def test_without_libreoffice_the_error_says_how_to_install_it(
    office_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    for kind in sorted(THROUGH_LIBREOFFICE):
        path = next(office_dir.glob(f"*.{kind}"))
        with pytest.raises(NeedsLibreOffice, match="install LibreOffice") as info:
            read_document(path)
        assert info.value.kind == "needs_libreoffice"
        assert f".{kind}" in str(info.value)


def test_a_conversion_past_its_time_limit_is_stopped(office_dir: Path) -> None:
    if convert.soffice() is None:
        pytest.skip(NO_LIBREOFFICE)
    path = office_dir / "marlbury-recommendations-plan.odt"
    with pytest.raises(DocumentLoadError, match="took longer than"):
        convert.convert(path, "odt", time_limit=0.05)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_sheet_formatted_to_its_last_row_reads_as_the_same_plan(
    tmp_path: Path,
) -> None:
    """Only the cells the file holds are read: shading on row 1,048,576 and
    column 300 adds no rows, columns or blocks."""
    import openpyxl
    from openpyxl.styles import PatternFill

    source = FIXTURES / f"{build_office.SHEET_STEM}.xlsx"
    book = openpyxl.load_workbook(source)
    for row, column in ((1_048_576, 1), (1_048_576, 300), (5, 300)):
        book.worksheets[0].cell(row, column).fill = PatternFill(
            fill_type="solid", fgColor="FFFF0000"
        )
    formatted = tmp_path / "formatted.xlsx"
    book.save(formatted)
    assert read_document(formatted).blocks == read_document(source).blocks


def _rezipped(data: bytes, changes: dict[str, bytes]) -> bytes:
    """A zip package with some parts replaced or added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in source.infolist():
            copy.writestr(info, changes.pop(info.filename, source.read(info)))
        for name, content in changes.items():
            copy.writestr(name, content)
    return out.getvalue()


def test_spreadsheets_and_open_documents_get_the_package_checks(
    tmp_path: Path,
) -> None:
    """A DOCTYPE in a workbook's XML part, and a decompression bomb in an
    OpenDocument file, are refused before any parser or LibreOffice sees them."""
    workbook = (FIXTURES / f"{build_office.SHEET_STEM}.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(workbook)) as package:
        sheet = package.read("xl/worksheets/sheet1.xml")
    declaration, _, rest = sheet.partition(b"?>")
    laughs = declaration + b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + rest
    unsafe = tmp_path / "laughs.xlsx"
    unsafe.write_bytes(_rezipped(workbook, {"xl/worksheets/sheet1.xml": laughs}))
    with pytest.raises(UnsafeDocument, match="DOCTYPE"):
        read_document(unsafe)
    odt = (FIXTURES / "marlbury-recommendations-plan.odt").read_bytes()
    bomb = tmp_path / "bomb.odt"
    bomb.write_bytes(_rezipped(odt, {"padding.xml": b" " * (3 * 2**20)}))
    with pytest.raises(UnsafeDocument, match="zip bomb"):
        read_document(bomb)
