"""`extract.pdf.cell_boxes`: cell boxes put on row bands when a producer draws a
box short of its rows (separate borders, a merged cell cut by a page break), on
hand-placed geometry, and on a one-page PDF drawn box by box as a browser draws
`border-collapse: separate` (every cell its own stroked box, 1.5 pt inside the
grid, so every boundary is two rules 3 pt apart)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdf_bytes import one_page_pdf

from extract.pdf.cell_boxes import CellRules, band_span, row_edges
from extract.pdf.page import page_tables
from extract.pdf.rules import PAGE_EDGE, merge_double_rules
from extract.pdf.settings import SETTINGS

TOLERANCE = 2.8


def test_the_end_of_a_box_drawn_short_bounds_no_row() -> None:
    """Column A's first box stops 20 pt into the second row; another box lies
    below it in its column, so its end is no row boundary, and the box covers the
    band it reaches into."""
    boxes = [
        (0, 0, 50, 70), (0, 100, 50, 150),
        (50, 0, 100, 50), (50, 50, 100, 100), (50, 100, 100, 150),
    ]  # fmt: skip
    edges = row_edges(boxes, TOLERANCE)
    assert edges == [0, 50, 100, 150]
    assert band_span(edges, 0, 70, reach=7.0) == (0, 1)
    assert band_span(edges, 100, 150, reach=7.0) == (2, 2)


def test_edges_within_the_double_rule_gap_are_at_the_boundary() -> None:
    edges = [0.0, 50.0, 100.0]
    assert band_span(edges, 3.0, 46.0, reach=7.0) == (0, 0)  # 4 pt short: at it
    assert band_span(edges, 0.0, 60.0, reach=7.0) == (0, 1)  # 10 pt into row 2
    assert band_span(edges, 0.0, 4.0, reach=7.0) == (0, 0)  # every box one band


def test_the_last_row_beside_cells_running_on_past_the_page_end_is_a_row() -> None:
    """Column A is merged down and runs on to the page end (150); column B's last
    cell ends at 120: a band of its own, so A is seen to run on past the row."""
    boxes = [(0, 0, 50, 150), (50, 0, 100, 50), (50, 50, 100, 120)]
    assert row_edges(boxes, TOLERANCE, page_ends=(150.0,)) == [0, 50, 120, 150]
    # A drawn rule at 150 (no page end): column B's box ended short of its row.
    assert row_edges(boxes, TOLERANCE) == [0, 50, 150]


def test_a_merged_box_ending_beside_its_last_row_going_on_bounds_no_row() -> None:
    """Column A's box is merged down two rows (0 to 120); column B's second row
    starts at 50 and runs on to the page end (150): A started higher and ended
    first, so it was drawn short of the row it spans (WeasyPrint at a page
    break), not the last row of its column."""
    boxes = [(0, 0, 50, 120), (50, 0, 100, 50), (50, 50, 100, 150)]
    assert row_edges(boxes, TOLERANCE, page_ends=(150.0,)) == [0, 50, 150]


def test_collapsed_grids_keep_every_level() -> None:
    boxes = [(0, 0, 50, 30), (50, 0, 100, 30), (0, 30, 100, 60), (0, 60, 50, 90)]
    assert row_edges(boxes, TOLERANCE) == [0, 30, 60, 90]


def _boxed(cells: list[tuple[float, float, float, float]], inset: float) -> tuple:
    """The horizontal and vertical rules of each cell's own box, `inset` inside
    its grid lines, merged into boundaries as the reader merges them."""
    horizontal, vertical = [], []
    for x0, top, x1, bottom in cells:
        a, b, c, d = x0 + inset, top + inset, x1 - inset, bottom - inset
        for y in (b, d):
            horizontal.append({"x0": a, "x1": c, "top": y, "bottom": y, "doctop": y})
        for x in (a, c):
            vertical.append({"x0": x, "x1": x, "top": b, "bottom": d, "doctop": b})
    gap = 6.0
    return (
        merge_double_rules(horizontal, [], gap, horizontal=True),
        merge_double_rules(vertical, [], gap, horizontal=False),
    )


def test_the_space_under_a_short_box_is_no_cell() -> None:
    """The middle column's box stops at 70 in a row ending at 100: what the finder
    sees between 70 and 100 is closed only by the neighbours' rules."""
    cells = [
        (0, 0, 50, 100), (50, 0, 100, 70), (100, 0, 150, 100),
        (0, 100, 50, 150), (50, 100, 100, 150), (100, 100, 150, 150),
    ]  # fmt: skip
    sides = CellRules(*_boxed(cells, inset=1.5), SETTINGS, TOLERANCE)
    hole = (50, 70, 100, 100)
    assert sides.is_hole(hole, [])
    assert not any(sides.is_hole(cell, []) for cell in cells)
    # Text in it would be a cell's text: kept, never dropped.
    char = {"text": "x", "x0": 70, "x1": 74, "top": 80, "bottom": 88}
    assert not sides.is_hole(hole, [char])


