"""Ruled tables on a PDF page: rules, cells on a column grid, rows, fills.

Rules are the page's drawn lines and thin rectangles; filled rectangles are shading,
never rules, so a shaded cell cannot invent an extra row. pdfplumber finds the
cells formed by the rules; this module puts them on a grid: a cell wider than one
column slot is a horizontal merge, one taller than one row band a vertical merge.
Thresholds are derived from the page's own font size.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Any

from pdfplumber.page import Page
from pdfplumber.table import TableFinder

from extract.pdf.cell_boxes import CellRules, band_span, cluster, row_edges
from extract.pdf.grid_runs import grid_runs
from extract.pdf.objects import PageObjects
from extract.pdf.rules import (
    PAGE_EDGE,
    close_at_page_edges,
    close_open_tops,
    join_rule_ends,
    merge_double_rules,
    rules_and_fills,
)
from extract.pdf.settings import SETTINGS, PdfSettings
from extract.pdf.text import Char, Line, group_lines, join_lines
from normalise.continuation import grid_slots, in_slots, placed
from schemas.blocks import BBox, Cell, Row, Table
from schemas.errors import one_line


@dataclass(slots=True)
class GridCell:
    """A cell found on the page, with its grid position and text lines."""

    bbox: BBox
    first_col: int
    last_col: int
    first_row: int
    last_row: int
    lines: list[Line] = field(default_factory=list)
    fill: str | None = None
    # Closed by the page's end, not by a rule the producer drew: the cell runs on.
    cut_at_foot: bool = False
    cut_at_head: bool = False

    def in_band(self, text: str, starts: bool, page_no: int) -> Cell:
        """The cell as one band of a row shows it: its text in the band it starts
        in, empty and continuing the cell above in the bands below."""
        return Cell(
            text=text if starts else "",
            first_col=self.first_col,
            last_col=self.last_col,
            continues_above=not starts,
            fill=self.fill,
            page=page_no,
            bbox=self.bbox,
        )


@dataclass(slots=True)
class PageTable:
    """A table as found on one page, keeping the geometry continuation needs.

    `padding` is the typical space above a cell's first line, `bottom_padding`
    the space under the last line of a row's tallest cell, `pitch` the line pitch.
    """

    table: Table
    bbox: BBox
    cells: list[GridCell]
    bands: list[tuple[float, float]]
    padding: float
    pitch: float
    bottom_padding: float = 0.0


def placed_on_grid(found: PageTable, edges: tuple[float, ...]) -> PageTable:
    """`found` with its cells in the slots of the column grid `edges` (the table
    above, on the page before), when its columns are part of that grid: a page
    whose first column has no cell (a cell merged down from the page before,
    left open) still continues the table above, cell for cell."""
    slots = grid_slots(found.table.col_edges, edges)
    if slots is None:
        return found
    cells = [in_slots(cell, slots) for cell in found.cells]
    return replace(found, table=placed(found.table, slots, edges), cells=cells)


class TableFinderFailed(Exception):
    """pdfplumber's table finder could not handle a page's rules: the page is
    read without tables (and reported), the document is not refused."""


def find_page_tables(
    page: Page,
    objects: PageObjects,
    chars: list[Char],
    page_no: int,
    body_size: float,
    spaces: bool = True,
    settings: PdfSettings = SETTINGS,
) -> list[PageTable]:
    """Every ruled table on the page, top to bottom, with its cells' text."""
    thin = settings.thin(body_size)
    tolerance = thin * settings.rule_snap
    horizontal, vertical, fills = rules_and_fills(objects, thin)
    if len(horizontal) < 2 or len(vertical) < 2:  # a lone rule bounds no cell
        return []
    visible = [c for c in chars if c["text"].strip()]
    gap = settings.double_rule_gap * body_size
    # Closed first, so a closing rule just under the last drawn one merges with it.
    horizontal += close_at_page_edges(horizontal, vertical, thin, gap)
    horizontal = merge_double_rules(horizontal, visible, gap, horizontal=True)
    vertical = merge_double_rules(vertical, visible, gap, horizontal=False)
    horizontal = join_rule_ends(horizontal, vertical, visible, gap, tolerance, True)
    vertical = join_rule_ends(vertical, horizontal, visible, gap, tolerance, False)
    horizontal += close_open_tops(horizontal, vertical, tolerance, gap)
    edges = tuple(rule["top"] for rule in horizontal if rule.get(PAGE_EDGE))
    finder = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical,
        "explicit_horizontal_lines": horizontal,
        "snap_tolerance": tolerance,
        "join_tolerance": tolerance,
        "intersection_tolerance": tolerance,
    }
    try:
        found = TableFinder(page, finder).tables
    except Exception as exc:  # the finder's limit, no evidence against the file
        raise TableFinderFailed(one_line(exc)) from exc
    sides = CellRules(horizontal, vertical, settings, tolerance)
    tables = []
    for t in found:
        cells = [box for box in t.cells if not sides.is_hole(box, visible)]
        for box, run in grid_runs(t.bbox, cells, tolerance) if len(cells) > 1 else []:
            table = _page_table(
                box,
                run,
                chars,
                fills,
                page_no,
                tolerance,
                spaces,
                reach=gap,
                thin=thin,
                page_ends=edges,
                sides=sides,
            )
            tables += [table] if table else []
    return sorted(tables, key=lambda t: t.bbox[1])


