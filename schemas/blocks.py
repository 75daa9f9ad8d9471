"""What the readers hand to the normaliser: document blocks in reading order.

Both readers (Word and PDF) produce the same shapes, so everything after reading is
format-blind. Coordinates follow pdfplumber: points, origin at the top-left of the
page, boxes as (x0, top, x1, bottom).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of text outside any table (heading, title line or narrative)."""

    text: str
    heading_level: int | None = None
    bold: bool = False
    page: int | None = None
    size: float | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a table row, placed on the table's column grid.

    `first_col`..`last_col` (inclusive) are the grid slots the cell covers; more than
    one slot is a horizontal merge. `continues_above` marks the lower part of a
    vertically merged cell: its content belongs to the cell above, whatever text the
    reader found in it (a PDF may print the tail of a long merged cell there).
    `joiner` is what stands between the text of the cell this one continues (in a
    row cut by a page break) and this text: a line break, a space, or nothing for a
    word broken at the page end. The reader knows it from the geometry.
    """

    text: str
    first_col: int
    last_col: int
    continues_above: bool = False
    fill: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    joiner: str = "\n"


@dataclass(slots=True)
class Row:
    """A table row: its cells left to right and the pages it occupies.

    `repeats_as_header` marks a header row: one of the rows that name the table's
    columns (a header may be two or more rows, "Action" over What / Who / When), at
    the top of the table or printed again further down (after a page break, or at
    the top of a second table joined on). The one judgement of "is this a header
    row" lives in `normalise.headers` (which stitching asks about a page's repeated
    top rows); readers set the mark where the file says so (Word's
    `w:tblHeader`) or where their geometry shows it, and may mark every row of a
    repeated multi-row header. Everything downstream (rows, coverage) reads the
    mark and never judges again; a marked row is never an action row.
    `continues_previous` marks a row that is the rest of the row above it, cut by a
    page break (a reader judging it should look at the first row after the
    repeated header rows, however many there are).
    """

    cells: list[Cell]
    page_start: int | None = None
    page_end: int | None = None
    repeats_as_header: bool = False
    continues_previous: bool = False

    def text_at(self, col: int) -> str:
        """The text of the cell that starts at grid slot `col` ("" if none does)."""
        for cell in self.cells:
            if cell.first_col == col:
                return cell.text
        return ""


@dataclass(slots=True)
class Table:
    """A ruled table: rows on a grid of `n_cols` column slots."""

    rows: list[Row]
    n_cols: int
    page: int | None = None
    col_edges: tuple[float, ...] = ()


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class ReaderNote:
    """Something the reader could not do on a page that did not stop the document
    (a page read without its tables); it becomes an issue of the document."""

    code: str
    message: str
    page: int | None = None


@dataclass(slots=True)
class ExtractedDocument:
    """Everything a reader found in one file, before any interpretation."""

    source: Path
    format: Literal["pdf", "docx", "doc", "rtf", "odt", "xlsx", "xlsm", "ods"]
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    notes: list[ReaderNote] = field(default_factory=list)
