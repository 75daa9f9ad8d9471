"""Cells of a table found without a full grid, in the ruled reader's shapes.

The finder (`extract.pdf.unruled`) decides the columns and the row bands; this
module places each column's lines in a band into one cell, or into the lower part
of a merged cell that runs on from above (text that goes on across a boundary no
rule closes, in a key column), makes a band whose only text is a first-column
heading one cell across the table, and builds the `PageTable` (`InferredTable`)
with boxes, fills and cell text that continuation and normalising expect.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import median

from extract.pdf.gutters import Header, Segment, header_text
from extract.pdf.objects import PdfObject
from extract.pdf.row_bands import Rule, spans
from extract.pdf.tables import GridCell, PageTable, _fill_of
from extract.pdf.text import Line, filled, join_lines, separator, space_width
from extract.pdf.word_breaks import WORD_BREAK
from schemas.blocks import Cell, Row, Table


@dataclass(slots=True)
class InferredTable(PageTable):
    """A table found without a full grid: its inferred column and row edges, and
    what the rows were told apart by (`rules`, `bands` or `white space`)."""

    col_edges: tuple[float, ...] = ()
    row_edges: tuple[float, ...] = ()
    evidence: str = ""
    header: Header | None = None
    foot_rule: bool = False  # a rule drawn under the page's last row
    doubts: tuple[str, ...] = ()  # row starts told on thin evidence, and why


# Whether a key-column segment opens a group, given the lines of its column's
# cell above it and the lines that follow it in its column without a break.
Opener = Callable[[Segment, Sequence[Line], Sequence[Line]], bool]


@dataclass(frozen=True, slots=True)
class Bound:
    """A boundary between two row bands; `rule` is what was drawn there (None for
    white space), which says which columns it closes."""

    y: float
    rule: Rule | None = None
    doubt: str | None = None  # why the evidence for a white-space boundary is thin

    def closes(self, x: float) -> bool:
        return self.rule is not None and self.rule.x0 <= x <= self.rule.x1


@dataclass(slots=True)
class Grid:
    """Cells built band by band: a column's text in a band is one cell, or the
    lower part of a merged cell that runs on from above."""

    n_cols: int
    edges: tuple[float, ...]
    bounds: list[Bound]
    threshold: float
    key_cols: frozenset[int]
    question_cols: frozenset[int]
    opens_group: Opener
    cells: list[GridCell] = field(default_factory=list)
    rows: list[list[tuple[GridCell, bool]]] = field(default_factory=list)
    _open: dict[int, GridCell] = field(default_factory=dict)
    _last: dict[int, Segment] = field(default_factory=dict)

    def add_band(self, band: int, segs: list[Segment]) -> None:
        """Place one band's segments; `band` counts from 0 below the header."""
        by_col: dict[int, list[Segment]] = {}
        for seg in segs:
            by_col.setdefault(seg.first_col, []).append(seg)
        entries: list[tuple[GridCell, bool]] = []
        col = 0
        while col < self.n_cols:
            cell, starts = self._place(band, col, by_col)
            entries.append((cell, starts))
            col = cell.last_col + 1
        self.rows.append(entries)
        self._full_width(band, entries)

    def _place(
        self, band: int, col: int, by_col: dict[int, list[Segment]]
    ) -> tuple[GridCell, bool]:
        segs = by_col.get(col, [])
        above = self._open.get(col)
        bound = self.bounds[band] if band > 0 else None
        x = (self.edges[col] + self.edges[col + 1]) / 2
        if above is not None and bound is not None and not bound.closes(x):
            last = self._last.get(col)
            runs_on = (
                bool(segs)
                and last is not None
                and segs[0].top - last.bottom <= self.threshold
                and spans(segs[0]) == spans(last)
                and (bound.rule is not None or col in self.key_cols)
                and not self.opens_group(
                    segs[0], _ordered(above.lines), [s.line for s in segs[1:]]
                )
            )
            empty_open = not segs and (
                bound.rule is not None or col in self.question_cols
            )
            if runs_on or empty_open:
                above.lines += [s.line for s in segs]
                above.last_row = band
                if segs:
                    self._last[col] = segs[-1]
                return above, False
        later = [c for c in by_col if c > col]
        last_col = max([col, *(s.last_col for s in segs)])
        if later:
            last_col = min(last_col, min(later) - 1)
        cell = GridCell(
            bbox=(0.0, 0.0, 0.0, 0.0),
            first_col=col,
            last_col=last_col,
            first_row=band,
            last_row=band,
            lines=[s.line for s in segs],
        )
        self.cells.append(cell)
        self._open[col] = cell
        if segs:
            self._last[col] = segs[-1]
        return cell, True

    def _full_width(self, band: int, entries: list[tuple[GridCell, bool]]) -> None:
        """A band whose only text is a new cell in the first column, bold or
        running across columns, is one cell across the table (a heading)."""
        texts = [(c, s) for c, s in entries if c.lines]
        if len(texts) != 1 or not texts[0][1] or texts[0][0].first_col != 0:
            return
        cell = texts[0][0]
        if cell.last_row != band or any(not s for _, s in entries):
            return
        if cell.last_col == 0 and not all(ln.bold for ln in cell.lines):
            return
        for other, _ in entries:
            if other is not cell:
                self.cells.remove(other)
        cell.last_col = self.n_cols - 1
        self.rows[band] = [(cell, True)]
        self._open = {}
        self._last = {}


