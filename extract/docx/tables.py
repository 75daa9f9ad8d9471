"""Word tables on their column grid, wherever their rows and cells sit.

python-docx's `row.cells` repeats a merged cell in every grid slot it covers and
resolves a vertical merge to the cell above, so a merged question would look typed
nine times; and it only sees rows and cells that are direct children of their
table or row. This module walks the XML itself: rows and cells inside content
controls (`w:sdt`) and custom XML are the table's own, a deleted row (`w:trPr/w:del`)
is gone in the final view, and each cell is placed by tracking the grid column
(`gridBefore`, `gridSpan`) and `vMerge`, so each merge is read once and marked for
what it is. A table inside a cell is part of that cell's text, row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree

from extract.docx.text import ParagraphText, Story, chosen_branch, run_on, sdt_content
from extract.docx.xml import MC, W, child_of, on
from schemas.blocks import Cell, Row, Table

_DELETED = getattr(W, "del")
# What reads an `w:altChunk` into lines of text (the reader knows the parts).
ChunkLines = Callable[[etree._Element], list[str]]


def read_table(tbl: etree._Element, story: Story, chunk_lines: ChunkLines) -> Table:
    """A table's rows on its grid; a cell's text is its paragraphs, one per line."""
    n_cols = len(tbl.findall(f"{W.tblGrid}/{W.gridCol}"))
    rows: list[Row] = []
    for tr in table_rows(tbl):
        col = _int(child_of(child_of(tr, W.trPr), W.gridBefore), 0)
        cells: list[Cell] = []
        for tc in row_cells(tr):
            tc_pr = child_of(tc, W.tcPr)
            span = max(_int(child_of(tc_pr, W.gridSpan), 1), 1)
            merge = child_of(tc_pr, W.vMerge)
            continues = merge is not None and merge.get(W.val, "continue") == "continue"
            text = "" if continues else cell_text(tc, story, chunk_lines)
            cells.append(Cell(text, col, col + span - 1, continues, _fill(tc_pr)))
            col += span
        n_cols = max(n_cols, col)
        rows.append(Row(cells=cells, repeats_as_header=_repeats_as_header(tr)))
    return Table(rows=rows, n_cols=n_cols)


def table_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """A table's rows in order, through row-level wrappers; deleted rows left out."""
    for tr in _unwrapped(tbl, W.tr):
        if child_of(child_of(tr, W.trPr), _DELETED) is None:
            yield tr


def row_cells(tr: etree._Element) -> Iterator[etree._Element]:
    """A row's cells in order, through cell-level wrappers."""
    return _unwrapped(tr, W.tc)


def cell_text(tc: etree._Element, story: Story, chunk_lines: ChunkLines) -> str:
    """A cell's shown lines (nested tables' cells included), blank lines dropped."""
    story.close_fields()
    lines = [line.strip() for line in _lines(tc, story, chunk_lines)]
    story.close_fields()
    return "\n".join(line for line in lines if line)


def _lines(
    container: etree._Element, story: Story, chunk_lines: ChunkLines
) -> Iterator[str]:
    for child in run_on(container, story):
        if isinstance(child, ParagraphText):
            yield child.text
            continue
        tag = child.tag
        if tag == W.tbl:
            for tr in table_rows(child):
                for tc in row_cells(tr):
                    merge = child_of(child_of(tc, W.tcPr), W.vMerge)
                    if merge is None or merge.get(W.val, "continue") != "continue":
                        yield cell_text(tc, story, chunk_lines)
        elif tag == W.sdt:
            content = sdt_content(child)
            if content is not None:
                yield from _lines(content, story, chunk_lines)
        elif tag == W.customXml:
            yield from _lines(child, story, chunk_lines)
        elif tag == W.altChunk:
            yield from chunk_lines(child)
        elif tag == MC.AlternateContent:
            branch = chosen_branch(child)
            if branch is not None:
                yield from _lines(branch, story, chunk_lines)


def _unwrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children of `parent` with `tag`, looking inside `w:sdt` content and
    `w:customXml` (which may nest)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == W.sdt:
            content = child_of(child, W.sdtContent)
            if content is not None:
                yield from _unwrapped(content, tag)
        elif child.tag == W.customXml:
            yield from _unwrapped(child, tag)


def is_layout_frame(tbl: etree._Element) -> bool:
    """A table of one column whose cells hold tables: a frame the plan is laid
    out in, not a table of the plan."""
    rows = list(table_rows(tbl))
    if not rows or any(len(list(row_cells(tr))) != 1 for tr in rows):
        return False
    return any(inner is not tbl for inner in tbl.iter(W.tbl))


def _int(element: etree._Element | None, default: int) -> int:
    value = element.get(W.val) if element is not None else None
    return int(value) if value is not None and value.isdigit() else default


def _fill(tc_pr: etree._Element | None) -> str | None:
    shd = child_of(tc_pr, W.shd)
    fill = shd.get(W.fill) if shd is not None else None
    if not fill or fill.lower() == "auto":
        return None
    return fill.upper()


def _repeats_as_header(tr: etree._Element) -> bool:
    flag = child_of(child_of(tr, W.trPr), W.tblHeader)
    return flag is not None and on(flag.get(W.val), True)
