"""`scr-extract inspect`: one PDF page drawn with the reader's grid over it."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageChops

from extract.app.cli import main
from extract.commands.inspect_page import inspect_page

PDF = "julia-action-plan.pdf"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_page_two_is_drawn(
    samples_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "page.png"
    assert main(["inspect", str(samples_dir / PDF), "--page", "2", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(PNG_SIGNATURE)
    drawn = Image.open(out).convert("RGB")
    # A4 landscape (297 x 210 mm) at the default 100 pixels per inch.
    assert abs(drawn.width - 297 / 25.4 * 100) < 2
    assert abs(drawn.height - 210 / 25.4 * 100) < 2
    with pdfplumber.open(samples_dir / PDF) as pdf:
        plain = pdf.pages[1].to_image(resolution=100).original.convert("RGB")
    changed = ImageChops.difference(drawn, plain).getbbox()
    assert changed is not None  # something was drawn over the page
    assert capsys.readouterr().err.startswith("page 2: 1 tables, ")


def test_page_two_counts_its_merges(samples_dir: Path, tmp_path: Path) -> None:
    drawn = inspect_page(samples_dir / PDF, 2, tmp_path / "page.png", resolution=50)
    # Page 2 is inside the action table of question 1a, whose question cell runs
    # down several rows: one table, with cells merged down rows.
    assert drawn.tables == 1
    assert drawn.row_merges >= 1
    assert drawn.cells > 9 * 5  # nine columns, several rows
    assert abs(drawn.size[0] - 297 / 25.4 * 50) < 2


@pytest.mark.parametrize("page", ["0", "71"])
def test_page_out_of_range_exits_2(
    page: str, samples_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "page.png"
    code = main(["inspect", str(samples_dir / PDF), "--page", page, "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "has 70 pages" in err[0] and page in err[0]
    assert not out.exists()


def test_not_a_pdf_exits_1(
    samples_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "page.png"
    docx = samples_dir / "julia-action-plan.docx"
    assert main(["inspect", str(docx), "--page", "1", "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a PDF file" in err[0]


def test_cells_closed_by_a_page_end_and_the_join_are_drawn(
    repo_root: Path, tmp_path: Path
) -> None:
    """A Chromium print leaves the cells cut by a page break open: inspect marks
    them, and says how the next page's first row was judged."""
    pdf = repo_root / "tests" / "fixtures" / "producers" / "julia-chromium.pdf"
    drawn = inspect_page(pdf, 4, tmp_path / "page.png", resolution=50)
    assert drawn.page_end_cells > 0
    assert drawn.join is not None and drawn.join.joined, drawn.join
    assert drawn.join.tails  # the cells whose text runs on
