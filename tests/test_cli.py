"""`scr-extract extract`: files written, exit codes, and bad inputs in a batch."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pyarrow.parquet as pq
import pytest
from golden_compare import compare_folder, describe

from extract.app.cli import main

TABLES = ("documents", "findings", "questions", "actions", "errors")
GOOD = "julia-action-plan.docx"
BOM = b"\xef\xbb\xbf"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _golden_actions(golden_dir: Path) -> int:
    return len(_csv_rows(golden_dir / "julia" / "actions.csv"))


# --- bad inputs, each made here ------------------------------------------------


def _junk_docx(folder: Path) -> Path:
    path = folder / "junk.docx"
    path.write_bytes(b"This is not a zip package, just some bytes.\n" * 20)
    return path


def _empty_pdf(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def _no_table_docx(folder: Path) -> Path:
    path = folder / "no-table.docx"
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting. No action plan here.")
    document.save(str(path))
    return path


def _text_file(folder: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("Finding 1: not a plan\n", encoding="utf-8")
    return path


def _missing(folder: Path) -> Path:
    return folder / "missing.docx"


BAD_INPUTS = {
    "not_a_zip": (_junk_docx, "load_error"),
    "zero_byte_pdf": (_empty_pdf, "load_error"),
    "no_action_table": (_no_table_docx, "no_action_table"),
    "text_file": (_text_file, "unsupported_format"),
}


# --- a good run ----------------------------------------------------------------


def test_good_docx_writes_every_table(
    samples_dir: Path, golden_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(samples_dir / GOOD), "-o", str(out)]) == 0
    assert "error" not in capsys.readouterr().err

    counts = {}
    for name in TABLES:
        parquet, text = out / f"{name}.parquet", out / f"{name}.csv"
        assert parquet.is_file() and text.is_file(), name
        assert text.read_bytes().startswith(BOM), f"{name}.csv has no UTF-8 BOM"
        counts[name] = pq.read_table(parquet).num_rows
        assert len(_csv_rows(text)) == counts[name], f"{name}.csv row count"
        header = text.read_bytes()[len(BOM) :].split(b"\n", 1)[0].decode()
        assert header.replace('"', "").split(",") == pq.read_schema(parquet).names
    assert counts == {
        "documents": 1,
        "findings": 9,
        "questions": 32,
        "actions": _golden_actions(golden_dir),
        "errors": 0,
    }


def test_csv_keeps_text_as_printed(samples_dir: Path, tmp_path: Path) -> None:
    assert main(["extract", str(samples_dir / GOOD), "-o", str(tmp_path)]) == 0
    rows = _csv_rows(tmp_path / "actions.csv")
    parquet = pq.read_table(tmp_path / "actions.parquet").to_pylist()
    for column, value in parquet[0].items():
        if isinstance(value, str):
            assert [r[column] for r in rows] == [p[column] for p in parquet], column
    texts = [value for row in rows for value in row.values()]
    assert any("\n" in text for text in texts)  # line breaks survive CSV
    assert any("◆" in text for text in texts)  # and so does non-ASCII text


def test_format_option_writes_one_kind(samples_dir: Path, tmp_path: Path) -> None:
    code = main(
        ["extract", str(samples_dir / GOOD), "-o", str(tmp_path), "--format", "csv"]
    )
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*(f"{t}.csv" for t in TABLES), "manifest.json"]
    )


def test_format_all_writes_every_kind(samples_dir: Path, tmp_path: Path) -> None:
    code = main(
        ["extract", str(samples_dir / GOOD), "-o", str(tmp_path), "--format", "all"]
    )
    assert code == 0
    expected = {f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")}
    workbook = {"scr-extract.xlsx", "manifest.json"}
    assert {p.name for p in tmp_path.iterdir()} == expected | workbook


# --- bad inputs ----------------------------------------------------------------


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_line_and_exit_1(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    make, kind = BAD_INPUTS[case]
    bad = make(tmp_path)
    out = tmp_path / "out"

    assert main(["extract", str(bad), "-o", str(out)]) == 1

    err = capsys.readouterr().err
    assert "Traceback" not in err
    naming = [line for line in err.splitlines() if bad.name in line]
    assert len(naming) == 1, err
    assert naming[0].startswith("error:"), err
    errors = _csv_rows(out / "errors.csv")
    assert [(e["source"], e["kind"]) for e in errors] == [(bad.name, kind)]
    assert errors[0]["message"].strip() and "\n" not in errors[0]["message"]
    # Nothing good was read: only the errors are written.
    assert sorted(p.name for p in out.iterdir()) == [
        "errors.csv",
        "errors.parquet",
        "manifest.json",
    ]


def test_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    missing = _missing(tmp_path)
    out = tmp_path / "out"
    assert main(["extract", str(missing), "-o", str(out)]) == 2
    assert (
        capsys.readouterr().err == f"scr-extract: no such file or folder: {missing}\n"
    )
    assert not out.exists()


def test_batch_goes_on_past_bad_files(
    samples_dir: Path, golden_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(samples_dir / GOOD, folder / GOOD)
    in_folder = [_junk_docx(folder), _empty_pdf(folder), _no_table_docx(folder)]
    text = _text_file(folder)  # a folder walk skips it; given by name it is an error
    (folder / "~$lia-action-plan.docx").write_bytes(b"Word lock file")  # skipped
    out = tmp_path / "out"

    assert main(["extract", str(folder), str(text), "-o", str(out)]) == 1

    err = capsys.readouterr().err
    assert "Traceback" not in err
    # The folder is the root: sources are paths inside it.
    errors = {e["source"]: e for e in _csv_rows(out / "errors.csv")}
    assert sorted(errors) == sorted(p.name for p in [*in_folder, text])
    # notes.txt (skipped by the walk, then named) and the lock file are counted.
    assert err.strip().splitlines()[-1].endswith("2 files skipped: not a plan format")
    assert all(e["kind"] and e["message"] for e in errors.values())
    for name in errors:
        assert (
            sum(name in line for line in err.splitlines() if line.startswith("error"))
            == 1
        )
    diffs = compare_folder(golden_dir / "julia", out, GOOD)
    assert not diffs, describe(diffs)
    assert {d["source"] for d in _csv_rows(out / "documents.csv")} == {GOOD}


# --- usage errors --------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["extract"],
        ["extract", "plan.docx", "--bogus"],
        ["frobnicate", "plan.docx"],
        ["extract", "plan.docx", "--format", "json"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_folder_without_documents_exits_2(tmp_path: Path) -> None:
    _text_file(tmp_path)
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "out")]) == 2


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    junk = _junk_docx(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "extract", "extract", str(junk)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1
    assert "junk.docx" in done.stderr
    assert (tmp_path / "output" / "errors.csv").is_file()


def test_output_that_is_a_file_exits_2(
    samples_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    sample = samples_dir / "julia-action-plan.docx"
    code = main(["extract", str(sample), "-o", str(target)])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a folder" in err[0]
