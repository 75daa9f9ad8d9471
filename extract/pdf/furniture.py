"""Running headers and footers: what a producer prints in every page's margin.

Browsers print the date, the page's title, its address and "2/5" in the page
margins; report generators and word processors a running title and "Page 2 of 5".
Such lines are no part of the plan, and between a table's part on one page and its
part on the next they would cut the table in two. A paragraph is furniture when
all its lines lie in the page's top or bottom band (`furniture_band` of the page
height) and the same text, its numbers aside, stands in the same band on another
page, and on at least half the pages; a page number on its own is furniture on
any page. A table found without rules may have taken such a line in as its first
or last row: that row, all its cells one band tall and in a band, is judged the
same way and taken out (a ruled table's rows are inside its rules: never).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from extract.pdf.settings import SETTINGS
from extract.pdf.tables import PageTable
from extract.pdf.text import Line
from extract.pdf.unruled_cells import InferredTable

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")


def is_page_number(line: Line, height: float) -> bool:
    """A page number alone on its line, in the top or bottom band."""
    return in_margin(line, height) and bool(_PAGE_NUMBER.match(line.text.strip()))


def in_margin(line: Line, height: float) -> bool:
    """Whether a line lies in the page's top or bottom band, where running
    headers and footers stand (often wider than the body: no measure of it)."""
    return _margin_side(line.top, line.bottom, height) is not None


def margin_signature(lines: Sequence[Line], height: float) -> str | None:
    """What a paragraph's lines print, numbers aside, and in which band ("top"
    or "bottom"), when they all lie in one; else None (body text)."""
    side = _margin_side(lines[0].top, lines[-1].bottom, height)
    if side is None:
        return None
    return _signature(side, " ".join(line.text for line in lines))


def _signature(side: str, text: str) -> str:
    """A band and the text printed there, white space folded, numbers aside."""
    folded = " ".join(text.split()).lower()
    return f"{side}|{_NUMBER.sub('#', folded)}"


def _margin_side(top: float, bottom: float, height: float) -> str | None:
    band = SETTINGS.furniture_band * height
    if bottom <= band:
        return "top"
    if top >= height - band:
        return "bottom"
    return None


def running(signatures: Sequence[set[str]]) -> set[str]:
    """The signatures (one set per page) that stand on more than one page, and
    on at least half of them, as running headers and footers do (a heading or a
    row that happens to recur at a page top on two pages of sixty does not)."""
    pages = Counter(signature for page in signatures for signature in page)
    least = max(2, len(signatures) // 2)
    return {signature for signature, count in pages.items() if count >= least}


def edge_signatures(table: PageTable, height: float) -> tuple[str | None, str | None]:
    """What a table found without rules prints in its first and last rows, as
    `margin_signature` says it, where the row lies in the page's top (first) or
    bottom (last) band and each of its cells is one band tall; else None. A
    ruled table's rows lie inside its rules: never a header or footer."""
    if not isinstance(table, InferredTable) or len(table.bands) < 2:
        return None, None
    return _row_signature(table, 0, "top", height), _row_signature(
        table, len(table.bands) - 1, "bottom", height
    )


def _row_signature(table: PageTable, band: int, side: str, height: float) -> str | None:
    top, bottom = table.bands[band]
    if _margin_side(top, bottom, height) != side:
        return None
    cells = [c for c in table.cells if c.first_row <= band <= c.last_row]
    if any(c.first_row != c.last_row for c in cells):
        return None
    text = " ".join(c.text for c in table.table.rows[band].cells)
    return _signature(side, text) if text.strip() else None


def without_edge_rows(table: PageTable, first: bool, last: bool) -> PageTable:
    """The table without its first and/or last row (a running header or footer
    taken in), its bands, cells and box shrunk to what is left."""
    keep = range(1 if first else 0, len(table.bands) - (1 if last else 0))
    shift = keep.start
    cells = [
        replace(c, first_row=c.first_row - shift, last_row=c.last_row - shift)
        for c in table.cells
        if keep.start <= c.first_row and c.last_row < keep.stop
    ]
    bands = [table.bands[b] for b in keep]
    rows = [table.table.rows[b] for b in keep]
    x0, _, x1, _ = table.bbox
    return replace(
        table,
        table=replace(table.table, rows=rows),
        bbox=(x0, bands[0][0], x1, bands[-1][1]),
        cells=cells,
        bands=bands,
    )
