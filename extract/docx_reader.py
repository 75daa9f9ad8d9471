"""Word reader: a .docx file's paragraphs and tables, in document order.

python-docx's `row.cells` repeats a merged cell in every grid slot it covers and
resolves a vertical merge to the cell above, so a merged question would look typed
nine times. This reader walks the row's own `<w:tc>` elements instead, tracking the
grid column (`gridBefore`, `gridSpan`) and `vMerge`, so each merge is read once and
marked for what it is.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from extract.errors import DocumentLoadError
from extract.types import Block, Cell, ExtractedDocument, Paragraph, Row, Table


def read_docx(path: Path) -> ExtractedDocument:
    """Read a Word document into blocks; raise DocumentLoadError if it cannot open."""
    data = path.read_bytes()
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds
        raise DocumentLoadError(f"not a readable Word document ({exc})") from exc
    return ExtractedDocument(
        source=path,
        format="docx",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=list(_blocks(document)),
    )


def _blocks(document: DocxDocument) -> list[Block]:
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            if item.text.strip():
                blocks.append(_paragraph(item))
        else:
            blocks.append(_table(item))
    return blocks


def _paragraph(paragraph: DocxParagraph) -> Paragraph:
    style = paragraph.style
    name = style.name if style is not None and style.name else ""
    level: int | None = None
    if name.lower().startswith("heading"):
        digits = "".join(ch for ch in name if ch.isdigit())
        level = int(digits) if digits else 1
    elif name.lower() == "title":
        level = 0
    style_bold = bool(style is not None and style.font.bold)
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(
        run.bold or (run.bold is None and style_bold) for run in runs
    )
    return Paragraph(text=paragraph.text.strip(), heading_level=level, bold=bold)


def _table(table: DocxTable) -> Table:
    rows: list[Row] = []
    n_cols = len(table._tbl.tblGrid.gridCol_lst)
    for tr in table._tbl.tr_lst:
        col = tr.grid_before
        cells: list[Cell] = []
        for tc in tr.tc_lst:
            span = tc.grid_span
            continues = tc.vMerge == "continue"
            cells.append(
                Cell(
                    text="" if continues else _cell_text(_Cell(tc, table)),
                    first_col=col,
                    last_col=col + span - 1,
                    continues_above=continues,
                    fill=_fill(tc),
                )
            )
            col += span
        n_cols = max(n_cols, col)
        rows.append(Row(cells=cells, repeats_as_header=_repeats_as_header(tr)))
    return Table(rows=rows, n_cols=n_cols)


def _cell_text(cell: _Cell) -> str:
    """A cell's paragraphs one per line, nested tables included, blank lines dropped."""
    lines: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, DocxParagraph):
            lines.append(item.text.strip())
        else:
            lines.extend(
                _cell_text(inner) for row in item.rows for inner in _unique(row.cells)
            )
    return "\n".join(line for line in lines if line)


def _unique(cells: list[_Cell]) -> list[_Cell]:
    """Cells of a row with python-docx's merge repeats removed."""
    seen: set[int] = set()
    out: list[_Cell] = []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def _fill(tc: object) -> str | None:
    tc_pr = getattr(tc, "tcPr", None)
    shd = tc_pr.find(qn("w:shd")) if tc_pr is not None else None
    fill = shd.get(qn("w:fill")) if shd is not None else None
    if not fill or fill.lower() == "auto":
        return None
    return fill.upper()


def _repeats_as_header(tr: object) -> bool:
    tr_pr = getattr(tr, "trPr", None)
    flag = tr_pr.find(qn("w:tblHeader")) if tr_pr is not None else None
    if flag is None:
        return False
    return flag.get(qn("w:val"), "true").lower() not in ("0", "false", "off")
