"""Draw what the PDF reader sees on one page: tables, row bands, cells and merges.

When a row comes out wrong (two rows run together, a cell lost, a merge missed),
the quickest answer is a picture of the page with the reader's grid over it. This
reads the page through the reader's own `page_tables` (same characters, body size,
rules and table finders) and draws its result, so the picture cannot disagree with
the extraction. Cells the reader closed at a page end (no rule drawn there) are
marked, and on a page whose first table runs on from the page before, the reader's
judgement of its first row (joined to the row above, or a row of its own, and why)
is written over it (`extract.pdf.continuation`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfplumber.display import PageImage
from PIL import ImageFont

from extract.pdf.continuation import JoinDecision, key_columns, mark_continuation
from extract.pdf.page import page_tables
from extract.pdf.tables import GridCell, PageTable
from extract.pdf.unruled import InferredTable, draw_inferred
from extract.write.files import atomic_write

TABLE_COLOUR = (0, 90, 200, 255)  # table outline, row bands and their numbers
# Each kind of cell: its colour (RGB) and legend label. A plain cell, or one merged
# across columns (a span), down row bands, or both ways.
CELL_KINDS = {
    "": ((0, 160, 80), "cell"),
    "columns": ((255, 140, 0), "merged across columns"),
    "rows": ((200, 0, 200), "merged down rows"),
    "both": ((230, 0, 0), "merged both ways"),
}
# Fill opacity (0-255): light enough to read the text under it; merges stronger.
CELL_ALPHA, MERGE_ALPHA = 45, 100
PAGE_END_COLOUR = (255, 190, 0, 255)  # a cell edge the reader closed at a page end
JOIN_COLOUR = (120, 0, 160, 255)  # the judgement of a row cut by a page break
LEGEND = (
    ("table and row bands", TABLE_COLOUR),
    *((label, (*rgb, 255)) for rgb, label in CELL_KINDS.values()),
    ("closed by the page end (no rule)", PAGE_END_COLOUR),
    ("row cut by the page break: joined or not", JOIN_COLOUR),
)
Font = ImageFont.ImageFont | ImageFont.FreeTypeFont
# The picture formats `-o` may name, by extension.
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


class InspectError(Exception):
    """The page cannot be drawn; `exit_code` is 2 for a bad request (no such
    page), 1 for a file that cannot be read."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class PageDrawing:
    """What was found and drawn on the page."""

    tables: int
    cells: int
    column_merges: int
    row_merges: int
    size: tuple[int, int]  # the PNG's width and height in pixels
    page_end_cells: int = 0  # cells closed by the page end, not by a rule
    join: JoinDecision | None = None  # how the first row after the page break went