def test_empty_cells_of_a_single_ruled_grid_are_cells() -> None:
    cells = [(0, 0, 50, 30), (50, 0, 100, 30), (0, 30, 50, 60), (50, 30, 100, 60)]
    sides = CellRules(*_boxed(cells, inset=0.0), SETTINGS, TOLERANCE)
    assert not any(sides.is_hole(cell, []) for cell in cells)
    assert [sides.drawn(cell) for cell in cells] == cells


def test_a_cell_keeps_its_own_box_half_a_spacing_inside_inner_boundaries() -> None:
    """Two boxes 3 pt apart: the boundary between them is merged at 50, the
    table's outer rules are single, so each cell's own box is its drawn one."""
    cells = [(0, 0, 50, 100), (50, 0, 100, 100)]
    sides = CellRules(*_boxed(cells, inset=1.5), SETTINGS, TOLERANCE)
    found = [(1.5, 1.5, 50, 98.5), (50, 1.5, 98.5, 98.5)]
    assert [sides.drawn(box) for box in found] == [
        (1.5, 1.5, 48.5, 98.5),
        (51.5, 1.5, 98.5, 98.5),
    ]


def test_a_cell_closed_by_the_page_end_not_by_a_rule_of_its_own_is_cut() -> None:
    """Column B's box is closed by its own rule 3 pt above the page end; column
    A's box (merged down, going on) has only the rule the reader added at the
    page end: after merging the two they share a boundary, only A is cut."""
    cells = [(0, 0, 50, 100), (50, 0, 100, 97)]
    horizontal, vertical = _boxed(cells, inset=1.5)
    horizontal = [h for h in horizontal if not (h["x0"] < 50 and h["top"] > 90)]
    edge = {"x0": 1.5, "x1": 98.5, "top": 98.5, "bottom": 98.5, "doctop": 98.5,
            PAGE_EDGE: True}  # fmt: skip
    horizontal = merge_double_rules([*horizontal, edge], [], 6.0, horizontal=True)
    sides = CellRules(horizontal, vertical, SETTINGS, TOLERANCE)
    boundary = next(h["top"] for h in horizontal if h.get(PAGE_EDGE))
    assert sides.cut((1.5, 1.5, 50, boundary)) == (True, False)
    assert sides.cut((50, 1.5, 98.5, boundary)) == (False, False)
    assert sides.drawn((1.5, 1.5, 50, boundary))[3] == 98.5  # the page end


def test_an_empty_cell_cut_at_both_ends_is_a_merged_cell_going_on() -> None:
    """Column A's box has only its sides on this page: a cell merged down from
    the page before on to the next, its text elsewhere. The rules the reader
    added at the page's top and foot close it; it is a cell, not a hole."""
    cells = [(0, 0, 50, 100), (50, 0, 100, 100)]
    horizontal, vertical = _boxed(cells, inset=1.5)
    horizontal = [h for h in horizontal if h["x0"] >= 50]  # A: no top, no bottom
    edges = [{"x0": 1.5, "x1": 98.5, "top": y, "bottom": y, "doctop": y,
              PAGE_EDGE: True} for y in (0.5, 99.5)]  # fmt: skip
    horizontal = merge_double_rules([*horizontal, *edges], [], 6.0, horizontal=True)
    sides = CellRules(horizontal, vertical, SETTINGS, TOLERANCE)
    top, bottom = sorted({h["top"] for h in horizontal})
    box = (1.5, top, 50.0, bottom)
    assert sides.cut(box) == (True, True)
    assert not sides.is_hole(box, [])