def _index(edges: list[float], value: float, tolerance: float) -> int:
    i = bisect_left(edges, value - tolerance)
    return min(i, len(edges) - 1)


def _page_table(
    bbox: BBox,
    boxes: list[BBox],
    chars: list[Char],
    fills: list[dict[str, Any]],
    page_no: int,
    tolerance: float,
    spaces: bool,
    *,
    reach: float = 0.0,
    thin: float = 0.0,
    page_ends: tuple[float, ...] = (),
    sides: CellRules | None = None,
) -> PageTable | None:
    """The table formed by the finder's cell boxes. A cell edge within `reach`
    (the double-rule gap) of a row boundary is at it; an edge further inside a
    band (a box drawn short, over a hole in the grid) still covers that band.
    `page_ends` are the levels where the reader closed cells at a page end (the
    cells there are marked cut); `sides` tells a cell's own rules: where its box
    was drawn and whether the page end closed it. Cells the page end left open
    beside cells of the last row closed by their own rules run on past that row
    (by more than a rule's thickness, `thin`): a band of their own takes them
    below it."""
    xs = cluster([b[0] for b in boxes] + [b[2] for b in boxes], tolerance)
    ys = row_edges(boxes, tolerance, page_ends)
    if len(xs) < 2 or len(ys) < 2:
        return None
    reach = max(reach, tolerance)
    cells = []
    for b in boxes:
        first_row, last_row = band_span(ys, b[1], b[3], reach)
        foot, head = (
            sides.cut(b)
            if sides
            else (any(abs(b[i] - y) <= tolerance for y in page_ends) for i in (3, 1))
        )
        cells.append(
            GridCell(
                bbox=sides.drawn(b) if sides else b,
                first_col=_index(xs, b[0], tolerance),
                last_col=_index(xs, b[2], tolerance) - 1,
                first_row=first_row,
                last_row=last_row,
                cut_at_foot=foot,
                cut_at_head=head,
            )
        )
    _run_on_past_the_last_row(cells, ys, thin)
    _assign_chars(cells, xs, ys, chars)
    if _run_on_below_the_rules(cells, ys, chars, reach):
        bbox = (bbox[0], bbox[1], bbox[2], ys[-1])
        _assign_chars(cells, xs, ys, chars)
    for cell in cells:
        cell.fill = _fill_of(cell.bbox, fills)
    bands = list(itertools.pairwise(ys))
    rows = _rows(cells, len(bands), page_no, spaces)
    padding, pitch = _metrics(cells)
    table = Table(rows=rows, n_cols=len(xs) - 1, page=page_no, col_edges=tuple(xs))
    return PageTable(table, bbox, cells, bands, padding, pitch, _bottom_padding(cells))


def _run_on_past_the_last_row(
    cells: list[GridCell], ys: list[float], thin: float
) -> None:
    """Give the cells of the last band that the page end left open, beside
    cells there closed by their own rules, a band of their own below it (a cell
    merged down rows that goes on to the next page, while its row ended just
    above the page end); not where they end within a rule's thickness of that
    row's end (the open boxes' sides reach the outer edge of the rule drawn
    under the closed ones): that is the page end too."""
    last = [c for c in cells if c.last_row == len(ys) - 2]
    cut = [c for c in last if c.cut_at_foot]
    if not cut or len(cut) == len(last):
        return
    end = max(c.bbox[3] for c in cut)
    if end > ys[-1] + thin:
        ys.append(end)
        for cell in cut:
            cell.last_row += 1


def _run_on_below_the_rules(
    cells: list[GridCell], ys: list[float], chars: list[Char], reach: float
) -> bool:
    """Give a cell of the last band that the page end left open the lines right
    under the table, where its rules stopped short of its text (a browser draws a
    cell's rules only down to the last row beside it). The lines are its own when
    they lie in its columns, the first one line pitch under its last line (which
    reaches the band's foot) and each one a pitch under the one above, and no other
    text follows within a paragraph gap (a page footer may follow after one); a
    paragraph after a table follows a closing rule or a clear gap, or runs wider."""
    foot = ys[-1]
    below = group_lines(c for c in chars if c["text"].strip() and _middle(c) > foot)
    _, pitch = _metrics(cells)
    last = [c for c in cells if c.last_row == len(ys) - 2 and c.cut_at_foot]
    owner = next((c for c in last if below and _holds(c.bbox, below[0], reach)), None)
    if owner is None or not owner.lines or foot - owner.lines[-1].bottom > pitch:
        return False
    slack = SETTINGS.run_on_pitch * pitch
    run, above = [], owner.lines[-1]
    for line in below:
        if abs(line.top - above.top - pitch) > slack or not _holds(
            owner.bbox, line, reach
        ):
            if line.top - above.bottom <= SETTINGS.paragraph_gap * line.size:
                return False  # the text flows on unlike a cell's: not the cell's
            break
        run.append(line)
        above = line
    if not run:
        return False
    ys.append(run[-1].bottom + max(0.0, owner.bbox[3] - owner.lines[-1].bottom))
    owner.bbox = (owner.bbox[0], owner.bbox[1], owner.bbox[2], ys[-1])
    owner.last_row = len(ys) - 2
    return True