def inspect_page(
    pdf: Path, page_no: int, out: Path, resolution: int = 100
) -> PageDrawing:
    """Render page `page_no` (1-based) of `pdf` with its detected grid to `out`,
    a PNG or JPEG picture by its extension."""
    image_format = IMAGE_FORMATS.get(out.suffix.lower())
    if image_format is None:
        raise InspectError(
            f"cannot tell the picture format from {out.name!r}; "
            f"name it {' or '.join(IMAGE_FORMATS)}",
            2,
        )
    try:
        document = pdfplumber.open(pdf)
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise InspectError(_unreadable(pdf), 1) from exc
    with document:
        count = len(document.pages)
        if not 1 <= page_no <= count:
            raise InspectError(
                f"{pdf.name} has {count} page{'s' * (count != 1)}; "
                f"--page must be 1 to {count}, not {page_no}",
                2,
            )
        page = document.pages[page_no - 1]
        image = page.to_image(resolution=resolution)
        found = page_tables(page, page_no, [])
        tables = found.tables
        join = _join(document, page_no, tables, found.spaces)
        size = max(8, resolution // 8)
        font = ImageFont.load_default(size=size)
        kinds: Counter[str] = Counter()
        for table in tables:
            kinds.update(_draw_table(image, table, font))
            if isinstance(table, InferredTable):
                draw_inferred(image, table, font)
        if join is not None:
            _draw_join(image, tables[0], join, font)
        _draw_legend(image, font, size)
        picture = image.annotated.convert("RGB")
        atomic_write(out, lambda tmp: picture.save(tmp, format=image_format))
        return PageDrawing(
            tables=len(tables),
            cells=sum(len(t.cells) for t in tables),
            column_merges=kinds["columns"] + kinds["both"],
            row_merges=kinds["rows"] + kinds["both"],
            size=image.annotated.size,
            page_end_cells=sum(
                c.cut_at_foot or c.cut_at_head for t in tables for c in t.cells
            ),
            join=join,
        )


def _join(
    document: pdfplumber.PDF, page_no: int, tables: list[PageTable], spaces: bool
) -> JoinDecision | None:
    """The reader's judgement of the first row of the page's first table, when the
    page before ends in a table (read again, as the reader read it)."""
    if page_no < 2 or not tables:
        return None
    before = page_tables(document.pages[page_no - 2], page_no - 1, []).tables
    if not before:
        return None
    upper = before[-1]
    keys = key_columns(upper.table) or frozenset()
    return mark_continuation(upper, tables[0], spaces, keys)[1]


def _unreadable(pdf: Path) -> str:
    """Why `pdf` did not open: it is no PDF at all, or a damaged one."""
    try:
        with pdf.open("rb") as handle:
            is_pdf = b"%PDF-" in handle.read(1024)
    except OSError as exc:
        return f"{pdf}: cannot read the file ({exc.strerror or exc})"
    if is_pdf:
        return f"{pdf}: a damaged PDF that cannot be opened"
    return f"{pdf}: not a PDF file (inspect draws PDF pages only)"


def _merge_kind(cell: GridCell) -> str:
    """The cell's key in CELL_KINDS."""
    across = cell.last_col > cell.first_col
    down = cell.last_row > cell.first_row
    if across and down:
        return "both"
    return "columns" if across else "rows" if down else ""


def _draw_table(image: PageImage, table: PageTable, font: Font) -> Counter[str]:
    """Cells filled by kind (merges labelled with their grid span), then the row
    bands numbered at the table's left edge; returns the cells counted by kind."""
    kinds: Counter[str] = Counter()
    for cell in table.cells:
        kind = _merge_kind(cell)
        kinds[kind] += 1
        rgb = CELL_KINDS[kind][0]
        fill = (*rgb, MERGE_ALPHA if kind else CELL_ALPHA)
        image.draw_rect(cell.bbox, fill=fill, stroke=rgb)
        if kind:
            cols = f"c{cell.first_col}-{cell.last_col}"
            rows = f"r{cell.first_row}-{cell.last_row}"
            at = _pixel(image, cell.bbox[0] + 2, cell.bbox[1] + 2)
            image.draw.text(at, f"{cols} {rows}", fill=(0, 0, 0, 255), font=font)
    x0, _, x1, _ = table.bbox
    for band, (top, bottom) in enumerate(table.bands):
        image.draw_line([(x0, top), (x1, top)], stroke=TABLE_COLOUR, stroke_width=1)
        x, y = _pixel(image, x0, (top + bottom) / 2)
        label = f"r{band}"
        image.draw.text((x - 4, y), label, fill=TABLE_COLOUR, font=font, anchor="rm")
    image.draw_rect(table.bbox, fill=(0, 0, 0, 0), stroke=TABLE_COLOUR, stroke_width=2)
    for cell in table.cells:
        x0, top, x1, bottom = cell.bbox
        for cut, y in ((cell.cut_at_foot, bottom), (cell.cut_at_head, top)):
            if cut:
                image.draw_line(
                    [(x0, y), (x1, y)], stroke=PAGE_END_COLOUR, stroke_width=3
                )
    return kinds


def _draw_join(
    image: PageImage, table: PageTable, join: JoinDecision, font: Font
) -> None:
    """The judgement written over the row it concerns, its continued cells outlined."""
    top = table.bands[join.band][0]
    verdict = "joined to the row above" if join.joined else "a row of its own"
    label = f"page break: {verdict} ({join.reason})"
    at = _pixel(image, table.bbox[2] - 2, top + 1)  # right-aligned: clear of the key
    box = image.draw.textbbox(at, label, font=font, anchor="ra")
    image.draw.rectangle(box, fill=(255, 255, 255, 230))
    image.draw.text(at, label, fill=JOIN_COLOUR, font=font, anchor="ra")
    for cell in table.cells:
        if cell.first_row == join.band and cell.first_col in join.tails:
            image.draw_rect(cell.bbox, fill=(0, 0, 0, 0), stroke=JOIN_COLOUR[:3],
                            stroke_width=3)  # fmt: skip


def _draw_legend(image: PageImage, font: Font, size: int) -> None:
    """A key in the top left corner, so a saved picture explains itself."""
    width = 12 + size + max(font.getlength(label) for label, _ in LEGEND)
    height = 4 + len(LEGEND) * (size + 4)
    image.draw.rectangle((0, 0, width, height), fill=(255, 255, 255, 230))
    for number, (label, colour) in enumerate(LEGEND):
        y = 4 + number * (size + 4)
        image.draw.rectangle((4, y, 4 + size, y + size), fill=colour)
        image.draw.text((8 + size, y), label, fill=(0, 0, 0, 255), font=font)


def _pixel(image: PageImage, x: float, top: float) -> tuple[int, int]:
    """A point in page coordinates as a pixel of the rendered image."""
    return (
        round((x - image.bbox[0]) * image.scale),
        round((top - image.bbox[1]) * image.scale),
    )
