"""Spreadsheet plans (.xlsx, .xlsm; .ods through LibreOffice) as blocks.

Many trackers are kept in Excel. A sheet is a grid, so what is a table and what
is a title line comes from the layout, the way a reader sees it:

- each visible sheet is read, in workbook order; hidden sheets, hidden rows and
  hidden columns are not (what a reader sees is what is printed);
- blank rows separate blocks; a block whose rows each hold one cell of text, in
  one column, with no merged range, is paragraphs (title lines, a date line);
  rows like that at the top of a larger block are paragraphs too (a title typed
  straight above the table);
- any other block is a table over the columns it uses: a merged range is one
  cell, its text in the first row, its lower rows `continues_above` (so a merged
  question fills down), and a solid fill is the cell's shading;
- cells show what Excel shows: a formula's cached value, a whole number without
  ".0", a date day first (dd/mm/yyyy, as the plans print them).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from schemas.blocks import Block, Cell, ExtractedDocument, Paragraph, Row, Table
from schemas.errors import DocumentLoadError, one_line, raised_inside

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell as Cell_
    from openpyxl.worksheet.worksheet import Worksheet


def read_sheet(path: Path, kind: str) -> ExtractedDocument:
    """Read a spreadsheet plan; `kind` is `xlsx`, `xlsm` or `ods`."""
    import openpyxl

    from extract.docx.guards import check_package

    data = path.read_bytes()
    package = data
    if kind == "ods":
        from extract.convert import convert

        package = convert(path, "ods")
    check_package(package)
    try:
        with warnings.catch_warnings():  # openpyxl warns of parts it drops
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(package), data_only=True)
    except Exception as exc:  # zipfile, lxml and openpyxl raise many kinds
        raise DocumentLoadError(
            f"not a readable spreadsheet ({one_line(exc)})"
        ) from exc
    try:
        blocks = [
            block
            for sheet in book.worksheets
            if sheet.sheet_state == "visible"
            for block in sheet_blocks(sheet)
        ]
    except Exception as exc:
        if raised_inside(exc, (openpyxl,)):
            raise DocumentLoadError(
                f"a malformed spreadsheet ({one_line(exc)})"
            ) from exc
        raise
    return ExtractedDocument(
        source=path,
        format=kind,  # type: ignore[arg-type]
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=blocks,
    )


def sheet_blocks(sheet: Worksheet) -> Iterator[Block]:
    """A worksheet's paragraphs and tables, top to bottom."""
    grid = _Grid(sheet)
    block: list[int] = []
    for r in grid.rows:
        if block and grid.gap(block[-1], r):
            yield from grid.block(block)
            block = []
        block.append(r)
    if block:
        yield from grid.block(block)


class _Grid:
    """A sheet's visible rows and columns that hold something, its merged ranges,
    its cells' text. Only the cells the file holds are looked at (a sheet
    formatted down to row 1,048,576 costs nothing more)."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self._cells = sheet._cells  # the cells the file holds, by (row, column)
        self.merges: dict[tuple[int, int], tuple[int, int]] = {}
        self.owner: dict[tuple[int, int], tuple[int, int]] = {}
        for m in sheet.merged_cells.ranges:
            self.merges[m.min_row, m.min_col] = (m.max_row, m.max_col)
            for r in range(m.min_row, m.max_row + 1):
                for c in range(m.min_col, m.max_col + 1):
                    self.owner[r, c] = (m.min_row, m.min_col)
        self._text: dict[tuple[int, int], str] = {}
        filled = {key for key in self._cells if self.text(*key)} | set(self.owner)
        hidden = _hidden_columns(sheet)
        self.cols = sorted({c for _, c in filled} - hidden)
        self.rows = sorted(
            {r for r, c in filled if c not in hidden and not _hidden_row(sheet, r)}
        )

    def text(self, r: int, c: int) -> str:
        if (r, c) not in self._text:
            cell = self._cells.get((r, c))
            self._text[r, c] = _shown(cell.value) if cell is not None else ""
        return self._text[r, c]

    def gap(self, above: int, below: int) -> bool:
        """Whether a visible blank row lies between two rows that hold something."""
        return any(not _hidden_row(self.sheet, r) for r in range(above + 1, below))

    def block(self, rows: list[int]) -> Iterator[Block]:
        """One block of rows: title lines as paragraphs, the rest as a table."""
        lead = 0
        while lead < len(rows) and self._is_line(rows[lead]):
            lead += 1
        for r in rows[:lead]:
            col = next(c for c in self.cols if self.text(r, c))
            font = self._cells[r, col].font
            yield Paragraph(text=self.text(r, col), bold=bool(font and font.b))
        if lead < len(rows):
            yield self._table(rows[lead:])

    def _is_line(self, r: int) -> bool:
        """A row of one text cell and no merged range: a line of text."""
        filled = [c for c in self.cols if self.text(r, c)]
        return len(filled) == 1 and not any((r, c) in self.owner for c in self.cols)

    def _table(self, rows: list[int]) -> Table:
        used = [
            c
            for c in self.cols
            if any(self.text(r, c) or (r, c) in self.owner for r in rows)
        ]
        hidden = _hidden_columns(self.sheet)
        grid = [c for c in range(used[0], used[-1] + 1) if c not in hidden]
        slot = {c: i for i, c in enumerate(grid)}
        out: list[Row] = []
        for r in rows:
            cells: list[Cell] = []
            for c in grid:
                top, left = self.owner.get((r, c), (r, c))
                if left != c:
                    continue  # covered by a merged range that starts to the left
                right = self.merges.get((top, left), (r, c))[1]
                last = max(slot[x] for x in grid if c <= x <= right)
                continues = top != r
                text = "" if continues else self.text(r, c)
                fill = _fill(self._cells.get((top, c)))
                cells.append(Cell(text, slot[c], last, continues, fill))
            out.append(Row(cells=cells))
        return Table(rows=out, n_cols=len(grid))


def _shown(value: object) -> str:
    """A cell's value as Excel shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        shown = "%d/%m/%Y" if value.time() == time() else "%d/%m/%Y %H:%M"
        return value.strftime(shown)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _fill(cell: Cell_ | None) -> str | None:
    """A solid fill's colour as RRGGBB; theme and pattern fills are not read."""
    fill = cell.fill if cell is not None else None
    if fill is None or fill.fill_type != "solid":
        return None
    colour = fill.fgColor
    if colour is None or colour.type != "rgb" or not isinstance(colour.rgb, str):
        return None
    rgb = colour.rgb.upper()
    return rgb[-6:] if len(rgb) in (6, 8) else None


def _hidden_row(sheet: Worksheet, r: int) -> bool:
    dims = sheet.row_dimensions.get(r)
    return bool(dims is not None and dims.hidden)


def _hidden_columns(sheet: Worksheet) -> set[int]:
    """Hidden columns (a dimension may cover a range of them)."""
    hidden: set[int] = set()
    for dims in sheet.column_dimensions.values():
        if dims.hidden and dims.min is not None:
            hidden.update(range(dims.min, (dims.max or dims.min) + 1))
    return hidden
