"""`extract.pdf.tables`: a cell the page end left open keeps the lines its rules
stopped short of (a browser draws a row's rules only down to the last cell beside
it, while a merged cell's text runs on to the page foot), and a paragraph after a
table stays outside it."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdf_bytes import one_page_pdf

from extract.pdf.page import page_tables

# A 400 pt page: a header band from 40 to 60 pt (from the top) and a last band from
# 60 to 80 pt over three 100 pt columns, the vertical rules ending at 80 pt.
RULES = [
    b"0.5 w 50 360 m 350 360 l S 50 340 m 350 340 l S",
    *(b"%d 360 m %d 320 l S" % (x, x) for x in (50, 150, 250, 350)),
]
HEADER = [
    b"BT /F1 8 Tf %d %d Td (%s) Tj ET" % (x + 3, y, word)
    for x, words in ((50, (b"Questions", b"asked")), (150, (b"Agency", b"name")))
    for y, word in zip((352, 342), words, strict=True)
]
FIRST = b"BT /F1 8 Tf 53 324 Td (8c. Does the Board ) Tj ET"
BESIDE = b"BT /F1 8 Tf 153 324 Td (Thurrock CCG) Tj ET"
TAIL = (b"have any evidence ", b"about the quality of ", b"assessments")


def _lines(top: int, texts: tuple[bytes, ...], pitch: int = 10) -> list[bytes]:
    """Text lines in the first column, baselines `pitch` apart from `top`
    (PDF coordinates)."""
    return [
        b"BT /F1 8 Tf 53 %d Td (%s) Tj ET" % (top - pitch * i, text)
        for i, text in enumerate(texts)
    ]


def _read(tmp_path: Path, *ops: bytes) -> tuple[str, float]:
    """The first column's text in the last row that has one, and the table's foot."""
    content = b"\n".join([*RULES, *HEADER, FIRST, BESIDE, *ops])
    with pdfplumber.open(one_page_pdf(tmp_path / "run-on.pdf", content)) as pdf:
        (found,) = page_tables(pdf.pages[0], 1, []).tables
    texts = [r.cells[0].text for r in found.table.rows if r.cells[0].text]
    return texts[-1], found.bbox[3]


def test_lines_under_an_open_cell_at_its_pitch_are_its_own(tmp_path: Path) -> None:
    """The cell's lines go on under the end of its rules at its pitch: all are the
    cell's, and the table reaches down over them."""
    text, foot = _read(tmp_path, *_lines(314, TAIL))
    assert text == f"8c. Does the Board {' '.join(t.decode().strip() for t in TAIL)}"
    assert foot > 100


def test_a_closing_rule_or_a_gap_leaves_the_lines_outside(tmp_path: Path) -> None:
    """Under a drawn bottom rule, one line pitch down or not, or after a gap
    wider than a paragraph's, the lines are a paragraph after the table."""
    closed = _read(tmp_path, b"50 320 m 350 320 l S", *_lines(314, TAIL))
    after_gap = _read(tmp_path, *_lines(300, TAIL))
    for text, foot in (closed, after_gap):
        assert text == "8c. Does the Board"
        assert round(foot) == 80


def test_lines_running_wider_than_the_cell_stay_outside(tmp_path: Path) -> None:
    """Text one pitch down that runs past the cell's columns flows as a page's
    paragraph does: none of it is the cell's."""
    wide = (TAIL[0], b"about the quality of assessments made by every agency here")
    text, foot = _read(tmp_path, *_lines(314, wide))
    assert text == "8c. Does the Board"
    assert round(foot) == 80
