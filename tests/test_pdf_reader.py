"""PDF reader cases on small PDFs written in the test: no text layer, no table,
and the text of cells read back as printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_bytes import one_page_pdf

from extract.app.pipeline import Failure, extract_one
from extract.pdf.continuation import PendingJoin
from extract.pdf.reader import _goes_on, _resolve_word_breaks, _same_style, read_pdf
from extract.pdf.tables import PageTable
from extract.pdf.word_breaks import WORD_BREAK
from schemas.blocks import Block, Cell, Paragraph, Row, Table
from schemas.errors import NoTextLayer


def _blank_pdf(path: Path) -> Path:
    """A page that draws a line but carries no text (a scan looks the same to a
    text extractor)."""
    return one_page_pdf(path, b"0 0 m 100 100 l S")


def test_pdf_without_text_layer_is_a_clear_error(tmp_path: Path) -> None:
    pdf = _blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer):
        read_pdf(pdf)
    result = extract_one(pdf)
    assert isinstance(result, Failure)
    assert result.kind == "no_text"
    assert "\n" not in result.message


def test_truncated_pdf_is_a_load_error(samples_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes((samples_dir / "julia-action-plan.pdf").read_bytes()[:2000])
    result = extract_one(broken)
    assert isinstance(result, Failure)
    assert result.kind in {"load_error", "no_text"}


def test_pdf_with_text_but_no_action_table_is_a_clear_error(tmp_path: Path) -> None:
    pdf = one_page_pdf(
        tmp_path / "letter.pdf",
        b"BT /F1 12 Tf 40 350 Td (Dear colleagues, the review is attached.) Tj ET",
    )
    result = extract_one(pdf)
    assert isinstance(result, Failure)
    assert result.kind == "no_action_table"
    assert "\n" not in result.message


def test_ruled_cell_text_keeps_bullets_and_hyphenated_words(tmp_path: Path) -> None:
    """Two ruled cells; the first holds a hyphen broken line and two list items."""
    rules = b"0.5 w 20 380 m 380 380 l S 20 300 m 380 300 l S " + b" ".join(
        b"%d 380 m %d 300 l S" % (x, x) for x in (20, 200, 380)
    )
    text = (
        b"BT /F1 10 Tf 24 366 Td (Agreed multi-) Tj 0 -12 Td (agency plan ) Tj"
        b" 0 -12 Td (- first item) Tj 0 -12 Td (- second item) Tj ET"
        b" BT /F1 10 Tf 204 366 Td (Other cell) Tj ET"
    )
    doc = read_pdf(one_page_pdf(tmp_path / "cells.pdf", rules + b" " + text))
    tables = [block for block in doc.blocks if isinstance(block, Table)]
    assert len(tables) == 1
    (row,) = tables[0].rows
    assert [cell.text for cell in row.cells] == [
        "Agreed multi-agency plan\n- first item\n- second item",
        "Other cell",
    ]
    assert row.page_start == row.page_end == 1


def test_a_heading_at_a_page_foot_does_not_run_on_into_the_next_page() -> None:
    """A chapter heading (14 pt) ends one page, a finding's heading (10 pt, also
    bold) starts the next: two paragraphs, whatever the line ends say."""
    chapter = Paragraph("Chapter 4 – ADDITIONAL LEARNING", bold=True, size=14.0)
    finding = Paragraph("1. The importance of holistic", bold=True, size=10.0)
    assert not _same_style(chapter, finding)
    assert _same_style(finding, Paragraph("assessments", bold=True, size=10.0))


def test_a_word_broken_again_at_the_page_foot_is_judged_with_the_next_page() -> None:
    """A narrow cell ends its page "GP" / "safeguardin" and goes on "g Lead" on
    the next: "safeguardin" is no word, but the piece over the page makes it
    one, so "GP" stays apart ("GPsafeguarding" when judged without it)."""
    upper = Row([Cell(f"Forum on 31/10/14 GP{WORD_BREAK}safeguardin", 0, 0)])
    lower = Row([Cell("g Lead forum", 0, 0)], continues_previous=True)
    blocks: list[Block] = [Table([upper], n_cols=1), Table([lower], n_cols=1)]
    pending = [PendingJoin(lower, 0, "safeguardin", (upper, 0))]
    _resolve_word_breaks(blocks, pending, spaces=False)
    assert upper.cells[0].text == "Forum on 31/10/14 GP safeguardin"
    assert lower.cells[0].joiner == ""
    assert lower.cells[0].text == "g Lead forum"


def test_text_after_a_table_ends_it_only_where_it_may_be_a_heading() -> None:
    """The next page's table may continue a table with text beside it (a
    column cut off at the page's edge, even in bold) or under it in the
    running face (a footnote); a bold line, one set well above the running
    size, or a finding's opening line under it starts something else."""
    table = PageTable(Table([], 1), (0.0, 0.0, 400.0, 300.0), [], [], 0.0, 10.0)
    beside = Paragraph("Des Out", bold=True, size=9.0)
    footnote = Paragraph("1 Figures for the quarter are provisional.", size=8.0)
    edges = (None, None)

    def after(*items: tuple[float, Paragraph]) -> PageTable | None:
        page = [(0.0, table, edges), *((top, p, edges) for top, p in items)]
        return _goes_on(page, (0, table), body=10.0)

    assert after((120.0, beside), (560.0, footnote)) is table
    assert after((300.5, Paragraph("Finding 2 follows", bold=True, size=10.0))) is None
    assert after((310.0, Paragraph("Health", size=14.0))) is None
    assert after((310.0, Paragraph("Finding 2: Is there a pattern", size=10.0))) is None