def page_table(
    page_no: int,
    spaces: bool,
    shading: tuple[PdfObject, ...],
    header: Header | None,
    grid: Grid,
    evidence: str,
) -> InferredTable:
    """The ruled reader's shapes from the grid: bands, cells with boxes and
    fills, rows of `Cell`s (the header row first, when the page prints it)."""
    ys = [b.y for b in grid.bounds]
    offset = 1 if header is not None else 0
    bands = list(itertools.pairwise(ys))
    cells = list(grid.cells)
    for cell in cells:
        cell.first_row += offset
        cell.last_row += offset
    if header is not None:
        top = header.top - (ys[0] - header.bottom)
        bands.insert(0, (top, ys[0]))
        head = [
            GridCell((0, 0, 0, 0), i, i, 0, 0, lines=list(phrase))
            for i, phrase in enumerate(header.phrases)
        ]
        cells = head + cells
        grid.rows.insert(0, [(c, True) for c in head])
    fills = list(reversed(shading))  # the topmost fill of a cell wins
    reach = _reach(grid.cells)
    for cell in cells:
        cell.bbox = _cell_box(cell, grid.edges, bands, reach)
        cell.fill = _fill_of(cell.bbox, fills)
    wraps = spaces and _wraps_at_spaces(grid.cells)
    rows = [_row(entries, wraps, page_no, reach) for entries in grid.rows]
    if header is not None:
        for cell in rows[0].cells:
            phrase = header.phrases[cell.first_col]
            rows[0].cells[cell.first_col] = _with_text(
                cell, header_text(list(phrase), spaces)
            )
    table = Table(rows=rows, n_cols=grid.n_cols, page=page_no, col_edges=grid.edges)
    x0 = min([grid.edges[0], *(ln.x0 for c in cells for ln in c.lines)])
    x1 = max([grid.edges[-1], *(ln.x1 for c in cells for ln in c.lines)])
    bbox = (x0, bands[0][0], x1, bands[-1][1])
    padding, pitch = _metrics(cells, len(bands))
    return InferredTable(
        table,
        bbox,
        cells,
        bands,
        padding,
        pitch,
        col_edges=grid.edges,
        row_edges=(*tuple(b[0] for b in bands), bands[-1][1]),
        evidence=evidence,
    )


