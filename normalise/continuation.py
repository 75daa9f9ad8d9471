"""Tables stitched across pages: one logical table per run of page tables.

PDF pages cut a long table into one table per page; the reader marks what the
geometry shows (a repeated header row, a first row that continues the last row of
the previous page). This step acts on those marks only: it joins consecutive tables
on the same column grid, drops repeated headers, and rejoins split rows, keeping
the page range of each row.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, TypeVar

from normalise.headers import repeated_top_rows
from normalise.text import fold
from schemas.blocks import Block, Cell, Row, Table

# Column edges of two page tables agree within this share of the table width.
EDGE_TOLERANCE = 0.02


def stitch_tables(blocks: list[Block]) -> list[Block]:
    """Blocks with each run of same-grid tables joined into one table; a page
    table on part of the grid (a column with no cell on that page: a cell
    merged down from the page before, left open) is placed on it first."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if not (isinstance(block, Table) and isinstance(previous, Table)):
            out.append(block)
        elif same_grid(previous, block):
            out[-1] = _join(previous, block)
        elif (placed := on_grid(block, previous.col_edges)) is not None:
            out[-1] = _join(previous, placed)
        elif (placed := on_grid(previous, block.col_edges)) is not None:
            out[-1] = _join(placed, block)
        else:
            out.append(block)
    return out


def on_grid(table: Table, edges: tuple[float, ...]) -> Table | None:
    """`table` with its cells placed on the column grid `edges`, when its
    column edges are part of the grid's (`grid_slots`); else None."""
    slots = grid_slots(table.col_edges, edges)
    return None if slots is None else placed(table, slots, edges)


def placed(table: Table, slots: list[int], edges: tuple[float, ...]) -> Table:
    """`table` on the grid `edges`, its column edge i being the grid's `slots[i]`."""
    rows = [
        replace(row, cells=[in_slots(cell, slots) for cell in row.cells])
        for row in table.rows
    ]
    return Table(rows=rows, n_cols=len(edges) - 1, page=table.page, col_edges=edges)


class _OnGrid(Protocol):
    first_col: int
    last_col: int


CellT = TypeVar("CellT", bound=_OnGrid)


def in_slots(cell: CellT, slots: list[int]) -> CellT:
    """A cell (a table's, or a PDF reader's grid cell) moved to the grid slots
    its column edges are (`grid_slots`)."""
    first, last = slots[cell.first_col], slots[cell.last_col + 1] - 1
    return replace(cell, first_col=first, last_col=last)  # type: ignore[type-var]


def grid_slots(part: tuple[float, ...], edges: tuple[float, ...]) -> list[int] | None:
    """For each of `part`'s column edges, the index of the same edge of the grid
    `edges`; None unless every one is there and `part` has more than half of the
    grid's columns (a table of a column or two across a wide grid is another)."""
    n_cols = len(edges) - 1
    if not part or n_cols < 2 or (len(part) - 1) * 2 <= n_cols or part == edges:
        return None
    width = (edges[-1] - edges[0]) or 1.0
    slots = []
    for x in part:
        near = min(range(len(edges)), key=lambda i: abs(edges[i] - x))
        if abs(edges[near] - x) > EDGE_TOLERANCE * width:
            return None
        slots.append(near)
    return slots if slots == sorted(set(slots)) else None


def same_grid(upper: Table, lower: Table) -> bool:
    """Whether `lower` continues `upper`: same column count and, where the reader
    measured them, the same column edges."""
    if upper.n_cols != lower.n_cols:
        return False
    if not upper.col_edges or not lower.col_edges:
        return True
    width = (upper.col_edges[-1] - upper.col_edges[0]) or 1.0
    return len(upper.col_edges) == len(lower.col_edges) and all(
        abs(a - b) <= EDGE_TOLERANCE * width
        for a, b in zip(upper.col_edges, lower.col_edges, strict=True)
    )


def _join(upper: Table, lower: Table) -> Table:
    """`lower` appended to `upper`: its top rows that print `upper`'s top rows again
    (a header of one or more rows repeated after the page break) marked as header
    rows, and a row the reader marked as continuing the previous one joined to it."""
    rows = list(upper.rows)
    repeated = repeated_top_rows(upper.rows, lower.rows)
    for index, row in enumerate(lower.rows):
        if index < repeated:
            row.repeats_as_header = True
        last = _last_data_row(rows)
        if row.continues_previous and last is not None and not row.repeats_as_header:
            rows[last] = join_rows(rows[last], row)
        else:
            rows.append(row)
    return Table(
        rows=rows, n_cols=upper.n_cols, page=upper.page, col_edges=upper.col_edges
    )


def _last_data_row(rows: list[Row]) -> int | None:
    for index in range(len(rows) - 1, -1, -1):
        if not rows[index].repeats_as_header:
            return index
    return None


def join_rows(upper: Row, lower: Row) -> Row:
    """One row from a row and its continuation: cell texts joined slot by slot."""
    by_slot = {cell.first_col: cell for cell in lower.cells}
    cells: list[Cell] = []
    for cell in upper.cells:
        tail = by_slot.pop(cell.first_col, None)
        text = cell.text
        if tail is not None and fold(tail.text):
            text = (
                f"{text.rstrip()}{tail.joiner}{tail.text}" if fold(text) else tail.text
            )
        cells.append(
            Cell(
                text=text,
                first_col=cell.first_col,
                last_col=cell.last_col,
                continues_above=cell.continues_above,
                fill=cell.fill or (tail.fill if tail else None),
                page=cell.page,
                bbox=cell.bbox,
            )
        )
    cells.extend(by_slot.values())
    cells.sort(key=lambda cell: cell.first_col)
    return Row(
        cells=cells,
        page_start=upper.page_start,
        page_end=lower.page_end or lower.page_start,
        repeats_as_header=upper.repeats_as_header,
    )
