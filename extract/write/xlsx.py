"""The run's tables as one Excel workbook, a sheet per table, ready to filter and read.

Analysts open plans in Excel, so the workbook does what they would otherwise do by
hand: the header row stays in view (frozen) with filters on it, long cells wrap in
columns wide enough to read, and each action's `rag` cell is filled with its status
colour, so a sheet of 300 rows shows its reds and ambers at a glance.

Every text cell is written as text, even one starting with `=`, so a response such
as "=> escalate" is never read as a formula, and an id such as "1.1" never turns into
a number; dates are real date cells. Characters that the file format cannot hold
(control characters) are dropped rather than making Excel repair it.

Printed, a sheet is landscape, fitted to the page width, with its header row on
every page; columns empty in every row and the machine columns (`doc_id`, the JSON
columns, boxes) stand last and are left out of the printed area, so a manager's
printout holds what people read.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from schemas.vocab import RAG_COLOURS

# Excel's limit on the characters in one cell; longer text makes it repair the file.
MAX_CELL_CHARS = 32767
# Column widths in characters: wide enough for short codes and headers, and for
# long text wide enough to read a line without making the sheet sprawl.
MIN_WIDTH, MAX_WIDTH = 8, 60
# Columns for programs rather than readers: ids, JSON and geometry. They come
# last in each sheet and are not printed.
MACHINE_COLUMNS = (
    "doc_id",
    "rag_key",
    "issues",
    "target_dates",
    "extra",
    "spans",
    "bbox",
)
# Row heights: points per line of wrapped text, and the most lines a row is made
# tall enough for (a longer cell scrolls rather than filling pages).
LINE_POINTS, MAX_LINES = 15.0, 12
DATE_FORMAT = "yyyy-mm-dd"

_FILLS = {
    status.value: PatternFill("solid", start_color=colour, end_color=colour)
    for status, colour in RAG_COLOURS.items()
}
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FONT = Font(bold=True)


def write_workbook(path: Path, tables: dict[str, pa.Table]) -> None:
    """Write each table as a sheet named after it, in the order given."""
    book = Workbook()
    book.remove(book.active)
    for name, table in tables.items():
        _fill_sheet(book.create_sheet(name), table)
    book.save(path)


def sheet_columns(table: pa.Table) -> tuple[list[str], int]:
    """A sheet's columns, and how many of them are printed: the reader's columns
    that hold something, in the table's order; then those empty in every row (a
    plan without a Lead column); then the machine columns."""
    readable = [n for n in table.column_names if n not in MACHINE_COLUMNS]
    filled = [n for n in readable if _has_values(table.column(n))]
    empty = [n for n in readable if n not in filled]
    machine = [n for n in table.column_names if n in MACHINE_COLUMNS]
    return [*filled, *empty, *machine], len(filled)


def _has_values(column: pa.ChunkedArray) -> bool:
    return any(value not in (None, "") for value in column.to_pylist())


def _fill_sheet(sheet: Worksheet, table: pa.Table) -> None:
    names, printed = sheet_columns(table)
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.alignment = _WRAP
    widths = [len(name) + 2 for name in names]
    for values in zip(*(table.column(n).to_pylist() for n in names), strict=True):
        row = [_cell_value(value) for value in values]
        sheet.append(row)
        for index, value in enumerate(row):
            if isinstance(value, str):
                longest = max((len(line) for line in value.split("\n")), default=0)
                widths[index] = max(widths[index], longest + 2)
    widths = [min(max(width, MIN_WIDTH), MAX_WIDTH) for width in widths]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _style_rows(sheet, widths)
    if "rag" in names:
        column = names.index("rag") + 1
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            if cell.value in _FILLS:
                cell.fill = _FILLS[cell.value]
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(names))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    _page_setup(sheet, printed or len(names))


def _style_rows(sheet: Worksheet, widths: list[int]) -> None:
    """Wrap every cell, keep text as text, format dates, and make each row tall
    enough for its longest wrapped cell (up to MAX_LINES lines)."""
    for data in sheet.iter_rows(min_row=2):
        lines = 1
        for cell, width in zip(data, widths, strict=True):
            cell.alignment = _WRAP
            if cell.data_type == "f":  # openpyxl reads "=…" as a formula
                cell.data_type = "s"
            if cell.is_date:
                cell.number_format = DATE_FORMAT
            if isinstance(cell.value, str):
                lines = max(lines, wrapped_lines(cell.value, width))
        if lines > 1:
            sheet.row_dimensions[data[0].row].height = LINE_POINTS * min(
                lines, MAX_LINES
            )


def wrapped_lines(text: str, width: int) -> int:
    """About how many lines `text` takes in a column `width` characters wide."""
    usable = max(1, width - 2)
    return sum(max(1, -(-len(line) // usable)) for line in text.split("\n"))


def _page_setup(sheet: Worksheet, printed: int) -> None:
    """Landscape, fitted to one page wide, the header row on every page, and the
    printed area the first `printed` columns (those the reader needs)."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    last = get_column_letter(printed)
    sheet.print_area = f"A1:{last}{max(sheet.max_row, 1)}"


def _cell_value(value: object) -> object:
    """A value Excel can hold: text cleaned of control characters and cut to the
    cell limit; numbers and empty cells as they are."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_CHARS]
    return value