def _holds(bbox: BBox, line: Line, reach: float) -> bool:
    """Whether the line lies within the box's columns."""
    return line.x0 >= bbox[0] - reach and line.x1 <= bbox[2] + reach


def _middle(char: Char) -> float:
    return (char["top"] + char["bottom"]) / 2


def _assign_chars(
    cells: list[GridCell], xs: list[float], ys: list[float], chars: list[Char]
) -> None:
    """Each character to the cell holding its centre, by grid lookup (where two
    cells drawn short share a band, to the one nearer the character)."""
    slot: dict[tuple[int, int], list[GridCell]] = {}
    for cell in cells:
        for r in range(cell.first_row, cell.last_row + 1):
            for c in range(cell.first_col, cell.last_col + 1):
                slot.setdefault((r, c), []).append(cell)
    buckets: dict[int, list[Char]] = {}
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            continue
        col = max(bisect_left(xs, cx) - 1, 0)
        row = max(bisect_left(ys, cy) - 1, 0)
        claims = slot.get((row, col))
        if claims:
            cell = min(claims, key=lambda c: _distance(c.bbox, cy))
            buckets.setdefault(id(cell), []).append(char)
    for cell in cells:
        cell.lines = group_lines(buckets.get(id(cell), []))


def _distance(bbox: BBox, y: float) -> float:
    return max(bbox[1] - y, 0.0, y - bbox[3])


def in_table(char: Char, bbox: BBox) -> bool:
    """Whether a character's centre lies inside a table's box."""
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _fill_of(bbox: BBox, fills: list[dict[str, Any]]) -> str | None:
    """The colour of a filled rectangle covering most of the cell, as RGB hex."""
    area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])
    for rect in fills:
        w = min(bbox[2], rect["x1"]) - max(bbox[0], rect["x0"])
        h = min(bbox[3], rect["bottom"]) - max(bbox[1], rect["top"])
        if w > 0 and h > 0 and w * h >= 0.5 * area:
            colour = _hex(rect.get("non_stroking_color"))
            if colour and colour != "FFFFFF":
                return colour
    return None


def _hex(colour: Any) -> str | None:
    if not isinstance(colour, (list, tuple)):
        return None
    values = [float(v) for v in colour]
    if len(values) == 1:
        values = values * 3
    elif len(values) == 4:  # CMYK
        c, m, y, k = values
        values = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    if len(values) != 3:
        return None
    return "".join(f"{round(max(0.0, min(1.0, v)) * 255):02X}" for v in values)


def _rows(cells: list[GridCell], n_bands: int, page_no: int, spaces: bool) -> list[Row]:
    """One Row per band: cells starting in it, and the lower parts of taller ones."""
    rows = [Row(cells=[], page_start=page_no, page_end=page_no) for _ in range(n_bands)]
    for cell in cells:
        right = cell.bbox[2] - _left_padding(cell)
        text = join_lines(cell.lines, right, spaces)
        for band in range(cell.first_row, cell.last_row + 1):
            rows[band].cells.append(cell.in_band(text, band == cell.first_row, page_no))
    for row in rows:
        row.cells.sort(key=lambda c: c.first_col)
    return rows


def _left_padding(cell: GridCell) -> float:
    if not cell.lines:
        return 0.0
    return max(0.0, min(line.x0 for line in cell.lines) - cell.bbox[0])


def _bottom_padding(cells: list[GridCell]) -> float:
    """The space under the last line of each row's tallest cell (median over the
    rows, each cell's own box measured, as boxes may end short of their band):
    what a producer leaves under a cell's text, whatever the alignment."""
    rows: dict[int, float] = {}
    for cell in cells:
        if cell.lines:
            gap = max(0.0, cell.bbox[3] - cell.lines[-1].bottom)
            rows[cell.last_row] = min(gap, rows.get(cell.last_row, gap))
    gaps = sorted(rows.values())
    return gaps[(len(gaps) - 1) // 2] if gaps else 0.0  # the lower median


def _metrics(cells: list[GridCell]) -> tuple[float, float]:
    """The table's typical top padding and line pitch, measured from its cells."""
    pads = sorted(c.lines[0].top - c.bbox[1] for c in cells if c.lines)
    pitches = sorted(
        b.top - a.top
        for c in cells
        for a, b in zip(c.lines, c.lines[1:], strict=False)
        if b.top > a.top
    )
    padding = pads[len(pads) // 2] if pads else 2.0
    pitch = pitches[len(pitches) // 2] if pitches else 10.0
    return padding, pitch