# A one-page PDF (400 x 400 pt) of separate borders: columns at 20, 120, 250, 380;
# a header row (20-40) and rows at 40-100, 100-160, 160-200 (tops from the page
# top). The middle column's first cell is merged down rows 1 and 2 but its box is
# drawn short, ending at 125: the space under it is closed by its neighbours' box
# sides only. The first column's cell of rows 1-2 is short too (ends at 130), at
# the table's outer edge.
COLUMNS = (20.0, 120.0, 250.0, 380.0)
BOXES = [
    (0, 20, 40, "Agency"), (1, 20, 40, "Action"), (2, 20, 40, "Lead"),
    (0, 40, 130, "Police"), (1, 40, 125, "Train all staff"), (2, 40, 100, "JW"),
    (2, 100, 160, "NL"),
    (0, 160, 200, "BTUH"), (1, 160, 200, "Audit records"), (2, 160, 200, "AC"),
]  # fmt: skip


def _separate_borders_pdf(path: Path) -> Path:
    content = [b"0.75 w"]
    for col, top, bottom, text in BOXES:
        x0, x1 = COLUMNS[col] + 1.5, COLUMNS[col + 1] - 1.5
        y = 400 - (bottom - 1.5)
        content.append(b"%.2f %.2f %.2f %.2f re S" % (x0, y, x1 - x0, bottom - top - 3))
        content.append(
            b"BT /F1 8 Tf %.2f %.2f Td (%s) Tj ET"
            % (x0 + 3, 400 - top - 12, text.encode())
        )
    return one_page_pdf(path, b"\n".join(content))


def test_a_merged_box_drawn_short_of_its_rows_is_their_cell(tmp_path: Path) -> None:
    with pdfplumber.open(_separate_borders_pdf(tmp_path / "separate.pdf")) as pdf:
        tables = page_tables(pdf.pages[0], 1, []).tables
    assert len(tables) == 1
    table = tables[0]
    assert len(table.bands) == 4  # the header and three rows, no sliver
    spans = {
        " ".join(line.text for line in cell.lines): (
            cell.first_row, cell.last_row, cell.first_col,
        )
        for cell in table.cells
    }  # fmt: skip
    assert spans == {
        "Agency": (0, 0, 0), "Action": (0, 0, 1), "Lead": (0, 0, 2),
        "Police": (1, 2, 0), "Train all staff": (1, 2, 1), "JW": (1, 1, 2),
        "NL": (2, 2, 2), "BTUH": (3, 3, 0), "Audit records": (3, 3, 1),
        "AC": (3, 3, 2),
    }  # fmt: skip
    assert len(table.cells) == len(BOXES)  # nothing found in the holes


def test_a_merged_cell_going_on_past_the_last_row_gets_a_band_below_it(
    tmp_path: Path,
) -> None:
    """The last row's boxes are closed 4.5 pt above the page end; the merged cell
    beside them is left open and its sides run on to the page end: it runs on
    past the row (so its text on the next page is its tail), the row's cells do
    not."""
    content = [b"0.75 w"]
    boxes = [(0, 20, 40), (1, 20, 40), (2, 20, 40), (1, 40, 100), (2, 40, 100),
             (1, 100, 395), (2, 100, 395)]  # fmt: skip
    for col, top, bottom in boxes:
        x0, x1 = COLUMNS[col] + 1.5, COLUMNS[col + 1] - 1.5
        y = 400 - (bottom - 1.5)
        content.append(b"%.2f %.2f %.2f %.2f re S" % (x0, y, x1 - x0, bottom - top - 3))
    for x in (COLUMNS[0] + 1.5, COLUMNS[1] - 1.5):  # the open box: top and sides
        content.append(b"%.2f 358.5 m %.2f 2 l S" % (x, x))
    content.append(b"21.5 358.5 m 118.5 358.5 l S")
    for col, top, text in ((0, 20, b"Agency"), (1, 20, b"Action"), (2, 20, b"Lead"),
                           (0, 40, b"Police"), (1, 40, b"Train"), (2, 40, b"JW"),
                           (1, 100, b"Audit"), (2, 100, b"NL")):  # fmt: skip
        content.append(
            b"BT /F1 8 Tf %.2f %.2f Td (%s) Tj ET"
            % (COLUMNS[col] + 4.5, 388 - top, text)
        )
    pdf = one_page_pdf(tmp_path / "foot.pdf", b"\n".join(content))
    with pdfplumber.open(pdf) as opened:
        (table,) = page_tables(opened.pages[0], 1, []).tables
    cells = {" ".join(ln.text for ln in c.lines): c for c in table.cells}
    police, audit = cells["Police"], cells["Audit"]
    assert len(table.bands) == 4  # the header, two rows and the merged cell's
    assert (police.first_row, police.last_row, police.cut_at_foot) == (1, 3, True)
    assert (audit.first_row, audit.last_row, audit.cut_at_foot) == (2, 2, False)
