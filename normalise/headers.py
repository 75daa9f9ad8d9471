"""A table's header: the rows that name its columns, judged once and marked.

A header may be one row or several. Plans group columns under a spanning header
("Action" over What / Who / When): the row below it names the sub-columns, and
those names decide the fields by meaning (What -> action, Who -> lead, When ->
target date), while the group's own name covers only the sub-columns that name
nothing. The header rows, and any later row that prints them again (a header
repeated after a page break or a second table of the plan joined on), are marked
`Row.repeats_as_header`; every later step reads that mark instead of judging again.
Stitching page tables (`normalise.continuation`) asks `repeated_top_rows` which
rows at the top of a page repeat the table's first rows, and marks them.
"""

from __future__ import annotations

from dataclasses import replace

from normalise.columns import ColumnMap, field_for_header, header_map
from normalise.text import fold
from schemas.blocks import Cell, Row, Table

# The header row is looked for in this many rows at the top of a table (a title or
# an agency row may come first).
HEADER_SEARCH_ROWS = 3
# Rows below the first header row that may name sub-columns.
MAX_SUB_HEADER_ROWS = 2
# A header repeated at the top of a page has at most this many rows (a title row
# above a two-row header).
MAX_REPEATED_ROWS = HEADER_SEARCH_ROWS


def find_header(table: Table) -> ColumnMap | None:
    """The column map of the table's header rows, or None if it has none.

    The first of the top rows that reads as a header row starts the header; each
    row right below it whose every text sits under a spanning header cell and
    names a field refines the slots under that cell. A top row that is no header
    alone may be one with the sub-headers under its spanning cells (`_stacked`).
    """
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        columns = header_map(row, table.n_cols)
        if columns is None:
            below = table.rows[index + 1] if index + 1 < len(table.rows) else None
            stacked = _stacked(row, below, table.n_cols)
            if stacked is not None:
                return replace(stacked, header_row=index)
            continue
        columns = replace(columns, header_row=index)
        groups = _spanning(row)
        for below in table.rows[index + 1 : index + 1 + MAX_SUB_HEADER_ROWS]:
            refined = _with_sub_header(columns, groups, below)
            if refined is None:
                break
            columns = refined
        return columns
    return None


def mark_header_rows(table: Table, columns: ColumnMap) -> None:
    """Mark the header rows, and every later row that repeats the header."""
    first, last = columns.header_row, columns.header_row + columns.header_rows
    header_texts = {_texts(row) for row in table.rows[first:last]}
    top = header_map(table.rows[first], table.n_cols)
    fields = set(filter(None, top.slots)) if top is not None else set()
    for index, row in enumerate(table.rows):
        if first <= index < last:
            row.repeats_as_header = True
        elif index >= last and not row.repeats_as_header:
            row.repeats_as_header = _texts(row) in header_texts or _names(
                row, fields, table.n_cols
            )


def _names(row: Row, fields: set[str], n_cols: int) -> bool:
    """Whether a row names the same fields as the header (reworded or reordered)."""
    again = header_map(row, n_cols)
    return again is not None and set(filter(None, again.slots)) == fields


def repeated_top_rows(upper: list[Row], lower: list[Row]) -> int:
    """How many of a page table's first rows print one of the first rows of the
    table it continues again: a header (of one or more rows, maybe under a title
    that does not repeat) printed after a page break. Stitching marks them before
    it joins split rows across them."""
    top = {_texts(row) for row in upper[:MAX_REPEATED_ROWS] if any(_texts(row))}
    count = 0
    while count < min(len(lower), MAX_REPEATED_ROWS) and _texts(lower[count]) in top:
        count += 1
    return count


def _texts(row: Row) -> tuple[str, ...]:
    """A row's cell texts as compared for repeats: folded, lower case."""
    return tuple(fold(cell.text).lower() for cell in row.cells)


def _spanning(row: Row) -> list[Cell]:
    """Header cells over two or more column slots: groups that may have sub-headers."""
    return [c for c in row.cells if c.last_col > c.first_col and fold(c.text)]


def _with_sub_header(
    columns: ColumnMap, groups: list[Cell], row: Row
) -> ColumnMap | None:
    """`columns` refined by a sub-header row, or None if `row` is not one."""
    texts = [c for c in row.cells if fold(c.text) and not c.continues_above]
    if not texts or not groups:
        return None
    named: dict[int, str] = {}
    for cell in texts:
        group = next(
            (g for g in groups if g.first_col <= cell.first_col <= g.last_col), None
        )
        name = field_for_header(cell.text)
        if group is None or cell.last_col > group.last_col:
            return None
        if name is not None:
            named[cell.first_col] = name
    if not named:
        return None
    return _refine(columns, groups, texts, named)


def _refine(
    columns: ColumnMap, groups: list[Cell], texts: list[Cell], named: dict[int, str]
) -> ColumnMap:
    """Slots under each sub-header take its field; a group's own field stays only on
    sub-columns that name nothing, when no sibling took it (else they go to extra)."""
    slots = list(columns.slots)
    headers = list(columns.headers)
    taken = {name for i, name in enumerate(slots) if name and not _under(groups, i)}
    # A group whose columns the sub-headers name is no column of its own.
    refined = {
        fold(g.text)
        for g in groups
        if any(g.first_col <= c.first_col <= g.last_col for c in texts)
    }
    unmapped = [text for text in columns.unmapped if text not in refined]
    for cell in texts:
        group = next(g for g in groups if g.first_col <= cell.first_col <= g.last_col)
        own = columns.slots[group.first_col]
        name = named.get(cell.first_col)
        if name is None or name in taken:
            siblings = {
                named[c] for c in named if group.first_col <= c <= group.last_col
            }
            name = own if own not in siblings and own not in taken else None
        label = f"{fold(group.text)}: {fold(cell.text)}"
        if name is None:
            unmapped.append(label)
        else:
            taken.add(name)
        for slot in range(cell.first_col, min(cell.last_col, len(slots) - 1) + 1):
            slots[slot] = name
            headers[slot] = label
    return replace(
        columns,
        slots=tuple(slots),
        headers=tuple(headers),
        unmapped=tuple(unmapped),
        header_rows=columns.header_rows + 1,
    )


def _stacked(top: Row, below: Row | None, n_cols: int) -> ColumnMap | None:
    """A two-row header whose top row alone names too little: a group header that
    names no field ("Delivery" over What / Who / When) read with the sub-headers
    under it, each sub-column kept as `Group: Sub`."""
    groups = [g for g in _spanning(top) if g.last_col - g.first_col + 1 < n_cols]
    if below is None or not groups:
        return None  # a cell across the whole table is a title, not a group
    cells: list[Cell] = []
    labels: dict[str, str] = {}
    for cell in top.cells:
        subs = [
            c
            for c in below.cells
            if cell in groups
            and fold(c.text)
            and not c.continues_above
            and cell.first_col <= c.first_col <= c.last_col <= cell.last_col
        ]
        cells += subs or [cell]
        labels |= {fold(c.text): f"{fold(cell.text)}: {fold(c.text)}" for c in subs}
    if not labels:
        return None
    columns = header_map(Row(cells=cells), n_cols)
    if columns is None:
        return None
    return replace(
        columns,
        headers=tuple(labels.get(h, h) for h in columns.headers),
        unmapped=tuple(labels.get(h, h) for h in columns.unmapped),
        header_rows=2,
    )


def _under(groups: list[Cell], slot: int) -> bool:
    return any(g.first_col <= slot <= g.last_col for g in groups)
