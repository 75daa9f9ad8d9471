"""`scr-extract check`: a document against a golden folder, and the exit code.

The golden folder is the project's own (tests/golden/julia); the failing cases are
copies of it with one cell changed by the test, so the cell the output must name
is known without running the extractor.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from extract.app.cli import main

DOCX = "julia-action-plan.docx"


def _golden_copy(golden_dir: Path, folder: Path, plan: str = "julia") -> Path:
    copy = folder / "golden"
    shutil.copytree(golden_dir / plan, copy)
    return copy


def _set_cell(golden: Path, row: int, column: str, value: str) -> str:
    """Change one cell of the golden actions (row 1-based); return the old value."""
    path = golden / "actions.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    old = rows[row - 1][column]
    rows[row - 1][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return old


def test_sample_passes_against_its_golden(
    samples_dir: Path, golden_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    code = main(
        ["check", str(samples_dir / DOCX), "--expected", str(golden_dir / "julia")]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.splitlines()
    # 6 document fields, 9 findings x 4, 32 questions x 3, 333 actions x 16.
    assert "all fields" in lines[-2] and "5466" in lines[-2]
    assert lines[-1].startswith("pass: 100.00%")
    assert any(line.split()[:3] == ["actions.lead", "100.00%", "333"] for line in lines)


def test_one_altered_cell_fails_and_is_named(
    samples_dir: Path, golden_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    golden = _golden_copy(golden_dir, tmp_path)
    old = _set_cell(golden, 7, "lead", "Someone Else Entirely")
    code = main(["check", str(samples_dir / DOCX), "--expected", str(golden)])
    out = capsys.readouterr().out
    assert code == 1
    named = [line for line in out.splitlines() if line.startswith("actions row 7 ")]
    assert named == [
        f"actions row 7 lead: expected 'Someone Else Entirely' got {old!r}"
    ]
    assert "1 differences from golden" in out
    lead = next(line for line in out.splitlines() if line.startswith("actions.lead"))
    assert lead.split()[1:] == ["99.69%", "333"]  # 332 / 333, rounded down
    assert out.splitlines()[-1].startswith("FAIL: 99.98%")  # 5465 / 5466


def test_min_lets_a_near_miss_pass(
    samples_dir: Path, golden_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    golden = _golden_copy(golden_dir, tmp_path)
    _set_cell(golden, 7, "lead", "Someone Else Entirely")
    args = ["check", str(samples_dir / DOCX), "--expected", str(golden)]
    assert main([*args, "--min", "99.9"]) == 0
    assert main([*args, "--min", "99.99"]) == 1
    capsys.readouterr()


def test_pdf_differences_give_the_page(
    samples_dir: Path, golden_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    plan = "marlbury-recommendations-plan"  # short: the Julia PDF is read elsewhere
    golden = _golden_copy(golden_dir, tmp_path, plan)
    was = _set_cell(golden, 1, "rag_raw", "G?")
    code = main(["check", str(samples_dir / f"{plan}.pdf"), "--expected", str(golden)])
    out = capsys.readouterr().out
    assert code == 1
    # The plan's first action row starts on the first page, under the title block.
    assert f"actions row 1 (page 1) rag_raw: expected 'G?' got {was!r}" in out


def test_extra_rows_lower_the_score(
    samples_dir: Path, golden_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    golden = _golden_copy(golden_dir, tmp_path)
    path = golden / "questions.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # drop the last question
    code = main(["check", str(samples_dir / DOCX), "--expected", str(golden)])
    out = capsys.readouterr().out
    assert code == 1
    assert "questions row 0 (row count): expected 31 got 32" in out
    text = next(line for line in out.splitlines() if line.startswith("questions.text"))
    assert text.split()[1:] == ["96.87%", "32"]  # 31 of 32 rows paired


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["check", "plan.docx"], 2),  # --expected is required
        (["check", "plan.docx", "--expected", "nowhere"], 2),
        (["check", "plan.docx", "--expected", "tests/golden/julia", "--min", "101"], 2),
    ],
)
def test_usage_errors_exit_2(argv: list[str], code: int, repo_root: Path) -> None:
    argv = [str(repo_root / a) if a.startswith("tests/") else a for a in argv]
    try:
        assert main(argv) == code
    except SystemExit as exit_info:
        assert exit_info.code == code


def test_unreadable_document_exits_1(
    golden_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    code = main(["check", str(junk), "--expected", str(golden_dir / "julia")])
    assert code == 1
    assert capsys.readouterr().err.startswith("error: junk.docx:")
