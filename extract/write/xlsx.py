"""The run's tables as one Excel workbook, a sheet per table, ready to filter and read.

Analysts open plans in Excel, so the workbook does what they would otherwise do by
hand: the header row stays in view (frozen) with filters on it, long cells wrap in
columns wide enough to read, and each action's `rag` cell is filled with its status
colour, so a sheet of 300 rows shows its reds and ambers at a glance.

Every text cell is written as text, even one starting with `=`, so a response such
as "=> escalate" is never read as a formula, and characters that the file format
cannot hold (control characters) are dropped rather than making Excel repair it.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from schemas.vocab import RAG_COLOURS

WORKBOOK = "scr-extract.xlsx"

# Excel's limit on the characters in one cell; longer text makes it repair the file.
MAX_CELL_CHARS = 32767
# Column widths in characters: wide enough for short codes and headers, and for
# long text wide enough to read a line without making the sheet sprawl.
MIN_WIDTH, MAX_WIDTH = 8, 60

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


def _fill_sheet(sheet: Worksheet, table: pa.Table) -> None:
    names = table.column_names
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
    for data in sheet.iter_rows(min_row=2):
        for cell in data:
            cell.alignment = _WRAP
            if cell.data_type == "f":  # openpyxl reads "=…" as a formula
                cell.data_type = "s"
    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(width, MIN_WIDTH), MAX_WIDTH)
    if "rag" in names:
        column = names.index("rag") + 1
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            if cell.value in _FILLS:
                cell.fill = _FILLS[cell.value]
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(names))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"


def _cell_value(value: object) -> object:
    """A value Excel can hold: text cleaned of control characters and cut to the
    cell limit; numbers and empty cells as they are."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_CHARS]
    return value