def _cell_box(
    cell: GridCell,
    edges: tuple[float, ...],
    bands: list[tuple[float, float]],
    reach: dict[int, float],
) -> tuple[float, float, float, float]:
    """A cell's box: from its column's boundary to as far right as text reaches
    in its last column, plus the padding its text keeps on the left (no rule
    shows the cell's edge; joins across pages read the inner edge off the box)."""
    left = edges[cell.first_col]
    right = edges[cell.last_col + 1]
    single = cell.first_col == cell.last_col
    if cell.lines and cell.last_col in reach and cell.first_row > 0 and single:
        pad = max(0.0, min(ln.x0 for ln in cell.lines) - left)
        right = min(right, reach[cell.last_col] + pad)
    return (left, bands[cell.first_row][0], right, bands[cell.last_row][1])


def _reach(cells: list[GridCell]) -> dict[int, float]:
    """How far right text reaches in each column (by a cell's last column): with
    no rule to show a cell's inner edge, its widest lines show it."""
    reach: dict[int, float] = {}
    for cell in cells:
        if cell.first_col != cell.last_col:
            continue  # a merged cell's text reaches as far as its last column's
        for line in cell.lines:
            reach[cell.last_col] = max(reach.get(cell.last_col, line.x1), line.x1)
    return reach


def _wraps_at_spaces(cells: list[GridCell]) -> bool:
    """Whether the producer prints the space where a line wraps: some line that
    is not a cell's last ends with one. Where none does, a missing space at a
    line end is no evidence of a word broken at the edge."""
    return any(
        line.text.endswith(" ") for cell in cells for line in _ordered(cell.lines)[:-1]
    )


def _row(
    entries: list[tuple[GridCell, bool]],
    spaces: bool,
    page_no: int,
    reach: dict[int, float],
) -> Row:
    cells = []
    for cell, starts in entries:
        right = reach.get(cell.last_col, cell.bbox[2])
        text = _join_cell(_ordered(cell.lines), right, spaces) if starts else ""
        cells.append(cell.in_band(text, starts, page_no))
    return Row(cells=cells, page_start=page_no, page_end=page_no)


def _with_text(cell: Cell, text: str) -> Cell:
    return Cell(
        text=text,
        first_col=cell.first_col,
        last_col=cell.last_col,
        fill=cell.fill,
        page=cell.page,
        bbox=cell.bbox,
    )


def _join_cell(lines: list[Line], right: float, spaces: bool) -> str:
    """A cell's text, as `join_lines` gives it; where the producer prints no
    space at a wrap, a line so full that not even the next line's first letter
    would have fitted, ending in a letter before one, may be a long word split
    at the edge, so that line end is left to the word-break judgement
    (`WORD_BREAK`) instead of a space."""
    if spaces or len(lines) < 2:
        return join_lines(lines, right, spaces)
    space = space_width(lines)
    parts = [lines[0].text.strip()]
    for prev, line in itertools.pairwise(lines):
        tail, head = prev.text.rstrip(), line.text.lstrip()
        split = filled(prev, line, right) and tail[-1:].isalpha() and head[:1].isalpha()
        joiner = separator(prev, line, right, spaces, space)
        parts.append(WORD_BREAK if split else joiner)
        parts.append(head.strip())
    return "".join(parts).strip()


def _ordered(lines: list[Line]) -> list[Line]:
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))


def _metrics(cells: list[GridCell], bands: int) -> tuple[float, float]:
    """The white space under the lowest line of a row, and the line pitch.

    The padding is measured at the bottom of the rows above the page's last
    (which a page break may cut): a cell whose text ends within it of its
    row's bottom was full, and may run on over the page."""
    lowest: dict[int, float] = {}
    bottoms: dict[int, float] = {}
    for cell in cells:
        if cell.lines and cell.first_row == cell.last_row < bands - 1:
            band = cell.last_row
            lowest[band] = max(lowest.get(band, 0.0), cell.lines[-1].bottom)
            bottoms[band] = cell.bbox[3]
    pads = [bottoms[band] - lowest[band] for band in lowest]
    pitches = [
        b.top - a.top
        for c in cells
        for a, b in itertools.pairwise(_ordered(c.lines))
        if b.top > a.top
    ]
    return (median(pads) if pads else 2.0, median(pitches) if pitches else 10.0)
